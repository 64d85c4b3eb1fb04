"""The evaluation's lesion generator (tests/imaging/lesion_generator.py): seeded, truthful geometry."""

import math

import numpy as np
import pytest
from scipy import ndimage

from services.imaging.analysis.volume import Volume
from tests.imaging import lesion_generator as gen

PELVIS_SEEDS = (0, 3)   # two pelvis cases: 3 lesions each, in contact, moulding and apart


@pytest.fixture(scope="module")
def pelvis():
    return gen.scan_context("pelvis")


@pytest.fixture(scope="module")
def cases():
    return [gen.make_case(seed) for seed in PELVIS_SEEDS]


def _soft_tissue_point(ctx: gen.ScanContext, clearance_mm: float) -> np.ndarray:
    """A point of allowed soft tissue at least clearance_mm from bone, metal and unallowed tissue."""
    room = ndimage.distance_transform_edt(ctx.allowed, sampling=ctx.volume.spacing)
    ok = (room >= clearance_mm) & (ctx.sdf >= clearance_mm)
    ijk = np.argwhere(ok)[0]
    return np.asarray(ctx.volume.affine)[:3, :3] @ ijk + np.asarray(ctx.volume.affine)[:3, 3]


def test_the_same_seed_gives_the_same_case(cases):
    again = gen.make_case(PELVIS_SEEDS[0])
    first = cases[0]
    assert (again.scan, again.thickness_mm) == (first.scan, first.thickness_mm)
    assert np.array_equal(again.volume.hu, first.volume.hu)
    assert np.allclose(again.volume.affine, first.volume.affine)
    assert [t.row() for t in again.lesions] == [t.row() for t in first.lesions]
    assert gen.make_case(PELVIS_SEEDS[1]).thickness_mm != first.thickness_mm


@pytest.mark.parametrize("thickness", [0.8, 2.0, 5.0])
def test_a_solid_sphere_has_the_volume_of_a_sphere(pelvis, thickness):
    grid = gen.resample_slices(pelvis.volume, thickness)
    radius = 9.0
    centre = _soft_tissue_point(pelvis, radius + 6) + np.array([0.37, -0.81, 0.53])  # off the voxel grid
    plan = gen.LesionPlan([gen.Ball(centre, radius, 900.0)], septum_mm=1.0, septum_hu=40.0)
    _, (truth,) = gen.render(pelvis, grid, [plan], None, thickness)
    expected = 4 / 3 * math.pi * radius ** 3 / 1000
    assert truth.volume_ml == pytest.approx(expected, rel=0.03)
    assert truth.calcified_ml == pytest.approx(expected, rel=0.03)
    assert truth.fluid_ml == 0
    assert np.allclose(truth.extents_mm, 2 * radius, atol=max(grid.spacing) / 2 + 0.5)
    assert truth.mask.sum() * grid.voxel_ml == pytest.approx(expected, rel=0.15)


@pytest.mark.parametrize("position, posterior", [("HFS", True), ("HFP", False)])
def test_the_sediment_level_is_perpendicular_to_gravity(pelvis, position, posterior):
    grid = gen.resample_slices(pelvis.volume, 1.0)
    grid = Volume(hu=grid.hu, affine=grid.affine, patient_position=position, source=grid.source)
    centre = _soft_tissue_point(pelvis, 20)
    loculus = gen.Ball(centre, 12.0, 800.0, wall_mm=2.0, fluid_hu=15.0, sediment_hu=700.0, sediment_mm=8.0)
    up = -grid.gravity()
    # the material function: sediment below a plane perpendicular to gravity, fluid above it
    axis = np.arange(-10, 10.01, 0.25)
    points = centre + np.stack(np.meshgrid(axis, axis, axis, indexing="ij"), -1).reshape(-1, 3)
    _inside, hu, _calcified, fluid = gen._materials(points, [loculus], 1.0, 40.0, up)
    cavity = np.linalg.norm(points - centre, axis=1) <= loculus.inner_mm
    height = (points - centre) @ up + loculus.inner_mm
    sediment = cavity & (hu == 700.0)
    assert sediment.any() and fluid.any()
    assert height[sediment].max() <= 8.0 < height[fluid].min()
    assert not (fluid & ~cavity).any()
    # on the rendered grid: the sediment lies on the gravity side (posterior when supine)
    _, (truth,) = gen.render(pelvis, grid, [gen.LesionPlan([loculus], 1.0, 40.0)], None, 1.0)
    assert truth.has_fluid_level
    image = np.zeros(grid.hu.shape, np.float32)
    rendered, _ = gen.render(pelvis, grid, [gen.LesionPlan([loculus], 1.0, 40.0)], None, 1.0)
    image[truth.box] = rendered.hu[truth.box]
    ijk = np.argwhere(truth.full_mask(grid.hu.shape))
    xyz = ijk @ np.asarray(grid.affine)[:3, :3].T + np.asarray(grid.affine)[:3, 3]
    values = image[tuple(ijk.T)]
    inner = np.linalg.norm(xyz - centre, axis=1) <= loculus.inner_mm - 1.5
    dense_y = xyz[inner & (values > 500), 1].mean()
    fluid_y = xyz[inner & (values < 100), 1].mean()
    assert (dense_y > fluid_y) == posterior


def test_lesions_lie_in_soft_tissue_at_the_requested_gap(cases):
    seen = set()
    for case in cases:
        ctx = gen.scan_context(case.scan)
        affine = np.asarray(case.volume.affine)
        voxel = float(max(case.volume.spacing.max(), ctx.volume.spacing.max()))
        for truth in case.lesions:
            seen.add(truth.mode)
            requested = max(truth.requested_gap_mm, 0.0)
            assert truth.gap_mm == pytest.approx(requested, abs=0.3)
            if truth.mode == "moulding":
                assert truth.overlap_mm == pytest.approx(-truth.requested_gap_mm, abs=0.3)
                assert truth.overlap_mm <= max(gen.MOULDING_OVERLAP_MM) + 0.3
            # independently: the truth mask's voxel centres against the real scan's bone mask
            ijk = np.argwhere(truth.full_mask(case.volume.hu.shape))
            xyz = ijk @ affine[:3, :3].T + affine[:3, 3]
            src = np.rint(ctx.to_index(xyz)).astype(int)
            src = np.clip(src, 0, np.array(ctx.bone.shape) - 1)
            assert ctx.bone[tuple(src.T)].mean() < 0.05          # bone kept where bone is
            distance = ndimage.distance_transform_edt(~ctx.bone, sampling=ctx.volume.spacing)
            nearest = float(distance[tuple(src.T)].min())
            assert nearest == pytest.approx(requested, abs=voxel + ctx.volume.spacing.max() / 2)
            # soft tissue: the voxels clear of bone lie in the allowed soft tissue
            clear = ctx.sdf[tuple(src.T)] > 2
            assert ctx.allowed[tuple(src[clear].T)].mean() >= 0.95
            assert truth.bone_contact is (True if truth.gap_mm <= gen.CONTACT_MM else
                                          False if truth.gap_mm >= gen.APART_MM else None)
            assert truth.metal_distance_mm >= gen.METAL_MIN_MM
    assert {"contact", "gap"} <= seen


def test_the_lesions_of_a_case_do_not_overlap(cases):
    for case in cases:
        assert len(case.lesions) >= 2
        total = np.zeros(case.volume.hu.shape, np.int16)
        for truth in case.lesions:
            total += truth.full_mask(case.volume.hu.shape)
        assert total.max() == 1

"""A lesion's calcified volume from each voxel's calcium share, whatever the voxel size and phase.

The lesions here are rendered exactly (each voxel the mean of its sub-samples, as the evaluation's
generator draws them: touching nodules, thin septa between them, walled loculi with sediment,
noise), on grids of 0.6 to 5 mm slices and at several phases, and the reported `volume` is
compared with the calcium the voxels hold (the generator's own truth: nodules, walls, sediment).
"""

import math

import numpy as np
import pytest
from scipy import ndimage

from services.imaging.analysis import Volume, find_lesions
from services.imaging.analysis.calcium import blur, pure_density, smoothed
from services.imaging.analysis.lesions import _median3_at
from tests.imaging import lesion_generator
from tests.imaging.lesion_generator import Ball, _materials

SOFT_TISSUE_HU = 40.0
SUB_MM = 0.5                                  # sub-sample step: partial volume to a sixth of a 3 mm voxel
PHASES = [(0.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.25, 0.7, 0.1)]
UP = np.array([0.0, -1.0, 0.0])               # supine: anterior is up
SEPTUM = (1.0, 30.0)                          # mm, HU: a thin fibrous septum between touching nodules


def render(balls: list[Ball], spacing, phase, noise_hu: float, seed: int = 5) -> tuple[Volume, float]:
    """A block of soft tissue holding the cluster, 25 mm round it; and the calcium it holds (mL)."""
    spacing = np.asarray(spacing, float)
    centres = np.array([b.centre for b in balls])
    radii = np.array([b.radius_mm for b in balls])
    lo = (centres - radii[:, None]).min(0) - 25.0
    hi = (centres + radii[:, None]).max(0) + 25.0
    shape = np.ceil((hi - lo) / spacing).astype(int)
    origin = lo + np.asarray(phase) * spacing
    sub = [max(1, math.ceil(s / SUB_MM - 1e-9)) for s in spacing]
    offsets = [(np.arange(n) + 0.5) / n - 0.5 for n in sub]
    hu = np.full(tuple(shape), SOFT_TISSUE_HU, np.float32)
    calcium = 0.0
    # Only the voxels the cluster can reach are supersampled.
    first = np.maximum(np.floor((centres - radii[:, None]).min(0) - origin) / spacing - 1, 0).astype(int)
    last = np.minimum(np.ceil(((centres + radii[:, None]).max(0) - origin) / spacing) + 2, shape).astype(int)
    ijk = np.stack(np.meshgrid(*[np.arange(a, b) for a, b in zip(first, last, strict=True)], indexing="ij"), -1)
    cells = ijk.reshape(-1, 3).astype(float)
    steps = np.stack(np.meshgrid(*offsets, indexing="ij"), -1).reshape(-1, 3)
    per = len(steps)
    for start in range(0, len(cells), max(1, 200_000 // per)):
        part = cells[start:start + max(1, 200_000 // per)]
        points = ((part[:, None, :] + steps[None]) * spacing + origin).reshape(-1, 3)
        inside, value, calcified, _ = _materials(points, balls, *SEPTUM, UP)
        value = np.where(inside, value, SOFT_TISSUE_HU).reshape(len(part), per).mean(1)
        calcium += float(calcified.reshape(len(part), per).mean(1).sum())
        index = tuple(part.astype(int).T)
        hu[index] = value
    rng = np.random.default_rng(seed)
    hu += np.asarray(rng.normal(0.0, noise_hu, hu.shape), np.float32)
    affine = np.diag([*spacing, 1.0])
    affine[:3, 3] = origin
    voxel_ml = float(np.prod(spacing)) / 1000.0
    volume = Volume(hu=np.rint(hu).astype(np.int16), affine=affine, patient_position="HFS", source="nifti")
    return volume, calcium * voxel_ml


def noise_for(spacing) -> float:
    """The evaluation's noise: 12 HU at 3 mm slices, growing as the slices thin."""
    return 12.0 * math.sqrt(3.0 / spacing[2])


def measured(balls: list[Ball], spacing, phase) -> tuple[float, float]:
    volume, truth = render(balls, spacing, phase, noise_for(spacing))
    findings = find_lesions(volume)
    assert len(findings.lesions) == 1
    return findings.lesions[0].volume_ml, truth


def ball(x: float, y: float, z: float, radius: float, hu: float) -> Ball:
    return Ball(np.array([x, y, z]), radius, hu)


def cystic(x: float, y: float, z: float, radius: float, wall_hu: float, wall_mm: float, sediment_mm: float) -> Ball:
    return Ball(np.array([x, y, z]), radius, wall_hu, wall_mm=wall_mm, sediment_mm=sediment_mm)


# A walled loculus alone (a 1.5 mm wall of 850 HU, 3 mm of sediment), and one with two nodules
# against it: the wall is thinner than a voxel on thick slices and never shows its density.
THIN_WALLED = {
    "loculus alone": [cystic(0, 0, 0, 9.0, 850.0, 1.5, 3.0)],
    "loculus with nodules": [cystic(0, 0, 0, 8.0, 700.0, 2.0, 2.5), ball(12.0, 0, 0, 5.0, 1000.0),
                             ball(-6.0, 9.0, 0, 4.0, 500.0)],
}
SLICES = [(0.8, 0.8, 0.6), (1.0, 1.0, 2.5), (3.0, 3.0, 3.0), (3.0, 3.0, 5.0)]


@pytest.mark.xfail(strict=True, reason="Imaging 63: a wall thinner than a voxel is measured against its own "
                                       "partial-volume peak and counted up to 2.6 times on 3-5 mm slices")
@pytest.mark.parametrize("name", sorted(THIN_WALLED))
def test_a_thin_loculus_wall_counts_the_same_on_thin_and_thick_slices(name):
    """The same walled loculus on 0.6 to 5 mm slices, at two grid phases: its calcified volume
    within 15% of the calcium the voxels hold, on every grid. Measured (Imaging 63): 0.99-1.02
    of it at 0.6-1.25 mm, 1.17-1.19 at 2.5 mm, 2.06-2.58 at 3-5 mm for the loculus alone; 0.90-0.93,
    1.43-1.49 and 1.84-1.85 with the nodules."""
    ratios = [found / truth for spacing in SLICES for phase in PHASES[:2]
              for found, truth in [measured(THIN_WALLED[name], spacing, phase)]]
    assert 0.85 <= min(ratios) and max(ratios) <= 1.15, [round(r, 2) for r in ratios]


# A dense nodule with a faint one against it (the faint one's centre 11 mm off, the two overlapping
# by 3 mm), and a second dense one on the other side: the faint nodule is 30% of the calcium.
FAINT_BESIDE_DENSE = [ball(0, 0, 0, 7.0, 1250.0), ball(11.0, 0, 0, 7.0, 330.0), ball(-9.0, 4.0, 3.0, 5.0, 1100.0)]
# Ten nodules of 3.6-4.8 mm radius, 450-900 HU: a 2.5 mL cluster of small nodules.
SMALL_NODULES = [ball(1.2 * x, 1.2 * y, 1.2 * z, 1.2 * r, h) for x, y, z, r, h in (
    (0, 0, 0, 4.0, 900), (6.5, 0, 0, 3.5, 600), (-6.5, 1, 0, 3.5, 750), (0, 6.5, 0, 3.5, 450),
    (0, -6.5, 1, 3.5, 800), (1, 0, 6.5, 3.5, 650), (0, 1, -6.5, 3.5, 700), (5, 5, 2, 3.0, 550),
    (-5, -5, -2, 3.0, 850), (5, -4, -4, 3.0, 500))]


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (1.0, 1.0, 2.0), (0.8, 0.8, 1.25)])
@pytest.mark.parametrize("phase", PHASES)
def test_a_faint_nodule_beside_a_dense_one_counts_whole(spacing, phase):
    found, truth = measured(FAINT_BESIDE_DENSE, spacing, phase)
    # The faint nodule's layer within one voxel of the dense one is still measured against the
    # dense one's edge: 13% short on 3 mm voxels, 2-5% on finer ones (14-21% short before).
    assert truth * 0.85 <= found <= truth * 1.05


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 4.8), (3.0, 3.0, 2.5), (1.0, 1.0, 1.0)])
@pytest.mark.parametrize("phase", PHASES)
def test_small_nodules_count_what_they_hold_on_thick_and_thin_slices(spacing, phase):
    found, truth = measured(SMALL_NODULES, spacing, phase)
    # Before: +18% to +50% on 3 mm voxels (the 3-voxel median read the nodules fainter than they
    # are), -21% on 1 mm voxels (the faint ones measured against the densest within 6 mm).
    assert truth * 0.90 <= found <= truth * 1.10


def test_the_pure_density_of_a_voxel_is_its_own_nodules_not_a_neighbours():
    """Two nodules 5 voxels apart at 1 mm: each voxel's calcium is measured against its own; a
    voxel with no nodule's pure voxel (300 HU or more) within reach, against the densest farther."""
    hu = np.full((30, 20, 20), 40, np.int16)
    hu[5:12, 7:14, 7:14] = 1200
    hu[17:24, 7:14, 7:14] = 330
    calcium = hu >= 130
    pure = pure_density(hu, calcium, np.array([1.0, 1.0, 1.0]), 130.0, 300.0, [13, 13, 13])
    assert pure[20, 10, 10] == pytest.approx(330, abs=1)
    assert pure[8, 10, 10] == pytest.approx(1200, abs=1)
    # Beside the dense nodule (its edge voxel's neighbour) the dense one is the reference.
    assert pure[12, 10, 10] == pytest.approx(1200, abs=1)
    # A thin calcified shell of 200 HU (partial volume: no pure voxel in it) 4 voxels from the faint
    # nodule is measured against that nodule, the densest calcium within the wide reach.
    hu[17:24, 7:14, 2] = 200
    calcium = hu >= 130
    pure = pure_density(hu, calcium, np.array([1.0, 1.0, 1.0]), 130.0, 300.0, [13, 13, 13])
    assert pure[20, 10, 2] == pytest.approx(330, abs=1)
    assert pure[20, 10, 1] == pytest.approx(330, abs=1) and np.isneginf(pure[29, 0, 19])  # none in reach


def test_noise_is_taken_out_over_about_3_mm_and_never_more():
    """A median over about 3 mm: three voxels of 1 mm, one voxel of 3 mm (a wider median on coarse
    voxels reads a small nodule's centre with its edges)."""
    rng = np.random.default_rng(1)
    hu = rng.normal(40, 20, (12, 12, 12)).astype(np.int16)
    assert np.array_equal(smoothed(hu, np.array([3.0, 3.0, 4.8])), hu.astype(np.float32))
    fine = smoothed(hu, np.array([1.0, 1.0, 1.0]))
    assert fine.std() < hu.std() / 2


def test_the_median_at_the_calcium_only_is_the_full_median_there():
    """The lesion box of a fine CT is millions of voxels; the median is taken where it is read."""
    rng = np.random.default_rng(2)
    hu = rng.normal(200, 300, (30, 27, 21)).astype(np.int16)
    where = rng.random(hu.shape) < 0.3
    spacing = np.array([0.7, 0.6, 1.2])
    assert np.array_equal(smoothed(hu, spacing, where=where)[where], smoothed(hu, spacing)[where])


# ---- an image interpolated finer than it was acquired (Imaging 74, 81) -----------------------------
def upsampled(volume: Volume, factors) -> Volume:
    """The volume resampled linearly (scipy's zoom, order 1) with `factors` more voxels per axis, the
    first and last voxel centres kept: what a viewer or an evaluator does to 3-5 mm slices."""
    fine = ndimage.zoom(volume.hu.astype(np.float32), factors, order=1)
    affine = volume.affine.copy()
    for axis, (n, m) in enumerate(zip(volume.hu.shape, fine.shape, strict=True)):
        affine[:3, axis] *= (n - 1) / (m - 1)
    return Volume(hu=np.rint(fine).astype(np.int16), affine=affine, patient_position=volume.patient_position,
                  source=volume.source)


def nearest_volume(volume: Volume, centre_mm) -> float:
    """The calcified volume of the lesion found nearest `centre_mm` (within 15 mm)."""
    found = []
    for lesion in find_lesions(volume).lesions:
        xyz = volume.affine[:3, :3] @ np.asarray(lesion.centroid_voxel, float) + volume.affine[:3, 3]
        found.append((float(np.linalg.norm(xyz - np.asarray(centre_mm))), lesion.volume_ml))
    assert found and min(found)[0] <= 15.0, found
    return min(found)[1]


# The acceptance phantom's cluster (bench/imaging.py upsamples it, linearly, to about 1 mm).
BLURRED_CLUSTER = [ball(0, 0, 0, 10.0, 900.0), ball(14.0, 0, 4.0, 8.0, 1000.0), ball(-12.0, 4.0, -3.0, 9.0, 800.0),
                   ball(3.0, -13.0, 5.0, 8.0, 1100.0)]
FACTORS = [(3, 3, 3), (2, 2, 2), (1, 1, 3)]


def test_the_blur_is_measured_in_voxels_from_the_image_itself():
    """One voxel on the rendered cluster as acquired; about the factor it was interpolated by along
    each axis (3.2-3.3 at 3x, 2.1-2.2 at 2x). Along a thin axis a blur no wider than the largest voxel
    side is not counted: 3 mm slices interpolated to 1 mm under 3 mm pixels rise over 2.8 mm, as an
    oblique edge does under the pixels; under 1.5 mm pixels the same interpolation counts."""
    volume, _ = render(BLURRED_CLUSTER, (3.0, 3.0, 3.0), PHASES[1], 12.0)
    hu = volume.hu
    assert np.array_equal(blur(hu, hu >= 130, volume.spacing, 260.0), [1.0, 1.0, 1.0])
    for factors in [(3, 3, 3), (2, 2, 2)]:
        fine = upsampled(volume, factors)
        measured = blur(fine.hu, fine.hu >= 130, fine.spacing, 260.0)
        assert np.all(np.abs(measured - np.array(factors)) <= 0.5), measured
    fine = upsampled(volume, (1, 1, 3))
    assert np.array_equal(blur(fine.hu, fine.hu >= 130, fine.spacing, 260.0), [1.0, 1.0, 1.0])
    volume, _ = render(BLURRED_CLUSTER, (1.5, 1.5, 4.5), PHASES[1], 12.0)
    fine = upsampled(volume, (1, 1, 3))
    measured = blur(fine.hu, fine.hu >= 130, fine.spacing, 260.0)
    assert measured[0] == measured[1] == 1.0 and 2.0 <= measured[2] <= 3.5, measured


@pytest.mark.parametrize("factors", FACTORS)
@pytest.mark.parametrize("phase", PHASES[:2])
def test_a_cluster_interpolated_finer_than_acquired_counts_what_it_counted_as_acquired(phase, factors):
    """Rendered on 3 mm voxels, then resampled linearly (as bench/imaging.py's volume): each nodule's
    edge is a ramp several voxels wide, and each ramp voxel was measured against the next one inward
    (main: 1.20-1.21 times the native figure at 3x, 1.14-1.15 at 2x, 1.03-1.04 along z only).
    Measured against the calcium within the image's own blur's reach: 0.99-1.00 at 2x and 3x; along
    z only the blur is not counted (see above) and it stays 1.03-1.04."""
    volume, _ = render(BLURRED_CLUSTER, (3.0, 3.0, 3.0), phase, 12.0)
    native = find_lesions(volume).lesions[0].volume_ml
    fine = find_lesions(upsampled(volume, factors))
    assert len(fine.lesions) == 1
    assert native * 0.9 <= fine.lesions[0].volume_ml <= native * 1.1


# Generator cases of the tuning seeds (0:100) on 4.2-4.8 mm slices, one lesion each, apart from bone
# (10.0, 12.0) and against it (45.2): cropped 30 mm round it, then resampled finer.
GENERATED = [(10, 0), (12, 0), (45, 2)]


@pytest.mark.parametrize("factors", [(3, 3, 3), (1, 1, 3)])
@pytest.mark.parametrize("seed, index", GENERATED)
def test_a_generated_lesion_interpolated_finer_than_acquired_counts_what_it_counted_as_acquired(seed, index,
                                                                                                   factors):
    """Main: 1.22-1.50 times the native figure at 3x, 1.08-1.18 at 3x along z; measured against the
    calcium within the image's own blur's reach: 0.92-1.01 and 0.97-1.03 (Imaging 81)."""
    case = lesion_generator.make_case(seed)
    truth = case.lesions[index]
    spacing = case.volume.spacing
    lo = [max(0, s.start - int(np.ceil(30.0 / d))) for s, d in zip(truth.box, spacing, strict=True)]
    hi = [min(n, s.stop + int(np.ceil(30.0 / d))) for s, n, d in zip(truth.box, case.volume.hu.shape, spacing,
                                                                        strict=True)]
    affine = case.volume.affine.copy()
    affine[:3, 3] = affine[:3, :3] @ np.asarray(lo, float) + affine[:3, 3]
    crop = Volume(hu=np.ascontiguousarray(case.volume.hu[tuple(slice(a, b) for a, b in zip(lo, hi, strict=True))]),
                  affine=affine, patient_position=case.volume.patient_position, source="nifti")
    native = nearest_volume(crop, truth.centre_mm)
    fine = nearest_volume(upsampled(crop, factors), truth.centre_mm)
    assert native * 0.9 <= fine <= native * 1.1


@pytest.mark.parametrize("shape", [(1, 1, 1), (2, 3, 1), (5, 7, 9), (31, 24, 17)])
def test_the_median_at_some_voxels_is_scipys_median_filter_there(shape):
    """_partial_volume's 3-voxel median read at the calcium only (Imaging 100): scipy's values,
    the box's edges and corners included."""
    rng = np.random.default_rng(sum(shape))
    hu = rng.integers(-1000, 2000, shape).astype(np.int16)
    hu[rng.random(shape) < 0.3] = 400  # ties
    where = rng.random(shape) < 0.4
    where[0, 0, 0] = where[-1, -1, -1] = True
    expected = ndimage.median_filter(hu, size=3).astype(np.float32)[where]
    found = _median3_at(hu, where)
    assert found.dtype == expected.dtype
    np.testing.assert_array_equal(found, expected)

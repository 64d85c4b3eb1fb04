"""The fluid-calcium level below the voxel size (lesions.settled_floor).

A loculus whose fluid or sediment layer is thinner than a voxel along gravity shows no flat
interface of voxels; its partial-volume profile does: fluid over sediment is a cap flatter than its
cavity, with calcium below it, inside the wall, thicker than the wall. The loculi here are rendered
exactly (each voxel's fluid and calcium shares by supersampling), at several phases of the grid, so
that nothing depends on where the voxel boundaries fall.
"""

import numpy as np
import pytest

from services.imaging.analysis.lesions import settled_floor
from services.imaging.analysis.volume import GRAVITY_LPS

SUPINE = np.array(GRAVITY_LPS["HFS"], float)    # gravity points posterior (LPS +y)
PRONE = np.array(GRAVITY_LPS["HFP"], float)     # ... anterior (LPS -y)
PHASES = [(0.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.25, 0.7, 0.1), (0.8, 0.35, 0.6)]


def loculus(inner_mm: float, sediment_mm: float, spacing, phase, down=SUPINE, wall_mm: float = 2.5,
            dent=None, squash: float = 1.0, sub: int = 6):
    """A round loculus (cavity radius `inner_mm`, `squash` times that along `down`; calcified wall
    `wall_mm`) whose lowest `sediment_mm` along `down` is settled calcium; `dent`: (centre offset in
    mm, radius) of a nodule overlapping it, which claims what it covers (as the phantoms draw it).
    Returns each voxel's fluid share, calcium share, the fluid mask (voxels at least half fluid)
    and the affine."""
    spacing = np.asarray(spacing, float)
    reach = inner_mm + wall_mm + (dent[1] + np.linalg.norm(dent[0]) if dent else 0.0)
    half = np.ceil((reach + 2 * spacing.max()) / spacing).astype(int)
    offsets = (np.arange(sub) + 0.5) / sub - 0.5
    axes = [((np.arange(-n, n + 1)[:, None] + p + offsets[None, :]).ravel() * s)
            for n, p, s in zip(half, phase, spacing, strict=True)]
    x, y, z = np.meshgrid(*axes, indexing="ij")
    along = x * down[0] + y * down[1] + z * down[2]
    across2 = x ** 2 + y ** 2 + z ** 2 - along ** 2
    height = -along + squash * inner_mm  # above the cavity's floor
    cavity = across2 / inner_mm ** 2 + along ** 2 / (squash * inner_mm) ** 2 <= 1
    outer = inner_mm + wall_mm
    calcium = (across2 / outer ** 2 + along ** 2 / (squash * inner_mm + wall_mm) ** 2 <= 1) & ~cavity
    if dent is not None:
        (dx, dy, dz), radius = dent
        nodule = (x - dx) ** 2 + (y - dy) ** 2 + (z - dz) ** 2 <= radius ** 2
        cavity &= ~nodule
        calcium |= nodule
    sediment = cavity & (height <= sediment_mm)
    fluid = cavity & ~sediment
    calcium |= sediment
    shape = [2 * n + 1 for n in half]

    def share(mask):
        return mask.reshape(shape[0], sub, shape[1], sub, shape[2], sub).mean(axis=(1, 3, 5))

    fluid_share, calcium_share = share(fluid), share(calcium)
    return fluid_share, calcium_share, fluid_share >= 0.5, np.diag([*spacing, 1.0])


def level(fluid_share, calcium_share, fluid, affine, gravity=SUPINE) -> bool:
    return settled_floor(fluid_share, calcium_share, fluid, affine, gravity, float(np.prod(np.diag(affine)[:3])) / 1000)


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("sediment_mm", [2.0, 2.5])
def test_a_sediment_layer_thinner_than_a_voxel_is_a_level(sediment_mm, phase):
    """A loculus flattened between its neighbours (16 mm across, 8 mm high inside) on 3 mm voxels:
    its fluid is flat with or without sediment; what tells the level is the calcium under it, a
    layer thinner than the voxel, seen in the voxels' calcium shares."""
    spacing = (3.0, 3.0, 3.0)
    assert level(*loculus(8.0, sediment_mm, spacing, phase, squash=0.5))
    assert not level(*loculus(8.0, 0.0, spacing, phase, squash=0.5))


@pytest.mark.parametrize("phase", PHASES)
def test_a_fluid_layer_one_voxel_thick_over_sediment_is_a_level(phase):
    # 12 mm across inside, sediment up to 8 mm: 4 mm of fluid, about one 3 mm voxel along gravity
    fluid_share, calcium_share, fluid, affine = loculus(6.0, 8.0, (3.0, 3.0, 3.0), phase)
    assert fluid.sum() <= 6 * 3  # the fluid spans about one layer of voxels: no flat interface of voxels
    assert level(fluid_share, calcium_share, fluid, affine)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 1.5), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("phase", PHASES)
def test_a_half_full_loculus_is_a_level_whatever_the_voxel(spacing, phase):
    assert level(*loculus(7.0, 7.0, spacing, phase))


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 5.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("radius", [4.0, 6.0, 10.0])
@pytest.mark.parametrize("phase", PHASES)
def test_a_loculus_of_fluid_alone_has_no_level(spacing, radius, phase):
    assert not level(*loculus(radius, 0.0, spacing, phase))


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("depth_mm", [3.0, 5.0, 7.0])
def test_an_empty_loculus_dented_from_above_is_not_a_level(spacing, phase, depth_mm):
    """A neighbouring nodule pressing into an empty loculus from above (as in the acceptance
    phantom's trochanteric mass) leaves flattened fluid too, but no calcium under it."""
    inner, nodule = 7.0, 8.0
    above = -SUPINE * (inner + nodule - depth_mm)
    fluid_share, calcium_share, fluid, affine = loculus(inner, 0.0, spacing, phase, dent=(tuple(above), nodule))
    assert level(fluid_share, calcium_share, fluid, affine, SUPINE) is False
    # The same nodule pressing in from below is sediment-like calcium under flat fluid, as a reader would see it
    # (the check is for what lies below, not for how the calcium got there).


@pytest.mark.parametrize("phase", PHASES)
def test_a_prone_patients_level_is_judged_against_gravity(phase):
    """Prone, the sediment settles anteriorly (LPS -y). Judged as supine, the same loculus would
    have its fluid at the bottom, a cavity filled from above: not a level."""
    shares = loculus(7.0, 6.0, (3.0, 3.0, 3.0), phase, down=PRONE)
    assert level(*shares, gravity=PRONE)
    assert not level(*shares, gravity=SUPINE)


@pytest.mark.parametrize("phase", PHASES)
def test_a_level_on_the_side_is_judged_along_gravity(phase):
    """Decubitus: the sediment lies along x; judged along y, its surface is a wall, not a floor."""
    left_down = np.array(GRAVITY_LPS["HFDL"], float)
    shares = loculus(7.0, 7.0, (3.0, 3.0, 3.0), phase, down=left_down)
    assert level(*shares, gravity=left_down)
    assert not level(*shares, gravity=SUPINE)


@pytest.mark.parametrize("phase", PHASES)
def test_tissue_between_solid_nodules_is_not_a_level(phase):
    """A flat gap between a nodule above and a nodule below, open to the soft tissue at its sides
    (what a solid cluster's watershed may leave enclosed after resampling): flat, calcium under
    it, but no wall round it."""
    spacing, sub = np.array([3.0, 3.0, 3.0]), 6
    half = np.ceil(24.0 / spacing).astype(int)
    offsets = (np.arange(sub) + 0.5) / sub - 0.5
    axes = [((np.arange(-n, n + 1)[:, None] + p + offsets[None, :]).ravel() * s)
            for n, p, s in zip(half, phase, spacing, strict=True)]
    x, y, z = np.meshgrid(*axes, indexing="ij")
    above = x ** 2 + (y + 11.0) ** 2 + z ** 2 <= 9.0 ** 2   # LPS -y is up for a supine patient
    below = x ** 2 + (y - 11.0) ** 2 + z ** 2 <= 9.0 ** 2
    gap = (np.abs(y) <= 3.0) & (x ** 2 + z ** 2 <= 8.0 ** 2) & ~above & ~below
    shape = [2 * n + 1 for n in half]

    def share(mask):
        return mask.reshape(shape[0], sub, shape[1], sub, shape[2], sub).mean(axis=(1, 3, 5))

    fluid_share, calcium_share = share(gap), share(above | below)
    assert not level(fluid_share, calcium_share, fluid_share >= 0.5, np.diag([*spacing, 1.0]))

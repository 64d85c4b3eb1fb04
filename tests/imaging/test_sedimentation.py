"""The fluid-calcium level below the voxel size (lesions.settled_floor).

A loculus whose fluid layer is one 3 mm voxel thick along gravity (the pelvis scan's in-plane
voxels) shows no flat interface of voxels; its partial-volume profile does: per column along
gravity, the fluid's thickness and mid-height give its floor and roof to a fraction of a voxel.
The loculi here are rendered exactly (each voxel's fluid share by supersampling), at several
phases of the grid, so that nothing depends on where the voxel boundaries fall.
"""

import numpy as np
import pytest

from services.imaging.analysis.lesions import settled_floor

DOWN = np.array([0.0, 1.0, 0.0])        # supine: gravity points posterior (LPS +y), a voxel axis
PHASES = [(0.0, 0.0, 0.0), (0.5, 0.5, 0.5), (0.25, 0.7, 0.1), (0.8, 0.35, 0.6)]


def loculus(radius_mm: float, sediment_mm: float, spacing, phase, down=DOWN, sub: int = 6):
    """Fluid share of each voxel of a spherical cavity whose lowest `sediment_mm` (along `down`)
    is settled calcium; the fluid mask (voxels at least half fluid) and the affine."""
    spacing = np.asarray(spacing, float)
    half = np.ceil((radius_mm + 2 * spacing.max()) / spacing).astype(int)
    offsets = (np.arange(sub) + 0.5) / sub - 0.5
    axes = [((np.arange(-n, n + 1)[:, None] + p + offsets[None, :]).ravel() * s)
            for n, p, s in zip(half, phase, spacing, strict=True)]
    x, y, z = np.meshgrid(*axes, indexing="ij")
    height = -(x * down[0] + y * down[1] + z * down[2])
    fluid = (x ** 2 + y ** 2 + z ** 2 <= radius_mm ** 2) & (height > -radius_mm + sediment_mm)
    shape = [2 * n + 1 for n in half]
    share = fluid.reshape(shape[0], sub, shape[1], sub, shape[2], sub).mean(axis=(1, 3, 5))
    affine = np.diag([*spacing, 1.0])
    return share, share >= 0.5, affine


@pytest.mark.parametrize("phase", PHASES)
def test_a_fluid_layer_one_voxel_thick_over_sediment_is_a_level(phase):
    # 12 mm across inside, sediment up to 8 mm: 4 mm of fluid, about one 3 mm voxel along gravity
    share, fluid, affine = loculus(6.0, 8.0, (3.0, 3.0, 3.0), phase)
    assert fluid.sum() <= 6 * 3  # the fluid spans about one layer of voxels: no flat interface of voxels
    assert settled_floor(share, fluid, affine, DOWN, 0.027)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 1.5), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("phase", PHASES)
def test_a_half_full_loculus_is_a_level_whatever_the_voxel(spacing, phase):
    share, fluid, affine = loculus(7.0, 7.0, spacing, phase)
    assert settled_floor(share, fluid, affine, DOWN, float(np.prod(spacing)) / 1000)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 5.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("radius", [4.0, 6.0, 10.0])
@pytest.mark.parametrize("phase", PHASES)
def test_a_loculus_of_fluid_alone_has_no_level(spacing, radius, phase):
    share, fluid, affine = loculus(radius, 0.0, spacing, phase)
    assert not settled_floor(share, fluid, affine, DOWN, float(np.prod(spacing)) / 1000)


@pytest.mark.parametrize("phase", PHASES)
def test_the_floor_is_judged_along_gravity(phase):
    """The same loculus, the patient on the side: the sediment lies along x; judged along y, its
    surface is a wall, not a floor."""
    share, fluid, affine = loculus(7.0, 7.0, (3.0, 3.0, 3.0), phase, down=np.array([1.0, 0.0, 0.0]))
    assert settled_floor(share, fluid, affine, np.array([1.0, 0.0, 0.0]), 0.027)
    assert not settled_floor(share, fluid, affine, DOWN, 0.027)

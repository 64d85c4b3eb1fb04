"""The fluid-calcium level below the voxel size (lesions.settled_floor).

A loculus whose fluid or sediment layer is thinner than a voxel along gravity shows no flat
interface of voxels; its partial-volume profile does: fluid over sediment is a cap flatter than its
cavity, with calcium below it, inside the wall, thicker than the wall. The loculi here are rendered
exactly (each voxel's fluid and calcium shares by supersampling), at several phases of the grid, so
that nothing depends on where the voxel boundaries fall.
"""

import numpy as np
import pytest

from services.imaging.analysis.volume import GRAVITY_LPS
from tests.imaging.phantom import PHASES, PRONE, SUPINE, floor_called, loculus, nodules_above_and_below, pressing


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("sediment_mm", [2.0, 2.5])
def test_a_sediment_layer_thinner_than_a_voxel_is_a_level(sediment_mm, phase):
    """A loculus flattened between its neighbours (16 mm across, 8 mm high inside) on 3 mm voxels:
    its fluid is flat with or without sediment; what tells the level is the calcium under it, a
    layer thinner than the voxel, seen in the voxels' calcium shares."""
    spacing = (3.0, 3.0, 3.0)
    assert floor_called(loculus(8.0, sediment_mm, spacing, phase, squash=0.5))
    assert not floor_called(loculus(8.0, 0.0, spacing, phase, squash=0.5))


@pytest.mark.parametrize("phase", PHASES)
def test_a_fluid_layer_one_voxel_thick_over_sediment_is_a_level(phase):
    # 12 mm across inside, sediment up to 8 mm: 4 mm of fluid, about one 3 mm voxel along gravity
    rendered = loculus(6.0, 8.0, (3.0, 3.0, 3.0), phase)
    assert rendered.fluid.sum() <= 6 * 3  # the fluid spans about one layer of voxels: no flat interface of voxels
    assert floor_called(rendered)


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 1.5), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("phase", PHASES)
def test_a_half_full_loculus_is_a_level_whatever_the_voxel(spacing, phase):
    assert floor_called(loculus(7.0, 7.0, spacing, phase))


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (3.0, 3.0, 5.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("radius", [4.0, 6.0, 10.0])
@pytest.mark.parametrize("phase", PHASES)
def test_a_loculus_of_fluid_alone_has_no_level(spacing, radius, phase):
    assert not floor_called(loculus(radius, 0.0, spacing, phase))


@pytest.mark.parametrize("spacing", [(3.0, 3.0, 3.0), (1.0, 1.0, 2.0)])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("depth_mm", [3.0, 5.0, 7.0])
def test_an_empty_loculus_dented_from_above_is_not_a_level(spacing, phase, depth_mm):
    """A neighbouring nodule pressing into an empty loculus from above (as in the acceptance
    phantom's trochanteric mass) leaves flattened fluid too, but no calcium under it."""
    assert floor_called(loculus(7.0, 0.0, spacing, phase, nodules=[pressing(7.0, 8.0, depth_mm)])) is False
    # The same nodule pressing in from below is sediment-like calcium under flat fluid, as a reader would see it
    # (the check is for what lies below, not for how the calcium got there).


@pytest.mark.parametrize("phase", PHASES)
def test_a_prone_patients_level_is_judged_against_gravity(phase):
    """Prone, the sediment settles anteriorly (LPS -y). Judged as supine, the same loculus would
    have its fluid at the bottom, a cavity filled from above: not a level."""
    shares = loculus(7.0, 6.0, (3.0, 3.0, 3.0), phase, down=PRONE)
    assert floor_called(shares, PRONE)
    assert not floor_called(shares, SUPINE)


@pytest.mark.parametrize("phase", PHASES)
def test_a_level_on_the_side_is_judged_along_gravity(phase):
    """Decubitus: the sediment lies along x; judged along y, its surface is a wall, not a floor."""
    left_down = np.array(GRAVITY_LPS["HFDL"], float)
    shares = loculus(7.0, 7.0, (3.0, 3.0, 3.0), phase, down=left_down)
    assert floor_called(shares, left_down)
    assert not floor_called(shares, SUPINE)


@pytest.mark.parametrize("phase", PHASES)
def test_tissue_between_solid_nodules_is_not_a_level(phase):
    """A flat gap between a nodule above and a nodule below, open to the soft tissue at its sides
    (what a solid cluster's watershed may leave enclosed after resampling): flat, calcium under
    it, but no wall round it."""
    assert not floor_called(nodules_above_and_below(phase))

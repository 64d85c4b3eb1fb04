"""The partial-volume edge of a nodule beside a denser one (Imaging 109): the edge's share of calcium
is read against its own nodule's density, the nearest nodule peak, not against the densest voxel
within a voxel's reach, which beside touching nodules is often the denser neighbour's."""

import numpy as np
import pytest

from services.imaging.analysis import find_lesions
from services.imaging.analysis.calcium import pure_density
from tests.imaging.test_lesion_volume import FAINT_BESIDE_DENSE, PHASES, noise_for, render


def test_an_edge_voxel_is_read_against_its_own_nodules_peak():
    """3 mm voxels, no noise: a dense nodule (1300 HU, its edge voxels 1000) touching a faint one
    (400 HU). The voxel just outside the faint nodule's edge has the dense nodule's edge voxel
    within reach (diagonally), but the faint nodule's peak nearer than the dense one's."""
    hu = np.full((12, 10, 10), 40, np.int16)
    hu[1:4, 3:6, 3:6] = 1300
    hu[4, 3:6, 3:6] = 1000
    hu[5:9, 3:6, 3:6] = 400
    calcium = hu >= 130
    pure = pure_density(hu, calcium, np.array([3.0, 3.0, 3.0]), 130.0, 300.0, [5, 5, 5])
    # Beside the faint nodule: its own 400 HU (the densest within reach is the dense edge's 1000).
    assert pure[5, 6, 4] == pytest.approx(400, abs=1)
    assert pure[9, 4, 4] == pytest.approx(400, abs=1)
    # Beside the dense nodule: its own 1300 HU, as before.
    assert pure[2, 6, 4] == pytest.approx(1300, abs=1)
    assert pure[0, 4, 4] == pytest.approx(1300, abs=1)
    # A voxel no calcium reaches holds none.
    assert np.isneginf(pure[11, 0, 9])


@pytest.mark.parametrize("phase", PHASES)
def test_a_faint_nodule_touching_dense_ones_on_3_mm_voxels_counts_its_edge(phase):
    """The faint nodule (330 HU) between two dense ones (1250, 1100 HU) on 3 mm voxels: its edge
    voxels were read against the dense ones' density and the calcified volume read 12.6-13.5%
    short at these phases; against the nearest nodule peak, 5.4-9.5%."""
    spacing = (3.0, 3.0, 3.0)
    volume, truth = render(FAINT_BESIDE_DENSE, spacing, phase, noise_for(spacing))
    lesion = find_lesions(volume).lesions[0]
    assert truth * 0.89 <= lesion.volume_ml <= truth * 1.05


def test_the_pure_density_is_the_same_whatever_the_grids_direction():
    """Nodules of several densities at equal distances from the voxels between them (ties for the nearest peak):
    the reference of every voxel is the same on the grid flipped along any axes (a DICOM series stored the other way
    round from its NIfTI), Imaging 109's amendment."""
    hu = np.full((13, 13, 9), 40, np.int16)
    for (i, j), density in zip([(3, 3), (3, 9), (9, 3), (9, 9)], (500, 700, 900, 1100), strict=True):
        hu[i - 1:i + 2, j - 1:j + 2, 3:6] = density
    calcium = hu >= 130
    spacing = np.array([3.0, 3.0, 3.0])
    pure = pure_density(hu, calcium, spacing, 130.0, 300.0, [5, 5, 5])
    for axes in [(0,), (1,), (2,), (0, 1), (0, 1, 2)]:
        flipped = pure_density(np.flip(hu, axes), np.flip(calcium, axes), spacing, 130.0, 300.0, [5, 5, 5])
        np.testing.assert_array_equal(np.flip(flipped, axes), pure)

"""How the skeleton's judgements are computed, against the slower way they were computed before
(Imaging 54): the same answers on random volumes shaped like the CT's boxes, bit for bit but for
the distance transform's float32 rounding (Imaging 79).

- a region's depth from its own bounding box (morphology.depth_inside) against the transform of
  the whole box round it (the cortex test's box reaches 15 mm beyond the region), with spacings
  whose in-plane voxels are square (ties between nearest voxels at the same distance, 3-4-5, are
  common there) and with the bench volume's uneven ones;
- the cortex ridge test of Imaging 38 (skeleton._joined below the test) against the grey-level
  reconstruction by erosion whose minimum over the target it replaced;
- the h-maxima that cut a solid at its necks (morphology.h_maxima, Imaging 75) against skimage's,
  on the depths in tenths of a millimetre that skeleton.split gives it;
- the distance transform by the `edt` package (morphology.distance, Imaging 79) against scipy's:
  the same to within float32's rounding, the same tenths of a millimetre for `split`; on 1 to 4
  threads (Imaging 87) the same bit for bit, and at a mask's voxels only the same values.
"""

import numpy as np
import pytest
from scipy import ndimage
from skimage.morphology import h_maxima as skimage_h_maxima
from skimage.morphology import reconstruction

from services.imaging.analysis import morphology, skeleton
from services.imaging.analysis.morphology import depth_inside, distance, h_maxima
from shared.settings import Settings

SPACINGS = [(0.7, 0.7, 2.0), (0.71484375, 0.59179688, 0.83999997), (3.0, 3.0, 3.0), (0.6, 0.6, 0.6)]


def _blobs(rng: np.random.Generator, shape: tuple[int, ...], fill: float) -> np.ndarray:
    """A random solid of rounded pieces with holes (smoothed noise), as calcified bone looks."""
    noise = ndimage.gaussian_filter(rng.standard_normal(shape), 1.5)
    return noise > np.quantile(noise, 1 - fill)


@pytest.mark.parametrize("spacing", SPACINGS)
@pytest.mark.parametrize("seed", range(6))
def test_the_depth_inside_a_region_from_its_own_box_is_the_whole_arrays(spacing, seed):
    rng = np.random.default_rng(100 + seed)
    shape = (41, 35, 27)
    # A region well inside the box, as the cortex test's box holds a region 15 mm round: rounded
    # pieces with holes, and a solid block whose faces are part of its bounding box's.
    region = np.zeros(shape, bool)
    region[6:-6, 6:-6, 5:-5] = _blobs(rng, (29, 23, 17), 0.5)
    region[10:30, 9:24, 8:18] = True
    if seed % 2:  # and against the array's faces (a bone leaving the box)
        region[:, :, :4] |= rng.random((shape[0], shape[1], 4)) < 0.7
        region[:3] = True
    spacing = np.array(spacing)
    got = depth_inside(region, spacing)
    assert np.array_equal(got, distance(region, spacing)[region])  # the same transform, bit for bit
    np.testing.assert_allclose(got, ndimage.distance_transform_edt(region, sampling=spacing)[region], rtol=2e-7, atol=0)


def _lowest_ridge(hu, solid, source, target) -> float:
    """Imaging 38 as it was: the lowest minimax ridge from source to target through the solid, by
    a grey-level reconstruction by erosion (1e5 where no path joins them)."""
    blocked = 1.0e5
    ridge = reconstruction(np.where(source, hu, blocked), np.where(solid, hu, blocked), method="erosion",
                           footprint=ndimage.generate_binary_structure(3, 1))
    return float(ridge[target].min())


@pytest.mark.parametrize("seed", range(30))
def test_the_cortex_ridge_test_answers_as_the_grey_reconstruction_did(seed):
    rng = np.random.default_rng(seed)
    shape = (19, 17, 13)
    hu = np.rint(ndimage.gaussian_filter(rng.normal(400, 250, shape), 1.0) * 3 - 800).astype(np.float32)
    solid = _blobs(rng, shape, rng.uniform(0.3, 0.9))
    source = solid & _blobs(rng, shape, 0.1)
    target = solid & _blobs(rng, shape, 0.1) & ~source
    assert source.any() and target.any()
    lowest = _lowest_ridge(hu, solid, source, target)
    ridge_hu = hu.astype(np.float64)
    # The test's threshold on the ridge found, then just above it (either end binding), and far off.
    at = skeleton.FAINT_SHELL_RATIO * lowest
    above = float(np.nextafter(at, np.inf))
    for ends in ((at, 0.0), (0.0, at), (above, 0.0), (at, above), (0.0, 50.0), (3000.0, 0.0)):
        fails = not all(end <= skeleton.FAINT_SHELL_RATIO * lowest for end in ends)
        cortex = (ends[0] <= skeleton.FAINT_SHELL_RATIO * ridge_hu) & (ends[1] <= skeleton.FAINT_SHELL_RATIO * ridge_hu)
        assert skeleton._joined(solid & ~cortex, source, target) == fails, ends


@pytest.mark.parametrize("spacing", SPACINGS)
@pytest.mark.parametrize("seed", range(3))
def test_the_h_maxima_of_a_solids_depth_are_skimages(spacing, seed):
    rng = np.random.default_rng(seed)
    solid = _blobs(rng, (40, 36, 30), 0.4)
    tenths = np.rint(ndimage.distance_transform_edt(np.pad(solid, 1), sampling=spacing)[1:-1, 1:-1, 1:-1] * 10)
    tenths = tenths.astype(np.int32)
    for h in (int(round(skeleton.NECK_MM * 10)), 3, int(tenths.max()), int(tenths.max()) + 1):
        expected = skimage_h_maxima(tenths, h)
        assert expected.any() == (h <= tenths.max())
        found = h_maxima(tenths, h)
        assert found.dtype == expected.dtype
        np.testing.assert_array_equal(found, expected)


@pytest.mark.parametrize("seed", range(12))
def test_the_h_maxima_of_a_sparse_solid_with_shallow_specks_are_skimages(seed):
    """The support-only path (Imaging 99): a solid filling little of its box, with specks and thin
    plates shallower than h that are no maxima in skimage's (joined through the zeros to deeper
    voxels) though each is the top of its own piece."""
    rng = np.random.default_rng(100 + seed)
    solid = _blobs(rng, (48, 40, 32), 0.15)
    specks = rng.random(solid.shape) < 0.002
    solid |= specks
    solid[:, :, 5] |= rng.random(solid.shape[:2]) < 0.3  # a speckled plate, a voxel thick
    spacing = SPACINGS[seed % len(SPACINGS)]
    tenths = np.rint(ndimage.distance_transform_edt(np.pad(solid, 1), sampling=spacing)[1:-1, 1:-1, 1:-1] * 10)
    tenths = tenths.astype(np.int32)
    assert tenths.min() == 0
    for h in (int(round(skeleton.NECK_MM * 10)), 1, 7, int(tenths.max())):
        np.testing.assert_array_equal(h_maxima(tenths, h), skimage_h_maxima(tenths, h))


@pytest.mark.parametrize("spacing", [*SPACINGS, (0.9765625, 0.9765625, 1.25)])
@pytest.mark.parametrize("seed", range(3))
def test_the_distance_is_scipys_to_within_float32_rounding(spacing, seed):
    rng = np.random.default_rng(200 + seed)
    solid = _blobs(rng, (43, 38, 31), 0.5)
    spacing = np.array(spacing)
    cases = ((solid, False, solid), (~solid, False, ~solid), (solid, True, np.pad(solid, 1)),
             (solid[::2, 3:, ::-1], False, np.ascontiguousarray(solid[::2, 3:, ::-1])))
    for mask, border, as_scipy in cases:
        expected = ndimage.distance_transform_edt(as_scipy, sampling=spacing)
        if border:
            expected = expected[1:-1, 1:-1, 1:-1]
        got = distance(mask, spacing, border=border)
        assert got.dtype == np.float64 and got.shape == expected.shape
        assert np.array_equal(got == 0, expected == 0)  # outside the mask, and only there
        np.testing.assert_allclose(got, expected, rtol=2e-7, atol=0)
        # what split cuts at: the depth in tenths of a millimetre
        np.testing.assert_array_equal(np.rint(got * 10), np.rint(expected * 10))


def test_the_distance_of_a_mask_with_no_background_is_scipys():
    full = np.ones((5, 6, 7), bool)
    spacing = np.array([0.7, 0.7, 2.0])
    np.testing.assert_array_equal(distance(full, spacing), ndimage.distance_transform_edt(full, sampling=spacing))
    with_border = distance(full, spacing, border=True)
    np.testing.assert_allclose(with_border, ndimage.distance_transform_edt(np.pad(full, 1), sampling=spacing)[1:-1, 1:-1, 1:-1],
                               rtol=2e-7)
    assert not distance(np.zeros((4, 4, 4), bool), spacing).any()


@pytest.mark.parametrize("spacing", [(0.7, 0.7, 2.0), (0.6, 0.6, 0.6)])
def test_a_nodules_cap_left_beyond_its_neck_joins_it_and_the_cortex_stays(spacing):
    """skeleton._left_on_bone (Imaging 84): a nodule lying on a flat cortex, cut from it at a neck
    above the cortex, leaves its cap between the neck and the cortex with the bone; that cap (outside
    the bone's smooth surface, touching the nodule) joins it, and the cortex under it and a bump of
    the bone's own far from the nodule stay bone."""
    spacing_a = np.asarray(spacing)
    shape = tuple(int(round(60 / s)) for s in spacing)
    mm = np.stack(np.meshgrid(*[(np.arange(n) + 0.5) * s for n, s in zip(shape, spacing, strict=True)],
                              indexing="ij"), -1)
    slab = mm[..., 2] < 25.0                                  # the bone, 25 mm thick, below z = 25 mm
    ball = np.linalg.norm(mm - [20.0, 30.0, 27.0], axis=-1) <= 5.0   # a nodule sunk 3 mm into it
    neck = 29.0                                              # the watershed's cut, 4 mm above the cortex
    nodule = ball & (mm[..., 2] >= neck)
    bump = np.linalg.norm(mm - [45.0, 30.0, 25.0], axis=-1) <= 3.0   # the bone's own, 25 mm away
    bone = (slab | ball | bump) & ~nodule
    joined = skeleton._left_on_bone(bone, nodule, spacing_a)
    cap = ball & ~slab & ~nodule
    assert not (joined & ~bone).any()
    # (a ball rolled inside the bone reaches the cap's fillet where it meets the cortex)
    assert (joined & cap).sum() >= 0.5 * cap.sum()
    assert not (joined & bump).any()
    deep = slab & (distance(slab, spacing_a) > float(spacing_a.max()) + 1e-6)
    assert not (joined & deep).any()


def _faint_beside(third: str, truncated: bool = False) -> np.ndarray:
    """skeleton._faint_among_chalk on a faint region (2) with a small chalk nodule (1) on one face
    and a broad region (3) on the opposite one: a loculus, another faint region or a bone."""
    labels = np.zeros((20, 20, 20), np.int32)
    labels[5:15, 5:15, 5:15] = 2
    labels[5:8, 5:8, 15:18] = 1
    labels[3:17, 3:17, 1:5] = 3
    flags = {name: np.zeros(4, bool) for name in ("chalk", "loculus", "walled", "faint")}
    flags["chalk"][1] = flags["faint"][2] = True
    if third in ("loculus", "faint"):
        flags[third][3] = True
    regions = skeleton.Regions(labels, 3, flags["chalk"], flags["loculus"], flags["walled"], flags["faint"],
                               np.array([False, False, truncated, False]), np.zeros(4, bool))
    return skeleton._faint_among_chalk(regions)


@pytest.mark.parametrize("third", ["loculus", "faint"])
def test_a_faint_region_touching_no_bone_joins_the_chalk_it_touches(third):
    """Imaging 111: a faint region whole in the scan is weighed against bone only; a loculus or
    another faint region beside it is no bone (230.2's and 283.1's faint middles, left out on main
    because they touched their loculi and each other more than their dense nodules)."""
    assert _faint_beside(third)[2]


def test_a_faint_region_mostly_against_bone_or_cut_by_the_scan_stays_out():
    """What it does not change: a faint region that touches bone more than chalk stays out (a bone's
    region touching a mass on one face), and one the scan cuts off is weighed against all it touches."""
    assert not _faint_beside("bone")[2]
    assert not _faint_beside("loculus", truncated=True)[2]


def _faint_against_bone(inside_hu: int) -> bool:
    """On 3 mm voxels (the pelvis CT's): a bone region, a 1-voxel shell of 350 HU (a cortex blurred
    with what lies on it) round an inside of `inside_hu`, and a faint ball of 370 HU against its
    face; whether _on_cortex calls the ball a nodule lying on the bone's cortex."""
    from services.imaging.analysis.grid import Grid

    shape = (28, 20, 20)
    hu = np.full(shape, -50, np.int16)
    labels = np.zeros(shape, np.int32)
    labels[2:14, 2:18, 2:18] = 1
    hu[2:14, 2:18, 2:18] = 350
    hu[3:13, 3:17, 3:17] = inside_hu
    ball = np.linalg.norm(np.indices(shape) - np.array([17, 10, 10]).reshape(3, 1, 1, 1), axis=0) <= 3.2
    labels[ball & (labels == 0)] = 2
    hu[labels == 2] = 370
    grid = Grid(hu, hu, np.diag([3.0, 3.0, 3.0, 1.0]), np.ones(3, int), shape)
    faint = np.array([False, False, True])
    return bool(skeleton._on_cortex(hu, grid, labels, np.zeros(3, bool), faint, faint)[2])


def test_a_faint_region_against_a_bone_round_its_marrow_lies_on_its_cortex():
    """Imaging 126: where the bone's inside is marrow (under the calcium threshold), a faint region
    against it lies outside its shell even where 3 mm voxels blur the cortex into it (no ridge
    denser than both ends: 45.0's and 61.0's faint masses on the iliac wing, lost on main); where
    the bone's inside is calcified cancellous bone, the same region is the bone's own and stays."""
    assert _faint_against_bone(60)
    assert not _faint_against_bone(220)


@pytest.mark.parametrize("spacing", [(0.9765625, 0.9765625, 1.25), (0.7, 0.7, 2.0), (3.0, 3.0, 3.0)])
def test_the_distance_is_the_same_bit_for_bit_on_any_number_of_threads(spacing, monkeypatch):
    rng = np.random.default_rng(7)
    solid = _blobs(rng, (90, 80, 40), 0.5)  # above PARALLEL_MIN_VOXELS, so the threads are used
    assert solid.size >= morphology.PARALLEL_MIN_VOXELS
    spacing = np.array(spacing)
    monkeypatch.setattr(morphology, "threads", 1)
    single = [distance(solid, spacing, border=border) for border in (False, True)]
    for count in (2, 3, 4):
        morphology.set_threads(count)
        assert morphology.threads == count
        for border, expected in zip((False, True), single, strict=True):
            np.testing.assert_array_equal(distance(solid, spacing, border=border).view(np.uint64), expected.view(np.uint64))
    # only at a region's voxels: the same values, in its C order
    region = solid & (rng.random(solid.shape) < 0.3)
    np.testing.assert_array_equal(distance(solid, spacing, border=True, at=region), single[1][region])
    full, diagonal = np.ones((5, 6, 7), bool), np.eye(5, 6, dtype=bool)[:, :, None] & np.ones(7, bool)
    np.testing.assert_array_equal(distance(full, spacing, at=diagonal),
                                  ndimage.distance_transform_edt(full, sampling=spacing)[diagonal])


def test_the_distance_transforms_run_on_one_thread_unless_the_worker_is_told_otherwise():
    assert Settings.model_fields["imaging_analysis_threads"].default == 1


@pytest.mark.parametrize("largest", [0, 3, 20, 10**6])
def test_the_holes_filled_up_to_a_size_are_scipys_holes_of_that_size(largest):
    # morphology.fill_holes counts the holes' sizes over their own voxels (Imaging 87): against
    # scipy's holes, labelled and kept up to `largest` voxels
    rng = np.random.default_rng(11)
    for _ in range(4):
        # a solid block with cavities of many sizes, some open to the faces
        cavities = ndimage.gaussian_filter(rng.standard_normal((24, 22, 15)), 1.0)
        mask = cavities < np.quantile(cavities, 0.8)
        for structure in (None, morphology.in_plane(2), morphology.in_plane(0)):
            holes = ndimage.binary_fill_holes(mask, structure=structure) & ~mask
            connect = ndimage.generate_binary_structure(3, 1) if structure is None else structure
            labels, count = ndimage.label(holes, structure=connect)
            sizes = np.bincount(labels.ravel(), minlength=count + 1)
            expected = mask | (holes & (sizes <= largest)[labels])
            assert holes.any()
            np.testing.assert_array_equal(morphology.fill_holes(mask, structure, largest), expected)

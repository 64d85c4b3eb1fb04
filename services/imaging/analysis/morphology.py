"""Morphology helpers the skeleton and the lesion measurements share."""

import edt
import numpy as np
from scipy import ndimage
from skimage.morphology import h_maxima as skimage_h_maxima

try:  # skimage's private Cython loop (0.22-0.26); a release that moves it gets skimage's own h_maxima
    from skimage.morphology._grayreconstruct import reconstruction_loop  # type: ignore[import-not-found]
except ImportError:
    reconstruction_loop = None


def in_plane(axis: int) -> np.ndarray:
    """6-neighbour cross restricted to the plane perpendicular to `axis` (slice-by-slice ops)."""
    structure = ndimage.generate_binary_structure(3, 1)
    index: list[slice | list[int]] = [slice(None)] * 3
    index[axis] = [0, 2]
    structure[tuple(index)] = False
    return structure


def fill_holes(mask: np.ndarray, structure: np.ndarray | None = None, largest: float | None = None) -> np.ndarray:
    """ndimage.binary_fill_holes in one labelling pass: background not connected (through
    `structure`) to a face of the array it can reach is a hole. scipy's own grows the outside one
    voxel per pass, which costs as many passes as the box is wide. With `largest`, holes of more
    voxels than that stay open."""
    structure = ndimage.generate_binary_structure(mask.ndim, 1) if structure is None else structure
    background, count = ndimage.label(~mask, structure=structure)
    outside = np.zeros(count + 1, bool)
    centre = np.array(structure.shape) // 2
    for axis in range(mask.ndim):
        step = centre.copy()
        step[axis] -= 1
        if structure[tuple(step)]:  # the structure reaches across this axis's faces
            outside[np.take(background, 0, axis=axis).ravel()] = True
            outside[np.take(background, -1, axis=axis).ravel()] = True
    outside[0] = True  # label 0 is the mask itself, added back below
    filled = ~outside[background]  # the holes, of any size
    if largest is not None:
        # sizes counted over the holes' own voxels only (a few), not over the whole box (Imaging 87)
        labels = background[filled]
        large = np.bincount(labels, minlength=count + 1) > largest
        if large.any():
            filled[filled] = ~large[labels]
    return filled | mask


# The distance transform's threads (edt's own, Imaging 87): each runs whole lines of the separable
# passes, each line computed alone, so the distances are the same bit for bit whatever the count.
# One by default: on a quiet 2-CPU machine the bench's analysis took 14 s of wall time and 16.8 s of CPU
# on two threads against 11.5 s on one (Imaging 87's amendment); the imaging worker sets more from
# IMAGING_ANALYSIS_THREADS (pipeline.AnalysisWork) where its CPUs are measured to gain.
PARALLEL_MIN_VOXELS = 2**17  # below this a thread's start costs about what it saves

threads = 1


def set_threads(count: int) -> None:
    """The distance transform's threads from now on, per analysis (at least 1)."""
    global threads
    threads = max(1, int(count))


def distance(mask: np.ndarray, spacing, border: bool = False, at: np.ndarray | None = None) -> np.ndarray:
    """`ndimage.distance_transform_edt(mask, sampling=spacing)` (float64), with `border` as if the
    mask were padded by a voxel of background (np.pad(mask, 1), then cropped): the exact Euclidean
    distance by the `edt` package (seung-lab; Felzenszwalb & Huttenlocher's separable lower
    envelope), three to four times as fast as scipy's, which was half of find_lesions's time
    (Imaging 79). It sums the squared distance in float32: the same distances to within float32's
    rounding (a relative 1e-7), square-rooted here in float64. A mask with no background (nothing
    to measure to) is left to scipy, whose answer there the callers got before. With `at` (a
    boolean mask of the same shape), only the distances there, in C order: the same values,
    square-rooted only where they are wanted."""
    mask = np.asarray(mask, dtype=bool)
    if not border and mask.all():
        whole = np.asarray(ndimage.distance_transform_edt(mask, sampling=spacing), dtype=np.float64)
        return whole if at is None else whole[at]
    squared = edt.edtsq(np.ascontiguousarray(mask), anisotropy=tuple(float(s) for s in np.broadcast_to(spacing, (mask.ndim,))),
                        black_border=border, parallel=threads if mask.size >= PARALLEL_MIN_VOXELS else 1)
    return np.sqrt(squared if at is None else squared[at], dtype=np.float64)


def bounds(mask: np.ndarray) -> tuple[slice, ...]:
    """The bounding box of a non-empty boolean mask."""
    return ndimage.find_objects(mask.view(np.uint8))[0]


def depth_inside(region: np.ndarray, spacing: np.ndarray) -> np.ndarray:
    """`distance(region, spacing)[region]` from the region's bounding box and one voxel more
    (clipped to the array) instead of the whole array. Every voxel beyond that box is outside the
    region, a feature: along each line of the separable transform's passes, the feature on the
    box's outer layer lies on the line itself and is strictly nearest on its side, so nothing
    beyond it changes a voxel inside (tests/imaging/test_skeleton_computation.py)."""
    if not region.any():
        return np.zeros(0, np.float64)
    box = bounds(region)
    near = tuple(slice(max(s.start - 1, 0), min(s.stop + 1, n)) for s, n in zip(box, region.shape, strict=True))
    return distance(region[near], spacing, at=region[near])


def h_maxima(image: np.ndarray, h: int) -> np.ndarray:
    """skimage.morphology.h_maxima (3x3x3 neighbourhood) for an image of small non-negative integers,
    the same maxima, faster (Imaging 75): skimage sorts the padded seed and mask as float64 twice
    (in reconstruction and rank_order), 60% of `split`'s time on the CT's voxels; here the values
    are ranked by counting and sorted by a stable sort of 16-bit integers (a radix sort). The
    reconstruction by dilation is unique, whatever order ties take, so skimage's own loop gives the
    same result."""
    image = np.asarray(image)
    if (reconstruction_loop is None or image.ndim != 3 or image.size == 0 or image.min() < 0
            or int(image.max()) + h >= 2**16):
        return np.asarray(skimage_h_maxima(image, h))

    if h > np.ptp(image):
        return np.zeros(image.shape, dtype=np.uint8)
    if image.min() == 0:
        return _h_maxima_over_support(image, h)
    # As skimage.morphology.reconstruction(image - h, image, 'dilation'): seed and mask side by
    # side, padded by one voxel with the seed's minimum; values offset by it (all >= 0 here).
    low = int(image.min()) - h
    dims = (2, *(n + 2 for n in image.shape))
    images = np.zeros(dims, np.uint16)
    inside = tuple(slice(1, 1 + n) for n in image.shape)
    images[0][inside] = image - h - low
    images[1][inside] = image - low
    isize = images.size
    signed = np.result_type(np.min_scalar_type(-isize), np.int32)
    unsigned = np.dtype(signed.char.upper())
    value_stride = np.array(images.strides[1:]) // images.dtype.itemsize
    image_stride = images.strides[0] // images.dtype.itemsize
    offsets = np.argwhere(np.ones((3, 3, 3), bool)) - 1
    offsets = offsets[np.any(offsets != 0, axis=1)]
    nb_strides = np.array([np.sum(value_stride * o) for o in offsets], signed)
    flat = images.reshape(-1)
    index_sorted = np.argsort(flat, kind="stable").astype(signed, copy=False)[::-1]
    prev = np.full(isize, -1, signed)
    following = np.full(isize, -1, signed)
    prev[index_sorted[1:]] = index_sorted[:-1]
    following[index_sorted[:-1]] = index_sorted[1:]
    present = np.zeros(int(flat.max()) + 1, bool)
    present[flat] = True
    rank_of = (np.cumsum(present) - 1).astype(unsigned)
    value_rank = rank_of[flat]
    value_map = np.flatnonzero(present).astype(np.int64) + low
    reconstruction_loop(value_rank, prev, following, nb_strides, index_sorted[0], image_stride)
    rec = value_map[value_rank[:image_stride]].reshape(dims[1:])[inside]
    return (image - rec >= h).astype(np.uint8)


def _h_maxima_over_support(image: np.ndarray, h: int) -> np.ndarray:
    """h_maxima for an image whose minimum is 0 and whose range is at least h (a solid's depth in
    its box: 0 outside the solid), with skimage's loop run over the image's non-zero voxels only
    (Imaging 99): a solid fills a tenth to a third of its box, and sorting, ranking and linking the
    whole box twice over (seed and mask) was most of the time.

    Why it is the same: with seed f - h under mask f, a voxel x with f(x) >= h is a maximum when the
    reconstruction R(x) is f(x) - h, which is >= 0; a path through a voxel of f = 0 carries at most 0
    there, so it never raises R(x) above f(x) - h: freezing the zeros (their mask lowered to the seed's
    -h) changes no R that decides. A voxel of f < h is never a maximum here: the box holds a voxel of
    f >= h (the range is at least h), joined to it through values >= 0 > f - h; those are cleared
    afterwards (the frozen zeros would mark them). The frozen voxels are never raised, so they need no
    place in the loop's sorted list: it holds the non-zero voxels of seed and mask, in the order the
    whole box's sort gives them, then one voxel of rank 0 (a padding corner) that ends it. The loop
    only compares and copies ranks, so the values (offset by h, small non-negative integers, 0 the
    least) serve as their own ranks."""
    shape = tuple(n + 2 for n in image.shape)
    inside = tuple(slice(1, 1 + n) for n in image.shape)
    image_stride = int(np.prod(shape))
    signed = np.result_type(np.min_scalar_type(-2 * image_stride), np.int32)
    unsigned = np.dtype(signed.char.upper())
    ranks = np.zeros((2, *shape), unsigned)
    ranks[0][inside] = image  # the seed f - h, offset by h
    ranks[1][inside] = np.where(image > 0, image + h, 0)  # the mask f, offset by h; its zeros frozen
    value_stride = np.array(ranks.strides[1:]) // ranks.dtype.itemsize
    offsets = np.argwhere(np.ones((3, 3, 3), bool)) - 1
    offsets = offsets[np.any(offsets != 0, axis=1)]
    nb_strides = np.array([np.sum(value_stride * o) for o in offsets], signed)
    seed = ranks[0].reshape(-1)
    where = np.flatnonzero(seed).astype(signed, copy=False)
    values = seed[where]
    support = np.concatenate([where, where + image_stride])  # ascending, as the whole box's order
    # ascending by value, ties by index (the whole box's stable sort, restricted), then reversed
    ordered = support[np.argsort(np.concatenate([values, values + h]), kind="stable")][::-1]
    index_sorted = np.concatenate([ordered, np.zeros(1, signed)])
    # Only the list's own entries are ever read (the loop raises and relinks no frozen voxel).
    prev = np.empty(2 * image_stride, signed)
    following = np.empty(2 * image_stride, signed)
    prev[index_sorted[1:]] = index_sorted[:-1]
    following[index_sorted[:-1]] = index_sorted[1:]
    prev[index_sorted[0]] = -1
    following[index_sorted[-1]] = -1
    reconstruction_loop(ranks.reshape(-1), prev, following, nb_strides, index_sorted[0], image_stride)
    # f - R >= h where R (offset by h) is at least the seed f: where it stayed f
    return ((ranks[0][inside] == image) & (image >= h)).astype(np.uint8)

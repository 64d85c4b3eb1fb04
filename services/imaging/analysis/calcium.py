"""The pure density of the calcium a voxel of a lesion holds, for its partial-volume share.

A voxel of a calcified mass holds a mix of calcium and what surrounds it: its HU lies between the
background's and its calcium's own density, and its calcium share is where. The nodules of one
tumoral calcinosis mass differ (300 to 1300 HU each), so the pure density belongs to the nodule
the voxel's calcium is part of, not to the lesion, nor to a denser nodule nearby: measured against
a dense neighbour a few millimetres off, a faint nodule counts at a fraction of its volume.

A voxel's HU is the mean over its box, so the calcium it holds goes on at most about one voxel
beyond it; where that calcium is thick enough to fill a voxel, a voxel within that reach shows its
pure density. So the pure density is the densest nodule voxel (at least the faintest nodule's
300 HU) within the blur's reach: one voxel each way, or SMOOTH_MM / 2 where voxels are finer (their
noise is taken out over that width first). Farther lies another nodule; but a nodule touching a
denser one has the denser one's voxels within that reach too, so the reference is never denser than
the nearest nodule peak (a local maximum of the smoothed calcium: the edge's own nodule's, Imaging
109). A nodule or a wall thinner
than a voxel shows no pure voxel: it is measured against the densest calcium farther off (two
analysis-grid voxels, as before), and its share is over- rather than under-estimated.

The noise is taken out by a median over about SMOOTH_MM, never more: a median over three 3 mm
voxels mixes a small nodule's centre with its edges, reads it fainter than it is, and over-counts it.

Both assume the image's blur is about a voxel, as acquired. An image interpolated finer than it
was acquired (3 mm slices resampled to 1 mm, as viewers and evaluators do) or reconstructed with
a soft kernel on thin slices has edges that rise over several voxels: measured against the ramp
voxel next inward, each ramp voxel counted as nearly pure calcium (+13% to +52%, Imaging 74). So
the blur is measured from the lesion's own edges, per axis (`blur`): where it is wider than a
voxel, the median spans SMOOTH_MM of blurred voxels (the interpolation has already averaged the
noise) and the pure density is looked for over the ramp (REACH_PER_BLUR more voxels per voxel of
blur), so the figure is the one the image gives as acquired (Imaging 81). At a voxel's blur
nothing changes.
"""

import itertools

import numpy as np
from scipy import ndimage

SMOOTH_MM = 3.0         # the median that takes the noise out spans about this (at least one voxel),
                        # and the pure density is looked for this far across (at least one voxel each way)
EDGE_WINDOW_MM = 10.0   # an edge's rise is looked for this far each way (a 5 mm slice interpolated to 0.6 mm
                        # rises over about 10 mm)
ONE_VOXEL_SPREAD = 1.5  # the edge spread (rise / steepest step, voxels) of a blur of one voxel: an edge at a
                        # random phase makes one partial voxel, 1 to 2 steps (2 ln 2 = 1.39 on average; 1.4-1.6
                        # measured with the evaluation's noise, Imaging 81)
ONE_VOXEL_BLUR = 1.5    # a measured blur under this many voxels is a voxel's: the estimate's spread (noise,
                        # phase, a real scan's own kernel) is about a third of a voxel (0.7-1.45, Imaging 81)
REACH_PER_BLUR = 1.5    # the pure density's reach: 1.5 voxels more for each voxel of blur more (Imaging 81)
SOFT_TISSUE_HU = 40.0   # what calcium lies in: an edge rises from it to at least the faintest nodule


def _odd_sizes(spacing: np.ndarray, minimum_half: int) -> list[int]:
    """Odd window sizes about SMOOTH_MM wide along each axis, at least 2 * minimum_half + 1 voxels."""
    return [2 * max(minimum_half, int(np.floor(SMOOTH_MM / 2 / s * (1 + 1e-6)))) + 1 for s in spacing]


def blur(hu: np.ndarray, calcium: np.ndarray, spacing: np.ndarray, min_rise_hu: float) -> np.ndarray:
    """The image's blur along each axis, in voxels (1: a voxel's, as acquired), from its own edges.

    At each calcified voxel that a rise of at least `min_rise_hu` lies within EDGE_WINDOW_MM of
    (along the axis), the rise over its steepest one-voxel step there is the number of voxels the
    edge takes to rise; its median over the lesion, over ONE_VOXEL_SPREAD, is the blur. An image
    interpolated finer than it was acquired (3 mm slices to 1 mm) or reconstructed with a soft
    kernel rises over several voxels: 3.2 and 4.9 steps for 3 mm voxels interpolated to 1.5 and
    1 mm, 1.4-1.6 on the native 3 mm. Under ONE_VOXEL_BLUR, or no wider (mm) than the largest
    voxel side, it is one voxel."""
    h = hu.astype(np.float32)
    out = np.ones(3)
    for a, s in enumerate(spacing):
        size = 2 * max(2, int(np.ceil(EDGE_WINDOW_MM / s))) + 1
        rise = ndimage.maximum_filter1d(h, size, axis=a) - ndimage.minimum_filter1d(h, size, axis=a)
        edge = calcium & (rise >= min_rise_hu)
        if not edge.any():
            continue
        step = ndimage.maximum_filter1d(np.abs(np.diff(h, axis=a, append=np.take(h, [-1], axis=a))), size, axis=a)
        measured = float(np.median(rise[edge] / np.maximum(step[edge], 1.0))) / ONE_VOXEL_SPREAD
        # Along a thin axis an oblique edge rises over the thick axes' voxel (3 mm pixels over
        # 0.7 mm slices: 1.5-1.9 slices as acquired, Imaging 81): a blur no wider than the largest
        # voxel side may be that, and is not counted.
        out[a] = measured if measured >= ONE_VOXEL_BLUR and measured * s > max(spacing) else 1.0
    return out


def smoothed(hu: np.ndarray, spacing: np.ndarray, where: np.ndarray | None = None) -> np.ndarray:
    """The CT under a median about SMOOTH_MM wide (one voxel, i.e. none, where a voxel is that
    wide); with `where`, at those voxels only (the others keep their HU): a fine CT's lesion box
    holds millions of voxels and its calcium a fraction of them. The same values as
    ndimage.median_filter (its edges mirrored the same way)."""
    size = _odd_sizes(spacing, 0)
    out = hu.astype(np.float32)
    if max(size) == 1:
        return out
    if where is None:
        return ndimage.median_filter(hu, size=size).astype(np.float32)
    half = [n // 2 for n in size]
    padded = np.pad(hu, [(h, h) for h in half], mode="symmetric")
    windows = np.lib.stride_tricks.sliding_window_view(padded, size)
    index = np.nonzero(where)
    for start in range(0, len(index[0]), 65536):  # bounded memory: 64k windows at a time
        part = tuple(i[start:start + 65536] for i in index)
        out[part] = np.median(windows[part].reshape(len(part[0]), -1), axis=1)
    return out


def pure_density(hu: np.ndarray, calcium: np.ndarray, spacing: np.ndarray, calcified_hu: float,
                 nodule_min_hu: float, wide: list[int]) -> np.ndarray:
    """For each voxel: the pure density of the calcium it may hold, read after the median.

    The densest of the lesion's calcified voxels (`calcium`) within the blur's reach of it
    (SMOOTH_MM wide, at least one voxel each way; where the image is blurred over b > 1 voxels,
    round(REACH_PER_BLUR * (b - 1)) + 1 voxels each way at least) that could be a nodule's pure calcium: at least
    `nodule_min_hu`, the faintest nodule's density, and no denser than the nearest nodule peak
    (`_nearest_peak`). Below it a voxel is partial volume (a wall or
    a small nodule thinner than a voxel, a nodule's rim, cancellous bone at the contact) or noise
    over soft tissue, and sets no reference. A voxel with no such reference in reach is measured
    against the densest calcified voxel (at least `calcified_hu`) within `wide` voxels, as a thin
    wall's or a small nodule's partial-volume voxels must be. -inf where none is: it holds no
    calcium."""
    blurred = blur(hu, calcium, spacing, nodule_min_hu - SOFT_TISSUE_HU)
    # A voxel blurred over b voxels is b voxels wide for the median: its noise is averaged over them.
    smooth = smoothed(hu, spacing * blurred, where=calcium)
    pure = np.where(calcium & (smooth >= nodule_min_hu), smooth, -np.inf).astype(np.float32)
    size = [max(n, 2 * int(round(REACH_PER_BLUR * b - (REACH_PER_BLUR - 1))) + 1)
            for n, b in zip(_odd_sizes(spacing, 1), blurred, strict=True)]
    near = ndimage.maximum_filter(pure, size=size)
    far = ndimage.maximum_filter(np.where(calcium & (smooth >= calcified_hu), smooth, -np.inf).astype(np.float32),
                                 size=wide)
    out = np.where(np.isfinite(near), near, far)
    # On an image blurred wider than a voxel a nodule's peak is itself blurred: its pure density is
    # read as any voxel's is there, the densest within the blur's reach of it (without: a generated
    # lesion interpolated 3x counted 1.11 times its native figure, Imaging 109).
    at_peak = near if np.any(blurred > 1.0) else smooth
    return np.minimum(out, _nearest_peak(smooth, calcium, pure, spacing, at_peak))


def _nearest_peak(smooth: np.ndarray, calcium: np.ndarray, pure: np.ndarray, spacing: np.ndarray,
                  at_peak: np.ndarray) -> np.ndarray:
    """For each voxel: `at_peak` at the nearest nodule peak (a local maximum, over its 26
    neighbours, of the lesion's smoothed calcium that could be a nodule's pure calcium: `pure`
    finite); inf where there is none. The densest voxel within reach of a nodule's edge is often a
    denser nodule's, touching it: within a 3 mm voxel's reach of each other, the nodules of a
    cluster of small ones were read against the densest (Imaging 109); the nearest peak is the
    edge's own nodule's. The caller takes the smaller of it and the densest within reach.

    Peaks at the same distance are common on a voxel grid, and the distance transform picks one of
    them by the array's own order: a grid stored the other way round (a DICOM series against its
    NIfTI) picked another. So the transform runs in each of the grid's eight directions and the
    densest peak any of them calls nearest is taken, which no flip of the axes can change."""
    values = np.where(calcium, smooth, -np.inf).astype(np.float32)
    peaks = np.isfinite(pure) & (values >= ndimage.maximum_filter(values, size=3))
    if not peaks.any():
        return np.full(smooth.shape, np.inf, np.float32)
    out = np.full(smooth.shape, -np.inf, np.float32)
    for flips in itertools.product((False, True), repeat=3):
        axes = tuple(axis for axis, flipped in enumerate(flips) if flipped)
        nearest = ndimage.distance_transform_edt(np.flip(~peaks, axes), sampling=spacing, return_distances=False,
                                                 return_indices=True)
        np.maximum(out, np.flip(np.flip(at_peak, axes)[tuple(nearest)], axes), out=out)
    return out

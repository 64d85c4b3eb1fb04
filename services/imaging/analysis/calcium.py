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
noise is taken out over that width first). Farther lies another nodule. A nodule or a wall thinner
than a voxel shows no pure voxel: it is measured against the densest calcium farther off (two
analysis-grid voxels, as before), and its share is over- rather than under-estimated.

The noise is taken out by a median over about SMOOTH_MM, never more: a median over three 3 mm
voxels mixes a small nodule's centre with its edges, reads it fainter than it is, and over-counts it.

A voxel whose whole neighbourhood is calcium of its own density (`resolved`) shows that density,
and the voxels within the blur's reach of one are measured against the nearest such voxel rather
than the densest: a faint nodule touching a dense one keeps its own density up to the voxels
nearer the dense one's inside (Imaging 73).
"""

import numpy as np
from scipy import ndimage

SMOOTH_MM = 3.0         # the median that takes the noise out spans about this (at least one voxel),
                        # and the pure density is looked for this far across (at least one voxel each way)
PURE_TOLERANCE = 0.2    # a voxel shows its calcium's pure density where every voxel around it holds the
                        # same calcium: their excess over the background within this share of its own
                        # (noise and a nodule's own unevenness; a partial-volume ramp or a septum's dip
                        # between two nodules differs by more) -- expert estimate


def _odd_sizes(spacing: np.ndarray, minimum_half: int) -> list[int]:
    """Odd window sizes about SMOOTH_MM wide along each axis, at least 2 * minimum_half + 1 voxels."""
    return [2 * max(minimum_half, int(np.floor(SMOOTH_MM / 2 / s * (1 + 1e-6)))) + 1 for s in spacing]


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


def resolved(smooth: np.ndarray, calcium: np.ndarray, background: float, calcified_hu: float) -> np.ndarray:
    """The calcium voxels that show their calcium's pure density: every voxel around them (one each
    way, the 26 neighbours) is calcium whose excess over `background` lies within PURE_TOLERANCE of
    theirs, so the calcium fills the voxel and goes on past it on every side. A voxel of a part
    thinner than about two voxels has a neighbour across it outside the calcium; a voxel on the
    ramp of a blurred edge has a fainter neighbour, one in the dip of a septum a denser one."""
    excess = np.where(calcium, smooth - background, -np.inf).astype(np.float32)
    own = smooth - background
    cube = np.ones((3, 3, 3), bool)
    low = ndimage.minimum_filter(excess, footprint=cube, mode="constant", cval=-np.inf)
    high = ndimage.maximum_filter(excess, footprint=cube, mode="constant", cval=-np.inf)
    return (calcium & (smooth >= calcified_hu) & (low >= (1 - PURE_TOLERANCE) * own)
            & (high <= (1 + PURE_TOLERANCE) * own))


def pure_density(hu: np.ndarray, calcium: np.ndarray, spacing: np.ndarray, calcified_hu: float,
                 nodule_min_hu: float, wide: list[int], background: float) -> np.ndarray:
    """For each voxel: the pure density of the calcium it may hold, read after the median.

    The densest of the lesion's calcified voxels (`calcium`) within the blur's reach of it
    (SMOOTH_MM wide, at least one voxel each way) that could be a nodule's pure calcium: at least
    `nodule_min_hu`, the faintest nodule's density. Below it a voxel is partial volume (a wall or
    a small nodule thinner than a voxel, a nodule's rim, cancellous bone at the contact) or noise
    over soft tissue, and sets no reference. Where a `resolved` voxel lies within that reach, the
    nearest one's density is the reference instead. A voxel with no reference in reach is measured
    against the densest calcified voxel (at least `calcified_hu`) within `wide` voxels, as a thin
    wall's or a small nodule's partial-volume voxels must be. -inf where none is: it holds no
    calcium."""
    smooth = smoothed(hu, spacing, where=calcium)
    reach = _odd_sizes(spacing, 1)
    pure = np.where(calcium & (smooth >= nodule_min_hu), smooth, -np.inf).astype(np.float32)
    near = ndimage.maximum_filter(pure, size=reach)
    shown = resolved(smooth, calcium, background, calcified_hu)
    if shown.any():
        seen = ndimage.maximum_filter(shown, size=reach)
        _, index = ndimage.distance_transform_edt(~shown, sampling=spacing, return_indices=True)
        near = np.where(seen, smooth[tuple(index)], near)
    far = ndimage.maximum_filter(np.where(calcium & (smooth >= calcified_hu), smooth, -np.inf).astype(np.float32),
                                 size=wide)
    return np.where(np.isfinite(near), near, far)

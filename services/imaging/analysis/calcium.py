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
"""

import numpy as np
from scipy import ndimage

SMOOTH_MM = 3.0         # the median that takes the noise out spans about this (at least one voxel),
                        # and the pure density is looked for this far across (at least one voxel each way)


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


def pure_density(hu: np.ndarray, calcium: np.ndarray, spacing: np.ndarray, calcified_hu: float,
                 nodule_min_hu: float, wide: list[int]) -> np.ndarray:
    """For each voxel: the pure density of the calcium it may hold, read after the median.

    The densest of the lesion's calcified voxels (`calcium`) within the blur's reach of it
    (SMOOTH_MM wide, at least one voxel each way) that could be a nodule's pure calcium: at least
    `nodule_min_hu`, the faintest nodule's density. Below it a voxel is partial volume (a wall or
    a small nodule thinner than a voxel, a nodule's rim, cancellous bone at the contact) or noise
    over soft tissue, and sets no reference. A voxel with no such reference in reach is measured
    against the densest calcified voxel (at least `calcified_hu`) within `wide` voxels, as a thin
    wall's or a small nodule's partial-volume voxels must be. -inf where none is: it holds no
    calcium."""
    smooth = smoothed(hu, spacing, where=calcium)
    pure = np.where(calcium & (smooth >= nodule_min_hu), smooth, -np.inf).astype(np.float32)
    near = ndimage.maximum_filter(pure, size=_odd_sizes(spacing, 1))
    far = ndimage.maximum_filter(np.where(calcium & (smooth >= calcified_hu), smooth, -np.inf).astype(np.float32),
                                 size=wide)
    return np.where(np.isfinite(near), near, far)

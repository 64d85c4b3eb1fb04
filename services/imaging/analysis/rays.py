"""Rays through a lesion's calcium shares, in patient millimetres (the sedimentation sign's judges,
lesions.settled_floor and fluid_level, measure a loculus's fluid and wall along them).

A voxel's calcium share is the mean of what it covers; sampled with linear interpolation, the sum
of the shares along a ray times the step is the calcium crossed, so a wall or a sediment layer
thinner than a voxel counts for its thickness whatever the grid's phase."""

import numpy as np
from scipy import ndimage

WALL_MET = 0.3             # a ray has met the wall where the share reaches this (or half its peak:
                           # a thin wall on coarse voxels never shows more)
MASS_ENDS = 0.1            # ... and leaves the mass where it falls back under this past the wall
                           # (a neighbouring structure beyond the soft tissue is not this loculus's)

# The 26 directions to a voxel's neighbours, in patient space (a loculus's wall is tested all round).
_STEPS = [np.array(index, float) - 1.0 for index in np.ndindex(3, 3, 3)]
DIRECTIONS = [step / np.linalg.norm(step) for step in _STEPS if step.any()]


def crossed(c: np.ndarray, affine: np.ndarray, start: np.ndarray, direction: np.ndarray,
            length_mm: float, step_mm: float) -> tuple[float, float]:
    """Along a ray from voxel index `start` in `direction` (patient mm), `length_mm` long in steps
    of `step_mm`: the fluid crossed before the wall (the integral of 1 - c up to the wall's densest
    point) and the calcium crossed before the mass ends (the integral of c up to where it falls
    back under MASS_ENDS past the wall)."""
    values = sampled(c, affine, start, direction, np.arange(0.0, length_mm, step_mm))
    peak = float(values.max())
    met = np.flatnonzero(values >= min(WALL_MET, 0.5 * peak))
    if met.size == 0 or peak < MASS_ENDS:
        return float((1.0 - values).sum() * step_mm), 0.0
    after = np.flatnonzero(values[met[0]:] < MASS_ENDS)
    end = met[0] + (after[0] if after.size else len(values) - met[0])
    # The wall's densest point: the first local maximum of the share from where the wall is met.
    wall = values[met[0]:end]
    falling = np.flatnonzero(np.diff(wall) < 0)
    top = met[0] + (falling[0] if falling.size else len(wall) - 1)
    return float((1.0 - values[:top + 1]).sum() * step_mm), float(values[:end].sum() * step_mm)


RISE = 0.03                # a wall's peak: the share falls this far below the highest met so far (noise)


def line(c: np.ndarray, affine: np.ndarray, point: np.ndarray, direction: np.ndarray, half_mm: float,
         step_mm: float) -> np.ndarray:
    """The shares along a line through voxel index `point` in `direction` (patient mm), from
    -half_mm to +half_mm in steps of step_mm (linear interpolation; 0 outside the box)."""
    return sampled(c, affine, point, direction, np.arange(-round(half_mm / step_mm), round(half_mm / step_mm) + 1) * step_mm)


def sampled(c: np.ndarray, affine: np.ndarray, point: np.ndarray, direction: np.ndarray, at_mm: np.ndarray) -> np.ndarray:
    """The shares at `at_mm` (patient mm) from voxel index `point` along `direction` (linear
    interpolation; 0 outside the box)."""
    step_index = np.linalg.solve(affine[:3, :3], direction)
    points = point[:, None] + step_index[:, None] * at_mm[None, :]
    return ndimage.map_coordinates(c, points, order=1, mode="constant", cval=0.0)


def between_walls(values: np.ndarray, lo: int, hi: int, step_mm: float) -> tuple[float, int, int, int]:
    """The fluid between the two walls round a dip: from the least share in values[lo:hi + 1],
    outwards each way to the wall's peak (where the share stops rising), the integral of 1 - c.
    Without any threshold on the share, so a fluid layer thinner than the voxel, whose blurred
    shares never fall far, still counts for its whole thickness: the voxel's blur moves fluid
    along the line but keeps it between the peaks of the walls on either side. Returns the fluid
    (mm), the two peaks' indices and the minimum's."""
    low = lo + int(np.argmin(values[lo:hi + 1]))
    peaks = []
    for way in (-1, 1):
        best = j = low
        while 0 <= j + way < len(values):
            j += way
            if values[j] > values[best]:
                best = j
            elif values[j] < values[best] - RISE:
                break
        peaks.append(best)
    a, b = peaks
    return float((1.0 - values[a:b + 1]).sum() * step_mm), a, b, low

"""A stack of CT slices -> one regular, orthogonal grid: what to do with uneven spacing, missing
slices, gantry tilt and oblique planes, decided from the geometry alone (before any pixel is
decoded, so that an upload can be refused from its headers), then done slab by slab.

The analysis and the report assume a regular grid whose axes run along the patient's axes
(the report names its key images "axial" and "coronal"), so anything else is resampled onto one
(trilinear), with a warning naming what was done, or refused when it cannot be done safely.
Every comparison of physical geometry has a tolerance: a header's seventh digit never decides.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from services.imaging.analysis.errors import InputError

# Slice gaps equal within this fraction of the step are one regular step: scanners write
# positions with 4 to 6 decimals, and 1% of a 0.5 mm step (5 um) is far above that rounding
# while far below anything that changes a measurement (a volume moves by < 1%).
SPACING_TOLERANCE = 0.01
# Positions off the slice normal by more than this (mm per slice, and at least this fraction of
# the step) are a sheared stack (gantry tilt); below it, rounding of ImagePositionPatient.
SHEAR_TOLERANCE_MM = 0.01
SHEAR_TOLERANCE = 1e-3
# Grid axes within this angle of a patient axis are taken as that axis (exact geometry is kept
# in the affine either way: a rotation under 1 degree only moves the key images' labels).
OBLIQUE_TOLERANCE_DEG = 1.0
# A gap up to this many steps is interpolated (one or two slices missing, or a coarser part of
# the series); beyond it the missing anatomy would be invented: refused.
MAX_GAP_STEPS = 3.0
# Gaps within this fraction of the median gap are the series' step; the others are missing
# slices or a part reconstructed at another spacing.
NEAR_MEDIAN = 0.25
# Outside the scanned field (a tilted or oblique stack does not fill an orthogonal box) is air,
# which is what scanners show there.
AIR_HU = -1024
# Cubic B-spline interpolation: linear interpolation of a grid onto one offset by half a voxel
# averages neighbours, and at 3 mm that blur alone erased a calcium-fluid level in the tests
# (test_geometry); cubic keeps it. The spline's prefilter runs on the source block each slab
# needs, with this margin (its influence decays as 0.27^n: < 1e-4 HU per HU beyond 8 voxels).
ORDER = 3
SPLINE_MARGIN = 8
# A block larger than this (a steep oblique, whose slab crosses the whole source) is
# interpolated linearly from the source as it is, rather than copied to float for the spline.
MAX_SPLINE_BLOCK_VOXELS = 1 << 24
# Target voxels computed at a time: coordinates take ~7 float64 per voxel (112 MiB).
SLAB_VOXELS = 1 << 21
# Two slices closer than this (mm) along the normal are at one position.
DUPLICATE_MM = 1e-3


@dataclass
class Stack:
    """Slices of one series: in-plane axes, pixel spacing and one position per slice."""
    row_dir: np.ndarray          # unit vector along a row (column index i grows)
    col_dir: np.ndarray          # unit vector along a column (row index j grows)
    pixel_mm: tuple[float, float]  # (between columns = along i, between rows = along j)
    columns: int
    rows: int
    positions: np.ndarray        # (n, 3) LPS mm of each slice's first pixel, sorted along the normal

    @property
    def normal(self) -> np.ndarray:
        normal = np.cross(self.row_dir, self.col_dir)
        return normal / np.linalg.norm(normal)

    @property
    def heights(self) -> np.ndarray:
        return (self.positions - self.positions[0]) @ self.normal


@dataclass
class Plan:
    """What the loader does with a stack: keep it (affine) or resample it onto (affine, shape)."""
    affine: np.ndarray
    shape: tuple[int, ...]
    resample: bool
    warnings: list[str] = field(default_factory=list)
    # Only the spacing is uneven: target slice k lies at source slice index along_slices[k]
    # (fractional), in the same plane; the loader streams it (see `along_slices`).
    along_slices: np.ndarray | None = None


def _nearest_axes(axes: np.ndarray) -> np.ndarray:
    """The signed patient axes (columns) nearest to the grid's three directions (columns)."""
    remaining, out = [0, 1, 2], np.zeros((3, 3))
    for column in np.argsort(-np.abs(axes).max(axis=0)):  # most decided first
        row = max(remaining, key=lambda r: abs(axes[r, column]))
        remaining.remove(row)
        out[row, column] = np.sign(axes[row, column]) or 1.0
    return out


def _max_angle_deg(axes: np.ndarray, target: np.ndarray) -> float:
    cosines = np.clip(np.abs((axes * target).sum(axis=0)), 0, 1)
    return float(np.degrees(np.arccos(cosines)).max())


def plan(stack: Stack) -> Plan:
    """Keep a regular straight stack as it is; otherwise plan the orthogonal grid it goes onto."""
    n = len(stack.positions)
    normal, heights = stack.normal, stack.heights
    gaps = np.diff(heights)
    if (gaps < DUPLICATE_MM).any():
        raise InputError("Two slices share one position: the files hold duplicates or more than one series")
    # The step: the mean of the gaps near the median (missing slices and a coarser part left
    # out), so that gaps jittering about one step give that step, not whichever side of it the
    # median happened to fall on.
    median = float(np.median(gaps))
    step = float(gaps[np.abs(gaps - median) <= NEAR_MEDIAN * median].mean())
    warnings: list[str] = []
    uneven = bool(np.abs(gaps - step).max() > SPACING_TOLERANCE * step)
    if gaps.max() > MAX_GAP_STEPS * step:
        where = int(np.argmax(gaps))
        raise InputError(f"Slices are missing: a gap of {gaps[where]:.1f} mm (between slices {where + 1} and "
                         f"{where + 2} in position order) where the others are {step:.2f} mm apart; "
                         "send the complete series")
    in_plane = (stack.positions - stack.positions[0]) - np.outer(heights, normal)
    shear = float(np.linalg.norm(in_plane, axis=1).max())
    sheared = shear > max(SHEAR_TOLERANCE_MM, SHEAR_TOLERANCE * step) * (n - 1)
    axes = np.column_stack([stack.row_dir, stack.col_dir, normal])
    lps = _nearest_axes(axes)
    oblique = _max_angle_deg(axes, lps) > OBLIQUE_TOLERANCE_DEG

    if not (uneven or sheared or oblique):
        affine = np.eye(4)
        affine[:3, 0] = stack.row_dir * stack.pixel_mm[0]
        affine[:3, 1] = stack.col_dir * stack.pixel_mm[1]
        affine[:3, 2] = (stack.positions[-1] - stack.positions[0]) / (n - 1)
        affine[:3, 3] = stack.positions[0]
        return Plan(affine, (stack.columns, stack.rows, n), False)

    if uneven:
        warnings.append(f"Uneven slice spacing ({gaps.min():.2f} to {gaps.max():.2f} mm): resampled onto a "
                        f"regular {step:.2f} mm grid (interpolated between slices)")
    if sheared:
        angle = np.degrees(np.arctan2(shear, heights[-1]))
        warnings.append(f"Gantry tilt ({angle:.1f} deg): the sheared slices were resampled onto an orthogonal grid")
    if oblique:
        warnings.append(f"Oblique slices ({_max_angle_deg(axes, lps):.1f} deg off the patient axes): resampled "
                        "onto a grid along the patient axes")
    if not (sheared or oblique):  # the same planes, spaced evenly: one index along the slices per target slice
        count = int(np.floor(heights[-1] / step + 1e-6)) + 1
        affine = np.eye(4)
        affine[:3, 0] = stack.row_dir * stack.pixel_mm[0]
        affine[:3, 1] = stack.col_dir * stack.pixel_mm[1]
        affine[:3, 2] = normal * step
        affine[:3, 3] = stack.positions[0]
        index = np.interp(np.arange(count) * step, heights, np.arange(n, dtype=float))
        return Plan(affine, (stack.columns, stack.rows, count), True, warnings, along_slices=index)
    target = lps if oblique else axes
    spacing = np.array([stack.pixel_mm[0], stack.pixel_mm[1], step])
    # (oblique: target axis c is the patient axis nearest to grid axis c, and keeps its spacing)
    corners = _corners(stack)
    local = corners @ target                      # coordinates along the target axes
    low, high = local.min(axis=0), local.max(axis=0)
    shape = tuple(int(np.floor((hi - lo) / s + 1e-6)) + 1 for lo, hi, s in zip(low, high, spacing, strict=True))
    affine = np.eye(4)
    affine[:3, :3] = target * spacing
    affine[:3, 3] = target @ low
    return Plan(affine, shape, True, warnings)


def keys_weights(fraction: float) -> np.ndarray:
    """Cubic convolution (Keys, a = -0.5) weights of the 4 samples around a point `fraction` past
    the second: interpolating (a sample is returned as it is) and sharp, with no prefilter."""
    a = -0.5
    x = np.abs(np.array([1 + fraction, fraction, 1 - fraction, 2 - fraction]))
    near = (a + 2) * x**3 - (a + 3) * x**2 + 1
    far = a * x**3 - 5 * a * x**2 + 8 * a * x - 4 * a
    return np.where(x <= 1, near, far)


def along_slices(read, count: int, index: np.ndarray, plane: tuple[int, int]) -> np.ndarray:
    """The target slices (int16) from source slices read one at a time (`read(k)` -> int16 plane):
    a target slice on a source slice is that slice; between, the cubic convolution of the four
    around it. Source slices are read in order and at most four kept: the decoded series is never
    held whole next to the resampled one."""
    out = np.empty((*plane, len(index)), np.int16, order="F")
    cache: dict[int, np.ndarray] = {}

    def get(k: int) -> np.ndarray:
        k = min(max(k, 0), count - 1)
        if k not in cache:
            cache[k] = read(k)
        return cache[k]

    for target, t in enumerate(index):
        base = int(np.floor(t + 1e-6))
        fraction = t - base
        for old in [key for key in cache if key < base - 1]:  # behind every later target slice
            del cache[old]
        if fraction < 1e-3:
            out[:, :, target] = get(base)
            continue
        weights = keys_weights(fraction)
        value = sum(w * get(base + offset).astype(np.float32) for w, offset in zip(weights, (-1, 0, 1, 2), strict=True))
        out[:, :, target] = np.clip(np.rint(value), -32768, 32767)
    return out


def _corners(stack: Stack) -> np.ndarray:
    """The corner pixels' centres of every slice (LPS mm): the extent of the scanned field."""
    di = stack.row_dir * stack.pixel_mm[0] * (stack.columns - 1)
    dj = stack.col_dir * stack.pixel_mm[1] * (stack.rows - 1)
    return np.concatenate([stack.positions + a + b for a in (0, di) for b in (0, dj)])


def resample(hu: np.ndarray, stack: Stack, target: Plan) -> np.ndarray:
    """`hu` (i, j, slice in stack order) on the target grid, int16, one slab of target slices at a
    time: each target voxel's LPS point is located in the stack (its slice by height, then its
    pixel on that slice's plane, whose origin moves with the slice when the stack is sheared)
    and interpolated; outside the scanned field is air."""
    n = len(stack.positions)
    out = np.empty(target.shape, np.int16, order="F")
    nx, ny, nz = target.shape
    step = max(1, SLAB_VOXELS // (nx * ny))
    for start in range(0, nz, step):
        stop = min(start + step, nz)
        coordinates = _source_coordinates(stack, target.affine, (nx, ny), start, stop)
        sizes = np.array([stack.columns, stack.rows, n])
        outside = np.zeros(coordinates.shape[1:], bool)
        for axis, size in enumerate(sizes):  # a rounding error at an edge is inside
            c = coordinates[axis]
            outside |= (c < -1e-3) | (c > size - 1 + 1e-3)
            np.clip(c, 0, size - 1, out=c)
        values = _interpolate(hu, coordinates, sizes)
        values[outside] = AIR_HU
        out[:, :, start:stop] = np.clip(np.rint(values), -32768, 32767)
    return out


def _source_coordinates(stack: Stack, affine: np.ndarray, plane: tuple[int, int], start: int,
                        stop: int) -> np.ndarray:
    """(3, nx, ny, stop - start) source indices (i, j, slice) of target slices start..stop-1."""
    normal, heights = stack.normal, stack.heights
    index = np.arange(len(heights), dtype=float)
    origin = affine[:3, 3] - stack.positions[0]
    i = np.arange(plane[0], dtype=float)[:, None, None]
    j = np.arange(plane[1], dtype=float)[None, :, None]
    k = np.arange(start, stop, dtype=float)[None, None, :]

    def along(direction: np.ndarray) -> np.ndarray:  # the target points' coordinate along a direction
        return (origin @ direction + i * (affine[:3, 0] @ direction) + j * (affine[:3, 1] @ direction)
                + k * (affine[:3, 2] @ direction))

    t = np.interp(along(normal), heights, index, left=-2.0, right=len(heights) + 1.0)
    shift_i = (stack.positions - stack.positions[0]) @ stack.row_dir  # each slice origin's in-plane shift
    shift_j = (stack.positions - stack.positions[0]) @ stack.col_dir
    u = (along(stack.row_dir) - np.interp(t, index, shift_i)) / stack.pixel_mm[0]
    v = (along(stack.col_dir) - np.interp(t, index, shift_j)) / stack.pixel_mm[1]
    return np.stack([u, v, t])


def _interpolate(hu: np.ndarray, coordinates: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Cubic B-spline values at the coordinates, from the source block they need (plus margin)."""
    low = np.maximum(np.floor(coordinates.reshape(3, -1).min(axis=1)).astype(int) - SPLINE_MARGIN, 0)
    high = np.minimum(np.ceil(coordinates.reshape(3, -1).max(axis=1)).astype(int) + SPLINE_MARGIN + 1, sizes)
    if np.prod(high - low) > MAX_SPLINE_BLOCK_VOXELS:
        return ndimage.map_coordinates(hu, coordinates, order=1, mode="nearest", output=np.float32)
    block = hu[low[0]:high[0], low[1]:high[1], low[2]:high[2]].astype(np.float32)
    coordinates -= low.reshape(3, 1, 1, 1)
    # No overshoot: a value stays at or below the densest source voxel it lies between (of the
    # 2 x 2 x 2 a linear interpolation weighs). The spline rings beside a sharp edge (a calcified
    # wall's 850 HU read 950 beside it), and a voxel's calcium share is read against the densest
    # voxel near it (Imaging 40): an oblique series' mass measured 6% smaller than its straight one.
    corner = np.clip(np.floor(coordinates), 0, (np.array(block.shape) - 1).reshape(3, 1, 1, 1))
    bound = ndimage.map_coordinates(ndimage.maximum_filter(block, size=2, origin=-1, mode="nearest"), corner,
                                    order=0, mode="nearest", output=np.float32)
    del corner
    spline = ndimage.spline_filter(block, order=ORDER, output=np.float32, mode="nearest")
    del block
    values = ndimage.map_coordinates(spline, coordinates, order=ORDER, mode="nearest", output=np.float32,
                                     prefilter=False)
    return np.minimum(values, bound, out=values)

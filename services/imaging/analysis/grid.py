"""The analysis grid: a fine CT averaged in blocks onto voxels of about ANALYSIS_VOXEL_MM.

Detection and shape judgements run there, so their cost does not grow with the cube of the
resolution; measurements go back to the CT's own voxels through `ct_box`, `to_ct`, `to_grid`.
"""

from dataclasses import dataclass

import numpy as np

from services.imaging.analysis.volume import voxel_spacing, voxel_volume_ml

ANALYSIS_VOXEL_MM = 3.0     # largest grid voxel: coarser grids cut masses from bone less reliably
# Physical sizes compared with a margin: a distance on a grid of 3 mm voxels is 3, 6, 9 mm... and a
# header's PixelSpacing of 3.0001 must not tip one over a threshold of 3 or 6 mm. Every comparison
# of a grid-aligned length with a threshold goes through `reaches` / `exceeds` / `voxels_in`.
GEOMETRY_TOLERANCE = 0.01


def reaches(length, threshold_mm):
    """length >= threshold, with lengths within the tolerance below it counted as reaching it."""
    return length >= threshold_mm * (1 - GEOMETRY_TOLERANCE)


def within(length, threshold_mm):
    """length <= threshold, with lengths within the tolerance above it counted as within."""
    return length <= threshold_mm * (1 + GEOMETRY_TOLERANCE)


def exceeds(length, threshold_mm):
    """length > threshold by more than the tolerance."""
    return length > threshold_mm * (1 + GEOMETRY_TOLERANCE)


def voxels_in(length_mm, spacing):
    """Whole voxels of `spacing` that fit in a length (a voxel short by the tolerance still fits)."""
    return np.floor(np.asarray(length_mm) / np.asarray(spacing) * (1 + GEOMETRY_TOLERANCE)).astype(int)


@dataclass(frozen=True)
class Grid:
    """The CT averaged over blocks of `factors` voxels (the CT itself where every factor is 1)."""
    hu: np.ndarray            # int16 block means
    peak: np.ndarray          # int16 block maxima: metal stays metal where a block mean dilutes it
    affine: np.ndarray        # grid index -> LPS mm (block centres)
    factors: np.ndarray       # CT voxels per grid voxel along i, j, k
    ct_shape: tuple[int, ...]

    @property
    def spacing(self) -> np.ndarray:
        return voxel_spacing(self.affine)

    @property
    def ct_spacing(self) -> np.ndarray:
        return self.spacing / self.factors

    @property
    def voxel_ml(self) -> float:
        return voxel_volume_ml(self.affine)

    def ct_box(self, box: tuple[slice, ...]) -> tuple[slice, ...]:
        """The CT voxels a box of grid voxels covers."""
        return tuple(slice(s.start * f, min(s.stop * f, n)) for s, f, n in zip(box, self.factors, self.ct_shape, strict=True))

    def to_ct(self, array: np.ndarray, box: tuple[slice, ...]) -> np.ndarray:
        """A grid array over `box`, spread over the CT voxels of ct_box(box)."""
        index = [np.arange(s.start, s.stop) // f - b.start for s, f, b in zip(self.ct_box(box), self.factors, box, strict=True)]
        return array[np.ix_(*index)]

    def to_grid(self, mask: np.ndarray, box: tuple[slice, ...]) -> np.ndarray:
        """A CT mask over ct_box(box) as the grid voxels of `box` it covers at least half of."""
        share: np.ndarray = mask.astype(np.float32)
        for axis, f in enumerate(self.factors):
            starts = np.arange(0, mask.shape[axis], f)
            counts = np.diff(np.append(starts, mask.shape[axis])).reshape([-1 if a == axis else 1 for a in range(3)])
            share = np.add.reduceat(share, starts, axis=axis) / counts
        return share >= 0.5


def analysis_grid(hu: np.ndarray, affine: np.ndarray) -> Grid:
    spacing = voxel_spacing(affine)
    # Never coarser than ANALYSIS_VOXEL_MM: coarser grids cut masses from bone less reliably.
    factors = np.maximum(voxels_in(ANALYSIS_VOXEL_MM, spacing), 1)
    if (factors == 1).all():
        return Grid(hu, hu, affine, factors, hu.shape)
    mean, peak = block_stats(hu, factors)
    grid_affine = affine.copy()
    grid_affine[:3, :3] = affine[:3, :3] * factors
    grid_affine[:3, 3] = affine[:3, :3] @ ((factors - 1) / 2) + affine[:3, 3]  # block centres
    return Grid(mean, peak, grid_affine, factors, hu.shape)


def block_stats(hu: np.ndarray, factors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and maximum of each block of `factors` voxels (int16), one slab of blocks at a time
    along the axis slowest in memory, so no full-size temporary is made. Blocks cut by the
    volume's edge are completed with their edge voxels."""
    flip = hu.flags.f_contiguous and not hu.flags.c_contiguous  # NIfTI arrays are Fortran-ordered
    data, f = (hu.T, factors[::-1]) if flip else (hu, factors)
    shape = [-(-n // k) for n, k in zip(data.shape, f, strict=True)]
    mean, peak = np.empty(shape, np.int16), np.empty(shape, np.int16)
    pad = [(0, s * k - n) for s, k, n in zip(shape, f, data.shape, strict=True)]
    cells = int(np.prod(f))
    for n in range(shape[0]):
        slab = data[n * f[0]:(n + 1) * f[0]]
        if any(p for _, p in pad[1:]) or len(slab) < f[0]:
            slab = np.pad(slab, [(0, f[0] - len(slab)), *pad[1:]], mode="edge")
        # Reduce the slab's planes first (contiguous), then the blocks within the plane.
        total = slab.sum(axis=0, dtype=np.int32).reshape(shape[1], f[1], shape[2], f[2]).sum(axis=3).sum(axis=1)
        mean[n] = np.rint(total / cells)
        peak[n] = slab.max(axis=0).reshape(shape[1], f[1], shape[2], f[2]).max(axis=3).max(axis=1)
    return (mean.T, peak.T) if flip else (mean, peak)

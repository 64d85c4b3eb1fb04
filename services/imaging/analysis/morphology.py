"""Morphology helpers the skeleton and the lesion measurements share."""

import numpy as np
from scipy import ndimage


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
    if largest is not None:
        outside |= np.bincount(background.ravel(), minlength=count + 1) > largest
    outside[0] = False  # label 0 is the mask itself
    return ~outside[background]

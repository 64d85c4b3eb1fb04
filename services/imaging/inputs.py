"""Header-level checks of analysis input, at the HTTP boundary (nothing is decoded here).

The same decisions as the loaders, from the same code (dicom_series, resample): which images make
the series, what is set aside, whether its geometry can be resampled, and its size after that.
"""

from pathlib import Path
from typing import cast

import nibabel
from nibabel.spatialimages import SpatialImage

from services.imaging.analysis import resample
from services.imaging.analysis.dicom_series import check_declared_voxels, read_headers, select_series
from services.imaging.analysis.errors import InputError, VolumeTooLarge, check_volume_size, describe
from services.imaging.analysis.inflated import DEFAULT_MAX_RATIO, TooCompressed
from services.imaging.analysis.loaders import nifti_volumes
from shared.errors import FHIRError


def _refusal(exc: InputError) -> FHIRError:
    if isinstance(exc, TooCompressed):
        return FHIRError.of(413, "too-costly", str(exc))
    return FHIRError.of(422, "too-costly" if isinstance(exc, VolumeTooLarge) else "processing", str(exc))


def check_nifti_header(path: Path, max_voxels: int) -> None:
    try:
        image = cast(SpatialImage, nibabel.load(path))  # a NIfTI file loads as a Nifti1Image
        shape = image.shape
    except Exception as exc:  # nibabel raises several types for a bad header
        raise FHIRError.of(422, "processing",
                           f"The file is not a readable NIfTI image: {describe(exc)}") from None
    if len(shape) < 3 or min(shape[:3]) < 2:
        raise FHIRError.of(422, "processing",
                           f"The NIfTI image must be a 3-D volume with at least 2 slices; its shape is {shape}")
    if nifti_volumes(shape) > 1:
        raise FHIRError.of(422, "processing",
                           f"The NIfTI image holds {nifti_volumes(shape)} volumes (shape {tuple(shape)}); "
                           "send one 3-D CT volume")
    try:
        check_volume_size(shape, max_voxels)
    except InputError as exc:
        raise _refusal(exc) from None


def check_dicom_headers(paths: list[Path], max_voxels: int, max_ratio: float = DEFAULT_MAX_RATIO) -> None:
    try:
        headers = read_headers(paths, max_ratio)
        check_declared_voxels(headers, max_voxels)
        series = select_series(headers)
        check_volume_size((series.stack.columns, series.stack.rows, len(series.frames)), max_voxels)
        check_volume_size(resample.plan(series.stack).shape, max_voxels)
    except InputError as exc:
        raise _refusal(exc) from None

"""Header-level checks of analysis input, at the HTTP boundary (nothing is decoded here)."""

from pathlib import Path

import nibabel
import pydicom
from pydicom.errors import InvalidDicomError

from services.imaging.analysis.loaders import VolumeTooLarge, check_volume_size
from shared.errors import FHIRError, Issue

# Attributes every slice of one series shares; a difference means a mixed upload.
SERIES_INVARIANTS = ("SeriesInstanceUID", "Rows", "Columns", "ImageOrientationPatient")


def _unprocessable(message: str) -> FHIRError:
    return FHIRError(422, [Issue("processing", message)])


def _check_size(shape: tuple[int, ...], max_voxels: int) -> None:
    try:
        check_volume_size(shape, max_voxels)
    except VolumeTooLarge as exc:
        raise FHIRError(422, [Issue("too-costly", str(exc))]) from None


def check_nifti_header(path: Path, max_voxels: int) -> None:
    try:
        image = nibabel.load(path)
        shape = image.shape
    except Exception as exc:  # nibabel raises several types for a bad header
        raise _unprocessable(f"The file is not a readable NIfTI image: {type(exc).__name__}: {exc}") from None
    if len(shape) < 3 or min(shape[:3]) < 2:
        raise _unprocessable(f"The NIfTI image must be a 3-D volume with at least 2 slices; its shape is {shape}")
    _check_size(shape, max_voxels)


def check_dicom_headers(paths: list[Path], max_voxels: int) -> None:
    headers = []
    for index, path in enumerate(paths):
        try:
            headers.append(pydicom.dcmread(path, stop_before_pixels=True))
        except (InvalidDicomError, EOFError, OSError, ValueError) as exc:
            raise _unprocessable(f"File {index + 1} is not DICOM ({type(exc).__name__}: {exc})") from None
    not_ct = sorted({str(h.get("Modality", "(none)")) for h in headers} - {"CT"})
    if not_ct:
        raise _unprocessable(f"Only CT can be analysed; the upload holds modality {', '.join(not_ct)}")
    images = [h for h in headers if h.get("Rows")]
    if len(images) < 2:
        raise _unprocessable("A single slice cannot be analysed: send the whole series")
    for attribute in SERIES_INVARIANTS:
        values = {str(h.get(attribute, "")) for h in images}
        values.discard("")  # anonymised data may leave UIDs empty
        if len(values) > 1:
            raise _unprocessable(f"The upload mixes series: {attribute} differs between files")
    _check_size((int(images[0].Columns), int(images[0].Rows), len(images)), max_voxels)

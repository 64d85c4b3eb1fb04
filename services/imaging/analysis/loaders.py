"""Loading CT volumes from NIfTI files and DICOM series into `Volume` (HU, LPS geometry).

Errors the caller can act on (not DICOM, not CT, mixed series, ...) raise `InputError`
whose message is the reason in words.
"""

import math
from collections.abc import Iterable
from pathlib import Path

import nibabel
import numpy as np
import pydicom
from pydicom.errors import InvalidDicomError

from services.imaging.analysis.volume import GRAVITY_LPS, Volume

RAS_TO_LPS = np.diag([-1.0, -1.0, 1.0, 1.0])
HU_MIN, HU_MAX = -32768, 32767          # int16 range; values beyond are clipped
TILT_TOLERANCE_MM = 0.01                # slice offsets off the normal by more than this per slice = tilt
SPACING_TOLERANCE = 0.01                # relative spread of slice gaps above this = uneven spacing
ORIENTATION_TOLERANCE = 1e-4            # ImageOrientationPatient differences below this are rounding
SLAB_VOXELS = 1 << 22                   # voxels converted to int16 at a time (32 MiB of float64)


class InputError(ValueError):
    """The input cannot be analysed; the message says why, in words for the caller."""


class VolumeTooLarge(InputError):
    """The volume is larger than this service analyses."""


def check_volume_size(shape: tuple[int, ...], max_voxels: int | None) -> None:
    """Refuse a volume beyond the limit from its declared dimensions, before any of it is decoded:
    the dimensions are the sender's to claim (a few bytes of header can ask for terabytes), the
    memory is the service's."""
    voxels = math.prod(int(n) for n in shape)
    if max_voxels is not None and voxels > max_voxels:
        raise VolumeTooLarge(f"The volume has {voxels:,} voxels ({' x '.join(str(int(n)) for n in shape)}); "
                             f"this service analyses at most {max_voxels:,}")


def _to_int16(data: np.ndarray, slope: float = 1.0, inter: float = 0.0) -> np.ndarray:
    """HU as int16 (data * slope + inter, rounded and clipped), without full-size float copies:
    int16 data that needs no scaling is kept as it is; anything else is converted one slab at a
    time along the axis slowest in memory."""
    if data.dtype == np.int16 and slope == 1 and inter == 0:
        return data
    out = np.empty(data.shape, np.int16, order="F" if data.flags.f_contiguous else "C")
    axis = data.ndim - 1 if data.flags.f_contiguous and not data.flags.c_contiguous else 0
    step = max(1, SLAB_VOXELS // max(1, data.size // max(data.shape[axis], 1)))
    for start in range(0, data.shape[axis], step):
        part = [slice(None)] * data.ndim
        part[axis] = slice(start, start + step)
        values = data[tuple(part)].astype(np.float64)
        if slope != 1 or inter != 0:
            values = values * slope + inter
        out[tuple(part)] = np.clip(np.rint(np.nan_to_num(values, nan=HU_MIN)), HU_MIN, HU_MAX)
    return out


def _scaling(proxy) -> tuple[np.ndarray, float, float]:
    """The stored array and its scaling (NIfTI scl_slope/scl_inter; 1 and 0 when unset), so the
    scaled float64 volume nibabel would build is never made."""
    if nibabel.is_proxy(proxy) and hasattr(proxy, "get_unscaled"):
        return np.asarray(proxy.get_unscaled()), float(proxy.slope), float(proxy.inter)
    return np.asarray(proxy), 1.0, 0.0


def load_nifti(path, max_voxels: int | None = None) -> Volume:
    """Read a 3-D NIfTI CT (scaling applied); the RAS affine is converted to LPS."""
    try:
        image = nibabel.load(str(path))
        shape = image.shape
    except Exception as exc:  # nibabel raises several types for a bad file
        raise InputError(f"The file is not a readable NIfTI image ({type(exc).__name__}: {exc})") from None
    check_volume_size(shape, max_voxels)
    try:
        data, slope, inter = _scaling(image.dataobj)
        affine = np.asarray(image.affine, dtype=float)
    except Exception as exc:  # nibabel raises several types for a bad file
        raise InputError(f"The file is not a readable NIfTI image ({type(exc).__name__}: {exc})") from None
    while data.ndim > 3 and data.shape[-1] == 1:
        data = data[..., 0]
    if data.ndim != 3 or min(data.shape) < 2:
        raise InputError(f"The NIfTI image must be a 3-D volume with at least 2 slices; its shape is {data.shape}")
    if not np.isfinite(affine).all() or abs(np.linalg.det(affine[:3, :3])) < 1e-9:
        raise InputError("The NIfTI image has no usable voxel-to-patient geometry (degenerate affine)")
    return Volume(
        hu=_to_int16(data, slope, inter),
        affine=RAS_TO_LPS @ affine,
        patient_position="HFS",
        source="nifti",
        warnings=["NIfTI carries no patient position: supine head-first (HFS) assumed"],
    )


def _read_headers(paths: list[Path]) -> list[pydicom.Dataset]:
    datasets = []
    for index, path in enumerate(paths):
        try:
            datasets.append(pydicom.dcmread(path))
        except (InvalidDicomError, EOFError, OSError, ValueError, TypeError, KeyError) as exc:
            raise InputError(
                f"File {index + 1} ({Path(path).name}) is not DICOM ({type(exc).__name__}: {exc})") from None
    return datasets


def _check_one_series(images: list[pydicom.Dataset]) -> None:
    for attribute in ("StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID"):
        values = {str(ds.get(attribute, "") or "") for ds in images} - {""}  # empty UIDs are tolerated
        if len(values) > 1:
            raise InputError(f"The files mix series: {attribute} differs between slices")
    for attribute in ("Rows", "Columns"):
        if len({int(ds.get(attribute)) for ds in images}) > 1:
            raise InputError(f"The files mix series: {attribute} differs between slices")
    orientations = np.array([_floats(ds, "ImageOrientationPatient", 6) for ds in images])
    if np.abs(orientations - orientations[0]).max() > ORIENTATION_TOLERANCE:
        raise InputError("The files mix series: ImageOrientationPatient differs between slices")
    spacings = np.array([_floats(ds, "PixelSpacing", 2) for ds in images])
    if np.abs(spacings - spacings[0]).max() > ORIENTATION_TOLERANCE:
        raise InputError("The files mix series: PixelSpacing differs between slices")


def _floats(ds: pydicom.Dataset, attribute: str, count: int) -> list[float]:
    value = ds.get(attribute)
    try:
        numbers = [float(v) for v in value]
    except (TypeError, ValueError):
        numbers = []
    if len(numbers) != count or not np.isfinite(numbers).all():
        raise InputError(f"A slice lacks a valid {attribute}: its geometry is unknown")
    return numbers


def _pixels(ds: pydicom.Dataset, index: int) -> np.ndarray:
    try:
        pixels = ds.pixel_array
    except Exception as exc:  # decoders raise many types for truncated or corrupt data
        raise InputError(
            f"The pixel data of slice {index + 1} cannot be decoded ({type(exc).__name__}: {exc})") from None
    if pixels.shape != (int(ds.Rows), int(ds.Columns)):
        raise InputError(f"Slice {index + 1} is not a single-frame greyscale image (pixel array {pixels.shape})")
    slope = float(ds.get("RescaleSlope", 1) or 1)
    intercept = float(ds.get("RescaleIntercept", 0) or 0)
    return _to_int16(pixels, slope, intercept)


def load_dicom_series(paths: Iterable, max_voxels: int | None = None) -> Volume:
    """Read one CT series (one file per slice, any order, any orientation) into a Volume.

    Slices are ordered by ImagePositionPatient projected on the slice normal. The affine maps
    (i = column, j = row, k = slice) to LPS mm; its k column is the mean step between slices.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("No files were given")
    datasets = _read_headers(paths)
    not_ct = sorted({str(ds.get("Modality", "") or "(none)") for ds in datasets} - {"CT"})
    if not_ct:
        raise InputError(f"Only CT can be analysed; the files hold modality {', '.join(not_ct)}")
    images = [ds for ds in datasets if "PixelData" in ds and ds.get("Rows")]
    if len(images) < 2:
        raise InputError("A single slice cannot be analysed as a volume: send the whole series")
    _check_one_series(images)
    check_volume_size((int(images[0].Columns), int(images[0].Rows), len(images)), max_voxels)

    orientation = np.array(_floats(images[0], "ImageOrientationPatient", 6))
    row_dir, col_dir = orientation[:3], orientation[3:]  # along a row (i grows), along a column (j grows)
    normal = np.cross(row_dir, col_dir)
    if np.linalg.norm(normal) < 0.5:
        raise InputError("ImageOrientationPatient does not describe two independent directions")
    normal /= np.linalg.norm(normal)
    positions = np.array([_floats(ds, "ImagePositionPatient", 3) for ds in images])
    order = np.argsort(positions @ normal, kind="stable")
    images = [images[n] for n in order]
    positions = positions[order]
    along = positions @ normal
    gaps = np.diff(along)
    if (gaps < 1e-3).any():
        raise InputError("Two slices share one position: the files hold duplicates or more than one series")

    warnings: list[str] = []
    steps = np.diff(positions, axis=0)
    off_normal = np.linalg.norm(steps - np.outer(gaps, normal), axis=1)
    tilt = float(images[0].get("GantryDetectorTilt", 0) or 0)
    if abs(tilt) > 1e-3 or (off_normal > TILT_TOLERANCE_MM).any():
        angle = np.degrees(np.arctan2(off_normal.mean(), gaps.mean()))
        warnings.append(f"Gantry tilt: slices are sheared (GantryDetectorTilt {tilt:g} deg, "
                        f"offset angle {angle:.1f} deg); the geometry keeps the shear")
    if gaps.max() - gaps.min() > SPACING_TOLERANCE * gaps.mean():
        warnings.append(f"Uneven slice spacing ({gaps.min():.2f} to {gaps.max():.2f} mm); "
                        f"the mean {gaps.mean():.2f} mm is used, so sizes along the slices are approximate")

    pixel_spacing = _floats(images[0], "PixelSpacing", 2)  # (between rows, between columns)
    affine = np.eye(4)
    affine[:3, 0] = row_dir * pixel_spacing[1]
    affine[:3, 1] = col_dir * pixel_spacing[0]
    affine[:3, 2] = (positions[-1] - positions[0]) / (len(images) - 1)
    affine[:3, 3] = positions[0]
    hu = np.empty((int(images[0].Columns), int(images[0].Rows), len(images)), np.int16, order="F")
    for n, ds in enumerate(images):  # one slice at a time: no float64 copy of the whole series
        hu[:, :, n] = _pixels(ds, n).T

    position = str(images[0].get("PatientPosition", "") or "").upper()
    if position not in GRAVITY_LPS:
        warnings.append(f"Patient position {position or '(missing)'} not usable: supine head-first (HFS) assumed")
        position = "HFS"
    uid = lambda attribute: (str(images[0].get(attribute, "") or "") or None)  # noqa: E731
    return Volume(
        hu=hu,
        affine=affine,
        patient_position=position,
        source="dicom",
        warnings=warnings,
        slice_sop_uids=[str(ds.get("SOPInstanceUID", "") or "") for ds in images],
        study_uid=uid("StudyInstanceUID"),
        series_uid=uid("SeriesInstanceUID"),
    )

"""Loading CT volumes from NIfTI files and DICOM series into `Volume` (HU, LPS geometry).

Errors the caller can act on (not DICOM, not CT, mixed series, ...) raise `InputError`
whose message is the reason in words.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import cast

import nibabel
import numpy as np
import pydicom
from nibabel.spatialimages import SpatialImage
from pydicom.pixels import iter_pixels, pixel_array

from services.imaging.analysis import resample
from services.imaging.analysis.dicom_series import Frame, check_declared_voxels, read_headers, select_series
from services.imaging.analysis.errors import InputError, VolumeTooLarge, check_volume_size, describe
from services.imaging.analysis.inflated import DEFAULT_MAX_RATIO
from services.imaging.analysis.volume import GRAVITY_LPS, Volume

__all__ = ["InputError", "VolumeTooLarge", "check_volume_size", "load_dicom_series", "load_nifti"]

RAS_TO_LPS = np.diag([-1.0, -1.0, 1.0, 1.0])
HU_MIN, HU_MAX = -32768, 32767          # int16 range; values beyond are clipped
SLAB_VOXELS = 1 << 22                   # voxels converted to int16 at a time (32 MiB of float64)


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


def nifti_volumes(shape: tuple[int, ...]) -> int:
    """How many 3-D volumes a NIfTI of this shape holds (a 4-D series of scans holds several)."""
    return int(np.prod([int(n) for n in shape[3:]])) if len(shape) > 3 else 1


def load_nifti(path, max_voxels: int | None = None) -> Volume:
    """Read a 3-D NIfTI CT (scaling applied); the RAS affine is converted to LPS. A grid whose axes
    are not along the patient's (an oblique or sheared affine) is resampled onto one that is."""
    try:
        image = cast(SpatialImage, nibabel.load(str(path)))  # a NIfTI file loads as a Nifti1Image
        shape = image.shape
    except Exception as exc:  # nibabel raises several types for a bad file
        raise InputError(f"The file is not a readable NIfTI image ({describe(exc)})") from None
    if nifti_volumes(shape) > 1:
        raise InputError(f"The NIfTI image holds {nifti_volumes(shape)} volumes (shape {tuple(shape)}); "
                         "send one 3-D CT volume")
    check_volume_size(shape, max_voxels)
    try:
        data, slope, inter = _scaling(image.dataobj)
        affine = np.asarray(image.affine, dtype=float)
    except Exception as exc:  # nibabel raises several types for a bad file
        raise InputError(f"The file is not a readable NIfTI image ({describe(exc)})") from None
    while data.ndim > 3 and data.shape[-1] == 1:
        data = data[..., 0]
    if data.ndim != 3 or min(data.shape) < 2:
        raise InputError(f"The NIfTI image must be a 3-D volume with at least 2 slices; its shape is {data.shape}")
    if not np.isfinite(affine).all() or abs(np.linalg.det(affine[:3, :3])) < 1e-9:
        raise InputError("The NIfTI image has no usable voxel-to-patient geometry (degenerate affine)")
    hu, affine = _to_int16(data, slope, inter), RAS_TO_LPS @ affine
    warnings = ["NIfTI carries no patient position: supine head-first (HFS) assumed"]
    stack = _nifti_stack(affine, hu.shape)
    target = resample.plan(stack)
    if target.resample:
        check_volume_size(target.shape, max_voxels)
        hu = resample.resample(hu if (affine[:3, 2] @ stack.normal) > 0 else hu[:, :, ::-1], stack, target)
        affine, warnings = target.affine, warnings + target.warnings
    return Volume(hu=hu, affine=affine, patient_position="HFS", source="nifti", warnings=warnings)


def _nifti_stack(affine: np.ndarray, shape: tuple[int, ...]) -> resample.Stack:
    """The NIfTI grid seen as a stack of k slices (ordered along their normal)."""
    row, col = affine[:3, 0], affine[:3, 1]
    positions = np.array([affine[:3, 2] * k + affine[:3, 3] for k in range(shape[2])])
    stack = resample.Stack(row_dir=row / np.linalg.norm(row), col_dir=col / np.linalg.norm(col),
                           pixel_mm=(float(np.linalg.norm(row)), float(np.linalg.norm(col))),
                           columns=shape[0], rows=shape[1], positions=positions)
    if affine[:3, 2] @ stack.normal < 0:
        stack.positions = positions[::-1]
    return stack


def _acquired(ds: pydicom.Dataset) -> str | None:
    """When the scan was taken, as a FHIR dateTime: the acquisition's date (else the series', else
    the study's), with its time only when TimezoneOffsetFromUTC says which zone (FHIR requires a
    zone on a time, and guessing one would move the date)."""
    for date_key, time_key in (("AcquisitionDate", "AcquisitionTime"), ("SeriesDate", "SeriesTime"),
                               ("StudyDate", "StudyTime")):
        date = str(ds.get(date_key, "") or "").strip()
        if len(date) != 8 or not date.isdigit():
            continue
        text = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        time = str(ds.get(time_key, "") or "").strip().split(".")[0]
        zone = str(ds.get("TimezoneOffsetFromUTC", "") or "").strip()
        if len(time) == 6 and time.isdigit() and len(zone) == 5 and zone[0] in "+-" and zone[1:].isdigit():
            text += f"T{time[:2]}:{time[2:4]}:{time[4:]}{zone[:3]}:{zone[3:]}"
        return text
    return None


def _pixels(frame: Frame, pixels: np.ndarray, number: int) -> np.ndarray:
    """One decoded frame as HU (int16), stored padding read as air."""
    if pixels.shape != (frame.rows, frame.columns):
        raise InputError(f"Image {number + 1} is not a greyscale image of its declared size (pixel array {pixels.shape})")
    hu = _to_int16(pixels, frame.slope, frame.intercept)
    if frame.padding is not None:
        low, high = frame.padding
        hu = np.where((pixels >= low) & (pixels <= high), np.int16(resample.AIR_HU), hu)
    return hu


def _decode(paths: list[Path], frames: list[Frame], hu: np.ndarray) -> None:
    """Fill hu[:, :, k] with frames[k], one file at a time (a multi-frame file frame by frame):
    no float copy of the series, no file's pixel data held beyond its own slices."""
    slots: dict[int, list[tuple[int, int | None]]] = {}
    for k, frame in enumerate(frames):
        slots.setdefault(frame.file, []).append((k, frame.frame))
    for file, wanted in slots.items():
        try:
            if wanted[0][1] is None:  # a single-frame instance
                decoded: Iterable[tuple[int, np.ndarray]] = [(wanted[0][0], pydicom.dcmread(paths[file]).pixel_array)]
            else:  # a multi-frame instance: every slot of the file names its frame
                where = {f: k for k, f in wanted if f is not None}
                decoded = zip((where[f] for f in sorted(where)), iter_pixels(paths[file], indices=sorted(where)), strict=True)
            for k, pixels in decoded:
                hu[:, :, k] = _pixels(frames[k], pixels, k).T
        except InputError:
            raise
        except Exception as exc:  # decoders raise many types for truncated or corrupt data
            raise InputError(f"The pixel data of file {file + 1} cannot be decoded ({describe(exc)})") from None


def _read_slice(paths: list[Path], frames: list[Frame], k: int) -> np.ndarray:
    """Slice k (stack order) as HU indexed (i, j), decoded on its own."""
    frame = frames[k]
    try:
        if frame.frame is None:
            pixels = pydicom.dcmread(paths[frame.file]).pixel_array
        else:
            pixels = pixel_array(paths[frame.file], index=frame.frame)
    except Exception as exc:  # decoders raise many types for truncated or corrupt data
        raise InputError(f"The pixel data of file {frame.file + 1} cannot be decoded ({describe(exc)})") from None
    return _pixels(frame, pixels, k).T


def load_dicom_series(paths: Iterable, max_voxels: int | None = None, max_ratio: float = DEFAULT_MAX_RATIO) -> Volume:
    """Read one CT series (one file per slice, or enhanced multi-frame; any order, any
    orientation) into a Volume. Other objects in the files are set aside (see dicom_series);
    slices are ordered along their normal; an uneven, tilted or oblique stack is resampled onto a
    regular grid along the patient axes (see resample), else the affine is the stack's own."""
    paths = [Path(p) for p in paths]
    headers = read_headers(paths, max_ratio)
    check_declared_voxels(headers, max_voxels)  # frames counted, before any is decoded
    series = select_series(headers)
    stack, frames = series.stack, series.frames
    target = resample.plan(stack)
    check_volume_size((stack.columns, stack.rows, len(frames)), max_voxels)
    check_volume_size(target.shape, max_voxels)
    if target.along_slices is not None:  # uneven spacing only: streamed, the series is never held twice
        hu = resample.along_slices(lambda k: _read_slice(paths, frames, k), len(frames), target.along_slices,
                                   (stack.columns, stack.rows))
    else:
        hu = np.empty((stack.columns, stack.rows, len(frames)), np.int16, order="F")
        _decode(paths, frames, hu)
        if target.resample:
            hu = resample.resample(hu, stack, target)

    first = series.headers[frames[0].file]
    warnings = list(series.warnings) + target.warnings
    position = str(first.get("PatientPosition", "") or "").upper()
    if position not in GRAVITY_LPS:
        warnings.append(f"Patient position {position or '(missing)'} not usable: supine head-first (HFS) assumed")
        position = "HFS"
    uid = lambda attribute: (str(first.get(attribute, "") or "") or None)  # noqa: E731
    # The SEG references one instance per slice: only when each k is one single-frame instance.
    one_per_slice = not target.resample and all(f.frame is None for f in frames)
    return Volume(
        hu=hu,
        affine=target.affine,
        patient_position=position,
        source="dicom",
        warnings=warnings,
        slice_sop_uids=[f.sop_uid for f in frames] if one_per_slice else None,
        study_uid=uid("StudyInstanceUID"),
        series_uid=uid("SeriesInstanceUID"),
        acquired=_acquired(first),
        source_files=sorted({paths[f.file] for f in frames}),
    )

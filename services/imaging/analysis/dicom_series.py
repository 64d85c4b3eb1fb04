"""Which images of a DICOM upload make the CT volume, decided from headers alone.

Real exports mix things in: a DICOMDIR, dose reports and screen captures, localizers (scouts),
other modalities, several reconstructions of one scan (often anonymised, UIDs empty). Non-image
objects, localizers and other modalities are set aside, and the report says so; images are
grouped into series by their geometry and reconstruction, never merged across series; more than
one CT volume series is refused, naming them, rather than guessed between.

Enhanced (multi-frame) CT is read frame by frame from its functional groups into the same frames.
"""

import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np
import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.uid import UID

from services.imaging.analysis.errors import InputError, VolumeTooLarge, describe
from services.imaging.analysis.inflated import DEFAULT_MAX_RATIO, inflate_in_place
from services.imaging.analysis.resample import DUPLICATE_MM, Stack

# SOP classes whose images are CT slices or frames of a volume. Anything else with pixels (a
# Secondary Capture of a dose screen, say) is set aside; an empty SOP class is taken as CT.
CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
ENHANCED_CT = {"1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2"}  # enhanced, legacy converted
VOLUME_CLASSES = {CT_IMAGE, *ENHANCED_CT}
DICOMDIR = "1.2.840.10008.1.3.10"
# Two images belong to one series only when their geometry agrees within these (rounding of
# decimal strings is far below; a different reconstruction is far above).
ORIENTATION_TOLERANCE = 1e-3   # direction cosines (0.06 degrees)
SPACING_TOLERANCE = 1e-3       # relative, pixel spacing and slice thickness
# Two reconstructions of one geometry with nothing else to tell them apart interleave: their
# merged gaps keep changing (3 mm slices among 6 mm ones: 1.5, 1.5, 3, 1.5, 1.5, 3, ...), where
# one series' gaps change only where a slice is missing or its spacing changes once.
GAP_CHANGE = 0.25              # consecutive gaps differing by more than this fraction change
INTERLEAVED_SHARE = 0.3        # of consecutive gap pairs, at least INTERLEAVED_MIN of them
INTERLEAVED_MIN = 4


@dataclass
class Frame:
    """One 2-D image of the volume: where it lies and how its stored values become HU."""
    file: int                    # index in the list of files
    frame: int | None            # frame of a multi-frame instance; None for a single-frame one
    position: np.ndarray         # ImagePositionPatient
    orientation: np.ndarray      # ImageOrientationPatient (6)
    pixel_spacing: np.ndarray    # (between rows, between columns), as DICOM says it
    rows: int
    columns: int
    slope: float
    intercept: float
    thickness: float | None
    kernel: str
    series_uid: str
    series_number: str           # SeriesNumber: anonymisers that empty UIDs usually keep it
    instance_number: str
    sop_uid: str
    padding: tuple[float, float] | None  # stored values that mean "outside the scanned field"


@dataclass
class Series:
    """The frames of the one CT series found, sorted along the slice normal, and what was set aside."""
    frames: list[Frame]
    stack: Stack
    headers: list[pydicom.Dataset]   # every file's header, in the order of the files
    warnings: list[str]


def read_headers(paths: list[Path], max_ratio: float = DEFAULT_MAX_RATIO) -> list[pydicom.Dataset]:
    """Every file's header (no pixel data); a file that is not DICOM is refused by its number.
    A Deflated file is first inflated in place, within `max_ratio` (inflated.py): pydicom would
    inflate all of it, pixels included, in memory, to read its header."""
    headers: list[pydicom.Dataset] = []
    for index, path in enumerate(paths):
        try:
            inflate_in_place(path, max_ratio)
            headers.append(pydicom.dcmread(path, stop_before_pixels=True))
        except (InvalidDicomError, EOFError, OSError, ValueError, TypeError, KeyError, AttributeError,
                zlib.error) as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(f"File {index + 1} is not DICOM ({describe(exc)})") from None
    return headers


def _declared(ds: pydicom.Dataset) -> tuple[int, int, int]:
    rows, columns = _number(ds.get("Rows"), 0.0), _number(ds.get("Columns"), 0.0)
    return int(max(rows, 0)), int(max(columns, 0)), max(int(_number(ds.get("NumberOfFrames"), 1.0)), 1)


def declared_voxels(headers: list[pydicom.Dataset]) -> int:
    """Rows x Columns x NumberOfFrames, summed over the files: what decoding them all would hold."""
    return sum(rows * columns * frames for rows, columns, frames in map(_declared, headers))


def check_declared_voxels(headers: list[pydicom.Dataset], max_voxels: int | None) -> None:
    """Refuse files that declare more voxels than the limit, frames counted, before any is decoded."""
    voxels = declared_voxels(headers)
    if max_voxels is None or voxels <= max_voxels:
        return
    sizes = [_declared(ds) for ds in headers]
    planes = {(columns, rows) for rows, columns, _ in sizes if rows and columns}
    frames = sum(f for r, c, f in sizes if r and c)
    shape = (f"{next(iter(planes))[0]} x {next(iter(planes))[1]} x {frames} frames" if len(planes) == 1
             else "rows x columns x frames")
    raise VolumeTooLarge(f"The files declare {voxels:,} voxels ({shape}, over {len(headers)} files); this service "
                         f"analyses at most {max_voxels:,}")


def _sop_class(ds: pydicom.Dataset) -> str:
    meta = getattr(ds, "file_meta", None)
    return str(ds.get("SOPClassUID", "") or (meta.get("MediaStorageSOPClassUID", "") if meta else "") or "")


def _class_name(uid: str) -> str:
    name = UID(uid).name if uid else ""
    return name if name and name != uid else (uid or "unknown class")


def _floats(value, count: int, what: str) -> np.ndarray:
    try:
        numbers = np.array([float(v) for v in value], float)
    except (TypeError, ValueError):
        numbers = np.array([])
    if len(numbers) != count or not np.isfinite(numbers).all():
        raise InputError(f"An image lacks a valid {what}: its geometry is unknown")
    return numbers


@overload
def _number(value, default: float) -> float: ...


@overload
def _number(value, default: None) -> float | None: ...


def _number(value, default: float | None) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if np.isfinite(number) else default


def _kernel(value) -> str:
    if value is None:
        return ""
    return "\\".join(str(v) for v in value) if isinstance(value, (list, pydicom.multival.MultiValue)) else str(value)


def _padding(ds: pydicom.Dataset) -> tuple[float, float] | None:
    value = _number(ds.get("PixelPaddingValue"), None)
    if value is None:
        return None
    limit = _number(ds.get("PixelPaddingRangeLimit"), value)
    return (min(value, limit), max(value, limit))


def _is_localizer(image_type) -> bool:
    return "LOCALIZER" in [str(v).upper() for v in (image_type or [])]


def _first(groups: list[pydicom.Dataset | None], keyword: str):
    """The first item of a functional-group sequence in the per-frame item, else the shared one."""
    for group in groups:
        if group is not None and keyword in group and len(group[keyword].value):
            return group[keyword].value[0]
    return pydicom.Dataset()


def _frames(index: int, ds: pydicom.Dataset) -> tuple[list[Frame], int]:
    """The frames of one CT instance, and how many localizer frames it holds (set aside)."""
    common: dict[str, Any] = {"file": index, "rows": int(ds.Rows), "columns": int(ds.Columns), "padding": _padding(ds),
              "series_uid": str(ds.get("SeriesInstanceUID", "") or ""),
              "sop_uid": str(ds.get("SOPInstanceUID", "") or ""),
              "series_number": str(ds.get("SeriesNumber", "") or "")}
    if _sop_class(ds) not in ENHANCED_CT and "PerFrameFunctionalGroupsSequence" not in ds:
        return [Frame(frame=None, instance_number=str(ds.get("InstanceNumber", "") or ""),
                      position=_floats(ds.get("ImagePositionPatient"), 3, "ImagePositionPatient"),
                      orientation=_floats(ds.get("ImageOrientationPatient"), 6, "ImageOrientationPatient"),
                      pixel_spacing=_floats(ds.get("PixelSpacing"), 2, "PixelSpacing"),
                      slope=_number(ds.get("RescaleSlope"), 1.0) or 1.0,
                      intercept=_number(ds.get("RescaleIntercept"), 0.0),
                      thickness=_number(ds.get("SliceThickness"), None),
                      kernel=_kernel(ds.get("ConvolutionKernel")), **common)], 0
    shared = ds.SharedFunctionalGroupsSequence[0] if ds.get("SharedFunctionalGroupsSequence") else None
    per_frame = ds.get("PerFrameFunctionalGroupsSequence") or []
    count = int(ds.get("NumberOfFrames", 1) or 1)
    if len(per_frame) != count:
        raise InputError(f"File {index + 1}: a multi-frame image without one functional group per frame "
                         f"({len(per_frame)} for {count} frames)")
    frames, localizers = [], 0
    for number, item in enumerate(per_frame):
        groups = [item, shared]
        if _is_localizer(_first(groups, "CTImageFrameTypeSequence").get("FrameType")):
            localizers += 1
            continue
        measures = _first(groups, "PixelMeasuresSequence")
        scaling = _first(groups, "PixelValueTransformationSequence")
        frames.append(Frame(
            frame=number, instance_number="",
            position=_floats(_first(groups, "PlanePositionSequence").get("ImagePositionPatient"), 3, "ImagePositionPatient"),
            orientation=_floats(_first(groups, "PlaneOrientationSequence").get("ImageOrientationPatient"), 6,
                                "ImageOrientationPatient"),
            pixel_spacing=_floats(measures.get("PixelSpacing"), 2, "PixelSpacing"),
            slope=_number(scaling.get("RescaleSlope"), 1.0) or 1.0,
            intercept=_number(scaling.get("RescaleIntercept"), 0.0),
            thickness=_number(measures.get("SliceThickness"), None),
            kernel=_kernel(_first(groups, "CTReconstructionSequence").get("ConvolutionKernel")), **common))
    return frames, localizers


def _same_series(a: Frame, b: Frame) -> bool:
    def close(x, y):
        return (x is None) == (y is None) and (x is None or abs(x - y) <= SPACING_TOLERANCE * max(abs(x), abs(y), 1e-6))
    return (a.series_uid == b.series_uid or not a.series_uid or not b.series_uid) \
        and (a.series_number == b.series_number or not a.series_number or not b.series_number) \
        and (a.rows, a.columns, a.kernel) == (b.rows, b.columns, b.kernel) \
        and np.abs(a.orientation - b.orientation).max() <= ORIENTATION_TOLERANCE \
        and all(close(x, y) for x, y in zip(a.pixel_spacing, b.pixel_spacing, strict=True)) \
        and close(a.thickness, b.thickness)


def _group(frames: list[Frame]) -> list[list[Frame]]:
    """Frames in series: same UID and series number (when given), orientation, pixel grid, kernel
    and thickness. Empty UIDs join only a series of the same geometry."""
    groups: list[list[Frame]] = []
    named: list[dict[str, str]] = []  # per group: the UID and number its frames gave, once one did
    for frame in frames:
        for group, names in zip(groups, named, strict=True):
            if _same_series(group[0], frame) and all(
                    not getattr(frame, key) or names.get(key, getattr(frame, key)) == getattr(frame, key)
                    for key in ("series_uid", "series_number")):
                group.append(frame)
                names.update({key: getattr(frame, key) for key in ("series_uid", "series_number") if getattr(frame, key)})
                break
        else:
            groups.append([frame])
            named.append({key: getattr(frame, key) for key in ("series_uid", "series_number") if getattr(frame, key)})
    return groups


def _check_numbers(group: list[Frame]) -> None:
    """One series numbers its instances once each: a number used twice (at two positions) means
    two series of the same geometry, e.g. two reconstructions anonymised to empty UIDs."""
    numbers = Counter(f.instance_number for f in group if f.frame is None and f.instance_number)
    repeated = [number for number, count in numbers.items() if count > 1]
    if repeated:
        raise InputError(f"The images repeat instance numbers ({len(repeated)} of them, e.g. {repeated[0]}) at "
                         "different positions: they hold more than one series of the same geometry (e.g. two "
                         "reconstructions or phases whose UIDs are empty); send one series")


def _plane(orientation: np.ndarray) -> str:
    normal = np.abs(np.cross(orientation[:3], orientation[3:]))
    if normal.max() < np.cos(np.radians(10)):
        return "oblique"
    return ("sagittal", "coronal", "axial")[int(np.argmax(normal))]


def _describe_series(group: list[Frame]) -> str:
    first = group[0]
    normal = np.cross(first.orientation[:3], first.orientation[3:])
    heights = np.sort([f.position @ normal for f in group])
    step = float(np.median(np.diff(heights))) if len(group) > 1 else 0.0
    parts = [f"{len(group)} {_plane(first.orientation)} images {step:.2f} mm apart"]
    if first.thickness is not None:
        parts.append(f"{first.thickness:g} mm thick")
    if first.kernel:
        parts.append(f"kernel {first.kernel}")
    parts.append(f"{first.columns}x{first.rows} pixels of {first.pixel_spacing[1]:.3g} mm")
    if first.series_uid:
        parts.append(f"Series Instance UID {first.series_uid}")
    return ", ".join(parts)


def select_series(headers: list[pydicom.Dataset]) -> Series:
    """The one CT volume series among the files' headers; what else was there is set aside (named
    in the warnings) or, when it is another CT volume, refused."""
    if not headers:
        raise InputError("No files were given")
    set_aside: Counter[str] = Counter()
    modalities: set[str] = set()
    candidates: list[tuple[int, pydicom.Dataset]] = []
    for index, ds in enumerate(headers):
        sop_class = _sop_class(ds)
        if sop_class == DICOMDIR or "DirectoryRecordSequence" in ds:
            set_aside["DICOMDIR (a media index)"] += 1
        elif not ds.get("Rows") or not ds.get("Columns"):
            set_aside[f"non-image object ({_class_name(sop_class)})"] += 1
        elif str(ds.get("Modality", "") or "").upper() != "CT":
            modality = str(ds.get("Modality", "") or "") or "(none)"
            modalities.add(modality)
            set_aside[f"{modality} image"] += 1
        elif sop_class and sop_class not in VOLUME_CLASSES:
            set_aside[f"image that is not a CT slice ({_class_name(sop_class)}, e.g. a dose report)"] += 1
        elif _is_localizer(ds.get("ImageType")):
            set_aside["localizer (scout)"] += 1
        else:
            candidates.append((index, ds))
    if not candidates:
        if modalities:
            raise InputError(f"Only CT can be analysed; the files hold modality {', '.join(sorted(modalities))}")
        raise InputError("The files hold no CT image" + (f" (only {_summary(set_aside)})" if set_aside else ""))

    frames: list[Frame] = []
    for index, ds in candidates:
        found, localizers = _frames(index, ds)
        frames += found
        if localizers:
            set_aside["localizer frame"] += localizers
    groups = _group(frames)
    volumes = [g for g in groups if len(g) > 1]
    for group in groups:
        if len(group) == 1:  # a lone image of another geometry: a localizer or a key image
            set_aside[f"single {_plane(group[0].orientation)} image (a localizer or key image)"] += 1
    if not volumes:
        raise InputError("A single slice cannot be analysed as a volume: send the whole series")
    if len(volumes) > 1:
        names = "; ".join(f"series {n + 1}: {_describe_series(g)}" for n, g in enumerate(volumes))
        raise InputError(f"The files mix {len(volumes)} CT series ({names}); send one series")
    series = volumes[0]
    _check_numbers(series)
    stack = _stack(series)
    warnings = [f"Set aside, not analysed: {_summary(set_aside)}"] if set_aside else []
    return Series(frames=[series[n] for n in stack_order(series)], stack=stack, headers=headers, warnings=warnings)


def _summary(counts: Counter) -> str:
    return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))


def stack_order(frames: list[Frame]) -> np.ndarray:
    first = frames[0].orientation
    normal = np.cross(first[:3], first[3:])
    if np.linalg.norm(normal) < 0.5:
        raise InputError("ImageOrientationPatient does not describe two independent directions")
    return np.argsort(np.array([f.position for f in frames]) @ normal, kind="stable")


def _stack(frames: list[Frame]) -> Stack:
    order = stack_order(frames)
    orientation = frames[0].orientation
    row_dir = orientation[:3] / np.linalg.norm(orientation[:3])
    col_dir = orientation[3:] / np.linalg.norm(orientation[3:])
    positions = np.array([frames[n].position for n in order])
    heights = (positions - positions[0]) @ np.cross(row_dir, col_dir)
    gaps = np.diff(heights)
    if (gaps < DUPLICATE_MM).any():
        raise InputError("Two images share one position: the files hold duplicates, or two series of the same "
                         "geometry (e.g. two contrast phases with empty UIDs); send one series")
    changes = np.abs(np.diff(gaps)) > GAP_CHANGE * np.minimum(gaps[1:], gaps[:-1])
    if changes.sum() >= INTERLEAVED_MIN and changes.mean() > INTERLEAVED_SHARE:
        raise InputError(f"The images' positions interleave (their gaps change {int(changes.sum())} times, between "
                         f"{gaps.min():.2f} and {gaps.max():.2f} mm): the files hold more than one series of the "
                         "same geometry (e.g. two reconstructions with empty UIDs); send one series")
    spacing = frames[0].pixel_spacing
    return Stack(row_dir=row_dir, col_dir=col_dir, pixel_mm=(float(spacing[1]), float(spacing[0])),
                 columns=frames[0].columns, rows=frames[0].rows, positions=positions)

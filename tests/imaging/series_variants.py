"""One CT, acquired or exported differently: DICOM and NIfTI variants of a Volume for the invariance
tests (test_geometry.py, test_exports.py), and a summary of findings to compare reports by.

The reference is an axial Volume on an LPS grid (the implanted phantom). A variant samples it
(trilinearly, air outside) on another grid: sheared (gantry tilt), rotated (oblique), at uneven
heights, feet first; or writes the same voxels another way (transfer syntax, signed pixels,
padding, enhanced multi-frame).
"""

from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.uid import (
    CTImageStorage,
    EnhancedCTImageStorage,
    ExplicitVRBigEndian,
    generate_uid,
)
from scipy import ndimage

from services.imaging.analysis.lesions import Findings
from services.imaging.analysis.volume import Volume
from tests.imaging.phantom import new_instance

AIR = -1024


def summary(findings: Findings) -> list[dict]:
    """What a report says of each lesion, largest first."""
    return [{"volume_ml": lesion.volume_ml, "laterality": lesion.laterality, "site": lesion.body_site,
             "fluid_level": lesion.fluid_calcium_level, "bone_contact": lesion.bone_contact}
            for lesion in findings.lesions]


def assert_same_report(reference: Findings, other: Findings, tolerance: float = 0.05,
                       fluid_level: bool = True) -> None:
    """Same count, sites, sides, fluid levels (unless told) and bone contact; volumes within `tolerance`."""
    a, b = summary(reference), summary(other)
    if not fluid_level:
        for lesion in a + b:
            lesion.pop("fluid_level")
    assert len(a) == len(b), f"{len(b)} lesions instead of {len(a)}: {b}"
    # Paired by where they are (site and side), then by volume: two masses of nearly one volume
    # (17.70 and 17.72 mL on the acceptance phantom) may swap places in volume order.
    def where(lesion: dict) -> tuple:
        return lesion["site"], lesion["laterality"], -lesion["volume_ml"]
    for x, y in zip(sorted(a, key=where), sorted(b, key=where), strict=True):
        assert {k: v for k, v in x.items() if k != "volume_ml"} == {k: v for k, v in y.items() if k != "volume_ml"}, (x, y)
        assert abs(y["volume_ml"] - x["volume_ml"]) <= tolerance * x["volume_ml"], (x, y)


def sample(volume: Volume, points: np.ndarray, hu: np.ndarray | None = None) -> np.ndarray:
    """HU of `volume` at LPS points (..., 3), trilinear, air outside (`hu`: its HU as float32)."""
    inverse = np.linalg.inv(np.asarray(volume.affine, float))
    ijk = points @ inverse[:3, :3].T + inverse[:3, 3]
    hu = volume.hu.astype(np.float32) if hu is None else hu
    values = ndimage.map_coordinates(hu, np.moveaxis(ijk, -1, 0), order=1, mode="constant", cval=AIR)
    return np.rint(values).astype(np.int16)


def slice_dataset(pixels_ij: np.ndarray, position, row_dir, col_dir, spacing_ij, *, study: str, series: str,
                  frame: str, number: int, patient_position: str = "HFS", thickness: float | None = None,
                  kernel: str | None = "B30f", signed: bool = False, tilt_deg: float = 0.0) -> Dataset:
    """One CT slice: pixels indexed [i (along the row), j (along the column)] in HU."""
    ds = new_instance(CTImageStorage)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.PatientName, ds.PatientID = "Phantom^TC", "PHANTOM-1"
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
    ds.SeriesNumber, ds.InstanceNumber = 2, number
    ds.PatientPosition = patient_position
    ds.GantryDetectorTilt = tilt_deg
    ds.ImagePositionPatient = [f"{v:.6f}" for v in position]
    ds.ImageOrientationPatient = [f"{v:.8f}" for v in (*row_dir, *col_dir)]
    ds.PixelSpacing = [f"{spacing_ij[1]:g}", f"{spacing_ij[0]:g}"]
    if thickness is not None:
        ds.SliceThickness = f"{thickness:g}"
    if kernel is not None:
        ds.ConvolutionKernel = kernel
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns = pixels_ij.shape[1], pixels_ij.shape[0]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 16, 16, 15
    ds.RescaleSlope, ds.RescaleType = 1, "HU"
    if signed:
        ds.PixelRepresentation, ds.RescaleIntercept = 1, 0
        stored = pixels_ij.T.astype(np.int16)
    else:
        # stored + 2048: this CT has values below -1024 (what an intercept of -1024 would clip)
        ds.PixelRepresentation, ds.RescaleIntercept = 0, -2048
        stored = np.clip(pixels_ij.T.astype(np.int32) + 2048, 0, 65535).astype(np.uint16)
    ds.PixelData = np.ascontiguousarray(stored).tobytes()
    return ds


def acquire(volume: Volume, *, row_dir=(1, 0, 0), col_dir=(0, 1, 0), heights=None, shear_per_mm=(0.0, 0.0),
            shape_ij=None, origin=None, spacing_ij=None, **options) -> list[Dataset]:
    """The volume as a DICOM series sampled on another grid: in-plane axes `row_dir`, `col_dir`;
    slices at `heights` (mm along the normal from `origin`), each slice's origin moved in-plane by
    `shear_per_mm` (along row, along column) per mm of height (a gantry tilt)."""
    affine = np.asarray(volume.affine, float)
    row, col = np.asarray(row_dir, float), np.asarray(col_dir, float)
    normal = np.cross(row, col)
    spacing_ij = spacing_ij or tuple(np.abs(np.diag(affine)[:2]))
    if heights is None:
        heights = np.arange(volume.hu.shape[2]) * abs(affine[2, 2])
    centre = affine[:3, :3] @ (np.array(volume.hu.shape) - 1) / 2 + affine[:3, 3]
    if shape_ij is None:
        shape_ij = volume.hu.shape[:2]
    if origin is None:  # the field centred on the volume's centre
        origin = centre - row * spacing_ij[0] * (shape_ij[0] - 1) / 2 - col * spacing_ij[1] * (shape_ij[1] - 1) / 2 \
            - normal * (heights[-1] + heights[0]) / 2
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    gi, gj = np.meshgrid(np.arange(shape_ij[0]) * spacing_ij[0], np.arange(shape_ij[1]) * spacing_ij[1], indexing="ij")
    datasets, hu = [], volume.hu.astype(np.float32)
    middle = (heights[-1] + heights[0]) / 2
    for n, h in enumerate(heights):
        position = origin + normal * h + (h - middle) * (shear_per_mm[0] * row + shear_per_mm[1] * col)
        points = position + gi[..., None] * row + gj[..., None] * col
        datasets.append(slice_dataset(sample(volume, points, hu), position, row, col, spacing_ij, study=study,
                                      series=series, frame=frame, number=len(heights) - n, **options))
    return datasets


def straight(volume: Volume, **options) -> list[Dataset]:
    """The volume's own voxels, one slice per k, no resampling (volume axial on an LPS grid)."""
    affine = np.asarray(volume.affine, float)
    assert np.allclose(affine[:3, :3], np.diag(np.diag(affine)[:3])) and (np.diag(affine)[:3] > 0).all(), \
        "the volume must run along +x, +y, +z"
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    spacing = tuple(np.diag(affine)[:3])
    return [slice_dataset(volume.hu[:, :, k], affine[:3, 3] + k * affine[:3, 2], (1, 0, 0), (0, 1, 0), spacing[:2],
                          study=study, series=series, frame=frame, number=volume.hu.shape[2] - k, **options)
            for k in range(volume.hu.shape[2])]


def save(datasets: list[Dataset], folder: Path, syntax=None, order_seed: int | None = 5,
         **encoding) -> list[Path]:
    """Write the datasets (encoded in `syntax` when given, with the encoder's `encoding` options),
    file names in a shuffled order."""
    folder.mkdir(parents=True, exist_ok=True)
    names = np.random.default_rng(order_seed).permutation(len(datasets)) if order_seed is not None \
        else np.arange(len(datasets))
    paths = []
    for n, ds in enumerate(datasets):
        path = folder / f"{names[n]:04d}.dcm"
        if syntax == ExplicitVRBigEndian:  # retired, but still sent; pydicom writes it only when forced
            ds = pydicom.dcmread(_bytes(ds))
            pixels = ds.pixel_array
            ds.PixelData = pixels.astype(pixels.dtype.newbyteorder(">")).tobytes()
            ds.file_meta.TransferSyntaxUID, ds.preamble = syntax, b"\0" * 128
            pydicom.dcmwrite(path, ds, implicit_vr=False, little_endian=False, force_encoding=True)
            paths.append(path)
            continue
        if syntax is not None and syntax != ds.file_meta.TransferSyntaxUID:
            ds = pydicom.dcmread(_bytes(ds), force=True)
            if syntax.is_compressed:
                ds.compress(syntax, **encoding)
            else:
                ds.file_meta.TransferSyntaxUID = syntax
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def _bytes(ds: Dataset):
    from io import BytesIO

    buffer = BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    buffer.seek(0)
    return buffer


def enhanced(datasets: list[Dataset], frame_order: np.ndarray | None = None) -> Dataset:
    """The single-frame slices as one Enhanced CT Image (per-frame position, orientation, pixel
    measures and rescale in functional groups), frames in `frame_order` (default: as given)."""
    order = np.arange(len(datasets)) if frame_order is None else frame_order
    first = datasets[0]
    ds = new_instance(EnhancedCTImageStorage)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "VOLUME", "NONE"]
    for keyword in ("PatientName", "PatientID", "StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID",
                    "PatientPosition", "Rows", "Columns", "SamplesPerPixel", "PhotometricInterpretation",
                    "BitsAllocated", "BitsStored", "HighBit", "PixelRepresentation"):
        setattr(ds, keyword, first.get(keyword))
    ds.SeriesInstanceUID = first.SeriesInstanceUID or generate_uid()
    ds.NumberOfFrames = len(order)
    shared = Dataset()
    orientation = Dataset()
    orientation.ImageOrientationPatient = first.ImageOrientationPatient
    measures = Dataset()
    measures.PixelSpacing = first.PixelSpacing
    measures.SliceThickness = first.get("SliceThickness", 1)
    reconstruction = Dataset()
    reconstruction.ConvolutionKernel = first.get("ConvolutionKernel", "B30f")
    shared.PlaneOrientationSequence = [orientation]
    shared.PixelMeasuresSequence = [measures]
    shared.CTReconstructionSequence = [reconstruction]
    ds.SharedFunctionalGroupsSequence = [shared]
    frames, pixels = [], []
    for n in order:
        source = datasets[n]
        item, plane, scaling = Dataset(), Dataset(), Dataset()
        plane.ImagePositionPatient = source.ImagePositionPatient
        scaling.RescaleSlope, scaling.RescaleIntercept = source.get("RescaleSlope", 1), source.get("RescaleIntercept", 0)
        scaling.RescaleType = "HU"
        item.PlanePositionSequence, item.PixelValueTransformationSequence = [plane], [scaling]
        frames.append(item)
        pixels.append(source.pixel_array)
    ds.PerFrameFunctionalGroupsSequence = frames
    ds.PixelData = np.ascontiguousarray(np.stack(pixels)).tobytes()
    return ds

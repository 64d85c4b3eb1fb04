"""The analysed volume and its lesion labels, as the viewer reads them slice by slice.

They are rebuilt from what the analysis stored (its input files and its mask: the DICOM SEG or the
NIfTI label map) the first time a page asks, then kept beside them as plain arrays (`view/`,
memory-mapped when read), so that each slice costs a read of one plane, not a decode of the
series. Any process of the service (API replicas, workers) may build them: each writes under a
name of its own and renames, so a reader sees a whole file or none.
"""

import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import nibabel
import numpy as np
from nibabel.spatialimages import SpatialImage
from scipy import ndimage

from services.imaging.analysis.loaders import load_dicom_series, load_nifti
from services.imaging.analysis.volume import Volume
from services.imaging.key_images import normal_axis
from services.imaging.models import AnalysisJob

CACHE = "view"
FORMAT = 1  # bump when the cached files change shape
PLANES = ("axial", "coronal", "sagittal")
MARGIN_MM = 10.0  # the viewer scrolls this far beyond a lesion on each side
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass(frozen=True)
class LesionExtent:
    number: int                          # lesion n of the report, label n of the mask
    centre: tuple[int, int, int]         # voxel at its centre of mass
    ranges: dict[str, tuple[int, int]]   # plane -> first and last slice the viewer offers


@dataclass(frozen=True)
class StoredVolume:
    volume: Volume                 # hu memory-mapped
    labels: np.ndarray             # memory-mapped, 0 or the lesion number
    normals: dict[str, int]        # plane -> the voxel axis it cuts across
    lesions: list[LesionExtent]

    def slice_count(self, plane: str) -> int:
        return int(self.volume.hu.shape[self.normals[plane]])


def plane_normals(volume: Volume) -> dict[str, int]:
    """Each patient plane's voxel axis, three different ones (as the key images choose them)."""
    axial = normal_axis(volume, "Axial")
    coronal = normal_axis(volume, "Coronal", taken=axial)
    return {"axial": axial, "coronal": coronal, "sagittal": 3 - axial - coronal}


def stored_volume(job: AnalysisJob, folder: Path, max_voxels: int | None = None) -> StoredVolume:
    """The volume and labels of a finished analysis (built on first use, then read from `view/`)."""
    cache = folder / CACHE
    if not (cache / "geometry.json").exists():
        with _lock(job.id):
            if not (cache / "geometry.json").exists():
                _build(job, folder, cache, max_voxels)
    geometry = json.loads((cache / "geometry.json").read_text())
    hu = np.load(cache / "hu.npy", mmap_mode="r")
    labels = np.load(cache / "labels.npy", mmap_mode="r")
    volume = Volume(hu=hu, affine=np.array(geometry["affine"]), patient_position=geometry["patient_position"],
                    source=geometry["source"])
    lesions = [LesionExtent(item["number"], tuple(item["centre"]), {p: tuple(r) for p, r in item["ranges"].items()})
               for item in geometry["lesions"]]
    return StoredVolume(volume, labels, geometry["normals"], lesions)


def _lock(job_id: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(job_id, threading.Lock())


def input_paths(job: AnalysisJob, folder: Path) -> list[Path]:
    inputs = folder / "input"
    if job.input_kind == "dicomweb":  # retrieved into the folder, one file per instance
        return sorted(p for p in inputs.iterdir() if p.is_file())
    paths = [inputs / name for name in job.source["files"]]
    if not all(path.is_file() for path in paths):  # the loaders would call it unreadable input
        raise FileNotFoundError(inputs)
    return paths


def load_labels(job: AnalysisJob, folder: Path, volume: Volume) -> np.ndarray:
    """The mask the analysis stored, on the volume's grid: n for lesion n, 0 elsewhere."""
    if job.mask_media_type == "application/dicom":
        return _seg_labels(folder / "lesions.dcm", volume)
    if job.mask_media_type:
        # masks.nifti_mask wrote the labels' array as it is, with the affine converted to RAS.
        image = cast(SpatialImage, nibabel.load(str(folder / "lesions.nii.gz")))
        return np.asarray(image.dataobj, dtype=np.int16)
    return np.zeros(volume.hu.shape, np.int16)  # no lesion, no mask


def _seg_labels(path: Path, volume: Volume) -> np.ndarray:
    import highdicom

    seg = highdicom.seg.segread(path)
    # Frames (k, rows, columns) of the source instances in the volume's k order, each pixel the
    # number of its segment (segment n is lesion n); the volume is indexed [column, row, k].
    frames = seg.get_pixels_by_source_instance(source_sop_instance_uids=volume.slice_sop_uids or [],
                                               combine_segments=True, assert_missing_frames_are_empty=True)
    return np.ascontiguousarray(np.transpose(frames, (2, 1, 0))).astype(np.int16)


def _build(job: AnalysisJob, folder: Path, cache: Path, max_voxels: int | None) -> None:
    paths = input_paths(job, folder)
    volume = load_nifti(paths[0], max_voxels) if job.input_kind == "nifti" else load_dicom_series(paths, max_voxels)
    labels = load_labels(job, folder, volume)
    if labels.shape != volume.hu.shape:
        raise ValueError(f"the stored mask {labels.shape} does not fit the volume {volume.hu.shape}")
    normals = plane_normals(volume)
    geometry = {"format": FORMAT, "affine": np.asarray(volume.affine).tolist(), "source": volume.source,
                "patient_position": volume.patient_position, "normals": normals,
                "lesions": lesion_extents(labels, volume, normals)}
    cache.mkdir(exist_ok=True)
    tag = uuid.uuid4().hex
    for name, array in (("hu", volume.hu), ("labels", labels)):
        partial = cache / f"{name}.{tag}.npy"
        np.save(partial, np.ascontiguousarray(array))
        os.replace(partial, cache / f"{name}.npy")
    partial = cache / f"geometry.{tag}.json"
    partial.write_text(json.dumps(geometry))
    os.replace(partial, cache / "geometry.json")  # last: it says the arrays are complete


def lesion_extents(labels: np.ndarray, volume: Volume, normals: dict[str, int]) -> list[dict]:
    extents = []
    spacing = volume.spacing
    for number, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        centre = ndimage.center_of_mass(labels[box] == number)
        centre_voxel = [int(round(c)) + s.start for c, s in zip(centre, box, strict=True)]
        ranges = {}
        for plane, axis in normals.items():
            margin = int(np.ceil(MARGIN_MM / spacing[axis]))
            ranges[plane] = (max(0, box[axis].start - margin), min(labels.shape[axis] - 1, box[axis].stop - 1 + margin))
        extents.append({"number": number, "centre": centre_voxel, "ranges": ranges})
    return extents

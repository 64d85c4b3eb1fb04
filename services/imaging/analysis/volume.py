"""A CT volume in Hounsfield units with its voxel-to-patient (DICOM LPS) geometry."""

from dataclasses import dataclass, field

import numpy as np

# Direction of gravity in patient LPS coordinates for each DICOM PatientPosition
# (+x = patient's left, +y = posterior, +z = superior).
GRAVITY_LPS = {
    "HFS": (0.0, 1.0, 0.0), "FFS": (0.0, 1.0, 0.0),      # supine: the back is down
    "HFP": (0.0, -1.0, 0.0), "FFP": (0.0, -1.0, 0.0),    # prone: the front is down
    "HFDL": (1.0, 0.0, 0.0), "FFDL": (1.0, 0.0, 0.0),    # decubitus left: the left side is down
    "HFDR": (-1.0, 0.0, 0.0), "FFDR": (-1.0, 0.0, 0.0),  # decubitus right: the right side is down
}


def voxel_spacing(affine: np.ndarray) -> np.ndarray:
    """Voxel size in mm along i, j, k of a voxel-to-patient affine (norms of its columns)."""
    return np.linalg.norm(np.asarray(affine, dtype=float)[:3, :3], axis=0)


def voxel_volume_ml(affine: np.ndarray) -> float:
    """Volume of one voxel of an affine in mL (absolute determinant, so sheared grids count right)."""
    return abs(float(np.linalg.det(np.asarray(affine, dtype=float)[:3, :3]))) / 1000.0


def axis_towards(affine: np.ndarray, direction, taken: int | None = None) -> tuple[int, int, float]:
    """The voxel axis best aligned with a patient direction, other than `taken` (so that a steep
    oblique does not give one voxel axis for two directions); its sign, and |cos| of the angle."""
    columns = np.asarray(affine, dtype=float)[:3, :3] / voxel_spacing(affine)
    cosines = columns.T @ np.asarray(direction, dtype=float)
    alignment = np.abs(cosines)
    if taken is not None:
        alignment[taken] = -1.0
    axis = int(np.argmax(alignment))
    return axis, int(np.sign(cosines[axis])), float(abs(cosines[axis]))


@dataclass
class Volume:
    hu: np.ndarray            # int16 Hounsfield units, indexed [i, j, k]
    affine: np.ndarray        # 4x4: voxel index (i, j, k, 1) -> patient coordinates in DICOM LPS, mm
    patient_position: str     # DICOM PatientPosition; "HFS" assumed for NIfTI, with a warning
    source: str               # "nifti" | "dicom"
    warnings: list[str] = field(default_factory=list)
    slice_sop_uids: list[str] | None = None  # DICOM: SOPInstanceUID of the instance at each k
    study_uid: str | None = None
    series_uid: str | None = None
    source_files: list | None = None  # DICOM: the files analysed (what was set aside is not among them)
    acquired: str | None = None  # FHIR dateTime the scan was taken (DICOM acquisition/series/study date)

    @property
    def spacing(self) -> np.ndarray:
        """Voxel size in mm along i, j, k."""
        return voxel_spacing(self.affine)

    @property
    def voxel_ml(self) -> float:
        """Volume of one voxel in mL."""
        return voxel_volume_ml(self.affine)

    def gravity(self) -> np.ndarray:
        """Unit vector of gravity in LPS for this patient position (supine when unknown)."""
        return np.array(GRAVITY_LPS.get(self.patient_position.upper(), GRAVITY_LPS["HFS"]))

"""CT analysis core of the imaging service: loading (NIfTI, DICOM) and lesion detection."""

from services.imaging.analysis.lesions import Findings, Lesion, find_lesions
from services.imaging.analysis.loaders import InputError, load_dicom_series, load_nifti
from services.imaging.analysis.volume import Volume

__all__ = ["Findings", "InputError", "Lesion", "Volume", "find_lesions", "load_dicom_series", "load_nifti"]

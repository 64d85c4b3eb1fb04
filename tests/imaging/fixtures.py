"""The real CT fixtures (tests/data/ct, see SOURCE.md there) and DICOM variants made from them."""

from pathlib import Path

import pydicom
from pydicom.uid import generate_uid

DATA = Path(__file__).resolve().parents[1] / "data" / "ct"
SERIES = sorted((DATA / "example_ct_dicom").iterdir())
NIFTI = DATA / "example_ct.nii.gz"


def series_with_uids() -> list[pydicom.Dataset]:
    """The sample series with UIDs assigned, as an importing gateway would (its own are empty)."""
    study, series = generate_uid(), generate_uid()
    datasets = []
    for path in SERIES:
        ds = pydicom.dcmread(path)
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        datasets.append(ds)
    return datasets


def write(datasets: list[pydicom.Dataset], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, ds in enumerate(datasets):
        path = folder / f"{index:03d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def write_lesion_nifti(path: Path) -> Path:
    """The real CT with the three acceptance-test lesions implanted, as gzipped NIfTI at `path`."""
    import nibabel

    from services.imaging.analysis.loaders import load_nifti
    from services.imaging.masks import LPS_TO_RAS
    from tests.imaging import phantom

    volume = phantom.implant(load_nifti(NIFTI), phantom.acceptance_lesions())
    nibabel.save(nibabel.Nifti1Image(volume.hu, LPS_TO_RAS @ volume.affine), path)
    return path

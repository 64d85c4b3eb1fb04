"""Real exports are accepted: DICOMDIR layouts, Finder zips, dose reports and localizers mixed in,
enhanced multi-frame CT, every lossless transfer syntax pydicom decodes; what cannot be analysed
(a 4-D NIfTI) is refused at upload, and no message shows where the server keeps files.
Every file is built in tmp_path from the real series (tests/data/ct) or the phantom.
"""

import io
import zipfile
from pathlib import Path

import nibabel
import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.fileset import FileSet
from pydicom.uid import (
    JPEG2000,
    CTImageStorage,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    RLELossless,
    generate_uid,
)

from services.imaging.analysis import InputError, Volume, load_dicom_series, load_nifti
from services.imaging.inputs import check_dicom_headers, check_nifti_header
from services.imaging.uploads import UploadLimits, extract_zip
from shared.errors import FHIRError
from tests.imaging import series_variants as variants
from tests.imaging.fixtures import NIFTI, SERIES, series_with_uids, write
from tests.imaging.test_api import finished, imaging, imaging_settings  # noqa: F401  (fixtures)

LIMITS = UploadLimits(max_files=500, max_total_bytes=200_000_000, max_zip_members=500,
                      max_zip_expanded_bytes=100_000_000, max_voxels=512 * 512 * 2048)


@pytest.fixture(scope="module")
def real() -> Volume:
    return load_dicom_series(SERIES)


def reason(exc: pytest.ExceptionInfo) -> str:
    return " ".join(i.diagnostics for i in exc.value.issues)


def real_datasets() -> list[pydicom.Dataset]:
    """The real series with UIDs and SOP class filled in (a DICOMDIR needs them)."""
    datasets = series_with_uids()
    for n, ds in enumerate(datasets):
        ds.SOPClassUID, ds.PatientID, ds.StudyID, ds.SeriesNumber = CTImageStorage, "ANON-1", "1", 3
        ds.InstanceNumber = ds.get("InstanceNumber") or n + 1
    return datasets


def zipped(folder: Path, archive: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"export/{path.relative_to(folder)}")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return archive


def accepted(archive: Path, folder: Path) -> list[Path]:
    paths = extract_zip(archive, folder, LIMITS)
    check_dicom_headers(paths, LIMITS.max_voxels)
    return paths


# ---- layouts ---------------------------------------------------------------------------------------
def test_a_dicomdir_export_is_read_and_its_index_set_aside(real, tmp_path):
    fileset = FileSet()
    for ds in real_datasets():
        fileset.add(ds)
    fileset.write(tmp_path / "media")  # DICOMDIR plus PT000000/ST000000/SE000000/IM00000n
    assert (tmp_path / "media" / "DICOMDIR").exists()
    v = load_dicom_series(accepted(zipped(tmp_path / "media", tmp_path / "export.zip"), tmp_path / "in"))
    assert np.array_equal(v.hu, real.hu) and np.allclose(v.affine, real.affine)
    assert v.warnings == ["Set aside, not analysed: 1 DICOMDIR (a media index)"]


def test_a_finder_zip_with_macosx_resource_forks_is_accepted(real, tmp_path):
    write(real_datasets(), tmp_path / "series")
    litter = {f"__MACOSX/export/._{n:03d}.dcm": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " for n in range(20)}
    litter |= {"export/.DS_Store": b"\x00\x00\x00\x01Bud1", "__MACOSX/._export": b"\x00\x05\x16\x07"}
    paths = accepted(zipped(tmp_path / "series", tmp_path / "finder.zip", litter), tmp_path / "in")
    assert len(paths) == 20
    v = load_dicom_series(paths)
    assert np.array_equal(v.hu, real.hu) and v.warnings == []


def test_the_acquisition_date_is_read_with_its_time_only_when_the_zone_is_known(real, tmp_path):
    assert real.acquired == "2022-12-08"  # the real series has AcquisitionTime but no TimezoneOffsetFromUTC
    datasets = real_datasets()
    for ds in datasets:
        ds.TimezoneOffsetFromUTC = "+0100"
    acquired = load_dicom_series(write(datasets, tmp_path)).acquired  # the first slice's, by position
    assert acquired.startswith("2022-12-08T14:03:5") and acquired.endswith("+01:00") and len(acquired) == 25


def test_a_cd_export_with_its_viewer_is_accepted(real, tmp_path):
    fileset = FileSet()
    for ds in real_datasets():
        fileset.add(ds)
    fileset.write(tmp_path / "cd")
    viewer = {"export/AUTORUN.INF": b"[autorun]\r\nopen=viewer.exe", "export/Viewer/viewer.exe": b"MZ\x90\x00",
              "export/Viewer/core.dll": b"MZ", "export/README.TXT": b"Images of ...", "export/index.htm": b"<html/>"}
    paths = accepted(zipped(tmp_path / "cd", tmp_path / "cd.zip", viewer), tmp_path / "in")
    assert len(paths) == 21  # the DICOMDIR and the 20 images
    v = load_dicom_series(paths)
    assert np.array_equal(v.hu, real.hu) and v.warnings == ["Set aside, not analysed: 1 DICOMDIR (a media index)"]


def test_a_dicomweb_series_that_cannot_be_analysed_fails_the_job_with_the_reason(tmp_path):
    """What the upload check would refuse at once fails a DICOMweb job, with the same reason."""
    from services.imaging import pipeline
    from services.imaging.jobs import JobFailed
    from services.imaging.models import AnalysisJob
    from shared.settings import Settings

    first, second = real_datasets(), real_datasets()
    for ds in second:
        ds.ConvolutionKernel = "Br64f"
    # What the retrieval left in the job's folder: the PACS holds two reconstructions.
    write(first + second, tmp_path / "jobs" / "job-1" / "input")
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    job = AnalysisJob(id="job-1", state="running", input_kind="dicomweb", created_ms=0, updated_ms=0,
                      source={"dicomweb": {"url": "http://pacs.test/dicom-web", "studyInstanceUid": "1.2",
                                           "seriesInstanceUid": "1.2.3"}})
    with pytest.raises(JobFailed) as exc:
        pipeline.AnalysisWork(settings, tmp_path / "jobs").run(job, lambda stage, percent: None)
    assert "mix 2 CT series" in str(exc.value) and str(tmp_path) not in str(exc.value)


def _object(sop_class: str, modality: str, **attributes) -> pydicom.Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID, ds.SOPClassUID = sop_class, sop_class
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.Modality = modality
    for key, value in attributes.items():
        setattr(ds, key, value)
    return ds


def test_dose_reports_presentation_states_and_other_modalities_are_set_aside(real, tmp_path):
    dose_sr = _object("1.2.840.10008.5.1.4.1.1.88.67", "SR")  # X-Ray Radiation Dose SR
    presentation = _object("1.2.840.10008.5.1.4.1.1.11.1", "PR")
    screen = real_datasets()[0]  # a dose screen: a Secondary Capture image labelled CT
    screen.SOPClassUID = screen.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    screen.SOPInstanceUID = screen.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    screen.ImageType = ["DERIVED", "SECONDARY", "OTHER"]
    mr = real_datasets()[0]
    mr.Modality, mr.SOPClassUID = "MR", "1.2.840.10008.5.1.4.1.1.4"
    paths = write(real_datasets() + [dose_sr, presentation, screen, mr], tmp_path)
    check_dicom_headers(paths, LIMITS.max_voxels)
    v = load_dicom_series(paths)
    assert np.array_equal(v.hu, real.hu)
    assert v.warnings == [(
        "Set aside, not analysed: 1 MR image, 1 image that is not a CT slice (Secondary Capture Image Storage, "
        "e.g. a dose report), 1 non-image object (Grayscale Softcopy Presentation State Storage), "
        "1 non-image object (X-Ray Radiation Dose SR Storage)")]
    assert v.source_files == sorted(paths[:20])  # the SEG is built from the analysed files only


def test_only_other_modalities_or_no_image_is_refused_with_the_reason(tmp_path):
    paths = write([_object("1.2.840.10008.5.1.4.1.1.88.67", "SR")], tmp_path / "sr")
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers(paths, LIMITS.max_voxels)
    assert exc.value.status == 422 and "no CT image (only 1 non-image object (X-Ray Radiation Dose SR" in reason(exc)


# ---- enhanced multi-frame -------------------------------------------------------------------------
@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, JPEG2000Lossless])
def test_enhanced_multiframe_ct_gives_the_same_volume(real, tmp_path, syntax):
    datasets = [pydicom.dcmread(p) for p in SERIES]
    frames = np.random.default_rng(2).permutation(len(datasets))  # frames out of position order
    enhanced = variants.enhanced(datasets, frames)
    if syntax.is_compressed:
        enhanced.compress(syntax)
    path = tmp_path / "enhanced.dcm"
    enhanced.save_as(path, enforce_file_format=True)
    check_dicom_headers([path], LIMITS.max_voxels)
    v = load_dicom_series([path])
    assert np.array_equal(v.hu, real.hu) and np.allclose(v.affine, real.affine)
    assert v.slice_sop_uids is None  # frames of one instance: the mask comes as NIfTI
    assert v.warnings == []


def test_a_single_enhanced_frame_is_still_a_single_slice(tmp_path):
    enhanced = variants.enhanced([pydicom.dcmread(SERIES[0])])
    enhanced.save_as(tmp_path / "one.dcm", enforce_file_format=True)
    with pytest.raises(FHIRError) as exc:
        check_dicom_headers([tmp_path / "one.dcm"], LIMITS.max_voxels)
    assert "single slice" in reason(exc)


# ---- transfer syntaxes ----------------------------------------------------------------------------
def _gdcm_transcode(path: Path, syntax) -> None:
    """Re-encode a file with GDCM (pydicom cannot encode JPEG Lossless)."""
    gdcm = pytest.importorskip("gdcm")
    reader = gdcm.ImageReader()
    reader.SetFileName(str(path))
    assert reader.Read()
    change = gdcm.ImageChangeTransferSyntax()
    code = {JPEGLosslessSV1: gdcm.TransferSyntax.JPEGLosslessProcess14_1,
            JPEGLossless: gdcm.TransferSyntax.JPEGLosslessProcess14}[syntax]
    change.SetTransferSyntax(gdcm.TransferSyntax(code))
    change.SetInput(reader.GetImage())
    assert change.Change()
    writer = gdcm.ImageWriter()
    writer.SetFileName(str(path))
    writer.SetFile(reader.GetFile())
    writer.SetImage(change.GetOutput())
    assert writer.Write()


SYNTAXES = [ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian,
            RLELossless, JPEGLSLossless, JPEG2000Lossless, JPEGLosslessSV1, JPEGLossless]


@pytest.mark.parametrize("syntax", SYNTAXES, ids=[s.name for s in SYNTAXES])
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_every_lossless_transfer_syntax_gives_identical_hu(tmp_path, syntax, signed):
    """A small CT (bone, fat, air, values below -1024) written in each syntax reads back voxel for voxel."""
    rng = np.random.default_rng(3)
    hu = rng.integers(-1100, 1800, (64, 48, 6)).astype(np.int16)
    affine = np.diag([0.8, 0.8, 2.5, 1.0])
    volume = Volume(hu, affine, "HFS", "dicom")
    datasets = variants.straight(volume, signed=signed)
    if syntax in (JPEGLosslessSV1, JPEGLossless):
        paths = variants.save(datasets, tmp_path)
        for path in paths:
            _gdcm_transcode(path, syntax)
    else:
        paths = variants.save(datasets, tmp_path, syntax=syntax)
    assert pydicom.dcmread(paths[0]).file_meta.TransferSyntaxUID == syntax
    v = load_dicom_series(paths)
    assert np.array_equal(v.hu, hu) and np.allclose(v.affine, affine)


@pytest.mark.parametrize("syntax,encoding,worst", [
    (JPEGLSNearLossless, {"jls_error": 2}, 2),     # near-lossless: each value within 2
    (JPEG2000, {"j2k_psnr": [90]}, None),          # lossy JPEG 2000: close, not equal
], ids=["JPEG-LS near-lossless", "JPEG 2000 lossy"])
def test_lossy_transfer_syntaxes_are_decoded(tmp_path, syntax, encoding, worst):
    rng = np.random.default_rng(3)
    hu = rng.integers(-1100, 1800, (64, 48, 4)).astype(np.int16)
    paths = variants.save(variants.straight(Volume(hu, np.diag([0.8, 0.8, 2.5, 1.0]), "HFS", "dicom")), tmp_path,
                          syntax=syntax, **encoding)
    v = load_dicom_series(paths)
    error = np.abs(v.hu.astype(int) - hu)
    assert (error.max() <= worst) if worst is not None else (error.mean() < 10)


def test_jpeg_lossless_sv1_is_decoded_by_a_runtime_dependency(real, tmp_path):
    """The real series re-encoded JPEG Lossless SV1; pylibjpeg-libjpeg (a dependency of the
    service, unlike GDCM which only encodes these tests' files) decodes it."""
    from pydicom.pixels import pixel_array
    from pydicom.pixels.decoders import JPEGLosslessSV1Decoder

    assert "pylibjpeg" in JPEGLosslessSV1Decoder.available_plugins
    datasets = real_datasets()
    for ds in datasets:
        ds.decompress()
    paths = write(datasets, tmp_path)
    for path in paths:
        _gdcm_transcode(path, JPEGLosslessSV1)
    raw = pixel_array(paths[0], decoding_plugin="pylibjpeg")
    assert np.array_equal(raw, datasets[0].pixel_array)
    v = load_dicom_series(paths)
    assert np.array_equal(v.hu, real.hu)


# ---- NIfTI ------------------------------------------------------------------------------------------
def test_a_4d_nifti_is_refused_at_upload_and_by_the_loader(tmp_path):
    image = nibabel.load(NIFTI)
    data = np.asarray(image.dataobj)[:40, :40, :20]
    nibabel.save(nibabel.Nifti1Image(np.stack([data] * 3, axis=-1), image.affine), tmp_path / "4d.nii.gz")
    with pytest.raises(FHIRError) as exc:
        check_nifti_header(tmp_path / "4d.nii.gz", LIMITS.max_voxels)
    assert exc.value.status == 422 and "holds 3 volumes (shape (40, 40, 20, 3)); send one 3-D CT volume" in reason(exc)
    with pytest.raises(InputError, match="holds 3 volumes"):
        load_nifti(tmp_path / "4d.nii.gz")
    # one volume with a trailing axis of 1 is one volume
    nibabel.save(nibabel.Nifti1Image(data[..., None], image.affine), tmp_path / "3d.nii.gz")
    check_nifti_header(tmp_path / "3d.nii.gz", LIMITS.max_voxels)
    assert load_nifti(tmp_path / "3d.nii.gz").hu.shape == (40, 40, 20)


# ---- messages ---------------------------------------------------------------------------------------
def test_no_message_shows_a_server_path(tmp_path):
    folder = tmp_path / "server-data-dir" / "imaging" / "job" / "input"
    folder.mkdir(parents=True)
    messages = []
    broken = folder / "00000.nii.gz"
    broken.write_bytes(NIFTI.read_bytes()[:300])
    for check in (lambda: check_nifti_header(broken, LIMITS.max_voxels), lambda: load_nifti(broken),
                  lambda: load_nifti(folder / "missing.nii.gz")):
        with pytest.raises((FHIRError, InputError)) as exc:
            check()
        messages.append(reason(exc) if isinstance(exc.value, FHIRError) else str(exc.value))
    text = folder / "00001.dcm"
    text.write_text("not DICOM")
    truncated = folder / "00002.dcm"
    truncated.write_bytes(SERIES[0].read_bytes()[:2000])
    for paths in ([text], [folder / "gone.dcm"], [truncated, *SERIES[1:]]):
        for check in (lambda paths=paths: check_dicom_headers(paths, LIMITS.max_voxels),
                      lambda paths=paths: load_dicom_series(paths)):
            try:
                check()
            except FHIRError as exc:
                messages.append(" ".join(i.diagnostics for i in exc.issues))
            except InputError as exc:
                messages.append(str(exc))
    assert len(messages) == 7  # all but the header check of the truncated file (its header is whole)
    for message in messages:
        assert "server-data-dir" not in message and str(tmp_path) not in message, message
    assert any("File 1 is not DICOM" in m for m in messages)


def test_the_zip_reader_reports_members_by_their_own_names(tmp_path):
    """A member's name in the archive is the client's; the folder it is extracted to is not said."""
    archive = tmp_path / "a.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("../evil.dcm", b"x")
    archive.write_bytes(buffer.getvalue())
    with pytest.raises(FHIRError) as exc:
        extract_zip(archive, tmp_path / "server-data-dir", LIMITS)
    assert "'../evil.dcm'" in reason(exc) and "server-data-dir" not in reason(exc)


# ---- over HTTP ---------------------------------------------------------------------------------------


async def test_a_real_export_zip_is_analysed_and_the_report_says_what_was_set_aside(imaging, tmp_path):  # noqa: F811
    fileset = FileSet()
    for ds in real_datasets():
        fileset.add(ds)
    fileset.write(tmp_path / "media")
    write([_object("1.2.840.10008.5.1.4.1.1.88.67", "SR", PatientID="ANON-1")], tmp_path / "media" / "extra")
    archive = zipped(tmp_path / "media", tmp_path / "export.zip", {"__MACOSX/export/._DICOMDIR": b"\x00\x05\x16\x07"})
    response = await imaging.post("/analyses", files={"file": ("export.zip", archive.read_bytes(), "application/zip")})
    assert response.status_code == 202, response.text
    state = await finished(imaging, response.headers["location"])
    assert state["status"] == "done", state
    conclusion = state["report"]["entry"][0]["resource"]["conclusion"]
    assert ("Set aside, not analysed: 1 DICOMDIR (a media index), "
            "1 non-image object (X-Ray Radiation Dose SR Storage)") in conclusion


async def test_refusals_over_http_are_operation_outcomes_with_the_reason(imaging, tmp_path):  # noqa: F811
    image = nibabel.load(NIFTI)
    data = np.asarray(image.dataobj)[:20, :20, :10]
    nibabel.save(nibabel.Nifti1Image(np.stack([data, data], axis=-1), image.affine), tmp_path / "4d.nii.gz")
    response = await imaging.post("/analyses", files={"file": ("4d.nii.gz", (tmp_path / "4d.nii.gz").read_bytes())})
    assert response.status_code == 422 and "holds 2 volumes" in response.text
    assert response.json()["resourceType"] == "OperationOutcome"

    first, second = real_datasets(), real_datasets()
    for ds in second:  # another reconstruction of the same scan, anonymised to empty UIDs
        ds.StudyInstanceUID = ds.SeriesInstanceUID = ""
        ds.ConvolutionKernel = "Br64f"
    for ds in first:
        ds.StudyInstanceUID = ds.SeriesInstanceUID = ""
    paths = write(first + second, tmp_path / "two")
    parts = [("file", (p.name, p.read_bytes(), "application/dicom")) for p in paths]
    response = await imaging.post("/analyses", files=parts)
    assert response.status_code == 422 and "mix 2 CT series" in response.text and "kernel Br64f" in response.text
    assert str(tmp_path) not in response.text

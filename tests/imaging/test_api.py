"""The imaging service over HTTP: uploads and DICOMweb references in, job state and FHIR report out."""

import asyncio
import io
import json
import zipfile

import httpx
import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.imaging.main import create_app
from shared.settings import Settings
from tests.imaging.fixtures import NIFTI, SERIES, series_with_uids


@pytest.fixture
def imaging_settings(tmp_path):
    return Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}",
                    imaging_max_files=100, imaging_max_upload_bytes=30_000_000)


@pytest.fixture
async def imaging(imaging_settings):
    app = create_app(imaging_settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://imaging.test", timeout=60) as client:
            yield client


async def finished(client: httpx.AsyncClient, location: str, seconds: float = 90) -> dict:
    for _ in range(int(seconds / 0.2)):
        state = (await client.get(location)).json()
        if state["status"] in ("done", "failed"):
            return state
        await asyncio.sleep(0.2)
    raise AssertionError(f"not finished: {state}")


def check_report(report: dict) -> dict:
    get_fhir_model_class("Bundle").model_validate(report)
    diagnostic = report["entry"][0]["resource"]
    assert diagnostic["resourceType"] == "DiagnosticReport" and diagnostic["status"] == "preliminary"
    assert diagnostic["presentedForm"][0]["contentType"] == "image/png" and len(diagnostic["presentedForm"]) >= 2
    assert diagnostic["conclusion"]
    return diagnostic


async def test_nifti_upload_is_analysed(imaging):
    response = await imaging.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())},
                                  data={"imagingStudy": "ImagingStudy/42", "subject": "Patient/7"})
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/analyses/{response.json()['id']}"
    state = await finished(imaging, response.headers["location"])
    assert state["status"] == "done", state
    diagnostic = check_report(state["report"])
    assert diagnostic["imagingStudy"] == [{"reference": "ImagingStudy/42"}]
    assert diagnostic["subject"] == {"reference": "Patient/7"}
    assert "No soft-tissue calcified mass" in diagnostic["conclusion"]  # the untouched scan
    assert state["mask"] is None  # no lesion, no mask
    mask = await imaging.get(f"{response.headers['location']}/mask")
    assert mask.status_code == 404 and "no lesion mask was produced" in mask.json()["issue"][0]["diagnostics"]
    metrics = (await imaging.get("/metrics")).text
    assert 'imaging_analyses{state="done"} 1.0' in metrics and 'imaging_analyses{state="queued"} 0.0' in metrics
    assert 'imaging_report_deliveries{state=' in metrics


async def test_dicom_upload_as_parts_and_as_zip(imaging):
    parts = [("file", (p.name, p.read_bytes(), "application/dicom")) for p in SERIES]
    response = await imaging.post("/analyses", files=parts)
    assert response.status_code == 202, response.text
    state = await finished(imaging, response.headers["location"])
    assert state["status"] == "done", state
    check_report(state["report"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for p in SERIES:
            zf.writestr(f"series/{p.name}", p.read_bytes())
    response = await imaging.post("/analyses", files={"file": ("series.zip", buffer.getvalue(), "application/zip")})
    assert response.status_code == 202
    assert (await finished(imaging, response.headers["location"]))["status"] == "done"


@pytest.fixture
async def imaging_with_orthanc(imaging_settings, orthanc_server):
    """The imaging service with the test Orthanc as its configured DICOMweb server."""
    settings = imaging_settings.model_copy(update={"dicomweb_allowed_urls": [orthanc_server.dicomweb_url]})
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://imaging.test", timeout=60) as client:
            yield client


async def test_dicomweb_reference_is_analysed(imaging_with_orthanc, orthanc_server):
    imaging = imaging_with_orthanc
    datasets = series_with_uids()
    for ds in datasets:
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        orthanc_server.store(buffer.getvalue())
    reference = {"dicomweb": {"url": orthanc_server.dicomweb_url, "studyInstanceUid": datasets[0].StudyInstanceUID,
                              "seriesInstanceUid": datasets[0].SeriesInstanceUID}, "imagingStudy": "ImagingStudy/9"}
    response = await imaging.post("/analyses", json=reference)
    assert response.status_code == 202, response.text
    state = await finished(imaging, response.headers["location"])
    assert state["status"] == "done", state
    check_report(state["report"])
    if len(state["report"]["entry"]) > 1:  # a lesion found: its mask
        mask = await imaging.get(state["mask"])
        assert mask.headers["content-type"] == "application/dicom"  # the instances have UIDs: a DICOM SEG
    else:
        assert state["mask"] is None
    missing = {**reference, "dicomweb": {**reference["dicomweb"], "seriesInstanceUid": "1.2.3.4.5"}}
    state = await finished(imaging, (await imaging.post("/analyses", json=missing)).headers["location"])
    assert state["status"] == "failed" and state["outcome"]["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("request_kwargs,status,fragment", [
    ({"files": {"file": ("notes.txt", b"hello")}}, 422, "not DICOM"),
    ({"files": {"file": ("one.dcm", SERIES[0].read_bytes())}}, 422, "single slice"),
    ({"files": {"file": ("x.nii.gz", b"\x1f\x8b garbage")}}, 422, "NIfTI"),
    ({"files": {"other": ("x.dcm", b"x")}}, 400, "Unexpected form fields"),
    ({"json": {"dicomweb": {"url": "not a url", "studyInstanceUid": "1.2", "seriesInstanceUid": "1.3"}}}, 400, "url"),
    ({"content": b"<xml/>", "headers": {"Content-Type": "application/xml"}}, 415, "multipart"),
])
async def test_bad_input_is_refused_with_the_reason(imaging, request_kwargs, status, fragment):
    response = await imaging.post("/analyses", **request_kwargs)
    assert response.status_code == status, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert fragment in json.dumps(outcome)


async def test_a_volume_too_large_is_refused_and_the_service_keeps_serving(imaging, tmp_path):
    from tests.imaging.test_inputs import huge_nifti

    huge = huge_nifti(tmp_path / "huge.nii")
    response = await imaging.post("/analyses", files={"file": ("huge.nii", huge.read_bytes())})
    assert response.status_code == 422, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"][0]["code"] == "too-costly"
    assert (await imaging.get("/readyz")).status_code == 200
    response = await imaging.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())})
    assert response.status_code == 202, response.text


async def test_unknown_analysis_and_early_mask(imaging):
    assert (await imaging.get("/analyses/nope")).status_code == 404
    assert (await imaging.get("/analyses/nope/mask")).status_code == 404


async def test_a_job_accepted_before_a_restart_is_finished_after_it(imaging_settings):
    app = create_app(imaging_settings)
    async with app.router.lifespan_context(app):
        await app.state.engine.runner.stop()  # the runner is down: the job stays queued, as if the process died
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://imaging.test") as client:
            response = await client.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())})
            location = response.headers["location"]
            assert (await client.get(location)).json()["status"] == "queued"
    restarted = create_app(imaging_settings)
    async with restarted.router.lifespan_context(restarted):
        transport = httpx.ASGITransport(app=restarted)
        async with httpx.AsyncClient(transport=transport, base_url="http://imaging.test") as client:
            state = await finished(client, location)
            assert state["status"] == "done"

"""A finished analysis that names a subject is written back to intake as one transaction Bundle of
conditional creates: retried with back-off while intake is away, stored once however often it is
sent, and given up (with the reason) when intake refuses it for good."""

import time
from pathlib import Path

import httpx
import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.imaging.jobs import JobStore
from services.imaging.models import MIGRATIONS, AnalysisJob
from services.imaging.writeback import (
    IDENTIFIER_SYSTEM,
    MAX_RETRY_SECONDS,
    Writeback,
    backoff_seconds,
    is_permanent,
    writeback_bundle,
)
from shared.database import Database
from shared.fhir_time import now_ms
from shared.settings import Settings
from tests.imaging.test_engine import lesion_nifti  # noqa: F401  (the fixture)
from tests.support.processes import free_port, uvicorn_service


def analysis(job_id: str = "job-1", subject: str | None = "Patient/p", imaging_study: str | None = "ImagingStudy/s",
             lesions: int = 2) -> AnalysisJob:
    observations = [(f"urn:uuid:00000000-0000-0000-0000-00000000000{n}",
                     {"resourceType": "Observation", "status": "final", "code": {"text": "calcified mass"},
                      **({"subject": {"reference": subject}} if subject else {})})
                    for n in range(1, lesions + 1)]
    report = {"resourceType": "DiagnosticReport", "status": "final", "code": {"text": "CT analysis"},
              "conclusion": "Two masses.", "result": [{"reference": url} for url, _ in observations]}
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"fullUrl": "urn:uuid:00000000-0000-0000-0000-000000000000", "resource": report}]
              + [{"fullUrl": url, "resource": o} for url, o in observations]}
    return AnalysisJob(id=job_id, state="done", input_kind="nifti", source={"files": [], "subject": subject},
                       imaging_study=imaging_study, created_ms=0, updated_ms=0, report=bundle,
                       delivery_state="pending" if subject else None)


def test_the_bundle_is_a_transaction_of_conditional_creates():
    bundle = writeback_bundle(analysis())
    get_fhir_model_class("Bundle").model_validate(bundle)
    assert bundle["type"] == "transaction"
    report, first, second = (e for e in bundle["entry"])
    assert report["request"] == {"method": "POST", "url": "DiagnosticReport",
                                 "ifNoneExist": f"identifier={IDENTIFIER_SYSTEM}|job-1"}
    assert report["resource"]["identifier"] == [{"system": IDENTIFIER_SYSTEM, "value": "job-1"}]
    assert report["resource"]["subject"] == {"reference": "Patient/p"}
    assert report["resource"]["imagingStudy"] == [{"reference": "ImagingStudy/s"}]
    assert [r["reference"] for r in report["resource"]["result"]] == [first["fullUrl"], second["fullUrl"]]
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in bundle["entry"])
    for number, entry in enumerate((first, second), start=1):
        value = f"job-1/lesion/{number}"
        assert entry["request"] == {"method": "POST", "url": "Observation",
                                    "ifNoneExist": f"identifier={IDENTIFIER_SYSTEM}|{value}"}
        assert entry["resource"]["identifier"] == [{"system": IDENTIFIER_SYSTEM, "value": value}]
        assert entry["resource"]["subject"] == {"reference": "Patient/p"}
        assert entry["resource"]["derivedFrom"] == [{"reference": "ImagingStudy/s"}]
    bare = writeback_bundle(analysis(imaging_study=None, lesions=0))
    assert len(bare["entry"]) == 1 and "imagingStudy" not in bare["entry"][0]["resource"]
    assert writeback_bundle(analysis()) == bundle  # the same Bundle on every attempt


def test_backoff_doubles_up_to_a_cap_and_only_lasting_refusals_are_final():
    assert [backoff_seconds(n) for n in range(1, 6)] == [2, 4, 8, 16, 32]
    assert backoff_seconds(50) == MAX_RETRY_SECONDS
    assert [is_permanent(s) for s in (400, 404, 409, 412, 422, 408, 429, 500, 502, 503)] == \
        [True] * 5 + [False] * 5


@pytest.fixture
async def store(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}")
    await db.migrate(MIGRATIONS)
    yield JobStore(db)
    await db.close()


async def stored(store: JobStore, job: AnalysisJob) -> AnalysisJob:
    created = await store.create(job.input_kind, job.source, job.imaging_study, job_id=job.id)
    await store.finish(created.id, job.report, None, deliver=bool(job.source.get("subject")))
    return await store.get(created.id)


@pytest.mark.parametrize("status,headers,outcome", [
    (200, {}, "delivered"),
    (503, {"Retry-After": "30"}, "pending"),
    (429, {}, "pending"),
    (408, {}, "pending"),
    (422, {}, "failed"),
    (404, {}, "failed"),
])
async def test_each_answer_of_intake_is_recorded(store, status, headers, outcome):
    job = await stored(store, analysis())
    seen = []

    def intake(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, headers=headers, json={"resourceType": "OperationOutcome", "issue": [
            {"severity": "error", "code": "processing", "diagnostics": "not now"}]})

    settings = Settings(intake_url="http://intake.test/fhir/")
    writeback = Writeback(settings, store, httpx.AsyncClient(transport=httpx.MockTransport(intake)))
    before = now_ms()
    delay = await writeback.deliver(job.id)
    after = await store.get(job.id)
    assert str(seen[0].url) == "http://intake.test/fhir" and seen[0].method == "POST"
    assert after.delivery_state == outcome and after.delivery_attempts == 1
    if outcome == "delivered":
        assert delay is None and after.delivered_ms >= before and after.delivery_error is None
    elif outcome == "pending":
        expected = 30 if headers else backoff_seconds(1)
        spread = 0 if headers else 0.2 * expected  # the back-off is spread by up to 20% (shared/delivery.py)
        assert abs(delay - expected) <= spread and after.delivery_next_ms >= before + int(delay * 1000)
        assert f"intake answered {status}: not now" == after.delivery_error
    else:
        assert delay is None and after.delivery_next_ms is None and str(status) in after.delivery_error
    second = await writeback.deliver(job.id)  # what is settled stays settled; what is pending is tried again
    assert (second is not None) == (outcome == "pending")
    assert (await store.get(job.id)).delivery_attempts == (2 if outcome == "pending" else 1)
    await writeback.close()


# ---- against live processes ------------------------------------------------------------------

def wait_for(url: str, done, seconds: float = 90) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = httpx.get(url, timeout=30).json()
        if done(state):
            return state
        time.sleep(0.2)
    raise AssertionError(f"timed out: {state}")


def submit(imaging: str, path: Path, **fields: str) -> str:
    with path.open("rb") as f:
        response = httpx.post(f"{imaging}/analyses", files={"file": (path.name, f)}, data=fields, timeout=60)
    assert response.status_code == 202, response.text
    return f"{imaging}{response.headers['location']}"


def search(intake: str, resource_type: str, **params: str) -> list[dict]:
    response = httpx.get(f"{intake}/fhir/{resource_type}", params={**params, "_count": "100"}, timeout=30)
    assert response.status_code == 200, response.text
    return [e["resource"] for e in response.json().get("entry", [])]


def test_local_backend_writes_back_once_intake_is_there_again(tmp_path, lesion_nifti):  # noqa: F811
    """Intake is down when the analysis finishes: the write-back waits (attempts, the error, the next
    attempt shown), and lands once intake is back; sending the same Bundle again stores nothing new."""
    port = free_port()
    intake_env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"}
    with uvicorn_service("intake", intake_env, tmp_path / "intake.log", port=port) as intake:
        patient = httpx.post(f"{intake}/fhir/Patient", json={"resourceType": "Patient"}, timeout=30,
                             headers={"Content-Type": "application/fhir+json"}).json()["id"]
    imaging_env = {"DATA_DIR": str(tmp_path), "INTAKE_URL": f"http://127.0.0.1:{port}/fhir",
                   "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}"}
    with uvicorn_service("imaging", imaging_env, tmp_path / "imaging.log") as imaging:
        location = submit(imaging, lesion_nifti, subject=f"Patient/{patient}")
        state = wait_for(location, lambda s: s["status"] != "queued" and s["status"] != "running"
                         and s["delivery"] and s["delivery"]["attempts"] >= 1)
        assert state["status"] == "done" and state["delivery"]["status"] == "pending", state
        assert "could not be reached" in state["delivery"]["error"] and state["delivery"]["nextAttempt"]
        with uvicorn_service("intake", intake_env, tmp_path / "intake2.log", port=port) as intake:
            state = wait_for(location, lambda s: s["delivery"]["status"] != "pending", seconds=60)
            assert state["delivery"]["status"] == "delivered" and state["delivery"]["delivered"], state
            assert state["delivery"]["identifier"] == {"system": IDENTIFIER_SYSTEM, "value": state["id"]}
            reports = search(intake, "DiagnosticReport", identifier=f"{IDENTIFIER_SYSTEM}|{state['id']}")
            assert len(reports) == 1 and reports[0]["subject"] == {"reference": f"Patient/{patient}"}
            lesions = len(state["report"]["entry"]) - 1
            assert lesions == 3 and len(search(intake, "Observation", subject=f"Patient/{patient}")) == lesions

            # A retry whose first answer was lost: the same Bundle again creates nothing.
            job = AnalysisJob(id=state["id"], state="done", input_kind="nifti", imaging_study=None,
                              source={"subject": f"Patient/{patient}"}, report=state["report"],
                              created_ms=0, updated_ms=0)
            again = httpx.post(f"{intake}/fhir", json=writeback_bundle(job), timeout=30,
                               headers={"Content-Type": "application/fhir+json"})
            assert again.status_code == 200, again.text
            assert [e["response"]["status"][:3] for e in again.json()["entry"]] == ["200"] * (1 + lesions)
            assert len(search(intake, "DiagnosticReport", subject=f"Patient/{patient}")) == 1
            assert len(search(intake, "Observation", subject=f"Patient/{patient}")) == lesions


def test_a_lasting_refusal_is_recorded_and_not_retried(tmp_path, lesion_nifti):  # noqa: F811
    intake_env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"}
    with uvicorn_service("intake", intake_env, tmp_path / "intake.log") as intake:
        imaging_env = {"DATA_DIR": str(tmp_path), "INTAKE_URL": f"{intake}/no-fhir-here",
                       "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}"}
        with uvicorn_service("imaging", imaging_env, tmp_path / "imaging.log") as imaging:
            location = submit(imaging, lesion_nifti, subject="Patient/p")
            state = wait_for(location, lambda s: s["delivery"] and s["delivery"]["status"] != "pending")
            refused_by = time.monotonic()
            assert state["delivery"]["status"] == "failed" and state["delivery"]["attempts"] == 1, state
            assert "intake answered 4" in state["delivery"]["error"] and state["delivery"]["nextAttempt"] is None
            # without a subject there is nothing to write back
            state = wait_for(submit(imaging, lesion_nifti), lambda s: s["status"] == "done")
            assert state["delivery"] is None

            # Not retried. Had the refusal been left pending, its retry would have fallen due within
            # the first back-off (half as long again, for any jitter). A second write-back that falls
            # due after that is tried in a round of the delivery loop, and a round takes every
            # write-back due: once the second has been tried, the first would have been too.
            retry_due = refused_by + 1.5 * backoff_seconds(1)
            while time.monotonic() < retry_due:  # the analysis above has mostly taken that long
                time.sleep(0.1)
            second = submit(imaging, lesion_nifti, subject="Patient/p")
            state = wait_for(second, lambda s: s["delivery"] and s["delivery"]["status"] != "pending")
            assert state["delivery"]["status"] == "failed" and state["delivery"]["attempts"] == 1, state
            assert httpx.get(location, timeout=30).json()["delivery"]["attempts"] == 1

"""Faults, with every component a real process (issue 6, docs/reliability.md):

- PostgreSQL restarting while clients write and search: requests fail cleanly (503
  OperationOutcome with Retry-After, never a 500 or a dropped connection), the service recovers
  by itself, no acknowledged write is lost and no transaction is half-written.
- The imaging service killed (kill -9) in the middle of an analysis, on its embedded defaults
  (in-process jobs, SQLite): started again, it finishes that analysis, and intake holds exactly
  one report of it. (Workers on PostgreSQL killed or stopped: tests/imaging/test_engine.py.)
- The imaging service down while intake receives studies: intake's outbox delivers every
  hand-over once imaging is back, each exactly once.
"""

import asyncio
import json
import os
import random
import signal
import socket
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from tests.imaging.test_engine import SYSTEM, System, assert_one_report_in_intake, lesion_nifti  # noqa: F401
from tests.support.gate import hold_analyses_at_gate, holder
from tests.support.postgres import start_postgres
from tests.support.processes import free_port, python_process, uvicorn_service, wait_healthy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from load import integrity, run_load, stored_by_transaction, transaction

FHIR = {"Content-Type": "application/fhir+json"}


# ---- PostgreSQL restarted under load -------------------------------------------------------

@pytest.fixture
def own_postgres(postgres_server):
    """A server of its own (the shared one must not restart under other tests); postgres_server
    makes it skip locally, and fail under CI=true, when PostgreSQL is missing."""
    server = start_postgres()
    yield server
    server.stop()


def test_postgres_restart_under_load(own_postgres, tmp_path):
    env = {"DATABASE_URL": own_postgres.create_database("faults"), "DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING",
           "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as url:
        restarted = []

        async def restart_once(elapsed: float) -> None:
            if elapsed >= 3 and not restarted:
                await asyncio.to_thread(own_postgres.restart)
                restarted.append(elapsed)

        result, run = asyncio.run(run_load(url, 12, 6, write_share=0.4, during=restart_once))
        # It came back by itself: a write right after the load is acknowledged.
        after = httpx.post(f"{url}/fhir", json=transaction(run, "after-restart", random.Random(0)), headers=FHIR,
                           timeout=30)
        assert after.status_code == 200, after.text
        result.acknowledged.add("after-restart")
        stored = stored_by_transaction(url, run)
    assert restarted
    statuses = result.statuses
    assert set(statuses) <= {200, 503}, statuses  # no 500, no dropped connection
    assert statuses[503] > 0 and statuses[200] > 0, statuses  # the restart was felt, and served through
    assert result.non_fhir_errors == 0
    checked = integrity(result, stored)
    assert checked["lost_writes"] == 0 and checked["half_written_transactions"] == 0, checked
    assert "unhandled error" not in (tmp_path / "intake.log").read_text()


def test_postgres_away_answers_503_and_keeps_the_connection(own_postgres, tmp_path):
    """Two requests sent at once on one connection while the database is down: two 503
    OperationOutcomes, the connection still open after them (a closed one is a dropped request
    for the client that was about to reuse it)."""
    env = {"DATABASE_URL": own_postgres.create_database("away"), "DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING",
           "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as url:
        own_postgres.stop()
        host, port = url.removeprefix("http://").split(":")
        request = f"GET /fhir/Patient?name=x HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        with socket.create_connection((host, int(port)), timeout=30) as conn:
            conn.sendall(request * 2)
            received = b""
            while received.count(b"OperationOutcome") < 2:
                chunk = conn.recv(65536)
                assert chunk, f"the server closed the connection after: {received[:600]!r}"
                received += chunk
        assert received.count(b"HTTP/1.1 503") == 2, received[:600]
        assert b"retry-after: 2" in received.lower()


# ---- the imaging service killed mid-analysis -------------------------------------------------

def gated_imaging_service() -> None:
    """The imaging service as `uvicorn services.imaging.main:app` runs it, its analyses held at the
    test's gate. Run as: python -c 'from tests.test_faults import gated_imaging_service; ...'."""
    import uvicorn

    hold_analyses_at_gate()
    uvicorn.run("services.imaging.main:app", host="127.0.0.1", port=int(os.environ["TEST_PORT"]),
                log_level="warning")


GATED_IMAGING = ["-c", "from tests.test_faults import gated_imaging_service; gated_imaging_service()"]


def test_imaging_killed_mid_analysis_finishes_it_after_restart_with_one_report(tmp_path, lesion_nifti):  # noqa: F811
    data = tmp_path / "data"
    with uvicorn_service("intake", {"DATA_DIR": str(data)}, tmp_path / "intake.log") as intake:
        port = free_port()
        imaging = f"http://127.0.0.1:{port}"
        env = {"DATA_DIR": str(data), "INTAKE_URL": f"{intake}/fhir", "TEST_GATE": str(tmp_path / "gate"),
               "TEST_PORT": str(port)}  # JOB_BACKEND local and SQLite: the embedded defaults
        system = System(tmp_path, "", intake, imaging, env)
        patient, study = system.patient_with_study()
        with python_process(GATED_IMAGING, env, tmp_path / "imaging-gated.log") as gated:
            wait_healthy(imaging, gated, tmp_path / "imaging-gated.log")
            location = system.submit(lesion_nifti, subject=patient, imagingStudy=study)
            held = holder(system.gate, [gated.pid])
            assert held is not None, system.logs()
            assert location == f"/analyses/{held[1]}"
            assert system.state(location)["status"] == "running"
            gated.send_signal(signal.SIGKILL)
            gated.wait(timeout=10)
        assert system.search("DiagnosticReport", subject=patient).get("total") == 0

        with uvicorn_service("imaging", env, tmp_path / "imaging.log", port=port):
            state = system.wait_for(location, lambda s: s["status"] in ("done", "failed"), seconds=180)
            assert state["status"] == "done" and state["attempts"] == 2, state
            state = system.wait_for(location, lambda s: s["delivery"]["status"] != "pending")
            assert state["delivery"]["status"] == "delivered", state["delivery"]
        assert_one_report_in_intake(system, held[1], patient, lesions=3)


# ---- the imaging service down while studies arrive -----------------------------------------------

def ct_study_bundle(n: int, wado: str) -> dict:
    """An EHR's transaction: a Patient and a CT study whose series is on a DICOMweb endpoint."""
    study_uid = f"2.25.{1000 + n}"
    patient = f"urn:uuid:0f0f0000-0000-4000-8000-{n:012d}"
    endpoint = {"resourceType": "Endpoint", "id": "pacs", "status": "active",
                "connectionType": {"system": "http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
                                   "code": "dicom-wado-rs"},
                "payloadType": [{"text": "DICOM"}], "address": wado}
    study = {"resourceType": "ImagingStudy", "status": "available", "subject": {"reference": patient},
             "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study_uid}"}],
             "contained": [endpoint], "endpoint": [{"reference": "#pacs"}],
             "series": [{"uid": f"{study_uid}.1",
                         "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}}]}
    return {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": patient, "request": {"method": "POST", "url": "Patient"},
         "resource": {"resourceType": "Patient", "gender": "male", "birthDate": "2001-02-03"}},
        {"request": {"method": "POST", "url": "ImagingStudy"}, "resource": study}]}


def metric(url: str, line_start: str) -> float:
    text = httpx.get(f"{url}/metrics", timeout=10).text
    values = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(line_start)]
    return sum(values)


def wait_until(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_outbox_delivers_every_study_once_imaging_is_back(tmp_path):
    studies = 4
    port = free_port()
    imaging = f"http://127.0.0.1:{port}"
    intake_env = {"DATA_DIR": str(tmp_path / "intake"), "IMAGING_URL": imaging, "OUTBOX_POLL_SECONDS": "0.2",
                  "OUTBOX_MAX_BACKOFF_SECONDS": "1"}
    # The series are on a PACS that does not answer: the analyses fail at retrieval, which is not
    # what this test is about; what it counts is hand-overs.
    wado = f"http://127.0.0.1:{free_port()}/dicom-web"
    with ExitStack() as stack:
        intake = stack.enter_context(uvicorn_service("intake", intake_env, tmp_path / "intake.log"))
        for n in range(studies):
            response = httpx.post(f"{intake}/fhir", json=ct_study_bundle(n, wado), headers=FHIR, timeout=30)
            assert response.status_code == 200, response.text
        backlog = 'outbox_backlog{topic="imaging-analysis"}'
        assert metric(intake, backlog) == studies
        wait_until(lambda: metric(intake, 'outbox_deliveries_total{outcome="retry"') >= studies, 30,
                   "an attempt at each hand-over while imaging is down")
        assert metric(intake, backlog) == studies  # nothing lost, nothing given up

        imaging_env = {"DATA_DIR": str(tmp_path / "imaging"), "LOG_LEVEL": "WARNING",
                       "DICOMWEB_ALLOWED_URLS": json.dumps([wado])}
        stack.enter_context(uvicorn_service("imaging", imaging_env, tmp_path / "imaging.log", port=port))
        wait_until(lambda: metric(intake, backlog) == 0, 60, "the backlog to drain")
        # Every hand-over is settled now, and the relay takes only unsettled ones: it posts nothing
        # more. Each post it made has been answered (a hand-over is settled after the answer, and
        # imaging stores an analysis before it answers), so what imaging holds is final: a repeated
        # delivery would show in it now.
        assert metric(intake, 'outbox_deliveries_total{outcome="delivered"') == studies
        assert metric(intake, 'outbox_deliveries_total{outcome="refused"') == 0
        # Each hand-over made exactly one analysis (the Idempotency-Key is the study and series).
        assert metric(imaging, "imaging_analyses{") == studies

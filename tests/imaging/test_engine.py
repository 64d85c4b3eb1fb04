"""JOB_BACKEND=procrastinate: the imaging API enqueues analyses in PostgreSQL and separate worker
processes run them; a worker killed mid-analysis (kill -9) or stopped (SIGTERM) loses nothing, and
the analysis yields exactly one report, written back to a live intake once.

Everything runs as real processes (uvicorn for the APIs, `python -m services.imaging.worker`-like
processes for the workers) on a throw-away PostgreSQL cluster.
"""

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from services.imaging.models import MIGRATIONS
from services.imaging.worker import MIGRATIONS_TABLE, apply_procrastinate_schema, prepare_database, psycopg_conninfo
from shared.database import Database
from shared.settings import Settings
from tests.support.gate import hold_analyses_at_gate, holder
from tests.support.processes import python_process, uvicorn_service

STALLED_SECONDS = 2  # how long a silent worker is taken for alive: short, so that the test is quick
SYSTEM = "urn:calcinosis:imaging-analysis"


# ---- the test-only hook: a worker whose analyses wait at a gate -----------------------------

def gated_worker() -> None:
    """The real worker (services.imaging.worker.main), its analyses held at the test's gate
    (tests/support/gate.py), and a file `$TEST_GATE.<pid>.stopping` made when it is asked to stop
    (SIGTERM). Run as: python -c 'from tests.imaging.test_engine import gated_worker; gated_worker()'."""
    from procrastinate import worker as procrastinate_worker

    from services.imaging import worker

    hold_analyses_at_gate()
    stop = procrastinate_worker.Worker.stop

    def stop_and_say_so(self) -> None:
        Path(f"{os.environ['TEST_GATE']}.{os.getpid()}.stopping").touch()
        stop(self)

    procrastinate_worker.Worker.stop = stop_and_say_so
    worker.main()


GATED_WORKER = ["-c", "from tests.imaging.test_engine import gated_worker; gated_worker()"]


# ---- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lesion_nifti(tmp_path_factory) -> Path:
    """The real CT with the three acceptance-test lesions implanted, as NIfTI."""
    import nibabel

    from services.imaging.analysis.loaders import load_nifti
    from services.imaging.masks import LPS_TO_RAS
    from tests.imaging import phantom
    from tests.imaging.fixtures import NIFTI

    volume = phantom.implant(load_nifti(NIFTI), phantom.acceptance_lesions())
    path = tmp_path_factory.mktemp("phantom") / "lesions.nii.gz"
    nibabel.save(nibabel.Nifti1Image(volume.hu, LPS_TO_RAS @ volume.affine), path)
    return path


@pytest.fixture
def pg_url(postgres_server) -> str:
    return postgres_server.create_database(f"engine_{os.getpid()}_{time.monotonic_ns()}")


class System:
    """intake, the imaging API (procrastinate) and its workers, all as processes."""

    def __init__(self, tmp_path: Path, pg_url: str, intake: str, imaging: str, env: dict[str, str]) -> None:
        self.tmp_path, self.pg_url, self.intake, self.imaging, self.env = tmp_path, pg_url, intake, imaging, env
        self.gate = tmp_path / "gate"
        self.workers: list[subprocess.Popen] = []

    def holder(self, seconds: float = 60) -> tuple[subprocess.Popen, str]:
        """The worker waiting at the gate with a job, and the job's id."""
        held = holder(self.gate, [p.pid for p in self.workers], seconds)
        if held is None:
            raise AssertionError(f"no worker reached the gate:\n{self.logs()}")
        pid, job_id = held
        return next(p for p in self.workers if p.pid == pid), job_id

    def logs(self) -> str:
        return "\n".join(f"== {p.name}\n{p.read_text()[-4000:]}" for p in sorted(self.tmp_path.glob("*.log")))

    def submit(self, path: Path, **fields: str) -> str:
        with path.open("rb") as f:
            response = httpx.post(f"{self.imaging}/analyses", files={"file": (path.name, f)}, data=fields, timeout=60)
        assert response.status_code == 202, response.text
        return response.headers["location"]

    def state(self, location: str) -> dict:
        return httpx.get(f"{self.imaging}{location}", timeout=30).json()

    def wait_for(self, location: str, done, seconds: float = 90) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = self.state(location)
            if done(state):
                return state
            time.sleep(0.2)
        raise AssertionError(f"timed out; last state {state}\n{self.logs()}")

    def create(self, resource: dict) -> str:
        """Store a resource in intake (the write-back's references must exist there); its reference."""
        response = httpx.post(f"{self.intake}/fhir/{resource['resourceType']}", json=resource, timeout=30,
                              headers={"Content-Type": "application/fhir+json"})
        assert response.status_code == 201, response.text
        return f"{resource['resourceType']}/{response.json()['id']}"

    def patient_with_study(self) -> tuple[str, str]:
        patient = self.create({"resourceType": "Patient", "gender": "female", "birthDate": "1990-01-01"})
        study = self.create({"resourceType": "ImagingStudy", "status": "available", "subject": {"reference": patient}})
        return patient, study

    def search(self, resource_type: str, **params: str) -> dict:
        response = httpx.get(f"{self.intake}/fhir/{resource_type}", params=params, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def system(tmp_path, pg_url):
    """intake on SQLite; the imaging API with JOB_BACKEND=procrastinate on PostgreSQL; two gated
    workers (the gate is shut: a test opens it with `system.gate.touch()`)."""
    data = tmp_path / "data"
    intake_env = {"DATA_DIR": str(data), "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"}
    with uvicorn_service("intake", intake_env, tmp_path / "intake.log") as intake:
        env = {"DATA_DIR": str(data), "DATABASE_URL": pg_url, "JOB_BACKEND": "procrastinate",
               "INTAKE_URL": f"{intake}/fhir", "IMAGING_WORKER_STALLED_SECONDS": str(STALLED_SECONDS),
               "IMAGING_CONCURRENCY": "1", "TEST_GATE": str(tmp_path / "gate")}
        with uvicorn_service("imaging", env, tmp_path / "imaging.log") as imaging:
            yield System(tmp_path, pg_url, intake, imaging, env)


def start_workers(system: System, count: int, stack, **env: str) -> list[subprocess.Popen]:
    for _ in range(count):
        process = stack.enter_context(python_process(GATED_WORKER, {**system.env, **env},
                                                     system.tmp_path / f"worker{len(system.workers)}.log"))
        system.workers.append(process)
    return system.workers


def assert_one_report_in_intake(system: System, job_id: str, subject: str, lesions: int) -> None:
    reports = system.search("DiagnosticReport", identifier=f"{SYSTEM}|{job_id}")
    assert len(reports.get("entry", [])) == 1, reports
    report = reports["entry"][0]["resource"]
    assert report["subject"] == {"reference": subject}
    assert len(system.search("DiagnosticReport", subject=subject).get("entry", [])) == 1
    observations = system.search("Observation", subject=subject, _count="100").get("entry", [])
    assert len(observations) == lesions
    numbers = sorted(o["resource"]["identifier"][0]["value"] for o in observations)
    assert numbers == [f"{job_id}/lesion/{n}" for n in range(1, lesions + 1)]
    # the report's urn:uuid references now point at the stored Observations
    assert sorted(r["reference"] for r in report["result"]) == sorted(f"Observation/{o['resource']['id']}"
                                                                      for o in observations)


# ---- tests ---------------------------------------------------------------------------------

def test_workers_run_what_the_api_enqueues(system, lesion_nifti):
    from contextlib import ExitStack

    system.gate.touch()
    with ExitStack() as stack:
        start_workers(system, 2, stack)
        patient, study = system.patient_with_study()
        location = system.submit(lesion_nifti, subject=patient, imagingStudy=study)
        state = system.wait_for(location, lambda s: s["status"] in ("done", "failed"))
        assert state["status"] == "done" and state["attempts"] == 1, state
        assert len(state["report"]["entry"]) == 4  # the report and three lesions
        state = system.wait_for(location, lambda s: s["delivery"]["status"] != "pending")
        assert state["delivery"]["status"] == "delivered" and state["delivery"]["attempts"] == 1, state["delivery"]
        assert_one_report_in_intake(system, state["id"], patient, lesions=3)
        mask = httpx.get(f"{system.imaging}{state['mask']}", timeout=30)
        assert mask.status_code == 200 and mask.headers["content-type"] == "application/gzip"


def test_a_job_whose_worker_is_killed_is_finished_by_another(system, lesion_nifti):
    from contextlib import ExitStack

    with ExitStack() as stack:
        start_workers(system, 2, stack)
        patient, _ = system.patient_with_study()
        location = system.submit(lesion_nifti, subject=patient)
        holder, job_id = system.holder()
        assert location == f"/analyses/{job_id}"
        running = system.state(location)
        assert running["status"] == "running" and running["attempts"] == 1, running
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        system.gate.touch()
        state = system.wait_for(location, lambda s: s["status"] in ("done", "failed"))
        assert state["status"] == "done" and state["attempts"] == 2, state
        state = system.wait_for(location, lambda s: s["delivery"]["status"] != "pending")
        assert state["delivery"]["status"] == "delivered", state
        assert_one_report_in_intake(system, job_id, patient, lesions=3)
        survivor = next(p for p in system.workers if p is not holder)
        assert survivor.poll() is None


@pytest.mark.parametrize("grace", ["0", "120"])
def test_sigterm_hands_back_or_finishes_the_running_job(system, lesion_nifti, grace):
    """Grace 0: the stopping worker hands its job back at once and another runs it again.
    A longer grace: it finishes the job before it exits."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        start_workers(system, 2, stack, IMAGING_WORKER_GRACE_SECONDS=grace)
        location = system.submit(lesion_nifti)
        holder, job_id = system.holder()
        holder.send_signal(signal.SIGTERM)
        stopping = Path(f"{system.gate}.{holder.pid}.stopping")
        deadline = time.monotonic() + 30
        while not stopping.exists():  # it has taken the signal before the gate opens
            assert time.monotonic() < deadline and holder.poll() is None, system.logs()
            time.sleep(0.05)
        assert holder.poll() is None  # it does not just die: it still holds the job at the gate
        system.gate.touch()
        assert holder.wait(timeout=60) == 0, system.logs()
        state = system.wait_for(location, lambda s: s["status"] in ("done", "failed"))
        assert state["status"] == "done", state
        assert state["attempts"] == (2 if grace == "0" else 1), state
        assert state["delivery"] is None  # no subject named: nothing to write back


# ---- schema and configuration --------------------------------------------------------------

def test_conninfo_from_the_database_url():
    info = psycopg_conninfo("postgresql+asyncpg://img:p%40ss@db.example:5433/imaging?ssl=require"
                            "&prepared_statement_cache_size=0")
    assert psycopg.conninfo.conninfo_to_dict(info) == {
        "host": "db.example", "port": "5433", "dbname": "imaging", "user": "img", "password": "p@ss",
        "sslmode": "require"}
    assert "host=/run/pg" in psycopg_conninfo("postgresql+asyncpg://u@/d?host=/run/pg")
    with pytest.raises(ValueError, match="PostgreSQL"):
        psycopg_conninfo("sqlite+aiosqlite:///x.db")


async def test_schema_is_applied_once_by_processes_starting_together(pg_url):
    settings = Settings(database_url=pg_url, job_backend="procrastinate")
    databases = [Database(pg_url) for _ in range(4)]
    try:
        await asyncio.gather(*(prepare_database(db, settings) for db in databases))
        conninfo = psycopg_conninfo(pg_url)
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
            assert (await (await conn.execute("SELECT to_regclass('procrastinate_jobs')")).fetchone())[0]
            assert (await (await conn.execute(f"SELECT count(*) FROM {MIGRATIONS_TABLE}")).fetchone())[0] > 0
            assert await apply_procrastinate_schema(conn) == []  # nothing left to apply
            # an upgrade: a migration not yet recorded is applied, once
            newest = (await (await conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY name DESC LIMIT 1")).fetchone())[0]
            await conn.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE name = %s", (newest,))
            assert await apply_procrastinate_schema(conn) == [newest]
        await databases[0].migrate(MIGRATIONS)  # the imaging tables are current
    finally:
        for db in databases:
            await db.close()

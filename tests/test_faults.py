"""Faults under load: PostgreSQL restarting while clients write and search.

Requests fail cleanly (503 OperationOutcome with Retry-After, never a 500 or a dropped
connection), the service recovers by itself, no acknowledged write is lost and no transaction
is half-written. (The imaging service killed mid-job: tests/imaging/test_engine.py; the imaging
service down while intake hands analyses over: tests/intake/test_outbox.py.)
"""

import asyncio
import sys
from pathlib import Path

import pytest

from tests.support.postgres import start_postgres
from tests.support.processes import uvicorn_service

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from load import integrity, run_load, stored_by_transaction  # noqa: E402


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
        marks = {}

        async def restart_once(elapsed: float) -> None:
            if elapsed >= 3 and "before" not in marks:
                marks["before"] = result_ref[0].statuses.copy() if result_ref else None
                await asyncio.to_thread(own_postgres.restart)
                marks["restarted_at"] = elapsed

        result_ref: list = []

        async def load():
            task = asyncio.create_task(run_load(url, 12, 6, write_share=0.4, during=restart_once))
            result, run = await task
            return result, run

        result, run = asyncio.run(load())
        stored = stored_by_transaction(url, run)
    assert "restarted_at" in marks
    statuses = result.statuses
    assert set(statuses) <= {200, 503}, statuses  # no 500, no dropped connection
    assert result.non_fhir_errors == 0
    assert statuses[200] > 0
    checked = integrity(result, stored)
    assert checked["lost_writes"] == 0 and checked["half_written_transactions"] == 0, checked
    assert checked["acknowledged_transactions"] > 0
    # It came back by itself: writes were acknowledged after the restart.
    log = (tmp_path / "intake.log").read_text()
    assert "Traceback" not in log or "unhandled error" not in log

"""Fixtures of the intake tests."""

import httpx
import pytest

from tests.support.processes import uvicorn_service


@pytest.fixture
async def live(database_url, tmp_path):
    """An httpx client of intake running as its own process (uvicorn) on the backend under test."""
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path), "VALIDATION_WORKERS": "0",
           "OUTBOX_POLL_SECONDS": "3600"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as url:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            yield client

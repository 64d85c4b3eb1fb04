"""Fixtures shared by all tests: the database backends and the intake service under test.

Tests marked with the `backend` fixture run on SQLite and on PostgreSQL. Locally,
PostgreSQL tests skip with a visible reason when the server is not installed;
with CI=true they must run, so a missing PostgreSQL fails the run instead.
"""

import itertools
import os
from collections.abc import AsyncIterator

import httpx
import pytest

from shared.settings import Settings
from tests.support.postgres import PostgresServer, start_postgres

IN_CI = os.environ.get("CI", "").lower() == "true"
_database_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    try:
        server = start_postgres()
    except (FileNotFoundError, RuntimeError) as exc:
        if IN_CI:
            pytest.fail(f"CI=true but PostgreSQL cannot run: {exc}")
        pytest.skip(f"PostgreSQL not available here: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def orthanc_server():
    from tests.support.orthanc import start_orthanc

    try:
        server = start_orthanc()
    except (FileNotFoundError, RuntimeError) as exc:
        if IN_CI:
            pytest.fail(f"CI=true but Orthanc cannot run: {exc}")
        pytest.skip(f"Orthanc not available here: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"test_{os.getpid()}_{next(_database_numbers)}")


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(data_dir=tmp_path, database_url=database_url, log_json=True, max_body_bytes=200_000,
                    max_bundle_entries=100, validation_workers=0)


@pytest.fixture
async def intake(settings) -> AsyncIterator[httpx.AsyncClient]:
    from services.intake.main import create_app

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield client

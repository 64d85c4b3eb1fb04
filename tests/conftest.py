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

# The tests ask for development mode (no authorization) explicitly, as a developer would; the
# authorization tests (tests/shared/test_auth.py, tests/test_authorization.py) switch it on.
os.environ.setdefault("AUTH_MODE", "development")

from shared.settings import Settings
from tests.support.orthanc import start_orthanc
from tests.support.postgres import PostgresServer, start_postgres

IN_CI = os.environ.get("CI", "").lower() == "true"
_database_numbers = itertools.count()


def _required(name: str, start):
    """A real server for the tests: skipped with the reason locally, a failure under CI=true."""
    try:
        return start()
    except (FileNotFoundError, RuntimeError) as exc:
        if IN_CI:
            pytest.fail(f"CI=true but {name} cannot run: {exc}")
        pytest.skip(f"{name} not available here: {exc}")


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    server = _required("PostgreSQL", start_postgres)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server_utf8_locale() -> PostgresServer:
    """A cluster whose default collation is a language's (C.utf8), as a stock image's is (en_US.utf8)."""
    server = _required("PostgreSQL", lambda: start_postgres("C.utf8"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def orthanc_server():
    server = _required("Orthanc", start_orthanc)
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

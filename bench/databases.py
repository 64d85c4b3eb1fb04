"""The database of an intake bench run: a SQLite file, or a throw-away PostgreSQL (tests/support/postgres.py,
started as the `postgres` user), stopped and removed when the run ends."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.postgres import PostgresServer, start_postgres


@contextmanager
def bench_database(postgresql: bool, folder: Path, name: str) -> Iterator[tuple[str, PostgresServer | None]]:
    """(the database URL, the PostgreSQL server or None): `folder`/NAME.sqlite3, or a database NAME in a
    PostgreSQL started for the run."""
    if not postgresql:
        yield f"sqlite+aiosqlite:///{folder / f'{name}.sqlite3'}", None
        return
    server = start_postgres()
    try:
        yield server.create_database(name), server
    finally:
        server.stop()

"""The database of an intake bench run: a SQLite file, or a throw-away PostgreSQL (tests/support/postgres.py,
started as the `postgres` user), stopped and removed when the run ends unless kept."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.postgres import PostgresServer, start_postgres


@contextmanager
def bench_database(postgresql: bool, folder: Path, name: str, *, shared_buffers: str | None = None,
                   keep: bool = False) -> Iterator[tuple[str, PostgresServer | None]]:
    """(the database URL, the PostgreSQL server or None): `folder`/NAME.sqlite3, or a database NAME in a
    PostgreSQL started for the run. `shared_buffers` sets PostgreSQL's (a restart, before the database is
    made); `keep` leaves that PostgreSQL running with its data when the run ends, to look into."""
    if not postgresql:
        yield f"sqlite+aiosqlite:///{folder / f'{name}.sqlite3'}", None
        return
    server = start_postgres()
    try:
        if shared_buffers is not None:
            server.psql(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers}'")
            server.restart()
        yield server.create_database(name), server
    finally:
        if not keep:
            server.stop()

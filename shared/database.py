"""Async database access for SQLite (the embedded default) and PostgreSQL."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, cast

from alembic import command
from alembic.config import Config
from sqlalchemy import JSON, Table, event, exc, inspect, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection, CursorResult, Result
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import SQLModel

from shared.fhir_json import dumps_text, loads

log = logging.getLogger(__name__)

# A column of JSON documents: JSONB on PostgreSQL (indexable, stored parsed), JSON text on SQLite.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")
# The pg_advisory_xact_lock key every service's migrations take (any bigint; this spells "migrate"):
# one lock for all, so that services sharing a database migrate one after the other too.
MIGRATION_LOCK = 0x6D69_6772_6174_65
# Resources are stored as JSON documents; orjson is several times faster than json.
_JSON_CODEC = {"json_serializer": dumps_text, "json_deserializer": loads}
# Statement parameters are patient data: never in error messages or logs.
_OPTIONS = {**_JSON_CODEC, "hide_parameters": True}
# SQLite checkpoints its write-ahead log in the background after each transaction (Database.transaction),
# not in the commit that crosses SQLite's 1000 pages, which then took 20-30 ms of a 1000-resource
# transaction's request (docs/performance.md). This bound (pages of 4 KiB) is the fallback for
# writes made outside `transaction()`: their log is still checkpointed, in the commit, once it is this long.
WAL_AUTOCHECKPOINT_PAGES = 10_000


def table_of(model: type[SQLModel]) -> Table:
    """The Table of a SQLModel table class (SQLModel sets `__table__` at run time without typing it)."""
    return cast(Table, inspect(model).local_table)


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched: its result is a CursorResult, which the type of
    Session.execute does not say."""
    return cast(CursorResult[Any], result).rowcount


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **_OPTIONS)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            # WAL lets readers run beside the single writer; foreign keys are off by default.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    engine = create_async_engine(url, pool_size=10, max_overflow=10, **_OPTIONS)
    _ping_on_checkout(engine)
    return engine


def _ping_on_checkout(engine: AsyncEngine) -> None:
    """Check a pooled connection before it is used, in one round trip: how the service recovers by
    itself when the database comes back (decision Security 7). SQLAlchemy's `pool_pre_ping` did the
    same in three (BEGIN, an empty query, ROLLBACK), twice per writing request (decision Intake 53).
    Like it, a connection just opened is not pinged, and a failed ping drops every connection older
    than now (a restarted server has cut them all) and retries with a new one, whose error, if the
    database is still away, is what the request sees (a 503)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _fresh(_dbapi_connection, record) -> None:
        record.info["ping_fresh"] = True

    @event.listens_for(engine.sync_engine, "checkout")
    def _ping(dbapi_connection, record, _proxy) -> None:
        if record.info.pop("ping_fresh", False):
            return
        try:  # outside any transaction (a connection comes back rolled back): a plain query autocommits
            dbapi_connection.run_async(lambda driver: driver.execute("SELECT 1"))
        except Exception as error:  # any failure: not worth keeping (a cancellation, a BaseException, propagates)
            raise exc.InvalidatePoolError(f"ping failed: {type(error).__name__}") from error


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._checkpointing: asyncio.Task[None] | None = None
        self._checkpoint_wanted = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session whose work commits together or not at all."""
        async with self.sessions() as session, session.begin():
            yield session
        if self.dialect == "sqlite":
            self._checkpoint_soon()

    def _checkpoint_soon(self) -> None:
        """Copy the write-ahead log into the database file beside the next requests, off the
        committing request's path. Durability is the commit's (the log holds it), not the
        checkpoint's; one checkpoint runs at a time, and a commit during it asks for one more."""
        self._checkpoint_wanted = True
        loop, task = asyncio.get_running_loop(), self._checkpointing
        if task is None or task.done() or task.get_loop() is not loop:  # (a Database used from a new event loop)
            self._checkpointing = loop.create_task(self._checkpoints())

    async def _checkpoints(self) -> None:
        while self._checkpoint_wanted:
            self._checkpoint_wanted = False
            try:  # PASSIVE: copies what no reader still needs, never waits for readers or the writer
                async with self.engine.connect() as conn:
                    await conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:  # the next commit asks again, and the fallback bound holds meanwhile
                log.warning("background WAL checkpoint failed", exc_info=True)

    async def checkpointed(self) -> None:
        """Wait for the background checkpoint, if one runs (SQLite)."""
        task = self._checkpointing
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            await asyncio.gather(task, return_exceptions=True)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def migrate(self, script_location: Path, revision: str = "head") -> None:
        """Bring the schema to the newest Alembic revision (or to `revision`), on PostgreSQL under
        an advisory lock that serialises every process migrating the same database."""

        database = self.engine.url.database
        if self.dialect == "sqlite" and database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)

        def upgrade(connection: Connection) -> None:
            config = Config()
            config.set_main_option("script_location", str(script_location))
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        async with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Replicas starting together on one database would each create the same tables (and
                # all but one fail): one migrates, the others wait, then find the schema at head. The
                # lock ends with this transaction, which the migration commits or rolls back.
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            await conn.run_sync(upgrade)
        # Connections read the planner statistics when they open: start afresh after a migration.
        await self.engine.dispose()

    async def close(self) -> None:
        await self.checkpointed()
        await self.engine.dispose()

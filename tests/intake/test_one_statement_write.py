"""PostgreSQL: rows written with one statement (store.write_in_one_statement, how the AuditEvent of
each request is stored; decisions Security 5, Intake 54) are the rows the transaction's statements
write, in every table and column, and a statement that fails writes none of them."""

import os
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from services.intake.fhir.validation import check_structure
from services.intake.rest.audit import audit_event
from services.intake.storage.models import SearchName
from services.intake.storage.names import NameCache
from services.intake.storage.store import PreparedRows, ResourceStore, new_id, prepare_new, write_in_one_statement
from shared.audit import agents
from shared.database import Database, table_of
from tests.intake.fhir_data import patient, phosphate

_numbers = count()
MIGRATIONS = Path(__file__).resolve().parents[2] / "services" / "intake" / "migrations"


async def _database(server) -> Database:
    db = Database(server.create_database(f"one_statement_{os.getpid()}_{next(_numbers)}"))
    await db.migrate(MIGRATIONS)
    return db


def _rows():
    """Rows for every table a create writes: a Patient (string rows), an Observation (quantity,
    combined code and date, counted tokens), an AuditEvent (references, no content in its version row)."""
    ada = check_structure(patient(), "Patient")
    event = audit_event("POST", "/fhir", "_count=1", 200, agents(None, "127.0.0.1", {"headers": []}),
                        ["Patient/p1", "Observation/o1"], "request-1")
    items = [(ada, new_id()), (check_structure(phosphate("Patient/p1", value=6.80), "Observation"), new_id()),
             (check_structure(event, "AuditEvent"), new_id())]
    return prepare_new(items, names=NameCache())[1]  # every name to be numbered by the write


def _copy(rows: PreparedRows) -> PreparedRows:
    """The same rows for a second database (a write puts its numbers in place of the names it numbers)."""
    copied = PreparedRows()
    copied.batches = [(table, columns, list(batch)) for table, columns, batch in rows.batches]
    copied.pending = set(rows.pending)
    return copied


async def _contents(db: Database, tables) -> dict[str, list]:
    found = {}
    async with db.engine.connect() as conn:
        for table, columns in tables:
            shown = ", ".join(f"{c}::text" for c in columns)  # as text: json has no ordering, and the text is exact
            result = await conn.execute(text(f"SELECT {shown} FROM {table.name} ORDER BY {shown}"))
            found[table.name] = [tuple(row) for row in result]
    return found


async def test_one_statement_writes_what_the_statements_write(postgres_server):
    rows = _rows()
    tables = [(table, columns) for table, columns, _ in rows.batches]
    assert all(batch for _, _, batch in rows.batches)  # every table has rows: every column type is sent
    plain, at_once = await _database(postgres_server), await _database(postgres_server)
    try:
        again = _copy(rows)
        async with plain.transaction() as session:
            await ResourceStore(session).write_rows(rows)
        await write_in_one_statement(at_once.engine, again)
        tables.append((table_of(SearchName), ("id", "name")))  # numbered alike: in the names' order
        written = await _contents(plain, tables)
        assert all(written.values())
        assert await _contents(at_once, tables) == written
    finally:
        await plain.close()
        await at_once.close()


async def test_a_failing_statement_writes_nothing(postgres_server):
    rows = _rows()
    tables = [(table, columns) for table, columns, _ in rows.batches]
    db = await _database(postgres_server)
    try:
        await write_in_one_statement(db.engine, rows)
        before = await _contents(db, tables)
        with pytest.raises(IntegrityError):  # the same resources again: their ids are taken
            await write_in_one_statement(db.engine, rows)
        assert await _contents(db, tables) == before  # no table has them twice
    finally:
        await db.close()

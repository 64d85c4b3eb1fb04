"""The OpenAPI document is current and useful to SDK generators; migrations match the models."""

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert, inspect, select, text
from sqlmodel import SQLModel, col

from services.intake.main import MIGRATIONS, create_app
from services.intake.storage.models import ResourceRow, ResourceVersion
from shared.database import Database

ROOT = Path(__file__).resolve().parents[2]


def test_checked_in_openapi_documents_are_current():
    result = subprocess.run([sys.executable, "scripts/export_openapi.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("service", ["intake", "classifier", "imaging"])
def test_every_operation_is_documented_for_sdk_generators(service):
    document = json.loads((ROOT / "openapi" / f"{service}.json").read_text())
    operation_ids = set()
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            assert op.get("operationId") and op.get("tags") and op.get("summary"), (method, path)
            assert op["operationId"] not in operation_ids
            operation_ids.add(op["operationId"])
            if path.startswith(("/fhir", "/classify")):
                for status, response in op["responses"].items():
                    if status.startswith(("4", "5")):
                        schema = response["content"]["application/fhir+json"]["schema"]
                        assert schema == {"$ref": "#/components/schemas/OperationOutcome"}
                    elif status != "204" and "/.well-known/" not in path:  # SMART's own JSON document
                        assert "application/fhir+json" in response["content"], (method, path, status)
            if method in ("post", "put") and path.startswith("/fhir") and "_search" not in path:
                assert "application/fhir+json" in op["requestBody"]["content"], (method, path)
    assert {"healthz", "readyz", "metrics"} <= operation_ids
    assert {"Bundle", "OperationOutcome"} <= set(document["components"]["schemas"])
    assert "HTTPValidationError" not in json.dumps(document)  # bad parameters are OperationOutcomes too
    referenced = set(re.findall(r"#/components/schemas/([\w.-]+)", json.dumps(document)))
    assert referenced <= set(document["components"]["schemas"]), "dangling $ref"


async def test_migrations_produce_exactly_the_model_schema(database_url):
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), SQLModel.metadata)
            )
        assert diff == []
        await db.migrate(MIGRATIONS)  # idempotent at every start-up
    finally:
        await db.close()


def test_app_module_exposes_app():
    from services.intake.main import app
    assert app.title.startswith("Calcinosis intake")
    assert create_app().openapi()["info"]["title"] == app.title


async def test_upgrade_keeps_stored_index_rows_and_marks_date_points(database_url):
    """A store written under revision 0001 keeps its rows through 0002, which tells points
    (at most a day long) from longer intervals."""
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS, "0001")
        day, year = 86_400_000, 365 * 86_400_000
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO search_date (res_type, res_id, param, low_ms, high_ms) VALUES "
                f"('Observation', 'a', 'date', 0, {day}), ('Observation', 'b', 'date', 0, {year})"))
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            rows = (await conn.execute(text("SELECT res_id, point FROM search_date ORDER BY res_id"))).all()
        assert [(r, bool(p)) for r, p in rows] == [("a", True), ("b", False)]
    finally:
        await db.close()


async def test_upgrade_to_0005_removes_repeated_token_rows_and_holds_them_unique(database_url):
    """Revision 0005 makes the token lookup index unique (a system|code is counted from its
    entries alone): rows written twice by earlier revisions go, one of each stays, and a repeated
    row is refused from then on."""
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS, "0004")
        rows = [("a", "http://loinc.org", "2777-1")] * 3 + [("a", None, "x")] * 2 + [
            ("b", "http://loinc.org", "2777-1"), ("a", "urn:lab", "2777-1")]
        async with db.engine.begin() as conn:
            for res_id, system, code in rows:
                await conn.execute(text("INSERT INTO search_token (res_type, res_id, param, system, code) "
                                        "VALUES ('Observation', :i, 'code', :s, :c)"), {"i": res_id, "s": system, "c": code})
        await db.migrate(MIGRATIONS, "0008")  # names as text, as these rows give them
        async with db.engine.connect() as conn:
            kept = (await conn.execute(text("SELECT res_id, system, code FROM search_token"))).all()
        assert sorted(kept, key=str) == sorted(set(rows), key=str)
        with pytest.raises(Exception, match="(?i)unique"):
            async with db.engine.begin() as conn:
                await conn.execute(text("INSERT INTO search_token (res_type, res_id, param, system, code) "
                                        "VALUES ('Observation', 'b', 'code', 'http://loinc.org', '2777-1')"))
    finally:
        await db.close()


async def test_postgresql_vacuums_the_search_tables_after_a_fiftieth_of_inserts(database_url):
    """A count reads index entries alone only on pages the visibility map marks all-visible, and
    only VACUUM marks them: after a bulk load two thirds of the token table's pages were not, and
    the count of a code went to the table for 33,000 of its 50,000 entries (docs/performance.md).
    Autovacuum's default waits for inserts of a fifth of a table; these tables are told 2%."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has no visibility map: its indexes are read alone whenever they cover a query")
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            options = dict((await conn.execute(text(
                "SELECT relname, reloptions FROM pg_class WHERE relname IN ('resources', 'search_token', "
                "'search_string', 'search_date', 'search_reference', 'search_quantity', 'search_combo')"))).all())
        assert len(options) == 7
        for table, settings in options.items():
            assert "autovacuum_vacuum_insert_scale_factor=0.02" in settings, table
    finally:
        await db.close()


async def test_upgrade_to_0006_drops_the_surrogate_keys_and_back_fills_the_combined_rows(database_url):
    """Revision 0006 drops the index tables' `id` (the rows stay, SQLite's planner statistics too)
    and writes each stored Observation's code with its date into search_combo: the same rows a
    write makes from then on, none for a resource without a date or for other types."""
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS, "0005")
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO search_token (res_type, res_id, param, system, code) VALUES "
                "('Observation', 'a', 'code', 'http://loinc.org', '2777-1'), ('Observation', 'a', 'code', NULL, 'x'), "
                "('Observation', 'a', 'status', NULL, 'final'), ('Observation', 'b', 'code', NULL, 'y'), "
                "('Patient', 'p', 'gender', NULL, 'female')"))
            await conn.execute(text(
                "INSERT INTO search_date (res_type, res_id, param, low_ms, high_ms, point) VALUES "
                "('Observation', 'a', 'date', 0, 1000, true), ('Patient', 'p', 'birthdate', 0, 1000, true)"))
            statistics = (await conn.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'search_token'"))).all() \
                if db.dialect == "sqlite" else []
        await db.migrate(MIGRATIONS, "0008")  # names as text, as these rows give them
        async with db.engine.connect() as conn:
            combo = (await conn.execute(text(
                "SELECT res_type, res_id, param, date_param, system, code, low_ms, high_ms, point FROM search_combo"))).all()
            expected = [("Observation", "a", "code", "date", "http://loinc.org", "2777-1", 0, 1000, True),
                        ("Observation", "a", "code", "date", None, "x", 0, 1000, True)]
            assert sorted(combo, key=str) == sorted(expected, key=str)
            assert (await conn.execute(text("SELECT count(*) FROM search_token"))).scalar_one() == 5
            for table in ("search_token", "search_string", "search_date", "search_reference", "search_quantity"):
                columns = (await conn.run_sync(lambda sync, t=table: [c["name"] for c in inspect(sync).get_columns(t)]))
                assert "id" not in columns, table
            if db.dialect == "sqlite":
                kept = (await conn.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'search_token'"))).all()
                assert sorted(kept) == sorted(statistics) and len(kept) == 2
    finally:
        await db.close()


async def test_upgrade_to_0007_back_fills_the_kept_counts_of_the_stored_codes(database_url):
    """Revision 0007 counts the stored resources of each code of Observation `code` into
    search_token_count: per (system, code), and per code in any system, each resource once (a
    resource with the code in two systems is one); other parameters and types are not counted."""
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS, "0006")
        async with db.engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO search_token (res_type, res_id, param, system, code) VALUES "
                "('Observation', 'a', 'code', 'http://loinc.org', '2777-1'), ('Observation', 'a', 'code', 'urn:lab', '2777-1'), "
                "('Observation', 'b', 'code', 'http://loinc.org', '2777-1'), ('Observation', 'b', 'code', NULL, 'x'), "
                "('Observation', 'c', 'code', NULL, 'x'), ('Observation', 'a', 'status', NULL, 'final'), "
                "('DiagnosticReport', 'd', 'code', 'http://loinc.org', '2777-1')"))
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            kept = (await conn.execute(text(
                "SELECT res_type, param, system, code, any_system, delta FROM search_token_count"))).all()
        assert sorted(kept, key=str) == sorted([
            ("Observation", "code", "http://loinc.org", "2777-1", False, 2),
            ("Observation", "code", "urn:lab", "2777-1", False, 1), ("Observation", "code", None, "2777-1", True, 2),
            ("Observation", "code", None, "x", False, 2), ("Observation", "code", None, "x", True, 2)], key=str)
    finally:
        await db.close()


async def test_upgrade_to_0008_keeps_every_stored_content(database_url):
    """Revision 0008 stores contents as json text on PostgreSQL (jsonb before; SQLite's are text
    already): a stored resource and a superseded version read back the same, decimals as written,
    and the column is json."""
    db = Database(database_url)
    document = {"resourceType": "Observation", "id": "a", "valueQuantity": {"value": Decimal("6.80")},
                "note": [{"text": "Müller \u2013 \"quoted\"\n"}], "component": []}
    try:
        await db.migrate(MIGRATIONS, "0007")
        async with db.engine.begin() as conn:
            await conn.execute(insert(ResourceRow).values(
                res_type="Observation", res_id="a", version_id=2, last_updated_ms=1, deleted=False, content=document))
            await conn.execute(insert(ResourceVersion).values(
                res_type="Observation", res_id="a", version_id=1, last_updated_ms=0, method="POST", deleted=False,
                content={**document, "status": "preliminary"}))
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            current = (await conn.execute(select(col(ResourceRow.content)))).scalar_one()
            superseded = (await conn.execute(select(col(ResourceVersion.content)))).scalar_one()
            types = (await conn.execute(text(
                "SELECT table_name, data_type FROM information_schema.columns WHERE column_name = 'content' "
                "AND table_name IN ('resources', 'resource_versions')"))).all() if db.dialect == "postgresql" else []
        assert current == document and superseded == {**document, "status": "preliminary"}
        assert str(current["valueQuantity"]["value"]) == "6.80"
        if db.dialect == "postgresql":
            assert sorted(types) == [("resource_versions", "json"), ("resources", "json")]
    finally:
        await db.close()


async def test_upgrade_to_0009_numbers_the_stored_names_and_searches_still_find_them(database_url):
    """Revision 0009 holds the index tables' names (types, parameters, a reference's path and target
    type, a combined row's date parameter) as numbers from search_names: every stored row keeps its
    names (read back through the table), searches, includes and the combined index find the stored
    resources as before, SQLite keeps its planner statistics, and the downgrade gives the text back."""
    from alembic import command
    from alembic.config import Config

    from services.intake.search.executor import SearchExecutor
    from services.intake.search.parsing import parse_search

    db = Database(database_url)
    token = [("Observation", "a", "code", "http://loinc.org", "2777-1"), ("Patient", "p", "gender", None, "female")]
    try:
        await db.migrate(MIGRATIONS, "0008")
        async with db.engine.begin() as conn:
            for res_type, res_id in (("Patient", "p"), ("Observation", "a")):
                await conn.execute(insert(ResourceRow).values(
                    res_type=res_type, res_id=res_id, version_id=1, last_updated_ms=0, deleted=False,
                    content={"resourceType": res_type, "id": res_id}))
            for row in token:
                await conn.execute(text("INSERT INTO search_token (res_type, res_id, param, system, code) "
                                        "VALUES (:t, :i, :p, :s, :c)"), dict(zip("tipsc", row, strict=True)))
            await conn.execute(text("INSERT INTO search_reference (res_type, res_id, param, target_type, target_id) "
                                    "VALUES ('Observation', 'a', 'subject', 'Patient', 'p')"))
            await conn.execute(text("INSERT INTO search_date (res_type, res_id, param, low_ms, high_ms, point) "
                                    "VALUES ('Observation', 'a', 'date', 0, 1000, true)"))
            await conn.execute(text(
                "INSERT INTO search_combo (res_type, res_id, param, date_param, system, code, low_ms, high_ms, point) "
                "VALUES ('Observation', 'a', 'code', 'date', 'http://loinc.org', '2777-1', 0, 1000, true)"))
            statistics = sorted((await conn.execute(text("SELECT tbl, idx, stat FROM sqlite_stat1"))).all(), key=str) \
                if db.dialect == "sqlite" else []
        await db.migrate(MIGRATIONS)
        named = ("SELECT t.name, s.res_id, p.name, s.system, s.code FROM search_token s "
                 "JOIN search_names t ON t.id = s.res_type JOIN search_names p ON p.id = s.param")
        async with db.engine.connect() as conn:
            names = set((await conn.execute(text("SELECT name FROM search_names"))).scalars())
            assert names == {"Observation", "Patient", "code", "gender", "subject", "date"}
            assert sorted((await conn.execute(text(named))).all(), key=str) == sorted(token, key=str)
            assert (await conn.execute(text(
                "SELECT p.name, t.name FROM search_reference r JOIN search_names p ON p.id = r.param "
                "JOIN search_names t ON t.id = r.target_type"))).all() == [("subject", "Patient")]
            assert (await conn.execute(text(
                "SELECT d.name FROM search_combo c JOIN search_names d ON d.id = c.date_param"))).all() == [("date",)]
            if db.dialect == "sqlite":
                assert sorted((await conn.execute(text("SELECT tbl, idx, stat FROM sqlite_stat1"))).all(), key=str) == statistics
        async with db.sessions() as session:
            for pairs in ([("code", "2777-1"), ("subject", "Patient/p")], [("code", "2777-1"), ("date", "ge1970-01-01")],
                          [("patient", "p"), ("_include", "Observation:subject")]):
                request = parse_search("Observation", pairs, default_count=20, max_count=1000)
                executor = SearchExecutor(session)
                matches, total = await executor.search(request)
                included, _ = await executor.includes(request, matches)
                assert [m["id"] for m in matches] == ["a"] and total == 1, pairs
                assert [i["id"] for i in included] == (["p"] if request.includes else []), pairs
            gender = parse_search("Patient", [("gender", "female")], default_count=20, max_count=1000)
            assert [m["id"] for m in (await SearchExecutor(session).search(gender))[0]] == ["p"]

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        async with db.engine.begin() as conn:
            def downgrade(sync) -> None:
                config.attributes["connection"] = sync
                command.downgrade(config, "0008")
            await conn.run_sync(downgrade)
        async with db.engine.connect() as conn:
            plain = "SELECT res_type, res_id, param, system, code FROM search_token"
            assert sorted((await conn.execute(text(plain))).all(), key=str) == sorted(token, key=str)
            assert (await conn.execute(text("SELECT param, target_type FROM search_reference"))).all() == [
                ("subject", "Patient")]
            tables = await conn.run_sync(lambda sync: inspect(sync).get_table_names())
            assert "search_names" not in tables
    finally:
        await db.close()

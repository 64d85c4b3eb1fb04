"""The database's part of ingest alone: the rows of 1000-resource Bundles (the benchmark's, as
`prepare_new` builds them, in chunks of 200) written table by table in one transaction, then
committed. Wall ms per table and for the commit, this thread's CPU, and PostgreSQL's server CPU.

    PYTHONPATH=. .venv/bin/python bench/intake_writes.py [--bundles 8] [--postgresql]
        [--pragma "PRAGMA wal_autocheckpoint=1000"]...   # SQLite: more pragmas on each connection
        [--copy-min-rows N]    # PostgreSQL what-if
        [--drop-index NAME]... # what-if, both backends
        [--chunk N]            # what-if: chunks of N resources (the service's: 200)
        [--integer-keys]       # what-if, both backends: the search tables keyed by small integers

The what-ifs change this run only, to measure a change before making it. (The index tables have
had no surrogate keys since migration 0006: the earlier `--drop-surrogate-keys` and
`--sequence-cache` what-ifs went with them.) The server's CPU is read from /proc in clock ticks
(10 ms): its mean per Bundle is printed beside the median. "process CPU" is this process's, all
threads (SQLite writes in aiosqlite's thread).

`--integer-keys` writes the search tables (`search_*`, the count rows' too) with `res_type`, `param`,
`target_type` and `date_param` as SMALLINT and every `system` as INTEGER, each distinct name or system
numbered in this run (what a table of names would give), the rows mapped off the clocks:
the database's part of shorter keys, before changing the search layer for it (docs/decisions.md,
Intake 55). `resources` and `resource_versions` are as they are.
"""

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_database  # noqa: E402
from bench.intake_ingest import make_bundle  # noqa: E402
from bench.intake_profile import _postgres_cpu  # noqa: E402


async def measure(args, url: str, postgres: int | None) -> dict[str, tuple[float, float]]:
    from sqlalchemy import event

    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.storage import names as search_names
    from services.intake.storage import store as store_module
    from shared.database import Database

    db = Database(url)
    if args.copy_min_rows is not None:
        store_module.COPY_MIN_ROWS = args.copy_min_rows
    if args.pragma and db.dialect == "sqlite":
        @event.listens_for(db.engine.sync_engine, "connect")
        def _more(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            for pragma in args.pragma:
                cursor.execute(pragma)
            cursor.close()
    await db.migrate(ROOT / "services" / "intake" / "migrations")  # (services.intake.main builds an app on import)
    if args.drop_index:
        from sqlalchemy import text

        async with db.engine.begin() as conn:
            for name in args.drop_index:
                await conn.execute(text(f"DROP INDEX {name}"))
    keys = IntegerKeys() if args.integer_keys else None
    if keys is not None:
        async with db.engine.begin() as conn:
            await conn.run_sync(keys.alter_schema)
    rng = random.Random(1)
    found: dict[str, list[list[float]]] = {}
    for number in range(args.bundles):
        bundle = make_bundle(rng)
        incoming = [check_structure(e["resource"], e["resource"]["resourceType"], f"Bundle.entry[{i}]", JUDGED_ELSEWHERE)
                    for i, e in enumerate(bundle["entry"])]
        ids = [store_module.new_id() for _ in incoming]
        targets = {e["fullUrl"]: f"{c.resource_type}/{i}" for e, c, i in zip(bundle["entry"], incoming, ids, strict=True)
                   if e.get("fullUrl")}
        for checked in incoming:  # as the transaction rewrites urn:uuid references
            for _, _, ref in checked.references:
                ref["reference"] = targets.get(ref["reference"], ref["reference"])
        items = list(zip(incoming, ids, strict=True))

        def note(name: str, wall: float, cpu: float, number: int = number) -> None:
            rows = found.setdefault(name, [[0.0, 0.0] for _ in range(args.bundles)])
            rows[number][0] += wall * 1000
            rows[number][1] += cpu * 1000

        started, started_cpu, server_cpu = time.perf_counter(), time.thread_time(), _postgres_cpu(postgres)
        process_cpu = time.process_time()
        async with db.transaction() as session:
            writer = store_module.ResourceStore(session)
            for first in range(0, len(items), args.chunk):
                _, prepared = store_module.prepare_new(items[first:first + args.chunk],
                                                       names=search_names.cache_of(session))
                if prepared.pending:  # as ResourceStore.write_rows numbers them (the first Bundle's)
                    numbers = await search_names.number_names(session, prepared.pending)
                    search_names.renumber(prepared.batches, numbers)
                for table, columns, rows in prepared.batches:
                    if keys is not None:  # off the clocks: the service would build these rows so
                        mapping = time.perf_counter(), time.thread_time(), time.process_time()
                        rows = keys.rows(table.name, columns, rows)
                        started += time.perf_counter() - mapping[0]
                        started_cpu += time.thread_time() - mapping[1]
                        process_cpu += time.process_time() - mapping[2]
                    wall, cpu = time.perf_counter(), time.thread_time()
                    if keys is not None and db.dialect == "postgresql" and 0 < len(rows) < store_module.COPY_MIN_ROWS:
                        await keys.insert(session, table.name, columns, rows)
                    else:
                        await writer._bulk_insert(table, columns, rows)
                    note(table.name, time.perf_counter() - wall, time.thread_time() - cpu)
            commit, commit_cpu = time.perf_counter(), time.thread_time()
        note("commit", time.perf_counter() - commit, time.thread_time() - commit_cpu)
        note("whole transaction", time.perf_counter() - started, time.thread_time() - started_cpu)
        # Every thread of this process: on SQLite the writes run in aiosqlite's thread.
        note("process CPU", 0.0, time.process_time() - process_cpu)
        if postgres is not None:
            note("PostgreSQL server CPU", _postgres_cpu(postgres) - server_cpu, 0.0)
    await db.close()
    skip = min(2, args.bundles - 1)  # the first ones warm the caches
    results = {name: (round(statistics.median(r[0] for r in rows[skip:]), 1),
                      round(statistics.median(r[1] for r in rows[skip:]), 1)) for name, rows in found.items()}
    if "PostgreSQL server CPU" in found:  # whole clock ticks: the mean tells more than the median
        results["PostgreSQL server CPU, mean"] = (
            round(statistics.mean(r[0] for r in found["PostgreSQL server CPU"][skip:]), 1), 0.0)
    return results


class IntegerKeys:
    """The `--integer-keys` what-if: the search tables' names and systems as numbers."""

    TABLES = ("search_token", "search_string", "search_date", "search_reference", "search_quantity", "search_combo",
              "search_token_count")
    NAMES = ("res_type", "param", "target_type", "date_param")

    def __init__(self) -> None:
        self.numbers: dict[tuple[bool, str], int] = {}

    def alter_schema(self, conn) -> None:
        """The (empty, just migrated) search tables with integer columns: PostgreSQL alters their types;
        SQLite, which cannot, makes each table again from its own CREATE statements with the types changed."""
        from sqlalchemy import inspect, text

        inspector = inspect(conn)
        for table in self.TABLES:
            columns = {c["name"] for c in inspector.get_columns(table)}
            changed = {**{c: "SMALLINT" for c in columns & set(self.NAMES)},
                       **({"system": "INTEGER"} if "system" in columns else {})}
            if conn.dialect.name == "postgresql":
                for column, kind in changed.items():
                    conn.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {kind} USING NULL"))
                continue
            statements = [r[0] for r in conn.execute(text(
                "SELECT sql FROM sqlite_master WHERE tbl_name = :t AND sql IS NOT NULL ORDER BY type DESC"), {"t": table})]
            for column, kind in changed.items():
                statements[0] = re.sub(rf"\b{column} VARCHAR\(\d+\)", f"{column} {kind}", statements[0])
            conn.execute(text(f"DROP TABLE {table}"))
            for statement in statements:  # the table first ("table" sorts after "index"), then its indexes
                conn.execute(text(statement))

    @staticmethod
    async def insert(session, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """PostgreSQL's INSERTs below COPY_MIN_ROWS without the model's casts (its columns are text there)."""
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        connection = await session.connection()
        await connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> list[tuple]:
        if table not in self.TABLES:
            return rows
        kinds = [c in self.NAMES if c in self.NAMES or c == "system" else None for c in columns]
        numbers = self.numbers
        return [tuple(v if k is None or v is None else numbers.setdefault((k, v), len(numbers) + 1)
                      for k, v in zip(kinds, row, strict=True)) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundles", type=int, default=8)
    parser.add_argument("--postgresql", action="store_true", help="on a throw-away PostgreSQL (tests/support/postgres.py)")
    parser.add_argument("--pragma", action="append", default=[], help="SQLite: a PRAGMA run on each new connection")
    parser.add_argument("--copy-min-rows", type=int, default=None, help="PostgreSQL: COPY from this many rows")
    parser.add_argument("--chunk", type=int, default=200, help="resources per chunk (a what-if; the service's is 200)")
    parser.add_argument("--drop-index", action="append", default=[], help="an index this run's database goes without")
    parser.add_argument("--integer-keys", action="store_true",
                        help="what-if: the search tables' types, parameters and systems as integers")
    args = parser.parse_args()
    with (tempfile.TemporaryDirectory(prefix="writes-intake-") as tmp,
          bench_database(args.postgresql, Path(tmp), "writes") as (url, server)):
        results = asyncio.run(measure(args, url, server.postmaster_pid if server is not None else None))
    print(f"Per 1000-resource Bundle (median of {args.bundles}, the first two left out): wall ms, this thread's CPU ms")
    for name, (wall, cpu) in results.items():
        print(f"  {name:25s} {wall:7.1f} {cpu:7.1f}")


if __name__ == "__main__":
    main()

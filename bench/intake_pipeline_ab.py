"""A transaction's pipeline with and without the changes of decisions Intake 32-33, switched off
and on bundle by bundle in one process, so that a shared machine's drift hits both alike.

    PYTHONPATH=. .venv/bin/python bench/intake_pipeline_ab.py [--bundles 20] [--postgresql] [--first-chunk 50]
    PYTHONPATH=. .venv/bin/python bench/intake_pipeline_ab.py --texts [--bundles 20] [--postgresql]
    PYTHONPATH=. .venv/bin/python bench/intake_pipeline_ab.py --joined [--bundles 20] [--postgresql]
    PYTHONPATH=. .venv/bin/python bench/intake_pipeline_ab.py --slices SLICE YIELDS MIN_WRITE [FIRST_ONLY] [--postgresql]
    PYTHONPATH=. .venv/bin/python bench/intake_pipeline_ab.py --one-call [--bundles 20]

With `--texts`, "before" is the worker's texts serialised anew, as before decision Intake 40, and
the checkpoint is left as the service has it; each POST's CPU on this thread (the app's and the
in-process client's, alike for both) is printed beside its wall time. With `--joined`, "before" is
each chunk written on its own with its own count rows, as before decision Intake 42 (`_write_per_chunk`
below, main's `BundleProcessor._write` at that time); on PostgreSQL the server's CPU per POST is printed too.
With `--slices`, "after" is `_write_sliced` below (decision Intake 60, measured and not kept): each chunk's
rows prepared SLICE entries at a time (only the first chunk's with FIRST_ONLY 1), the event loop handed to
the write YIELDS times after each, a write begun only when at least MIN_WRITE entries wait (or all are
prepared); "before" is the service's `_write` as it is. With `--one-call` (SQLite), "after" runs each write's
statements as one call in aiosqlite's thread (`_write_rows_in_one_call`, Intake 60, not kept). `writes` counts each
POST's writes.

"before": SQLite's log checkpointed in the commit (as SQLite's own autocheckpoint did, here run
right after the commit inside the request); "after": as the service runs now, or, with
`--first-chunk N`, also with a first chunk of N entries (decision Intake 33, withdrawn: measured
with this). The app runs in process
(as `bench/intake_profile.py --timeline`: the httpx ASGI transport, the app's lifespan, its
validation worker a separate process); bundles alternate before/after, each timed POST to
response, the two of a pair posting the same resources. Prints medians and the before/after ratio of each pair.
"""

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_database  # noqa: E402
from bench.intake_ingest import make_bundle  # noqa: E402


async def _write_per_chunk(self, work, verdicts, targets) -> None:
    """`BundleProcessor._write` before decision Intake 42: each chunk written on its own, once the
    last write has ended, with its own count rows (for `--joined`)."""
    from contextlib import suppress

    from services.intake.interactions import bundles as b

    chunks = [[e for e in chunk if not e.settled] for chunk in verdicts.chunks]
    pending = {(e.resource_type, e.target_id) for chunk in chunks for e in chunk}
    wanted: dict = {}
    writing: asyncio.Future | None = None
    current = 0
    try:
        for current, chunk in enumerate(chunks):  # noqa: B007
            b._check_structures([(e, b.JUDGED_ELSEWHERE) for e in chunk])
            if writing is not None and b._has_conditional_references(chunk):
                await writing
            await b._let_run(writing)
            for entry in chunk:
                await self._rewrite_references(work, entry, targets)
            b.check_rules([e.checked for e in chunk], wanted)
            await b._let_run(writing)
            creates = [e for e in chunk if e.method == "POST"]
            stored, rows = work.prepare_new([(e.checked, e.target_id) for e in creates])
            for entry, s in zip(creates, stored, strict=True):
                entry.response = b._write_response(s, "201 Created", self.representation)
            if writing is not None:
                await writing
            writing = asyncio.ensure_future(work.write_new(stored, rows))
            await b._let_run(writing)
        if writing is not None:
            await writing
    except Exception:
        await verdicts.raise_first(through=current)
        raise
    finally:
        if writing is not None and not writing.done():
            with suppress(Exception):
                await writing
    await verdicts.raise_first()
    await work.check_references_exist(wanted, pending)


def _write_sliced(slice_size: int, yields: int, min_write: int, first_only: bool):
    """`BundleProcessor._write` with its rows prepared in slices, so that a running write gets the
    event loop more often (for `--slices`; decision Intake 60, not kept). Everything else as the
    service's: checks per chunk, the joined writes, the count rows once with the last write."""
    from collections import Counter
    from contextlib import suppress

    from services.intake.interactions import bundles as b
    from services.intake.storage.store import PreparedRows

    async def let_run(writing) -> None:
        for _ in range(yields):
            if writing is None or writing.done():
                return
            await asyncio.sleep(0)

    async def write_sliced(self, work, verdicts, targets) -> None:
        chunks = [[e for e in chunk if not e.settled] for chunk in verdicts.chunks]
        pending = {(e.resource_type, e.target_id) for chunk in chunks for e in chunk}
        wanted: dict = {}
        writing: asyncio.Future | None = None
        prepared: list = []
        counted: Counter = Counter()

        def write(last: bool = False) -> asyncio.Future:
            rows = PreparedRows.joined([r for _, r in prepared])
            if last:
                rows.add_counts(counted)
            stored = [s for part, _ in prepared for s in part]
            prepared.clear()
            return asyncio.ensure_future(work.write_new(stored, rows))

        current = 0
        try:
            for current, chunk in enumerate(chunks):
                b._check_structures([(e, b.JUDGED_ELSEWHERE) for e in chunk])
                if b._has_conditional_references(chunk):
                    if writing is not None:
                        await writing
                    if prepared:
                        await write()
                    writing = None
                await let_run(writing)
                for entry in chunk:
                    await self._rewrite_references(work, entry, targets)
                b.check_rules([e.checked for e in chunk], wanted)
                await let_run(writing)
                creates = [e for e in chunk if e.method == "POST"]
                size = slice_size if current == 0 or not first_only else b.CHUNK
                for start in range(0, max(len(creates), 1), size):
                    part = creates[start:start + size]
                    stored, rows = work.prepare_new([(e.checked, e.target_id) for e in part], counted)
                    for entry, s in zip(part, stored, strict=True):
                        entry.response = b._write_response(s, "201 Created", self.representation)
                    prepared.append((stored, rows))
                    last = current == len(chunks) - 1 and start + size >= len(creates)
                    if (writing is None or writing.done()) and (last or sum(len(p) for p, _ in prepared) >= min_write):
                        if writing is not None:
                            await writing
                        writing = write(last=last)
                    await let_run(writing)
            if writing is not None:
                await writing
            if prepared:
                writing = write(last=True)
                await writing
        except Exception:
            await verdicts.raise_first(through=current)
            raise
        finally:
            if writing is not None and not writing.done():
                with suppress(Exception):
                    await writing
        await verdicts.raise_first()
        await work.check_references_exist(wanted, pending)

    return write_sliced


async def _write_rows_in_one_call(self, rows) -> None:
    """SQLite: a write's statements run as one call in aiosqlite's thread (one round trip to it per
    write instead of about three per statement), so that the write needs no turn of the event loop
    while the transaction prepares (for `--one-call`; decision Intake 60, a what-if)."""
    from services.intake.storage import store

    connection = await self.session.connection()
    if connection.dialect.name != "sqlite":
        return await _WRITE_ROWS[0](self, rows)
    statements = []
    for table, columns, batch in rows.batches:
        if batch:
            sql, order = store._insert_sql(table, columns, connection.dialect)
            statements.append((sql, batch if order is None else [tuple(row[i] for i in order) for row in batch]))
    driver = (await connection.get_raw_connection()).driver_connection

    def run() -> None:
        for sql, batch in statements:
            driver._conn.executemany(sql, batch)

    await driver._execute(run)


_WRITE_ROWS: list = []


async def compare(bundles: list[dict], database_url: str, data_dir: str,
                  first_chunk: int | None = None, texts: bool = False, joined: bool = False,
                  postgres: int | None = None, slices: list[int] | None = None,
                  one_call: bool = False) -> dict[str, dict[str, float]]:
    os.environ.update({"DATABASE_URL": database_url, "DATA_DIR": data_dir, "LOG_LEVEL": "WARNING",
                       "MAX_BODY_BYTES": str(50 * 1024 * 1024), "AUTH_MODE": "development"})
    from bench.intake_profile import _postgres_cpu
    from services.intake.interactions import bundles as bundle_module
    from services.intake.interactions import interactions as interaction_module
    from services.intake.main import create_app
    from shared.database import Database
    from shared.fhir_json import dumps
    from tests.support.asgi import asgi_client

    transaction, chunks_of = Database.transaction, bundle_module.ModelVerdicts.__init__
    write_joined = bundle_module.BundleProcessor._write
    from services.intake.storage.store import ResourceStore
    _WRITE_ROWS[:] = [ResourceStore.write_rows]
    sliced = _write_sliced(slices[0], slices[1], slices[2], bool(slices[3:] and slices[3])) if slices else None
    write_new = interaction_module.UnitOfWork.write_new
    mode = ["after"]
    marks: dict[str, float] = {}
    started = [0.0]

    def small_first_chunk(self, chunks, pool, kept=None):
        entries = [e for chunk in chunks for e in chunk]
        rest = entries[first_chunk:]
        chunks_of(self, [entries[:first_chunk]] + [rest[i:i + bundle_module.CHUNK]
                                                   for i in range(0, len(rest), bundle_module.CHUNK)], pool, kept)

    def texts_anew(self, chunks, pool, kept=None):
        chunks_of(self, chunks, pool, None)  # every text serialised again for the worker

    @asynccontextmanager
    async def old_transaction(self):
        async with self.sessions() as session:
            async with session.begin():
                yield session
            if self.dialect == "sqlite":  # the checkpoint SQLite ran in the commit, on the same connection
                await (await session.connection()).exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                await session.commit()

    async def written(self, stored, rows):
        marks.setdefault("first write begins", (time.perf_counter() - started[0]) * 1000)
        marks["writes"] = marks.get("writes", 0) + 1
        await write_new(self, stored, rows)
        marks["last write ends"] = (time.perf_counter() - started[0]) * 1000

    def switch(to: str) -> None:
        mode[0] = to
        before = to == "before"
        bundle_module.ModelVerdicts.__init__ = (  # type: ignore[method-assign]
            texts_anew if texts and before else small_first_chunk if first_chunk and not before else chunks_of)
        Database.transaction = (  # type: ignore[method-assign]
            old_transaction if before and not (texts or joined or slices or one_call) else transaction)
        ResourceStore.write_rows = (  # type: ignore[method-assign]
            _write_rows_in_one_call if one_call and not before else _WRITE_ROWS[0])
        bundle_module.BundleProcessor._write = (  # type: ignore[method-assign]
            _write_per_chunk if joined and before else sliced if sliced and not before else write_joined)

    interaction_module.UnitOfWork.write_new = written  # type: ignore[method-assign]
    results: dict[str, dict[str, list[float]]] = {"before": {}, "after": {}}
    async with asgi_client(create_app(), "http://intake", timeout=300) as client:
        payload = dumps(make_bundle(random.Random(99)))
        for warm in ("before", "after"):
            switch(warm)
            (await client.post("/fhir", content=payload, headers={"Content-Type": "application/fhir+json"})).raise_for_status()
        for number, bundle in enumerate(bundles):
            for which in (("before", "after") if number % 2 == 0 else ("after", "before")):
                switch(which)
                payload = dumps(bundle)  # the same resources for both of a pair (each POST creates its own)
                marks.clear()
                started[0], cpu, server = time.perf_counter(), time.thread_time(), _postgres_cpu(postgres)
                response = await client.post("/fhir", content=payload, headers={"Content-Type": "application/fhir+json"})
                total = (time.perf_counter() - started[0]) * 1000
                cpu = (time.thread_time() - cpu) * 1000
                if postgres is not None:  # clock ticks of 10 ms; the medians of many POSTs tell
                    marks["PostgreSQL server CPU"] = (_postgres_cpu(postgres) - server) * 1000
                response.raise_for_status()
                for name, value in {**marks, "response received": total, "this thread's CPU": cpu,
                                    "last write ends to response": total - marks["last write ends"]}.items():
                    results[which].setdefault(name, []).append(value)
        switch("after")
    out = {which: {name: round(statistics.median(values), 1) for name, values in stages.items()}
           for which, stages in results.items()}
    pairs = [b / a for b, a in zip(results["before"]["response received"], results["after"]["response received"],
                                   strict=True)]
    cpu_pairs = [b / a for b, a in zip(results["before"]["this thread's CPU"], results["after"]["this thread's CPU"],
                                       strict=True)]
    out["pairs"] = {"before / after, median": round(statistics.median(pairs), 3),
                    "after faster in": sum(p > 1 for p in pairs), "of pairs": len(pairs),
                    "CPU before / after, median": round(statistics.median(cpu_pairs), 3),
                    "after less CPU in": sum(p > 1 for p in cpu_pairs)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundles", type=int, default=20, help="pairs of bundles (one before, one after)")
    parser.add_argument("--postgresql", action="store_true", help="on a throw-away PostgreSQL (tests/support/postgres.py)")
    parser.add_argument("--first-chunk", type=int, default=None, help="'after' with this first chunk (a what-if)")
    parser.add_argument("--texts", action="store_true", help="'before' serialises the worker's texts anew (Intake 40)")
    parser.add_argument("--joined", action="store_true", help="'before' writes each chunk on its own (Intake 42)")
    parser.add_argument("--slices", type=int, nargs="+", metavar="N", default=None,
                        help="SLICE YIELDS MIN_WRITE [FIRST_ONLY]: 'after' prepares rows in slices (Intake 60)")
    parser.add_argument("--one-call", action="store_true",
                        help="SQLite: 'after' runs each write's statements as one call in aiosqlite's thread")
    args = parser.parse_args()
    rng = random.Random(1)
    bundles = [make_bundle(rng) for _ in range(args.bundles)]
    with (tempfile.TemporaryDirectory(prefix="ab-intake-") as tmp,
          bench_database(args.postgresql, Path(tmp), "ab") as (url, server)):
        # the postmaster's process id: what _postgres_cpu reads (it was given the data directory)
        results = compare(bundles, url, tmp, args.first_chunk, args.texts, args.joined,
                          server.postmaster_pid if server is not None else None, args.slices, args.one_call)
        for which, stages in asyncio.run(results).items():
            print(which + ":")
            for name, value in stages.items():
                print(f"  {name:35s} {value:8}")


if __name__ == "__main__":
    main()

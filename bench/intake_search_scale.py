"""Intake search latency at scale on PostgreSQL (default: 1,000,000 Observations).

    .venv/bin/python bench/intake_search_scale.py [--stored 1000000] [--queries 100] [--explain]

The store is loaded beside the running service, not through its API (a million resources through
transactions would take hours on a small machine): the same resources bench/intake_ingest.py
posts (10 Patients and 990 Observations per group), turned into rows by the service's own code
(the structural pass and `prepare_new`: the very resource, version and index rows a transaction
writes) and copied into PostgreSQL with COPY. Then VACUUM ANALYZE, as the service does itself
in the background after bulk writes, and the searches of bench/intake_ingest.py plus those of
issue 14 (_revinclude, _summary, :missing), over HTTP, p50/p95 per kind. Target: p95 < 50 ms.
`--explain` prints the plans (EXPLAIN ANALYZE, auto_explain) of statements slower than 50 ms;
`--keep` leaves the database running afterwards, to look into; `--database URL` searches such a
kept store again, with the service of the tree the script is run from (which migrates it first).
PostgreSQL runs with `--shared-buffers` (2GB by default, as an operator sizes it for a store of
this size). The VACUUM after the load is repeated until every table is all-visible (printed).
"""

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from intake_ingest import LOINC, make_bundle, search_latencies  # noqa: E402

from bench.databases import bench_database  # noqa: E402
from services.intake.fhir.validation import check_structure  # noqa: E402
from services.intake.storage.names import NameCache, renumber  # noqa: E402
from services.intake.storage.store import PreparedRows, new_id, prepare_new  # noqa: E402

# The numbers of the store's names (search_names), as the load has read them.
NAMES = NameCache()
from tests.support.processes import uvicorn_service  # noqa: E402

GROUP = 990  # Observations per group of 10 patients, as bench/intake_ingest.py's bundles


def group_rows(rng: random.Random) -> tuple[list[str], PreparedRows]:
    """One group's resources (ids assigned, references resolved), as the rows that store them."""
    bundle = make_bundle(rng)
    ids: dict[str, str] = {}
    items = []
    for entry in bundle["entry"]:
        resource = entry["resource"]
        resource_id = new_id()
        if "fullUrl" in entry:
            ids[entry["fullUrl"]] = resource_id
        if "subject" in resource:
            resource["subject"]["reference"] = f"Patient/{ids[resource['subject']['reference']]}"
        # The model's verdict is known (these resources are valid): the structural pass alone.
        items.append((check_structure(resource, resource["resourceType"], verdict=([], [])), resource_id))
    _, rows = prepare_new(items, names=NAMES)
    return list(ids.values()), rows


async def load(dsn: str, stored: int, rng: random.Random) -> list[str]:
    """COPY `stored` Observations (and their patients) into the store; their patients' ids."""
    connection = await asyncpg.connect(dsn)
    patients: list[str] = []
    started = time.perf_counter()
    try:
        pending: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
        groups = max(1, stored // GROUP)
        for number in range(groups):
            ids, prepared = group_rows(rng)
            patients += ids
            if prepared.pending:  # names the store has no number for yet, numbered as the service would
                await connection.execute("INSERT INTO search_names (name) SELECT unnest($1::text[]) ORDER BY 1 "
                                         "ON CONFLICT DO NOTHING", sorted(prepared.pending))
                NAMES.add((r["id"], r["name"]) for r in await connection.fetch("SELECT id, name FROM search_names"))
                renumber(prepared.batches, NAMES.numbers)
            for table, columns, rows in prepared.batches:
                pending.setdefault((table.name, columns), []).extend(rows)
            if (number + 1) % 20 == 0 or number + 1 == groups:  # about 20,000 resources per COPY
                async with connection.transaction():
                    for (name, columns), rows in pending.items():
                        if rows:
                            await connection.copy_records_to_table(name, records=rows, columns=list(columns))
                pending = {}
                done = (number + 1) * GROUP
                if (number + 1) % 200 == 0 or number + 1 == groups:
                    rate = done / (time.perf_counter() - started)
                    print(f"loaded {done:,} Observations ({rate:,.0f}/s)", file=sys.stderr, flush=True)
        await vacuum(connection)
    finally:
        await connection.close()
    return patients


async def vacuum(connection: asyncpg.Connection) -> dict[str, float]:
    """VACUUM ANALYZE, as the service runs after bulk writes, until the visibility map covers the
    tables (a count reads index entries alone only on all-visible pages): a VACUUM that meets
    an older snapshot (an autovacuum worker still analysing what the load wrote) leaves the newer
    pages unmarked, two thirds of the token table's in one run. The share of all-visible pages."""
    for _ in range(5):
        await connection.execute("VACUUM (ANALYZE)")
        shares = {r["relname"]: round(r["share"], 3) for r in await connection.fetch(
            "SELECT relname, relallvisible::float / greatest(relpages, 1) AS share FROM pg_class "
            "WHERE relname = ANY($1::text[])", ["resources", *(f"search_{k}" for k in INDEX_KINDS)])}
        if min(shares.values()) >= 0.99:
            break
        await asyncio.sleep(5)
    print(f"all-visible pages after VACUUM: {shares}", file=sys.stderr, flush=True)
    return shares


INDEX_KINDS = ("token", "string", "date", "reference", "quantity", "combo")


def issue14_kinds(rng: random.Random, patient_ids: list[str]) -> dict[str, tuple[str, Callable[[], dict]]]:
    """The searches issue 14 added, in search_kinds's form."""
    return {
        "Patient _id + _revinclude=Observation:patient": ("/fhir/Patient", lambda: {
            "_id": rng.choice(patient_ids), "_revinclude": "Observation:patient", "_count": "200"}),
        "patient + _summary=true": ("/fhir/Observation", lambda: {"patient": rng.choice(patient_ids), "_summary": "true"}),
        "patient + code + value-quantity:missing=false": ("/fhir/Observation", lambda: {
            "patient": rng.choice(patient_ids), "code": rng.choice(LOINC), "value-quantity:missing": "false"}),
        "patient + date:missing=true": ("/fhir/Observation", lambda: {
            "patient": rng.choice(patient_ids), "date:missing": "true"}),
    }


def search_kept(dsn: str, rng: random.Random, queries: int) -> dict:
    """The searches on a store kept by an earlier run, by this tree's service (which migrates it)."""
    async def patients_and_vacuum() -> tuple[list[str], dict]:
        connection = await asyncpg.connect(dsn)
        try:
            patients = [r["res_id"] for r in await connection.fetch(
                "SELECT res_id FROM resources WHERE res_type = 'Patient' ORDER BY pk")]
            return patients, await vacuum(connection)
        finally:
            await connection.close()

    report: dict = {"database": dsn}
    with tempfile.TemporaryDirectory(prefix="bench-intake-scale-") as tmp:
        env = {"DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1), "DATA_DIR": tmp,
               "LOG_LEVEL": "WARNING"}
        with uvicorn_service("intake", env, Path(tmp) / "intake.log") as service:
            patients, report["all_visible"] = asyncio.run(patients_and_vacuum())
            with httpx.Client(base_url=service, timeout=600) as client:
                report["observations_stored"] = client.get("/fhir/Observation", params={"_summary": "count"}).json()["total"]
            report["search"] = search_latencies(service, rng, patients, queries)
            report["search"].update(search_latencies(service, rng, patients, queries, issue14_kinds(rng, patients)))
    report["search_p95_max_ms"] = max(v["p95_ms"] for v in report["search"].values())
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stored", type=int, default=1_000_000, help="Observations in the store")
    parser.add_argument("--queries", type=int, default=100, help="searches timed per kind")
    parser.add_argument("--explain", action="store_true", help="log the plans of statements over 50 ms (auto_explain)")
    parser.add_argument("--keep", action="store_true", help="leave PostgreSQL running with the data, to look into")
    parser.add_argument("--database", metavar="URL",
                        help="search a store already loaded and kept (--keep; postgresql://...) instead of loading one:"
                             " the service migrates it, so that trees can be compared on the same data")
    parser.add_argument("--shared-buffers", default="2GB",
                        help="PostgreSQL's shared_buffers (its default, 128MB, holds a tenth of the indexes at 1,000,000)")
    args = parser.parse_args()
    rng = random.Random(7)
    if args.database:
        print(json.dumps(search_kept(args.database, rng, args.queries), indent=2))
        return
    report: dict = {"observations": args.stored, "shared_buffers": args.shared_buffers}
    with tempfile.TemporaryDirectory(prefix="bench-intake-scale-") as tmp, bench_database(
            True, Path(tmp), "bench", shared_buffers=args.shared_buffers, keep=args.keep) as (url, server):
        assert server is not None  # a PostgreSQL run
        if args.keep:
            report["kept"] = {"url": server.url("bench", driver="postgresql"), "root": str(server.root)}
        if args.explain:
            server.psql("ALTER DATABASE bench SET session_preload_libraries = 'auto_explain'")
            server.psql("ALTER DATABASE bench SET auto_explain.log_min_duration = '50ms'")
            server.psql("ALTER DATABASE bench SET auto_explain.log_analyze = on")
        env = {"DATABASE_URL": url, "DATA_DIR": tmp, "LOG_LEVEL": "WARNING"}
        with uvicorn_service("intake", env, Path(tmp) / "intake.log") as service:  # migrates the schema
            started = time.perf_counter()
            patients = asyncio.run(load(server.url("bench", driver="postgresql"), args.stored, rng))
            report["load_seconds"] = round(time.perf_counter() - started)
            with httpx.Client(base_url=service, timeout=600) as client:
                counted = client.get("/fhir/Observation", params={"_summary": "count"}).json()
            report["observations_stored"] = counted["total"]
            report["patients"] = len(patients)
            report["search"] = search_latencies(service, rng, patients, args.queries)
            report["search"].update(search_latencies(service, rng, patients, args.queries,
                                                        issue14_kinds(rng, patients)))
        report["search_p95_max_ms"] = max(v["p95_ms"] for v in report["search"].values())
        if args.explain:
            print((server.root / "log").read_text()[-200_000:], file=sys.stderr)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""Two trees' intake services on one kept store, each search sent to both in turn.

    PYTHONPATH=. .venv/bin/python bench/intake_search_alternate.py postgresql://postgres@127.0.0.1:PORT/bench \\
        --trees /work/wt-base /work/wt-branch --revisions 0004 0005 [--queries 100]

On a shared machine runs one after another differ by more than most changes; alternating the
same searches between two services side by side, on the same data, leaves the load to both.
The store is one kept by bench/intake_search_scale.py (`--keep`), already migrated to the later
tree's revision; the earlier tree's service is started with `alembic_version` set to its own
head (`--revisions`), so that it does not refuse a revision it does not know: it then searches
the later schema (an index made unique answers its queries as before). p50 / p95 ms per kind.
"""

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake_ingest import percentiles, search_kinds
from intake_search_scale import issue14_kinds


async def _sql(dsn: str, statement: str) -> list:
    connection = await asyncpg.connect(dsn)
    try:
        return await connection.fetch(statement)
    finally:
        await connection.close()


def _start(tree: str, dsn: str, port: int, data: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1), "DATA_DIR": data,
           "LOG_LEVEL": "WARNING", "PYTHONPATH": tree, "AUTH_MODE": "development"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "services.intake.main:app", "--port", str(port),
                                "--no-access-log"], cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/fhir/metadata").status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"the service of {tree} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", help="postgresql://... of a kept store")
    parser.add_argument("--trees", nargs=2, required=True, metavar=("EARLIER", "LATER"))
    parser.add_argument("--revisions", nargs=2, required=True, metavar=("EARLIER", "LATER"), help="their alembic heads")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--port", type=int, default=18101)
    args = parser.parse_args()
    dsn = args.database
    processes = []
    with tempfile.TemporaryDirectory(prefix="bench-intake-alternate-") as tmp:
        try:
            for number, (tree, revision) in enumerate(zip(args.trees, args.revisions, strict=True)):
                asyncio.run(_sql(dsn, f"UPDATE alembic_version SET version_num = '{revision}'"))
                processes.append(_start(tree, dsn, args.port + number, str(Path(tmp) / str(number))))
            report = {"load_average_before": os.getloadavg(), "search": _alternate(dsn, args)}
            report["load_average_after"] = os.getloadavg()
        finally:
            for process in processes:
                process.terminate()
    print(json.dumps(report, indent=2))


def _alternate(dsn: str, args) -> dict:
    patients = [r["res_id"] for r in asyncio.run(_sql(dsn, "SELECT res_id FROM resources WHERE res_type = 'Patient'"))]
    rng = random.Random(11)
    # bench/intake_ingest.py's and bench/intake_search_scale.py's Observation searches
    kinds = {name: kind for name, kind in {**search_kinds(rng, patients), **issue14_kinds(rng, patients)}.items()
             if kind[0] == "/fhir/Observation"}
    names = ["earlier", "later"]
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{args.port + n}", timeout=120) for n in range(2)]
    results = {}
    for kind, (path, make) in kinds.items():
        timings: list[list[float]] = [[], []]
        for i in range(args.queries):
            params = make()
            for n in ((0, 1) if i % 2 else (1, 0)):  # which goes first alternates too
                started = time.perf_counter()
                response = clients[n].get(path, params=params)
                timings[n].append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
        results[kind] = {names[n]: percentiles(t) for n, t in enumerate(timings)}
        print(kind, results[kind], file=sys.stderr, flush=True)
    return results


if __name__ == "__main__":
    main()

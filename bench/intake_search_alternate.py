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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake_ingest import LOINC


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
    kinds = {  # bench/intake_ingest.py's and bench/intake_search_scale.py's
        "patient": lambda: {"patient": rng.choice(patients)},
        "patient+code+sort": lambda: {"patient": rng.choice(patients), "code": f"http://loinc.org|{rng.choice(LOINC)}",
                                      "_sort": "-date"},
        "code+date range": lambda: {"code": rng.choice(LOINC), "date": [f"ge20{rng.randint(15, 23)}-01-01",
                                                                         f"lt20{rng.randint(15, 23)}-03-01"]},
        "value-quantity": lambda: {"value-quantity": f"gt{rng.uniform(14.5, 14.99):.2f}", "_count": "20"},
        "patient+_include": lambda: {"patient": rng.choice(patients), "_include": "Observation:patient"},
        "_summary=count by code": lambda: {"code": rng.choice(LOINC), "_summary": "count"},
        "patient + _summary=true": lambda: {"patient": rng.choice(patients), "_summary": "true"},
        "patient + code + value-quantity:missing=false": lambda: {
            "patient": rng.choice(patients), "code": rng.choice(LOINC), "value-quantity:missing": "false"},
        "patient + date:missing=true": lambda: {"patient": rng.choice(patients), "date:missing": "true"},
    }
    names = ["earlier", "later"]
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{args.port + n}", timeout=120) for n in range(2)]
    results = {}
    for kind, make in kinds.items():
        timings: list[list[float]] = [[], []]
        for i in range(args.queries):
            params = make()
            for n in ((0, 1) if i % 2 else (1, 0)):  # which goes first alternates too
                started = time.perf_counter()
                response = clients[n].get("/fhir/Observation", params=params)
                timings[n].append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
        results[kind] = {names[n]: {"p50_ms": round(statistics.median(t), 1),
                                    "p95_ms": round(sorted(t)[int(0.95 * len(t)) - 1], 1)} for n, t in enumerate(timings)}
        print(kind, results[kind], file=sys.stderr, flush=True)
    return results


if __name__ == "__main__":
    main()

"""Load test of the intake service on PostgreSQL: concurrent clients posting transaction Bundles
and searching, for a fixed time; then a count of what was stored.

    .venv/bin/python bench/load.py [--seconds 30] [--clients 16] [--write-share 0.3] [--restart-postgres-at 10]

Starts a throw-away PostgreSQL and the intake service (uvicorn, its defaults) on loopback.
Each transaction holds one Patient and 9 Observations, all tagged with an identifier of this
run, so that afterwards every acknowledged write can be looked for: lost writes (acknowledged,
not stored) and half-written transactions (some of their resources stored, not all) must be 0.
Reports throughput, p50/p95/p99 latency per kind and every error by status.
tests/test_faults.py runs the same load while PostgreSQL restarts.
"""

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FHIR = {"Content-Type": "application/fhir+json"}
PER_TRANSACTION = 10  # 1 Patient + 9 Observations
LOINC = ["2777-1", "17861-6", "2731-8"]


@dataclass
class LoadResult:
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    acknowledged: set[str] = field(default_factory=set)  # transactions answered 200
    unanswered: set[str] = field(default_factory=set)  # transactions answered otherwise (or not at all)
    non_fhir_errors: int = 0  # error answers that are not an OperationOutcome
    failures_at: list[float] = field(default_factory=list)  # seconds into the run of each non-200 answer
    began: float = 0.0  # time.monotonic() at the start

    def summary(self) -> dict:
        kinds = {}
        for kind, values in self.latencies.items():
            ordered = sorted(values)
            kinds[kind] = {"requests": len(values), "per_s": round(len(values) / self.seconds, 1),
                           "p50_ms": round(statistics.median(ordered), 1),
                           "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
                           "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 1)}
        total = sum(self.statuses.values())
        window = ({"first_s": round(min(self.failures_at), 1), "last_s": round(max(self.failures_at), 1)}
                  if self.failures_at else None)
        return {"seconds": round(self.seconds, 1), "requests": total, "requests_per_s": round(total / self.seconds, 1),
                "resources_written_per_s": round(len(self.acknowledged) * PER_TRANSACTION / self.seconds, 1),
                "by_kind": kinds, "statuses": dict(sorted(self.statuses.items())),
                "errors": total - self.statuses.get(200, 0), "non_fhir_errors": self.non_fhir_errors,
                "errors_between": window}


def transaction(run: str, tx: str, rng: random.Random) -> dict:
    patient = f"urn:uuid:{uuid.uuid4()}"
    tag = {"system": f"urn:load:{run}"}
    entries = [{"fullUrl": patient, "request": {"method": "POST", "url": "Patient"}, "resource": {
        "resourceType": "Patient", "identifier": [{**tag, "value": tx}], "gender": rng.choice(["male", "female"]),
        "birthDate": f"{rng.randint(1940, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}}]
    for k in range(PER_TRANSACTION - 1):
        entries.append({"request": {"method": "POST", "url": "Observation"}, "resource": {
            "resourceType": "Observation", "status": "final", "identifier": [{**tag, "value": f"{tx}-{k}"}],
            "code": {"coding": [{"system": "http://loinc.org", "code": rng.choice(LOINC)}]},
            "subject": {"reference": patient}, "effectiveDateTime": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "valueQuantity": {"value": round(rng.uniform(1, 12), 1), "unit": "mg/dL",
                              "system": "http://unitsofmeasure.org", "code": "mg/dL"}}})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


async def _client_loop(client: httpx.AsyncClient, run: str, worker: int, deadline: float, write_share: float,
                       result: LoadResult, patients: list[str]) -> None:
    rng = random.Random(worker)
    sequence = 0
    while time.monotonic() < deadline:
        if rng.random() < write_share or not patients:
            kind, tx = "transaction", f"w{worker}-{sequence}"
            sequence += 1
            request = client.build_request("POST", "/fhir", json=transaction(run, tx, rng), headers=FHIR)
        else:
            kind, tx = rng.choice(["search patient", "search code+date"]), None
            params = ({"patient": rng.choice(patients)} if kind == "search patient" else
                      {"code": rng.choice(LOINC), "date": "ge2024-03-01", "_count": "20"})
            request = client.build_request("GET", "/fhir/Observation", params=params)
        started = time.perf_counter()
        try:
            response = await client.send(request)
            status = response.status_code
        except httpx.HTTPError:
            response, status = None, 0  # no answer at all: counted, and the write may or may not be there
        result.latencies[kind].append((time.perf_counter() - started) * 1000)
        result.statuses[status] += 1
        if status != 200:
            result.failures_at.append(time.monotonic() - result.began)
        if response is not None and status >= 400:
            try:
                result.non_fhir_errors += response.json().get("resourceType") != "OperationOutcome"
            except ValueError:
                result.non_fhir_errors += 1
        if tx is not None:
            if status == 200:
                result.acknowledged.add(tx)
                location = response.json()["entry"][0]["response"]["location"]
                patients.append(location.split("/")[1])
            else:
                result.unanswered.add(tx)
        if status in (0, 503):
            await asyncio.sleep(0.2)  # as a client told to retry later would


async def run_load(url: str, seconds: float, clients: int, write_share: float = 0.3, run: str | None = None,
                   during=None) -> tuple[LoadResult, str]:
    """Run the load against a live intake; `during(elapsed)` is awaited once per second meanwhile."""
    run = run or uuid.uuid4().hex[:8]
    result, patients = LoadResult(), []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        started = result.began = time.monotonic()
        deadline = started + seconds
        loops = [asyncio.create_task(_client_loop(client, run, w, deadline, write_share, result, patients))
                 for w in range(clients)]
        while during and time.monotonic() < deadline:
            await asyncio.sleep(1)
            await during(time.monotonic() - started)
        await asyncio.gather(*loops)
        result.seconds = time.monotonic() - started
    return result, run


def stored_by_transaction(url: str, run: str) -> Counter:
    """How many resources of each transaction of the run are stored, read back page by page."""
    counts: Counter = Counter()
    with httpx.Client(base_url=url, timeout=120) as client:
        for resource_type in ("Patient", "Observation"):
            next_url: str | None = f"/fhir/{resource_type}"
            params: dict | None = {"identifier": f"urn:load:{run}|", "_count": "1000", "_total": "none"}
            while next_url:
                bundle = client.get(next_url, params=params).json()
                for entry in bundle.get("entry", []):
                    value = entry["resource"]["identifier"][0]["value"]
                    counts[value if resource_type == "Patient" else value.rsplit("-", 1)[0]] += 1
                next_url = next((link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None)
                params = None
    return counts


def integrity(result: LoadResult, stored: Counter) -> dict:
    lost = [tx for tx in result.acknowledged if stored.get(tx, 0) != PER_TRANSACTION]
    half = [tx for tx, n in stored.items() if n != PER_TRANSACTION]
    return {"acknowledged_transactions": len(result.acknowledged), "lost_writes": len(lost),
            "half_written_transactions": len(half),
            "unacknowledged_but_stored": len([tx for tx in result.unanswered if stored.get(tx)])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--write-share", type=float, default=0.3, help="share of requests that are transactions")
    parser.add_argument("--restart-postgres-at", type=float, default=None, metavar="SECONDS",
                        help="restart PostgreSQL (fast shutdown, start) this far into the run")
    args = parser.parse_args()

    from tests.support.postgres import start_postgres
    from tests.support.processes import uvicorn_service

    server = start_postgres()
    try:
        with tempfile.TemporaryDirectory(prefix="load-") as tmp:
            env = {"DATABASE_URL": server.create_database("load"), "DATA_DIR": tmp, "LOG_LEVEL": "WARNING"}
            with uvicorn_service("intake", env, Path(tmp) / "intake.log") as url:
                restarts: list[dict] = []

                async def restart(elapsed: float) -> None:
                    if args.restart_postgres_at is not None and elapsed >= args.restart_postgres_at and not restarts:
                        began = time.monotonic()
                        await asyncio.to_thread(server.restart)
                        restarts.append({"at_s": round(elapsed, 1), "took_s": round(time.monotonic() - began, 1)})

                result, run = asyncio.run(run_load(url, args.seconds, args.clients, args.write_share, during=restart))
                report = {**result.summary(), **integrity(result, stored_by_transaction(url, run)),
                          "clients": args.clients, "write_share": args.write_share, "postgres_restart": restarts or None}
    finally:
        server.stop()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

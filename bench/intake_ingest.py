"""Intake benchmark: transaction ingest rate and search latency, on SQLite and PostgreSQL.

    .venv/bin/python bench/intake_ingest.py [--bundles 5] [--stored 100000] [--queries 200]

Ingest: 1000-entry transaction Bundles (10 Patients, 990 Observations referring to
them by urn:uuid) posted over HTTP to the intake service running under uvicorn, in
resources per second; next to the floor measured in the same run: parsing and
validating the same resources with fhir.resources alone (no HTTP, no storage).
Target: ingest rate >= 0.5 x floor.

The ratio compares the service's whole cost of a Bundle with the floor on an otherwise idle
service: a request's work does not end with its response (its AuditEvent's own transaction,
decision Security 5; SQLite's checkpoint on another connection, Intake 32), and on a 2-CPU
machine that work would compete with a floor timed right after the response. So after each
POST the bench waits until the service's processes (its validation worker and, on PostgreSQL,
the server's processes too) are idle again -- none of their threads running, runnable or in
disk wait, and their CPU (/proc/PID/task/*/schedstat) not moving, for IDLE_WINDOW_S -- and
then times the next Bundle's floor. A Bundle's ingest time runs from its POST until that
idle stretch began (its response, if that came later). Bundle by bundle, floor then POST,
interleaved, since the machine drifts. Besides the wall times: the rate to the response alone
(`response_resources_per_s`, what this bench reported before 2026-12-06, with the floor then
timed while the service still worked) and the wait from the response to idle
(`after_response_ms`, and the watched processes' CPU in it, `after_response_cpu_ms`);
the watched processes' CPU per Bundle (`service_cpu_ms_per_bundle`) against the floor's own
CPU (`floor_cpu_ms`; `cpu_ratio_to_floor`, the median of the Bundles' ratios), which other
work on the machine moves less than the wall times. Each poll reads two /proc files per thread
watched (about 20 µs each): well under a millisecond of the benchmark's CPU every IDLE_POLL_S.

Search: with `--stored` Observations in the store, p50/p95 latency of typical
searches over HTTP. Target: p95 < 50 ms.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path

import httpx
from fhir.resources.R4B import get_fhir_model_class

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_database  # noqa: E402
from tests.support.processes import uvicorn_process  # noqa: E402

LOINC = ["2777-1", "17861-6", "2731-8", "1989-3", "2160-0", "6768-6"]
FHIR = {"Content-Type": "application/fhir+json"}


def make_bundle(rng: random.Random, patients: int = 10, per_patient: int = 99) -> dict:
    entries = []
    for _ in range(patients):
        pid = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}"
        entries.append({"fullUrl": pid, "request": {"method": "POST", "url": "Patient"}, "resource": {
            "resourceType": "Patient", "identifier": [{"system": "urn:bench:mrn", "value": str(rng.getrandbits(40))}],
            "name": [{"family": rng.choice(["Okafor", "Müller", "Dupont", "Silva", "Chen"]), "given": ["A"]}],
            "gender": rng.choice(["male", "female"]),
            "birthDate": f"{rng.randint(1940, 2020)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        }})
        for _ in range(per_patient):
            day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:{rng.randint(10, 59)}:00Z"
            entries.append({"request": {"method": "POST", "url": "Observation"}, "resource": {
                "resourceType": "Observation", "status": "final",
                "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                          "code": "laboratory"}]}],
                "code": {"coding": [{"system": "http://loinc.org", "code": rng.choice(LOINC)}]},
                "subject": {"reference": pid}, "effectiveDateTime": day,
                "valueQuantity": {"value": round(rng.uniform(0.5, 15), 2), "unit": "mg/dL",
                                  "system": "http://unitsofmeasure.org", "code": "mg/dL"},
            }})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def floor_seconds(bundle: dict) -> float:
    """Seconds to parse and validate the bundle's resources with fhir.resources alone."""
    texts = [(e["resource"]["resourceType"], json.dumps(e["resource"])) for e in bundle["entry"]]
    models = {t: get_fhir_model_class(t) for t in ("Patient", "Observation")}
    started = time.perf_counter()
    for resource_type, text in texts:
        models[resource_type].model_validate_json(text)
    return time.perf_counter() - started


IDLE_POLL_S = 0.005  # how often the watched processes are read while waiting for them to be idle
IDLE_WINDOW_S = 0.05  # idle: no thread running or runnable, and CPU not moving, for this long
IDLE_NOISE_S = 0.0005  # CPU per poll below which it counts as not moving (PostgreSQL's timers, a few µs)
IDLE_BLIP_S = 0.0003  # a burst of activity costing less CPU than this is a timer's tick, not work
IDLE_TIMEOUT_S = 10.0  # give up waiting (counted in the output), e.g. a long background VACUUM


def _read(path: str) -> str:
    with open(path) as f:  # plain open, not pathlib: these run every poll, beside the service's work
        return f.read()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in _read(f"/proc/{pid}/task/{pid}/children").split()]
    except OSError:
        return []


def _activity(roots: list[int]) -> tuple[float, bool]:
    """(CPU seconds of the processes `roots` and their children, all threads; whether any thread is
    running, runnable or in disk wait), from /proc; processes that exit meanwhile are skipped."""
    cpu, busy = 0.0, False
    for pid in [p for root in roots for p in (root, *_children(root))]:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                cpu += int(_read(f"/proc/{pid}/task/{task}/schedstat").split()[0]) / 1e9
                stat = _read(f"/proc/{pid}/task/{task}/stat")
            except OSError:
                continue
            busy = busy or stat[stat.rindex(")") + 2] in "RD"
    return cpu, busy


def settle(roots: list[int], since: float) -> tuple[float, float, bool]:
    """Wait until the processes `roots` (and their children) are idle (IDLE_WINDOW_S without a thread
    running or runnable and without their CPU moving). A burst of activity that costs under
    IDLE_BLIP_S of CPU in all (uvicorn's event loop wakes every 0.1 s; PostgreSQL's timers) does not
    end an idle stretch: otherwise the stretch would begin after such a tick, later than the work's
    end. Returns (when the idle stretch began, on the perf_counter clock, but not before `since`;
    their CPU seconds then; whether it timed out)."""
    deadline = time.perf_counter() + IDLE_TIMEOUT_S
    cpu, busy = _activity(roots)
    quiet_since = None if busy else (time.perf_counter(), cpu)
    burst = cpu if busy else None  # the CPU when the current burst of activity began
    while True:
        time.sleep(IDLE_POLL_S)
        now = time.perf_counter()
        used, busy = _activity(roots)
        if busy or used - cpu > IDLE_NOISE_S:
            burst = cpu if burst is None else burst
        elif burst is not None:  # a burst just ended: work, or a timer's tick
            if quiet_since is None or used - burst > IDLE_BLIP_S:
                quiet_since = (now, used)
            burst = None
        elif quiet_since is None:
            quiet_since = (now, used)
        cpu = used
        if burst is None and quiet_since is not None and now - quiet_since[0] >= IDLE_WINDOW_S:
            return max(quiet_since[0], since), quiet_since[1], False
        if now > deadline:
            return now, used, True


def ingest(url: str, bundles: list[dict], watched: list[int]) -> dict:
    """Post the bundles one after another, each right after timing the floor on the same
    resources, so that both see the same machine (its speed drifts during a run); the floor
    timed only once the processes `watched` (the service, the database server) are idle, and a
    Bundle's ingest counted until they are idle again (the module's docstring)."""
    for warm in bundles[:1]:  # warm-up, untimed: first-use costs on both sides
        floor_seconds(warm)
    floors, floor_cpus, ingests, responses, cpus, after_cpus, timeouts = [], [], [], [], [], [], 0
    with httpx.Client(base_url=url, timeout=300) as client:
        client.post("/fhir", content=json.dumps(make_bundle(random.Random(99))), headers=FHIR).raise_for_status()
        timeouts += settle(watched, 0.0)[2]
        for bundle in bundles:
            payload = json.dumps(bundle).encode()
            cpu_started = time.process_time()
            floors.append(floor_seconds(bundle))
            floor_cpus.append(time.process_time() - cpu_started)
            cpu_before = _activity(watched)[0]
            started = time.perf_counter()
            client.post("/fhir", content=payload, headers=FHIR).raise_for_status()
            answered = time.perf_counter()
            cpu_answered = _activity(watched)[0]
            idle_at, cpu_after, timed_out = settle(watched, answered)
            timeouts += timed_out
            responses.append(answered - started)
            ingests.append(idle_at - started)
            cpus.append(cpu_after - cpu_before)
            after_cpus.append(cpu_after - cpu_answered)
    per_bundle = len(bundles[0]["entry"])
    ratios = sorted(f / i for f, i in zip(floors, ingests, strict=True))
    return {
        "floor_resources_per_s": round(per_bundle / statistics.median(floors)),
        "ingest_resources_per_s": round(per_bundle / statistics.median(ingests)),
        "ingest_ratio_to_floor": round(statistics.median(ratios), 2),
        "ratio_range": [round(ratios[0], 2), round(ratios[-1], 2)],
        "response_resources_per_s": round(per_bundle / statistics.median(responses)),
        "floor_ms": round(statistics.median(floors) * 1000, 1),
        "after_response_ms": round(statistics.median(i - r for i, r in zip(ingests, responses, strict=True)) * 1000, 1),
        "after_response_cpu_ms": round(statistics.median(after_cpus) * 1000, 1),
        "floor_cpu_ms": round(statistics.median(floor_cpus) * 1000, 1),
        "service_cpu_ms_per_bundle": round(statistics.median(cpus) * 1000, 1),
        "cpu_ratio_to_floor": round(statistics.median(f / c for f, c in zip(floor_cpus, cpus, strict=True)), 2),
        "idle_wait_timeouts": timeouts,
    }


def fill(url: str, rng: random.Random, stored: int) -> list[str]:
    patient_ids: list[str] = []
    with httpx.Client(base_url=url, timeout=300) as client:
        for _ in range(stored // 990):
            response = client.post("/fhir", content=json.dumps(make_bundle(rng)), headers=FHIR)
            response.raise_for_status()
            patient_ids += [e["response"]["location"].split("/")[1] for e in response.json()["entry"]
                            if e["response"]["location"].startswith("Patient/")]
    return patient_ids


def search_kinds(rng: random.Random, patient_ids: list[str]) -> dict[str, tuple[str, Callable[[], dict]]]:
    """The searches timed here, by name: (path, a function giving each call's random parameters)."""
    return {
        "patient": ("/fhir/Observation", lambda: {"patient": rng.choice(patient_ids)}),
        "patient+code+sort": ("/fhir/Observation", lambda: {
            "patient": rng.choice(patient_ids), "code": f"http://loinc.org|{rng.choice(LOINC)}", "_sort": "-date"}),
        "code+date range": ("/fhir/Observation", lambda: {
            "code": rng.choice(LOINC), "date": [f"ge20{rng.randint(15, 23)}-01-01", f"lt20{rng.randint(15, 23)}-03-01"]}),
        "value-quantity": ("/fhir/Observation", lambda: {
            "value-quantity": f"gt{rng.uniform(14.5, 14.99):.2f}", "_count": "20"}),
        "patient+_include": ("/fhir/Observation", lambda: {
            "patient": rng.choice(patient_ids), "_include": "Observation:patient"}),
        "_summary=count by code": ("/fhir/Observation", lambda: {"code": rng.choice(LOINC), "_summary": "count"}),
    }


def percentiles(timings: list[float]) -> dict[str, float]:
    """p50 and p95 in ms, the 95th as the sorted list's entry at 95% (as every intake bench reports it)."""
    ordered = sorted(timings)
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(ordered[int(0.95 * len(ordered)) - 1], 1)}


def search_latencies(url: str, rng: random.Random, patient_ids: list[str], queries: int,
                     kinds: dict[str, tuple[str, Callable[[], dict]]] | None = None) -> dict[str, dict]:
    """p50/p95 per kind over HTTP, `queries` searches each (`kinds`: search_kinds by default)."""
    results = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for name, (path, make) in (kinds or search_kinds(rng, patient_ids)).items():
            timings = []
            for _ in range(queries):
                params = make()
                started = time.perf_counter()
                response = client.get(path, params=params)
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
            results[name] = percentiles(timings)
    return results


def run_backend(name: str, database_url: str, work: Path, args, bundles: list[dict], after_fill=None,
                postmaster: int | None = None) -> dict:
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(work), "LOG_LEVEL": "WARNING",
           "MAX_BODY_BYTES": str(50 * 1024 * 1024)}
    with uvicorn_process("intake", env, work / f"intake-{name}.log") as (process, url):
        rng = random.Random(7)
        watched = [process.pid] + ([] if postmaster is None else [postmaster])
        result = {"ingest": ingest(url, bundles, watched)}
        already = sum(len(b["entry"]) - 10 for b in bundles) + 990
        patient_ids = fill(url, rng, max(0, args.stored - already))
        if after_fill:
            after_fill()
        with httpx.Client(base_url=url) as client:
            stored = client.get("/fhir/Observation", params={"_summary": "count"}).json()["total"]
            patient_ids += [e["resource"]["id"] for e in client.get("/fhir/Patient", params={"_count": 200}).json()["entry"]]
        latencies = search_latencies(url, rng, patient_ids, args.queries)
    return {**result, "observations_stored": stored, "search": latencies,
            "search_p95_max_ms": max(v["p95_ms"] for v in latencies.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundles", type=int, default=10, help="1000-entry bundles timed for the ingest rate")
    parser.add_argument("--stored", type=int, default=100_000, help="Observations stored before timing searches")
    parser.add_argument("--queries", type=int, default=200, help="searches timed per kind")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()

    rng = random.Random(1)
    bundles = [make_bundle(rng) for _ in range(args.bundles)]
    backends: dict[str, dict] = {}
    report = {"bundle_entries": len(bundles[0]["entry"]), "backends": backends}
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as tmp:
        work = Path(tmp)
        for backend in args.backends.split(","):
            with bench_database(backend != "sqlite", work, "bench") as (url, server):
                name = "sqlite" if server is None else "postgresql"
                # A bulk-loaded PostgreSQL database has no planner statistics until autovacuum
                # runs (about a minute); analyse at once, as an operator would after a load.
                analyse = None if server is None else partial(server.psql, "ANALYZE", "bench")
                backends[name] = run_backend(name, url, work, args, bundles, after_fill=analyse,
                                             postmaster=None if server is None else server.postmaster_pid)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

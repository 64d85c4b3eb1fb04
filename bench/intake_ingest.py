"""Intake benchmark: transaction ingest rate and search latency, on SQLite and PostgreSQL.

    .venv/bin/python bench/intake_ingest.py [--bundles 5] [--stored 100000] [--queries 200]

Ingest: 1000-entry transaction Bundles (10 Patients, 990 Observations referring to
them by urn:uuid) posted over HTTP to the intake service running under uvicorn, in
resources per second; next to the floor measured in the same run: parsing and
validating the same resources with fhir.resources alone (no HTTP, no storage).
Target: ingest rate >= 0.5 x floor.

Search: with `--stored` Observations in the store, p50/p95 latency of typical
searches over HTTP. Target: p95 < 50 ms.
"""

import argparse
import json
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
from tests.support.processes import uvicorn_service  # noqa: E402

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


def ingest(url: str, bundles: list[dict]) -> dict:
    """Post the bundles one after another, each right after timing the floor on the same
    resources, so that both see the same machine (its speed drifts during a run)."""
    for warm in bundles[:1]:  # warm-up, untimed: first-use costs on both sides
        floor_seconds(warm)
    floors, ingests = [], []
    with httpx.Client(base_url=url, timeout=300) as client:
        client.post("/fhir", content=json.dumps(make_bundle(random.Random(99))), headers=FHIR).raise_for_status()
        for bundle in bundles:
            payload = json.dumps(bundle).encode()
            floors.append(floor_seconds(bundle))
            started = time.perf_counter()
            client.post("/fhir", content=payload, headers=FHIR).raise_for_status()
            ingests.append(time.perf_counter() - started)
    per_bundle = len(bundles[0]["entry"])
    ratios = sorted(f / i for f, i in zip(floors, ingests, strict=True))
    return {
        "floor_resources_per_s": round(per_bundle / statistics.median(floors)),
        "ingest_resources_per_s": round(per_bundle / statistics.median(ingests)),
        "ingest_ratio_to_floor": round(statistics.median(ratios), 2),
        "ratio_range": [round(ratios[0], 2), round(ratios[-1], 2)],
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


def run_backend(name: str, database_url: str, work: Path, args, bundles: list[dict], after_fill=None) -> dict:
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(work), "LOG_LEVEL": "WARNING",
           "MAX_BODY_BYTES": str(50 * 1024 * 1024)}
    with uvicorn_service("intake", env, work / f"intake-{name}.log") as url:
        rng = random.Random(7)
        result = {"ingest": ingest(url, bundles)}
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
                backends[name] = run_backend(name, url, work, args, bundles, after_fill=analyse)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

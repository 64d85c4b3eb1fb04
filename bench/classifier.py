"""Classifier benchmark: latency of POST /classify for a 50-resource Bundle.

    .venv/bin/python bench/classifier.py [--requests 300]

Both the classifier and a trivial FastAPI endpoint (bench/trivial_app.py: parse the same JSON
body, answer a small object) run under uvicorn on this machine; requests alternate between them,
so that both see the same machine. Target: classifier p95 <= 3 x the trivial endpoint's p95.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.classifier.builders import bundle, finding, lab, mass, patient  # noqa: E402
from tests.support.processes import uvicorn_service  # noqa: E402


def fifty_resource_bundle() -> dict:
    """A child with hip masses, five years of labs and findings: 1 Patient + 49 Observations."""
    resources = [patient(birth="2012-03-04", gender="male")]
    for year in range(2019, 2024):
        for loinc, value, unit in [("2777-1", 7.1, "mg/dL"), ("17861-6", 9.8, "mg/dL"), ("2731-8", 22, "pg/mL"),
                                   ("1989-3", 31, "ng/mL"), ("2160-0", 0.5, "mg/dL"), ("6768-6", 210, "U/L"),
                                   ("3084-1", 4.1, "mg/dL")]:
            resources.append(lab(loinc, value, unit, id=f"{loinc}-{year}", when=f"{year}-06-01"))
    for code in ["family-history-calcinosis", "consanguinity", "dialysis", "chronic-kidney-disease", "fever",
                 "raynaud-phenomenon", "skin-sclerosis", "gout-history", "known-malignancy", "trauma-at-site",
                 "recurrence-after-excision"]:
        resources.append(finding(code, code in ("family-history-calcinosis", "consanguinity")))
    resources.append(mass("hip-gluteal", id="m1", side="right", size=70, pattern="lobulated-cloudlike",
                          fluid_calcium_level=True))
    resources.append(mass("hip-gluteal", id="m2", side="left", size=40, pattern="lobulated-cloudlike"))
    resources.append(mass("shoulder", id="m3", side="right", size=30, pattern="lobulated-cloudlike"))
    assert len(resources) == 50, len(resources)
    return bundle(*resources)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(fraction * len(ordered))) - 1)]


def trivial_service(log: Path):
    """bench/trivial_app.py under the same uvicorn (its own process, like the classifier's)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "bench.trivial_app:app", "--port", str(port),
                                "--no-access-log", "--log-level", "warning"], cwd=ROOT,
                               stdout=open(log, "wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.post(f"{url}/echo", json={"entry": []}, timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("the trivial app did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    payload = json.dumps(fifty_resource_bundle()).encode()
    headers = {"Content-Type": "application/fhir+json"}
    with tempfile.TemporaryDirectory(prefix="bench-classifier-") as tmp:
        work = Path(tmp)
        env = {"DATA_DIR": str(work), "LOG_LEVEL": "WARNING", **{k: v for k, v in os.environ.items() if k == "PATH"}}
        trivial, trivial_url = trivial_service(work / "trivial.log")
        try:
            with uvicorn_service("classifier", env, work / "classifier.log") as url, httpx.Client(timeout=30) as client:
                for _ in range(20):  # warm-up
                    client.post(f"{url}/classify", content=payload, headers=headers).raise_for_status()
                    client.post(f"{trivial_url}/echo", content=payload, headers=headers).raise_for_status()
                classify, floor = [], []
                for _ in range(args.requests):
                    started = time.perf_counter()
                    client.post(f"{url}/classify", content=payload, headers=headers).raise_for_status()
                    classify.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    client.post(f"{trivial_url}/echo", content=payload, headers=headers).raise_for_status()
                    floor.append((time.perf_counter() - started) * 1000)
        finally:
            trivial.kill()
    report = {
        "bundle_resources": 50, "requests": args.requests,
        "classify_ms": {"p50": round(statistics.median(classify), 2), "p95": round(percentile(classify, 0.95), 2)},
        "trivial_endpoint_ms": {"p50": round(statistics.median(floor), 2), "p95": round(percentile(floor, 0.95), 2)},
    }
    report["p95_ratio_to_floor"] = round(report["classify_ms"]["p95"] / report["trivial_endpoint_ms"]["p95"], 2)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

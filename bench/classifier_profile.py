"""Where a POST /classify request's time goes, in process: the benchmark's 50-resource Bundle
(bench/classifier.py), step by step, and the whole request through the app.

    .venv/bin/python bench/classifier_profile.py [--rounds 500] [--profile 40]

Steps (median wall time and mean CPU time of `--rounds` calls each, after a warm-up; on a busy
machine the CPU time is the steadier figure), in the order a request runs them:
reading the body (nesting depth, strict parsing), the input boundary (screen), splitting the Bundle,
features, the assessment (scores, the reported predictions, next-best tests and the rules), the
output Bundle and its JSON. Then the whole request, the app called as an ASGI application (every
middleware, routing, dependencies, the response), and bench/trivial_app.py's endpoint the same
way, each after 1 ms idle as a server between requests: their ratio is the in-process counterpart
of bench/classifier.py's, without the server and the client. `--profile N`: the request under
cProfile, its N most costly functions (own time).
Quieter than the HTTP benchmark on a shared machine; compare two trees in the same minutes.
"""

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(AUTH_MODE="development", LOG_LEVEL="WARNING")  # as bench/classifier.py runs the service

from bench.classifier import fifty_resource_bundle  # noqa: E402

SERVER_PAUSE = 0.001  # s idle before each whole request, as between a server's requests


def measure(step: Callable[[], Any], rounds: int, pause: float = 0.0) -> tuple[float, float]:
    """(median wall time, mean CPU time of the process) of one call, in ms, after a warm-up. On a
    busy machine the wall time also holds the waits for a CPU; the CPU time does not. `pause`:
    seconds idle before each call, as a server waits for its next request (a loop that never
    sleeps is scheduled behind those that do on a busy machine, and its wall time says so)."""
    for _ in range(max(20, rounds // 10)):
        step()
    timings = []
    cpu = time.process_time()
    for _ in range(rounds):
        if pause:
            time.sleep(pause)
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000, (time.process_time() - cpu) / rounds * 1000


def asgi_post(app: Any, path: str, body: bytes) -> Callable[[], Any]:
    """One POST through the ASGI app, as a server would call it (no sockets, no client)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "root_path": "", "query_string": b"",
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/fhir+json"),
                         (b"content-length", str(len(body)).encode())],
             "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8002), "state": {}}
    loop = asyncio.new_event_loop()

    async def request() -> int:
        status = 0
        sent = False

        async def receive() -> dict:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app({**scope, "state": {}}, receive, send)
        assert status == 200, status
        return status

    return lambda: loop.run_until_complete(request())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--profile", type=int, default=0, help="show this many functions of a cProfile of the request")
    args = parser.parse_args()

    from bench.trivial_app import app as trivial_app
    from services.classifier import inference
    from services.classifier.boundary import screen
    from services.classifier.features import extract_features
    from services.classifier.fhir_input import split_input
    from services.classifier.knowledge import knowledge
    from services.classifier.main import create_app
    from services.classifier.output import build_result_bundle
    from services.classifier.service import classify_bundle
    from shared.fhir_json import dumps, loads_request
    from shared.request_body import json_depth

    kb = knowledge()
    raw = json.dumps(fifty_resource_bundle()).encode()
    today, base = date.today(), "http://calcinosis.example.org/fhir"
    body = loads_request(raw, exact_decimals=False)
    screened = screen(body)
    resources = split_input(screened.bundle, screened.left_out)
    features = extract_features(resources, today, kb)
    evidence = features.evidence
    sums, weights = inference._log_scores(evidence, kb)
    probabilities = inference._normalise(sums, kb)
    assessment = inference.assess(features, kb)
    result = build_result_bundle(features, assessment, base, today, kb)
    ranked = [p.code for p in assessment.predictions]

    def predictions() -> None:
        for p in [inference._prediction(code, probabilities[code], evidence, kb, weights) for code in ranked]:
            _ = p.rationale

    n = args.rounds
    steps = {
        "body: nesting depth": measure(lambda: json_depth(raw), n),
        "body: strict parse": measure(lambda: loads_request(raw, exact_decimals=False), n),
        "screen (input boundary)": measure(lambda: screen(body), n),
        "split input": measure(lambda: split_input(screened.bundle, screened.left_out), n),
        "features": measure(lambda: extract_features(resources, today, kb), n),
        "assess": measure(lambda: inference.assess(features, kb), n),
        "  scores (log LRs, normalised)": measure(lambda: inference._normalise(inference._log_scores(evidence, kb)[0], kb), n),
        "  reported predictions + rationales": measure(predictions, n),
        "  next-best tests": measure(lambda: inference.next_best_tests(evidence, probabilities, kb), n),
        "output Bundle": measure(lambda: build_result_bundle(features, assessment, base, today, kb), n),
        "response JSON": measure(lambda: dumps(result), n),
        "classify_bundle (screen to output)": measure(lambda: classify_bundle(body, base), n),
    }
    app = create_app()
    classify, trivial = asgi_post(app, "/classify", raw), asgi_post(trivial_app, "/echo", raw)
    steps["whole request, in process (ASGI)"] = measure(classify, n, SERVER_PAUSE)
    steps["trivial endpoint, in process (ASGI)"] = measure(trivial, n, SERVER_PAUSE)
    width = max(map(len, steps))
    print(f"{'':<{width}}  {'wall ms':>8}  {'CPU ms':>8}")
    for name, (wall, cpu) in steps.items():
        print(f"{name:<{width}}  {wall:8.3f}  {cpu:8.3f}")
    whole, whole_cpu = steps["whole request, in process (ASGI)"]
    floor, floor_cpu = steps["trivial endpoint, in process (ASGI)"]
    print(f"{'ratio whole / trivial':<{width}}  {whole / floor:8.2f}  {whole_cpu / floor_cpu:8.2f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(n):
            classify()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()

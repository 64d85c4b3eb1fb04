"""bench/imaging.py says what it is doing while it runs (it was silent for about two minutes): each
measurement, in a fresh process as the benchmark runs it, is announced and then reported on stderr,
and stdout keeps only the JSON the benchmark prints."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_each_measurement_is_announced_and_reported(capfd):
    spec = importlib.util.spec_from_file_location("bench_imaging", ROOT / "bench" / "imaging.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    # The floor on the small test CT: the same code path as the benchmark's, in seconds not minutes.
    result = bench.run("floor", ROOT / "tests" / "data" / "ct" / "example_ct.nii.gz", "pair 1/1")
    out, err = capfd.readouterr()
    assert result["components"] > 0 and out == ""
    lines = err.splitlines()
    assert re.fullmatch(r"\[ *\d+\.\d s\] pair 1/1: floor \(a fresh process\) \.\.\.", lines[0]), lines
    assert re.fullmatch(r"\[ *\d+\.\d s\] pair 1/1: floor took [\d.]+ s \([\d.]+ s CPU\), peak [\d.-]+ MiB above its imports",
                        lines[1]), lines


def test_the_search_scale_benchmark_builds_its_rows_with_the_services_own_code():
    """bench/intake_search_scale.py loads a million Observations as the service's own rows, built by
    the service's structural pass and prepare_new; it broke silently once when their signature changed."""
    import random

    spec = importlib.util.spec_from_file_location("bench_search_scale", ROOT / "bench" / "intake_search_scale.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    patients, batches = bench.group_rows(random.Random(7))
    assert len(patients) == 10 and batches  # the group's 10 patients, and the rows of all 1000 resources


def test_the_ingest_benchmark_waits_for_the_service_to_be_idle():
    """bench/intake_ingest.py times each floor only once the service is idle, and counts a Bundle's ingest
    until then (its work after the response included): a process busy for 0.3 s of CPU, then waking
    every 20 ms for next to nothing (as uvicorn's event loop ticks), is idle only after those 0.3 s, with
    that CPU counted; then at once, its ticks not taken for work."""
    import subprocess
    import sys
    import time

    from bench.intake_ingest import IDLE_WINDOW_S, settle

    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n\nwhile True: time.sleep(0.02)"
    process = subprocess.Popen([sys.executable, "-c", busy])
    try:
        started = time.perf_counter()
        idle_at, cpu, timed_out = settle([process.pid], started)
        assert not timed_out and process.poll() is None
        assert idle_at - started >= 0.25 and cpu >= 0.25
        again = time.perf_counter()
        idle_at, cpu_again, timed_out = settle([process.pid], again)
        assert not timed_out and cpu_again - cpu < 0.05 and idle_at - again < IDLE_WINDOW_S + 0.5
    finally:
        process.kill()
        process.wait()

"""Where a transaction's time goes: the benchmark's 1000-entry Bundle (10 Patients, 990
Observations, urn:uuid references) profiled in process.

    .venv/bin/python bench/intake_profile.py [--bundles 10] [--database-url URL] [--top 40] [--steps | --threads | --timeline]
    .venv/bin/python bench/intake_profile.py --trace [--show 5] [--bundles 10] [--postgresql]

Two parts, since they run on two CPUs in the service:
- the validation worker's work per bundle, timed step by step on this thread (CPU time,
  `time.process_time`, median over the bundles): parsing the chunk it is sent, the
  fhir.resources models, the R4 walk; and the floor (`model_validate_json`) beside them;
- the service's own steps of a transaction, called one after another on this thread the way a
  transaction calls them, without a profiler (CPU time, median): reading the body, the scope
  check's walk, the structural pass, rules, index and resource rows;
- the service under uvicorn, as the benchmark runs it: the CPU time of each of its threads and of
  its validation worker process, read from /proc before and after the bundles, and on PostgreSQL
  the server's (`--threads`);
- when each stage of a transaction ends, wall time from the POST, the app in process (`--timeline`);
- when each stage begins and ends, by thread, worker and database, each write's statements and the
  collector's passes with it (`--trace`; decision Intake 59);
- the service's own thread: the bundles posted to the app in process (httpx's ASGI transport,
  the app's lifespan started, its validation worker a separate process as deployed), under
  cProfile; its functions summed into the steps of a transaction, and the top functions.

SQLite by default (a temporary file); `--database-url` for PostgreSQL (postgresql+asyncpg://...).
"""

import argparse
import asyncio
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import bench_database  # noqa: E402
from bench.intake_ingest import make_bundle  # noqa: E402

# The service's steps, by the module (or function) the time is spent under: cumulative time of
# the outermost call of each, on the service's thread.
STEPS = [
    ("read the body (JSON, lossless decimals)", "shared/fhir_json.py", "loads_request"),
    ("serialise chunks for the worker", "services/intake/interactions/bundles.py", "__init__"),
    ("structural pass (empties, references)", "services/intake/fhir/validation.py", "check_structure"),
    ("reference rewriting", "services/intake/interactions/bundles.py", "_rewrite_references"),
    ("rules (reference format, targets)", "services/intake/interactions/interactions.py", "check_rules"),
    ("rows: resources, versions, index", "services/intake/storage/store.py", "prepare_new"),
    ("writes (driver, SQL)", "services/intake/storage/store.py", "write_new"),
    ("await the worker's verdicts", "services/intake/interactions/bundles.py", "raise_first"),
    ("reference existence", "services/intake/interactions/interactions.py", "check_references_exist"),
    ("response Bundle to JSON", "shared/fhir_json.py", "dumps"),
    ("audit event", "services/intake/rest/audit.py", "record"),
]


def cpu_ms(step, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        step()
        timings.append(time.process_time() - started)
    return round(statistics.median(timings) * 1000, 1)


def worker_steps(bundles: list[dict]) -> dict[str, float]:
    import orjson
    from fhir.resources.R4B import get_fhir_model_class

    from services.intake.fhir.compiled import compiled_issues
    from services.intake.fhir.model_validation_pool import chunk_model_issues
    from services.intake.fhir.r4 import check_resource, definitions
    from shared.fhir_json import dumps, loads

    definitions()
    models = {t: get_fhir_model_class(t) for t in ("Patient", "Observation")}

    def steps(resources: list[dict]) -> list:
        texts = [orjson.dumps(r) for r in resources]
        payload = [dumps(r) for r in resources]  # what the worker is sent: each resource's JSON text
        parsed = [loads(text) for text in payload]
        wheres = [f"Bundle.entry[{i}]" for i in range(len(resources))]
        return [
            ("floor: model_validate_json", lambda: [models[r["resourceType"]].model_validate_json(t)
                                                    for r, t in zip(resources, texts, strict=True)]),
            ("worker: parse the chunk (lossless)", lambda: [loads(text) for text in payload]),
            ("(before) fhir.resources model_validate", lambda: [models[r["resourceType"]].model_validate(r)
                                                                for r in parsed]),
            ("worker: fhirkit-rs validate (dict)", lambda: [compiled_issues(r, r["resourceType"]) for r in parsed]),
            ("worker: fhirkit-rs validate (JSON text)", lambda: [compiled_issues(t, r["resourceType"])
                                                                 for t, r in zip(payload, parsed, strict=True)]),
            ("worker: R4 walk (check_resource)", lambda: [check_resource(r, r["resourceType"]) for r in parsed]),
            ("worker: whole (chunk_model_issues)", lambda: chunk_model_issues(payload, wheres)),
        ]

    results: dict[str, list[float]] = {}
    for bundle in bundles:
        for name, step in steps([e["resource"] for e in bundle["entry"]]):
            results.setdefault(name, []).append(cpu_ms(step, 1))
    return {name: round(statistics.median(values), 1) for name, values in results.items()}


def main_thread_steps(bundles: list[dict]) -> dict[str, float]:
    """The service thread's CPU-bound steps of a transaction, each timed on its own (no profiler)."""
    from services.intake.fhir.r4 import definitions
    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.interactions.access import bundle_needs
    from services.intake.interactions.bundles import CHUNK, ModelVerdicts, _parse_entry
    from services.intake.interactions.interactions import check_rules
    from services.intake.storage.indexing import extract
    from services.intake.storage.store import new_id, prepare_new
    from shared.collector import tune_garbage_collector
    from shared.fhir_json import dumps, loads_request

    definitions()
    tune_garbage_collector()  # as the service runs

    class Pool:  # what ModelVerdicts hands the worker, serialised here, not sent
        @staticmethod
        def model_issues(payload, wheres):
            return payload

    results: dict[str, list[float]] = {}

    def step(name: str, work, *args):
        started = time.process_time()
        value = work(*args)
        results.setdefault(name, []).append((time.process_time() - started) * 1000)
        return value

    def chunks(entries, texts):
        return ModelVerdicts([entries[i:i + CHUNK] for i in range(0, len(entries), CHUNK)], Pool(), texts)  # type: ignore[arg-type]

    def structure(entries):
        return [check_structure(e.raw_resource, e.resource_type, e.where, JUDGED_ELSEWHERE) for e in entries]

    for bundle in bundles:
        body = step("main: read the body (loads_request)", loads_request, dumps(bundle))
        texts: dict = {}  # the resources' texts, made by the scope check and reused for the worker (Intake 40)
        step("main: scope check's walk (bundle_needs)", bundle_needs, body, texts)
        entries = step("main: parse the entries", lambda b: [_parse_entry(i, e) for i, e in enumerate(b["entry"])], body)
        step("main: chunks for the worker (ModelVerdicts)", chunks, entries, texts)
        incoming = step("main: structural pass (check_structure)", structure, entries)
        targets = {e.full_url: f"{e.resource_type}/{new_id()}" for e in entries if e.full_url}
        for checked in incoming:  # as _rewrite_references does
            for _, _, ref in checked.references:
                ref["reference"] = targets.get(ref["reference"], ref["reference"])
        step("main: rules (check_rules)", check_rules, incoming, {})
        ids = step("main: ids (new_id)", lambda n: [new_id() for _ in range(n)], len(incoming))
        step("main: index rows alone (extract)", lambda i: [extract(x) for x in i], incoming)
        step("main: all rows (prepare_new: stamp, serialise, index)", prepare_new, list(zip(incoming, ids, strict=True)))
    return {name: round(statistics.median(values), 1) for name, values in results.items()}


async def service_profile(bundles: list[dict], database_url: str, data_dir: str) -> tuple[pstats.Stats, float]:
    os.environ.update({"DATABASE_URL": database_url, "DATA_DIR": data_dir, "LOG_LEVEL": "WARNING",
                       "MAX_BODY_BYTES": str(50 * 1024 * 1024), "AUTH_MODE": "development"})
    from services.intake.main import create_app
    from shared.fhir_json import dumps
    from tests.support.asgi import asgi_client

    app = create_app()
    profile = cProfile.Profile()
    async with asgi_client(app, "http://intake", timeout=300) as client:
        warm = await client.post("/fhir", content=dumps(make_bundle(random.Random(99))),
                                 headers={"Content-Type": "application/fhir+json"})
        warm.raise_for_status()
        payloads = [dumps(b) for b in bundles]
        started = time.perf_counter()
        for payload in payloads:
            profile.enable()
            response = await client.post("/fhir", content=payload, headers={"Content-Type": "application/fhir+json"})
            profile.disable()
            response.raise_for_status()
        elapsed = time.perf_counter() - started
    return pstats.Stats(profile), elapsed


async def timeline(bundles: list[dict], database_url: str, data_dir: str) -> dict[str, float]:
    """When each stage of a transaction ends, wall ms from the POST (medians over the bundles): the
    app in process (as `service_profile`, its validation worker a process), its steps observed,
    not replaced. Shows what waits for what: the database idles until the first chunk's rows are
    ready, and the transaction ends with the last write, the commit and the response."""
    os.environ.update({"DATABASE_URL": database_url, "DATA_DIR": data_dir, "LOG_LEVEL": "WARNING",
                       "MAX_BODY_BYTES": str(50 * 1024 * 1024), "AUTH_MODE": "development"})
    import shared.request_body as request_body
    from services.intake.interactions import bundles as bundle_module
    from services.intake.interactions import interactions as interaction_module
    from services.intake.main import create_app
    from shared.fhir_json import dumps
    from tests.support.asgi import asgi_client

    marks: list[tuple[str, float]] = []
    started = [0.0]

    def mark(name: str) -> None:
        marks.append((name, (time.perf_counter() - started[0]) * 1000))

    loads_request, write_new, transaction = (request_body.loads_request, interaction_module.UnitOfWork.write_new,
                                             bundle_module.BundleProcessor._transaction)
    model_issues = bundle_module.ModelValidationPool.model_issues

    def parsed(*args):
        body = loads_request(*args)
        mark("body read and parsed")
        return body

    def sent(self, payload, wheres):
        mark("chunk sent to the worker")
        return model_issues(self, payload, wheres)

    async def written(self, stored, rows):
        mark("write begins")
        await write_new(self, stored, rows)
        mark("write ends")

    async def committed(self, entries, texts=None):
        responses = await transaction(self, entries, texts)
        mark("committed")
        return responses

    request_body.loads_request = parsed
    bundle_module.ModelValidationPool.model_issues = sent  # type: ignore[method-assign]
    interaction_module.UnitOfWork.write_new = written  # type: ignore[method-assign]
    bundle_module.BundleProcessor._transaction = committed  # type: ignore[method-assign]
    runs = []
    async with asgi_client(create_app(), "http://intake", timeout=300) as client:
        for number, bundle in enumerate([make_bundle(random.Random(99)), *bundles]):
            payload = dumps(bundle)
            marks.clear()
            started[0] = time.perf_counter()
            response = await client.post("/fhir", content=payload, headers={"Content-Type": "application/fhir+json"})
            mark("response received")
            response.raise_for_status()
            if number:  # the first warms up
                runs.append(list(marks))

    def first(run, name):
        return next(t for n, t in run if n == name)

    def last(run, name):
        return [t for n, t in run if n == name][-1]

    def writing(run):
        begun = [t for n, t in run if n == "write begins"]
        ended = [t for n, t in run if n == "write ends"]
        return sum(e - b for b, e in zip(begun, ended, strict=True))

    stages = {
        "body read and parsed": lambda r: first(r, "body read and parsed"),
        "first chunk sent to the worker": lambda r: first(r, "chunk sent to the worker"),
        "first write begins": lambda r: first(r, "write begins"),
        "last write ends": lambda r: last(r, "write ends"),
        "  (of which writes in progress)": writing,
        "committed": lambda r: first(r, "committed"),
        "response received": lambda r: first(r, "response received"),
    }
    return {name: round(statistics.median(stage(run) for run in runs), 1) for name, stage in stages.items()}


async def trace(bundles: list[dict], database_url: str, data_dir: str,
                show: int | None = None) -> list[tuple[str, str, float, float]]:
    """Every stage of a transaction with its start and end, wall ms from the POST (medians over the
    bundles), by where it runs: the service's thread ("main"), the validation worker ("worker": a
    chunk from its sending to its verdict's arrival, queueing behind the chunk before it included),
    the database ("db": each write, the commit; the second begin/commit is the AuditEvent's, which
    the in-process client waits for) and the garbage collector's passes ("gc"). The app in process,
    as `timeline`; its steps observed, not replaced. Shows the critical path: what each stage
    waited for. `show`: that transaction (1 = the first after the warm-up) printed in full, each
    statement of each write with it."""
    os.environ.update({"DATABASE_URL": database_url, "DATA_DIR": data_dir, "LOG_LEVEL": "WARNING",
                       "MAX_BODY_BYTES": str(50 * 1024 * 1024), "AUTH_MODE": "development"})
    import services.intake.rest.routes as routes
    import shared.database as database_module
    import shared.request_body as request_body
    from services.intake.interactions import bundles as bundle_module
    from services.intake.interactions import interactions as interaction_module
    from services.intake.main import create_app
    from shared.fhir_json import dumps
    from tests.support.asgi import asgi_client

    spans: list[tuple[str, str, float, float]] = []
    started = [0.0]
    counters: dict[str, int] = {}

    def now() -> float:
        return (time.perf_counter() - started[0]) * 1000

    def numbered(name: str) -> str:
        counters[name] = counters.get(name, 0) + 1
        return f"{name} {counters[name]}"

    def timed(lane: str, name: str, function, count: bool = False):
        def wrapper(*args, **kwargs):
            begun = now()
            try:
                return function(*args, **kwargs)
            finally:
                spans.append((lane, numbered(name) if count else name, begun, now()))
        return wrapper

    def timed_async(lane: str, name: str, function, count: bool = False):
        async def wrapper(*args, **kwargs):
            begun = now()
            try:
                return await function(*args, **kwargs)
            finally:
                spans.append((lane, numbered(name) if count else name, begun, now()))
        return wrapper

    model_issues = bundle_module.ModelValidationPool.model_issues

    def sent(self, payload, wheres):
        begun, name = now(), numbered("chunk verdict")
        future = model_issues(self, payload, wheres)
        future.add_done_callback(lambda _: spans.append(("worker", name, begun, now())))
        return future

    raise_first = bundle_module.ModelVerdicts.raise_first

    async def verdicts_awaited(self, through=None):
        begun = now()
        try:
            return await raise_first(self, through)
        finally:
            if through is None:
                spans.append(("main", "await all verdicts", begun, now()))

    database_transaction = database_module.Database.transaction
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def transaction(self):
        begun = now()
        async with database_transaction(self) as session:
            spans.append(("db", numbered("begin"), begun, now()))
            yield session
            commit = now()
        spans.append(("db", numbered("commit"), commit, now()))

    write_new = interaction_module.UnitOfWork.write_new
    request_body.read_limited = timed_async("main", "read the body", request_body.read_limited)
    request_body.json_depth = timed("main", "depth check", request_body.json_depth)
    request_body.loads_request = timed("main", "parse the body", request_body.loads_request)
    routes.bundle_needs = timed("main", "scope check", routes.bundle_needs)
    routes.fhir_response = timed("main", "response to JSON", routes.fhir_response)
    bundle_module._parse_entry = timed("main", "_parse_entry", bundle_module._parse_entry)
    bundle_module.ModelValidationPool.model_issues = sent  # type: ignore[method-assign]
    bundle_module.ModelVerdicts.__init__ = timed(  # type: ignore[method-assign]
        "main", "texts sent to the worker", bundle_module.ModelVerdicts.__init__)
    bundle_module.ModelVerdicts.raise_first = verdicts_awaited  # type: ignore[method-assign]
    bundle_module.BundleProcessor._assign_ids = timed_async(  # type: ignore[method-assign]
        "main", "assign ids", bundle_module.BundleProcessor._assign_ids)
    bundle_module._check_structures = timed("main", "structure", bundle_module._check_structures, count=True)
    bundle_module.check_rules = timed("main", "rules", bundle_module.check_rules, count=True)
    interaction_module.UnitOfWork.prepare_new = staticmethod(  # type: ignore[method-assign]
        timed("main", "rows", interaction_module.UnitOfWork.prepare_new, count=True))
    interaction_module.UnitOfWork.write_new = timed_async("db", "write", write_new, count=True)  # type: ignore[method-assign]
    bundle_module.PreparedRows.joined = staticmethod(  # type: ignore[method-assign]
        timed("main", "rows joined", bundle_module.PreparedRows.joined, count=True))
    bundle_module._write_response = timed("main", "_write_response", bundle_module._write_response)
    interaction_module.UnitOfWork.check_references_exist = timed_async(  # type: ignore[method-assign]
        "main", "reference existence", interaction_module.UnitOfWork.check_references_exist)
    database_module.Database.transaction = transaction  # type: ignore[method-assign]
    from services.intake.storage import store as store_module
    bulk_insert = store_module.ResourceStore._bulk_insert

    async def statement(self, table, columns, rows):
        begun = now()
        try:
            return await bulk_insert(self, table, columns, rows)
        finally:
            spans.append(("db", numbered(f"  {table.name} ({len(rows)})"), begun, now()))

    store_module.ResourceStore._bulk_insert = statement  # type: ignore[method-assign]
    import gc
    collecting: list[float] = []

    def collector(phase: str, info: dict) -> None:  # the collector's pauses, on whichever thread
        if phase == "start":
            collecting[:] = [now()]
        elif collecting:
            spans.append(("gc", numbered(f"gen{info['generation']} pass"), collecting[0], now()))

    gc.callbacks.append(collector)
    runs = []
    gc_totals: list[float] = []
    async with asgi_client(create_app(), "http://intake", timeout=300) as client:
        for number, bundle in enumerate([make_bundle(random.Random(99)), *bundles]):
            payload = dumps(bundle)
            spans.clear()
            counters.clear()
            started[0] = time.perf_counter()
            response = await client.post("/fhir", content=payload, headers={"Content-Type": "application/fhir+json"})
            spans.append(("client", "response received", now(), now()))
            response.raise_for_status()
            if number:  # the first warms up
                gc_totals.append(sum(e - b for lane, _, b, e in spans if lane == "gc"))
                if number == show:  # one transaction in full, each statement too
                    print(f"  transaction {number}, wall ms from the POST:")
                    for lane, name, begun, ended in sorted(spans, key=lambda s: s[2]):
                        if name not in ("_parse_entry", "_write_response"):
                            print(f"    {lane:7s} {name:35s} {begun:7.1f} {ended:7.1f}")
                print("  gc passes:", ", ".join(f"{n} at {b:.0f} ({e - b:.1f} ms)" for lane, n, b, e in spans
                                                 if lane == "gc"))
                merged: dict[tuple[str, str], tuple[float, float]] = {}
                for lane, name, begun, ended in spans:
                    if name in ("_parse_entry", "_write_response") or name.startswith("  "):
                        continue
                    merged[(lane, name)] = (begun, ended) if (lane, name) not in merged else (
                        merged[(lane, name)][0], ended)
                parses = [(b, e) for lane, n, b, e in spans if n == "_parse_entry"]
                merged[("main", "parse the entries")] = (parses[0][0], parses[-1][1])
                responses = [(b, e) for lane, n, b, e in spans if n == "_write_response"]
                for k in range(0, len(responses), bundle_module.CHUNK):  # each chunk's entries' responses
                    last = responses[min(k + bundle_module.CHUNK, len(responses)) - 1]
                    merged[("main", f"entry responses {k // bundle_module.CHUNK + 1}")] = (responses[k][0], last[1])
                runs.append(merged)
    gc.callbacks.remove(collector)
    print(f"  the collector's pauses per transaction, ms: median {statistics.median(gc_totals):.1f}")
    keys = [k for k in runs[0] if all(k in run for run in runs)]
    rows = [(lane, name, statistics.median(run[(lane, name)][0] for run in runs),
             statistics.median(run[(lane, name)][1] for run in runs)) for lane, name in keys]
    return sorted(rows, key=lambda row: (row[2], row[3]))


def steps_of(stats: pstats.Stats, bundles: int) -> dict[str, float]:
    by_function = {(Path(file).as_posix(), name): row for (file, _, name), row in stats.stats.items()}  # type: ignore[attr-defined]
    out = {}
    for label, suffix, name in STEPS:
        cumulative = sum(row[3] for (file, function), row in by_function.items()
                         if file.endswith(suffix) and function == name)
        out[label] = round(cumulative * 1000 / bundles, 1)
    return out


def _cpu_by_thread(pid: int) -> dict[str, float]:
    """CPU seconds of each thread of `pid` and of its child processes, by thread name."""
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(c) for c in children.read_text().split()]
    for process in pids:
        for task in Path(f"/proc/{process}/task").iterdir():
            stat = (task / "stat").read_text()
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            role = "main thread" if task.name == str(pid) else f"thread {task.name}"
            key = f"worker process {process}" if process != pid else f"service: {role} ({name})"
            found[key] = found.get(key, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


def _postgres_cpu(postmaster: int | None) -> float:
    """CPU seconds of a PostgreSQL server's processes (its postmaster and every child), 0 without one."""
    if postmaster is None:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    total = 0.0
    for process in [postmaster, *map(int, children)]:
        try:
            stat = Path(f"/proc/{process}/stat").read_text()
        except OSError:  # a child that exited meanwhile
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def thread_cpu(bundles: list[dict], database_url: str, work: Path, postmaster: int | None = None) -> dict[str, float]:
    """CPU ms per bundle of each thread of the service under uvicorn (and its worker process), and
    of the PostgreSQL server whose main process is `postmaster`, where the writes' other half runs."""
    import httpx

    from shared.fhir_json import dumps
    from tests.support.processes import uvicorn_process

    env = {"DATABASE_URL": database_url, "DATA_DIR": str(work), "LOG_LEVEL": "WARNING",
           "MAX_BODY_BYTES": str(50 * 1024 * 1024)}
    with (uvicorn_process("intake", env, work / "intake.log") as (process, url),
          httpx.Client(base_url=url, timeout=300) as client):
        client.post("/fhir", content=dumps(make_bundle(random.Random(99))), headers={"Content-Type": "application/fhir+json"})
        pid = process.pid
        before = {**_cpu_by_thread(pid), "PostgreSQL server (all its processes)": _postgres_cpu(postmaster)}
        for bundle in bundles:
            client.post("/fhir", content=dumps(bundle), headers={"Content-Type": "application/fhir+json"}).raise_for_status()
        after = {**_cpu_by_thread(pid), "PostgreSQL server (all its processes)": _postgres_cpu(postmaster)}
    return {name: round((after[name] - before.get(name, 0.0)) * 1000 / len(bundles), 1) for name in after
            if after[name] - before.get(name, 0.0) > 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundles", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--postgresql", action="store_true", help="on a throw-away PostgreSQL (tests/support/postgres.py)")
    parser.add_argument("--top", type=int, default=40, help="functions listed by own time")
    parser.add_argument("--threads", action="store_true", help="only the CPU of each thread under uvicorn")
    parser.add_argument("--steps", action="store_true", help="only the CPU of each step, worker's and service's (no profiler)")
    parser.add_argument("--timeline", action="store_true", help="only when each stage of a transaction ends (wall ms)")
    parser.add_argument("--trace", action="store_true", help="each stage's start and end, by thread (wall ms)")
    parser.add_argument("--show", type=int, default=None, help="with --trace: this transaction in full, statement by statement")
    args = parser.parse_args()
    rng = random.Random(1)
    bundles = [make_bundle(rng) for _ in range(args.bundles)]
    with (tempfile.TemporaryDirectory(prefix="profile-intake-") as tmp,
          bench_database(args.postgresql, Path(tmp), "profile") as (url, server)):
        run(args, bundles, url if args.postgresql or not args.database_url else args.database_url, tmp,
            server.postmaster_pid if server is not None else None)


def run(args, bundles: list[dict], url: str, tmp: str, postmaster: int | None = None) -> None:
    if args.trace:
        print("A 1000-entry transaction, wall ms from the POST (median start, median end), app in process:")
        for lane, name, begun, ended in asyncio.run(trace(bundles, url, tmp, args.show)):
            print(f"  {lane:7s} {name:35s} {begun:7.1f} {ended:7.1f}  ({ended - begun:6.1f})")
        return
    if args.timeline:
        print("A 1000-entry transaction, wall ms from the POST (median), app in process:")
        for name, ms in asyncio.run(timeline(bundles, url, tmp)).items():
            print(f"  {name:45s} {ms:7.1f}")
        return
    if args.threads:
        print("CPU per 1000-entry bundle by thread, ms (service under uvicorn):")
        for name, ms in sorted(thread_cpu(bundles, url, Path(tmp), postmaster).items(), key=lambda kv: -kv[1]):
            print(f"  {name:45s} {ms:7.1f}")
        return
    print("CPU per 1000-entry bundle, ms (median):")
    for name, ms in [*worker_steps(bundles).items(), *main_thread_steps(bundles).items()]:
        print(f"  {name:55s} {ms:7.1f}")
    if args.steps:
        return
    stats, elapsed = asyncio.run(service_profile(bundles, url, tmp))
    total = stats.total_tt / args.bundles  # type: ignore[attr-defined]
    print(f"\nService thread under cProfile (profiled, so slower than live), per bundle: {total * 1000:.1f} ms;"
          f" wall {elapsed * 1000 / args.bundles:.1f} ms")
    for label, ms in steps_of(stats, args.bundles).items():
        print(f"  {label:45s} {ms:7.1f}")
    print()
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()

"""The garbage collector, set for long-lived services that parse large documents."""

import gc


def tune_garbage_collector() -> None:
    """What exists once a service has started (modules, the FHIR models: a few hundred thousand
    objects) lives as long as the process: it is kept out of the collector, whose full passes over
    it took over 100 ms each under ingest load. And a request allocates by the ten thousand (a
    parsed Bundle): collecting the youngest generation every 10,000 allocations instead of 700
    spends a third of the time on it (docs/performance.md)."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)

"""The datatype judge (fhirkit-rs, or the fhir.resources models: decision Intake 27) and the R4
layer's walk of transaction Bundles, beside the rest of the transaction.

Validation is mostly pure-Python CPU work, so under the GIL it cannot overlap with the rest of
a transaction (reference handling, index extraction, database writes). Worker processes
validate the chunks of a Bundle while the service writes them; the verdicts are needed only
before the transaction commits (interactions/bundles.py). A worker receives one chunk's resources, each
as its JSON text (serialized before the service rewrites anything in them), and returns only the
issues found; it never holds state. Without workers the same work runs in a thread, on its own copy.
"""

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from services.intake.fhir.registry import SUPPORTED_TYPES
from services.intake.fhir.validation import Verdict, resource_verdict
from shared.collector import tune_garbage_collector
from shared.fhir_json import loads

log = logging.getLogger(__name__)


def chunk_model_issues(texts: list[bytes], wheres: list[str]) -> list[Verdict]:
    """The verdict of the datatype judge and the R4 layer on each resource of `texts` (each its
    JSON text: the R4 walk reads it parsed, fhirkit-rs as text), its issues prefixed with its `where`."""
    result = []
    for text, where in zip(texts, wheres, strict=True):
        resource = loads(text)
        resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
        # What is not a supported resource at all is reported by the service's own checks.
        result.append(resource_verdict(resource, resource_type, f"{where}: ", text=text)
                      if resource_type in SUPPORTED_TYPES else ([], []))
    return result


def _warm_up() -> None:
    """Import and build the models and the R4 definitions once, so that the first real Bundle does not pay for it."""
    for resource_type in SUPPORTED_TYPES:
        resource_verdict({"resourceType": resource_type}, resource_type)
    tune_garbage_collector()  # as in the service: the models live as long as the worker


class ModelValidationPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self.workers > 0:
            # spawn, not fork: the service process runs threads (database drivers, the event loop).
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
            for _ in range(self.workers):
                self._pool.submit(_warm_up)

    @property
    def available(self) -> bool:
        return self._pool is not None

    def model_issues(self, payload: list[bytes], wheres: list[str]) -> asyncio.Future:
        """chunk_model_issues in a worker process (or a thread when there are none), handed over at
        once rather than when the caller next awaits: a transaction keeps the event loop busy with
        its own work for a while after asking."""
        pool = self._pool
        if pool is not None:
            try:
                submitted = asyncio.get_running_loop().run_in_executor(pool, chunk_model_issues, payload, wheres)
                return asyncio.ensure_future(self._outcome(pool, submitted, payload, wheres))
            except BrokenProcessPool:  # a worker died since the last request
                self._restart(pool)
        return asyncio.ensure_future(asyncio.to_thread(chunk_model_issues, payload, wheres))

    async def _outcome(self, pool: ProcessPoolExecutor, submitted: asyncio.Future, payload: list[bytes],
                       wheres: list[str]) -> list[Verdict]:
        try:
            return await submitted
        except BrokenProcessPool:  # a worker died with this chunk
            self._restart(pool)
            return await asyncio.to_thread(chunk_model_issues, payload, wheres)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """A worker died (killed, out of memory): the chunk at hand is checked in a thread, and a
        fresh pool serves what comes next; once, though every chunk in flight reports it."""
        if self._pool is broken:
            log.error("validation worker process died; restarting the pool")
            self.close()
            self.start()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)  # idle workers exit at once; none is orphaned
            self._pool = None

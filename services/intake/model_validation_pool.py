"""fhir.resources model validation of large transaction Bundles in worker processes.

Model validation is pure-Python CPU work, so under the GIL it cannot overlap with the
rest of a transaction (reference handling, index extraction, database writes). A worker
process validates chunk k+1 while the service writes chunk k. The worker receives the
raw request body (a cheap copy of bytes) and the entry numbers to check, and returns
only the issues found; it never holds state.
"""

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from services.intake.registry import SUPPORTED_TYPES
from shared.errors import Issue
from shared.fhir_json import loads
from shared.fhir_model import model_issues

log = logging.getLogger(__name__)


def _entry_model_issues(body: bytes, indexes: list[int]) -> list[list[Issue]]:
    entries = loads(body)["entry"]
    result = []
    for index in indexes:
        resource = entries[index].get("resource")
        resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
        # Entries that are not a supported resource at all are reported by the main process.
        result.append(model_issues(resource, resource_type, f"Bundle.entry[{index}]: ")
                      if resource_type in SUPPORTED_TYPES else [])
    return result


def _warm_up() -> None:
    """Import and build the models once, so that the first real Bundle does not pay for it."""
    for resource_type in SUPPORTED_TYPES:
        model_issues({"resourceType": resource_type}, resource_type)


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

    async def model_issues(self, body: bytes, indexes: list[int]) -> list[list[Issue]]:
        assert self._pool is not None
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, _entry_model_issues, body, indexes)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): answer this request in a thread, start afresh.
            log.error("validation worker process died; restarting the pool")
            self.close()
            self.start()
            return await asyncio.to_thread(_entry_model_issues, body, indexes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)  # idle workers exit at once; none is orphaned
            self._pool = None

"""Durable analysis jobs: their state in the database, their work on a bounded in-process runner.

A job accepted is written before 202 is answered; a runner picks queued jobs, at most
`concurrency` at once; at start-up jobs left running by a stopped process go back to the
queue, so every accepted job is finished after a restart.
"""

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select, update

from services.imaging.models import DONE, FAILED, QUEUED, RUNNING, AnalysisJob
from shared.database import Database
from shared.fhir_time import now_ms

log = logging.getLogger(__name__)


class JobStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, input_kind: str, source: dict[str, Any], imaging_study: str | None,
                     job_id: str | None = None) -> AnalysisJob:
        stamp = now_ms()
        job = AnalysisJob(id=job_id or str(uuid.uuid4()), state=QUEUED, stage="queued", input_kind=input_kind,
                          source=source, imaging_study=imaging_study, created_ms=stamp, updated_ms=stamp)
        async with self.db.transaction() as session:
            session.add(job)
        return job

    async def get(self, job_id: str) -> AnalysisJob | None:
        async with self.db.sessions() as session:
            return await session.get(AnalysisJob, job_id)

    async def claim_next(self) -> AnalysisJob | None:
        """Move the oldest queued job to running; None when nothing waits. Safe with several claimers:
        the state change is a compare-and-set."""
        async with self.db.sessions() as session:
            candidates = (await session.execute(
                select(AnalysisJob.id).where(AnalysisJob.state == QUEUED).order_by(AnalysisJob.created_ms).limit(5)
            )).scalars().all()
        for job_id in candidates:
            async with self.db.transaction() as session:
                claimed = await session.execute(
                    update(AnalysisJob).where(AnalysisJob.id == job_id, AnalysisJob.state == QUEUED)
                    .values(state=RUNNING, stage="starting", percent=0, attempts=AnalysisJob.attempts + 1,
                            updated_ms=now_ms())
                )
            if claimed.rowcount == 1:
                return await self.get(job_id)
        return None

    async def progress(self, job_id: str, stage: str, percent: int) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(AnalysisJob.id == job_id, AnalysisJob.state == RUNNING)
                                  .values(stage=stage, percent=max(0, min(100, percent)), updated_ms=now_ms()))

    async def finish(self, job_id: str, report: dict, mask_media_type: str | None) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(AnalysisJob.id == job_id).values(
                state=DONE, stage="done", percent=100, report=report, mask_media_type=mask_media_type,
                updated_ms=now_ms()))

    async def fail(self, job_id: str, reason: str) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(AnalysisJob.id == job_id).values(
                state=FAILED, stage="failed", reason=reason, updated_ms=now_ms()))

    async def requeue_interrupted(self) -> int:
        """Jobs left running by a process that stopped start again from the beginning."""
        async with self.db.transaction() as session:
            result = await session.execute(update(AnalysisJob).where(AnalysisJob.state == RUNNING)
                                           .values(state=QUEUED, stage="queued", percent=0, updated_ms=now_ms()))
        return result.rowcount


Work = Callable[[AnalysisJob, Callable[[str, int], None]], Awaitable[tuple[dict, str | None]]]


class JobFailed(Exception):
    """The input cannot be analysed; the message says why, for the caller."""


class JobRunner:
    """Runs queued jobs in this process, at most `concurrency` at once."""

    def __init__(self, store: JobStore, work: Work, concurrency: int, poll_seconds: float = 1.0) -> None:
        self.store = store
        self.work = work
        self.slots = asyncio.Semaphore(concurrency)
        self.poll_seconds = poll_seconds
        self.wake = asyncio.Event()
        self.tasks: set[asyncio.Task] = set()
        self.loop_task: asyncio.Task | None = None

    async def start(self) -> None:
        requeued = await self.store.requeue_interrupted()
        if requeued:
            log.info("requeued jobs interrupted by a restart", extra={"jobs": requeued})
        self.loop_task = asyncio.create_task(self._loop())

    def notify(self) -> None:
        self.wake.set()

    async def stop(self) -> None:
        if self.loop_task:
            self.loop_task.cancel()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, *( [self.loop_task] if self.loop_task else [] ), return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            await self.slots.acquire()
            job = await self.store.claim_next()
            if job is None:
                self.slots.release()
                self.wake.clear()
                try:
                    await asyncio.wait_for(self.wake.wait(), self.poll_seconds)
                except TimeoutError:
                    pass
                continue
            task = asyncio.create_task(self._run(job))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _run(self, job: AnalysisJob) -> None:
        loop = asyncio.get_running_loop()

        def progress(stage: str, percent: int) -> None:
            # Called from the worker thread: hand the write to the event loop, do not wait for it.
            asyncio.run_coroutine_threadsafe(self.store.progress(job.id, stage, percent), loop)

        try:
            report, mask_media_type = await self.work(job, progress)
            await self.store.finish(job.id, report, mask_media_type)
        except JobFailed as exc:
            await self.store.fail(job.id, str(exc))
        except asyncio.CancelledError:
            raise  # shutting down: the job stays running and is requeued at the next start
        except Exception:
            log.exception("analysis failed unexpectedly", extra={"job": job.id})
            await self.store.fail(job.id, "The analysis failed unexpectedly; the operator's log has the details")
        finally:
            self.slots.release()

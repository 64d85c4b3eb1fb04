"""Durable analysis jobs: their state in the database, their work on a bounded in-process runner.

A job accepted is written before 202 is answered. With JOB_BACKEND=local (the embedded default) a
runner in the API process picks queued jobs, at most `concurrency` at once; at start-up jobs left
running by a stopped process go back to the queue, so every accepted job is finished after a
restart. With JOB_BACKEND=procrastinate, workers (services/imaging/worker.py) run them instead and
update the same rows through this store.
"""

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from services.imaging.models import DELIVERED, DONE, FAILED, PENDING, QUEUED, RUNNING, UNDELIVERABLE, AnalysisJob
from shared.database import Database, rowcount
from shared.delivery import woken_or_timed_out
from shared.fhir_time import now_ms
from shared.logging import request_id_var

log = logging.getLogger(__name__)
# what a job that failed on an unforeseen error says to its client: the details stay in the log
UNEXPECTED_FAILURE = "The analysis failed unexpectedly; the operator's log has the details"


class JobStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, input_kind: str, source: dict[str, Any], imaging_study: str | None,
                     job_id: str | None = None, idempotency_key: str | None = None,
                     request_digest: str | None = None, request_id: str | None = None) -> AnalysisJob:
        """Store a queued job. With an idempotency key already taken, IntegrityError (the unique
        constraint decides between concurrent requests)."""
        stamp = now_ms()
        job = AnalysisJob(id=job_id or str(uuid.uuid4()), state=QUEUED, stage="queued", input_kind=input_kind,
                          source=source, imaging_study=imaging_study, created_ms=stamp, updated_ms=stamp,
                          idempotency_key=idempotency_key, request_digest=request_digest, request_id=request_id)
        async with self.db.transaction() as session:
            session.add(job)
        return job

    async def create_once(self, key: str, digest: str, input_kind: str, source: dict[str, Any],
                          imaging_study: str | None, request_id: str | None = None) -> tuple[AnalysisJob, bool]:
        """The job stored under this idempotency key, created now when there is none: (job, created).
        The caller compares `request_digest` to tell a retry from a different request."""
        existing = await self.by_key(key)
        if existing is not None:
            return existing, False
        try:
            return await self.create(input_kind, source, imaging_study, idempotency_key=key,
                                     request_digest=digest, request_id=request_id), True
        except IntegrityError:  # a concurrent request with the same key created it first
            existing = await self.by_key(key)
            if existing is None:
                raise
            return existing, False

    async def by_key(self, key: str) -> AnalysisJob | None:
        async with self.db.sessions() as session:
            statement = select(AnalysisJob).where(col(AnalysisJob.idempotency_key) == key)
            return (await session.execute(statement)).scalar_one_or_none()

    async def get(self, job_id: str) -> AnalysisJob | None:
        async with self.db.sessions() as session:
            return await session.get(AnalysisJob, job_id)

    async def claim_next(self) -> AnalysisJob | None:
        """Move the oldest queued job to running; None when nothing waits. Safe with several claimers:
        the state change is a compare-and-set."""
        async with self.db.sessions() as session:
            candidates = (await session.execute(
                select(col(AnalysisJob.id)).where(col(AnalysisJob.state) == QUEUED).order_by(col(AnalysisJob.created_ms)).limit(5)
            )).scalars().all()
        for job_id in candidates:
            async with self.db.transaction() as session:
                claimed = await session.execute(
                    update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state) == QUEUED)
                    .values(state=RUNNING, stage="starting", percent=0, attempts=col(AnalysisJob.attempts) + 1,
                            updated_ms=now_ms())
                )
            if rowcount(claimed) == 1:
                return await self.get(job_id)
        return None

    async def progress(self, job_id: str, stage: str, percent: int) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state) == RUNNING)
                                  .values(stage=stage, percent=max(0, min(100, percent)), updated_ms=now_ms()))

    async def start(self, job_id: str) -> AnalysisJob | None:
        """Mark a queued job (or one whose worker died while running it) running, for a worker of
        the job engine; None when it is finished already (or unknown): nothing to run."""
        async with self.db.transaction() as session:
            started = await session.execute(
                update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state).in_((QUEUED, RUNNING)))
                .values(state=RUNNING, stage="starting", percent=0, attempts=col(AnalysisJob.attempts) + 1,
                        updated_ms=now_ms()))
        return await self.get(job_id) if rowcount(started) == 1 else None

    async def finish(self, job_id: str, report: dict, mask_media_type: str | None, deliver: bool = False) -> bool:
        """Record the result, once: False when the job was finished already (by another run).
        `deliver`: the report is to be written back to intake (it names a subject)."""
        stamp = now_ms()
        delivery = {"delivery_state": PENDING, "delivery_next_ms": stamp} if deliver else {}
        async with self.db.transaction() as session:
            finished = await session.execute(
                update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state).in_((QUEUED, RUNNING)))
                .values(state=DONE, stage="done", percent=100, report=report, mask_media_type=mask_media_type,
                        updated_ms=stamp, **delivery))
        return rowcount(finished) == 1

    async def fail(self, job_id: str, reason: str) -> bool:
        async with self.db.transaction() as session:
            failed = await session.execute(
                update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state).in_((QUEUED, RUNNING)))
                .values(state=FAILED, stage="failed", reason=reason, updated_ms=now_ms()))
        return rowcount(failed) == 1

    async def fail_raised(self, job_id: str, exc: Exception, what: str, logger: logging.Logger) -> None:
        """The job whose `what` ("analysis", "retrieval") raised `exc` fails: with a JobFailed's message, said for the
        caller; with anything else, the details go to the operator's log (`logger`, the traceback) and the caller is
        told only UNEXPECTED_FAILURE."""
        if isinstance(exc, JobFailed):
            await self.fail(job_id, str(exc))
            return
        logger.error(f"{what} failed unexpectedly", exc_info=exc, extra={"job": job_id})
        await self.fail(job_id, UNEXPECTED_FAILURE)

    async def release(self, job_id: str) -> None:
        """A running job handed back to the queue (its worker is stopping); it starts again later."""
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(col(AnalysisJob.id) == job_id, col(AnalysisJob.state) == RUNNING)
                                  .values(state=QUEUED, stage="queued", percent=0, updated_ms=now_ms()))

    async def queued_before(self, stamp_ms: int, limit: int = 500) -> list[str]:
        async with self.db.sessions() as session:
            return list((await session.execute(
                select(col(AnalysisJob.id)).where(col(AnalysisJob.state) == QUEUED, col(AnalysisJob.updated_ms) < stamp_ms)
                .order_by(col(AnalysisJob.created_ms)).limit(limit))).scalars())

    # ---- write-back of the report to intake -------------------------------------------------

    async def delivered(self, job_id: str, attempts: int) -> None:
        await self._delivery(job_id, delivery_state=DELIVERED, delivery_attempts=attempts, delivery_error=None,
                             delivery_next_ms=None, delivered_ms=now_ms())

    async def delivery_refused(self, job_id: str, attempts: int, error: str) -> None:
        await self._delivery(job_id, delivery_state=UNDELIVERABLE, delivery_attempts=attempts,
                             delivery_error=error, delivery_next_ms=None)

    async def delivery_postponed(self, job_id: str, attempts: int, error: str, next_ms: int) -> None:
        await self._delivery(job_id, delivery_attempts=attempts, delivery_error=error, delivery_next_ms=next_ms)

    async def _delivery(self, job_id: str, **values: Any) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(AnalysisJob).where(col(AnalysisJob.id) == job_id,
                                                            col(AnalysisJob.delivery_state) == PENDING).values(**values))

    async def requeue_interrupted(self) -> int:
        """Jobs left running by a process that stopped start again from the beginning."""
        async with self.db.transaction() as session:
            result = await session.execute(update(AnalysisJob).where(col(AnalysisJob.state) == RUNNING)
                                           .values(state=QUEUED, stage="queued", percent=0, updated_ms=now_ms()))
        return rowcount(result)


Work = Callable[[AnalysisJob, Callable[[str, int], None]], Awaitable[tuple[dict, str | None]]]


class JobFailed(Exception):
    """The input cannot be analysed; the message says why, for the caller."""


class JobRunner:
    """Runs queued jobs in this process, at most `concurrency` at once (the work itself keeps its
    heavy part to fewer: AnalysisWork's analysis slots, beside its DICOMweb retrievals)."""

    def __init__(self, store: JobStore, work: Work, concurrency: int, poll_seconds: float = 1.0,
                 finished: Callable[[AnalysisJob], None] | None = None) -> None:
        self.store = store
        self.work = work
        self.finished = finished  # told of each job this runner finished (its write-back is due)
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
                await woken_or_timed_out(self.wake, self.poll_seconds)
                continue
            task = asyncio.create_task(self._run(job))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _run(self, job: AnalysisJob) -> None:
        loop = asyncio.get_running_loop()

        def progress(stage: str, percent: int) -> None:
            # Called from the worker thread: hand the write to the event loop, do not wait for it.
            asyncio.run_coroutine_threadsafe(self.store.progress(job.id, stage, percent), loop)

        token = request_id_var.set(job.request_id or "-")
        try:
            report, mask_media_type = await self.work(job, progress)
            if await self.store.finish(job.id, report, mask_media_type, deliver=bool(job.source.get("subject"))) \
                    and self.finished:
                self.finished(job)
        except asyncio.CancelledError:
            raise  # shutting down: the job stays running and is requeued at the next start
        except Exception as exc:
            await self.store.fail_raised(job.id, exc, "analysis", log)
        finally:
            request_id_var.reset(token)
            self.slots.release()

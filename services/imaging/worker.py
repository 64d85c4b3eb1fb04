"""Imaging jobs on procrastinate (JOB_BACKEND=procrastinate): a PostgreSQL job queue that any number
of worker processes, on any number of machines, share.

    python -m services.imaging.worker

The imaging API stores each accepted job in its `analyses` table (the state callers read) and
defers a procrastinate job naming it; a worker runs the same analysis code as the in-process
runner and updates the same row (stage, percent, done or failed), then defers the report's
write-back to intake as a task of its own, retried with the back-off of shared/delivery.py.

- Schema: the imaging Alembic migrations and procrastinate's schema (then its migrations, on an
  upgrade) are applied at start-up by the API and by every worker, under a PostgreSQL advisory
  lock, so that processes starting together apply them once.
- Workers that die: every worker sends heartbeats; each worker, every few seconds, retries the
  jobs held by workers silent for IMAGING_WORKER_STALLED_SECONDS (procrastinate's stalled-job
  API), one worker at a time (advisory lock), so another worker runs them again. A run records
  its result only while the job is unfinished, and the write-back is a conditional create: one
  report, also when a job runs twice.
- SIGTERM (and SIGINT): the worker takes no new job, lets the running ones finish for up to
  IMAGING_WORKER_GRACE_SECONDS, then stops them at their next progress step and hands them back
  to the queue (procrastinate retries them at once, on another worker).
"""

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import procrastinate
import psycopg
from procrastinate import exceptions as procrastinate_errors
from procrastinate.job_context import JobContext
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy, RetryDecision
from procrastinate.schema import SchemaManager
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import make_url

from services.imaging.jobs import JobStore
from services.imaging.models import DONE, MIGRATIONS, PENDING, AnalysisJob
from services.imaging.pipeline import AnalysisWork
from services.imaging.writeback import Writeback
from shared.database import Database
from shared.delivery import RETRIES
from shared.fhir_time import now_ms
from shared.logging import configure_logging, request_id_var
from shared.settings import Settings, get_settings

log = logging.getLogger(__name__)

QUEUE = NAMESPACE = "imaging"
ANALYSE = f"{NAMESPACE}:analyse"  # task names as the blueprint's namespace makes them
DELIVER = f"{NAMESPACE}:deliver"
# pg_advisory_lock keys (any bigint; these spell "imaging" schema / recovery)
SCHEMA_LOCK = 0x696D6167_0001
RECOVERY_LOCK = 0x696D6167_0002
MIGRATIONS_TABLE = "imaging_procrastinate_migrations"
ORPHAN_AFTER_MS = 60_000  # a queued row with no procrastinate job this long after its last change is deferred again

# libpq parameters a DATABASE_URL query may carry (asyncpg's own, like prepared_statement_cache_size, are dropped)
_LIBPQ_PARAMS = {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "host", "hostaddr",
                 "port", "application_name", "connect_timeout", "options", "target_session_attrs", "passfile",
                 "service", "channel_binding", "krbsrvname", "gssencmode"}


def psycopg_conninfo(database_url: str) -> str:
    """The libpq connection string (for psycopg, hence procrastinate) of a SQLAlchemy PostgreSQL URL
    such as postgresql+asyncpg://user:secret@host:5432/imaging?ssl=require."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"JOB_BACKEND=procrastinate needs a PostgreSQL DATABASE_URL, not {url.get_backend_name()}")
    params: dict[str, Any] = {"host": url.host, "port": url.port, "dbname": url.database, "user": url.username,
                              "password": url.password}
    for key, value in url.query.items():
        value = value[-1] if isinstance(value, tuple) else value
        if key == "ssl":  # asyncpg's name; true/false as asyncpg also takes them
            key, value = "sslmode", {"true": "require", "false": "disable"}.get(str(value).lower(), value)
        if key in _LIBPQ_PARAMS:
            params[key] = value
    return make_conninfo(**{k: str(v) for k, v in params.items() if v is not None})


# ---- schema ---------------------------------------------------------------------------------

async def prepare_database(db: Database, settings: Settings) -> None:
    """Bring the imaging tables (and, for JOB_BACKEND=procrastinate, procrastinate's) up to date:
    on PostgreSQL under an advisory lock, so that an API and its workers may start together. The
    Alembic part takes the lock every service's migrations take (shared.database); this one
    covers procrastinate's schema as well."""
    if db.dialect != "postgresql":
        await db.migrate(MIGRATIONS)
        return
    async with await psycopg.AsyncConnection.connect(psycopg_conninfo(db.url), autocommit=True) as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK,))
        await db.migrate(MIGRATIONS)
        if settings.job_backend == "procrastinate":
            await apply_procrastinate_schema(conn)
        # closing the connection releases the lock


async def _one(conn: psycopg.AsyncConnection, query: str, params: tuple = ()) -> Any:
    """The value a query of one row and one column returns."""
    row = await (await conn.execute(query, params)).fetchone()
    assert row is not None  # a SELECT without FROM returns one row
    return row[0]


async def apply_procrastinate_schema(conn: psycopg.AsyncConnection) -> list[str]:
    """Procrastinate's schema on a database without it; on one that has it, the migrations shipped
    with a newer procrastinate that were not applied yet (each recorded in MIGRATIONS_TABLE).
    Returns what was applied. The caller holds SCHEMA_LOCK."""
    migrations = sorted(Path(SchemaManager.get_migrations_path()).glob("*.sql"))
    record = f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s) ON CONFLICT DO NOTHING"
    await conn.execute(f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
                       "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
    present = await _one(conn, "SELECT to_regclass('procrastinate_jobs')")
    recorded = {row[0] for row in await (await conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")).fetchall()}
    applied = []
    if present is None:
        async with conn.transaction():
            await conn.execute(SchemaManager.get_schema())  # the current schema includes every migration
            for migration in migrations:
                await conn.execute(record, (migration.name,))
        applied.append("schema.sql")
    elif not recorded:  # a schema applied by other means (procrastinate's CLI) is taken as current
        async with conn.transaction():
            for migration in migrations:
                await conn.execute(record, (migration.name,))
    else:
        for migration in migrations:
            if migration.name not in recorded:
                # one transaction each: a migration may add an enum value that the next one uses
                async with conn.transaction():
                    await conn.execute(migration.read_text(encoding="utf-8"))
                    await conn.execute(record, (migration.name,))
                applied.append(migration.name)
    if applied:
        log.info("procrastinate schema applied", extra={"applied": applied})
    return applied


# ---- tasks ----------------------------------------------------------------------------------

class Released(Exception):
    """Raised in the analysis thread at its next progress step: the worker is stopping."""


class DeliveryPending(Exception):
    """The write-back is to be tried again in `delay` seconds."""

    def __init__(self, delay: float) -> None:
        super().__init__(f"write-back postponed by {delay:.0f} s")
        self.delay = delay


class Backoff(BaseRetryStrategy):
    """When procrastinate runs a job again: a job handed back by a stopping worker at once; a
    postponed write-back when it says; anything else (the database away, say) with the back-off
    of shared/delivery.py. Never gives up: an accepted job is never lost."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, (asyncio.CancelledError, procrastinate_errors.JobAborted)):
            return RetryDecision(retry_in={"seconds": 0})
        # procrastinate types the seconds as int; it hands them to timedelta, which takes a float.
        if isinstance(exception, DeliveryPending):
            return RetryDecision(retry_in={"seconds": exception.delay})  # type: ignore[call-overload]
        return RetryDecision(retry_in={"seconds": RETRIES.wait((job.attempts or 0) + 1)})  # type: ignore[call-overload]


tasks = procrastinate.Blueprint()


@tasks.task(name="analyse", queue=QUEUE, pass_context=True, retry=Backoff())
async def analyse(context: JobContext, job_id: str) -> None:
    await context.additional_context["engine"].analyse(job_id, context.job.worker_id)


@tasks.task(name="deliver", queue=QUEUE, pass_context=True, retry=Backoff())
async def deliver(context: JobContext, job_id: str) -> None:
    delay = await context.additional_context["engine"].writeback.deliver(job_id)
    if delay is not None:
        raise DeliveryPending(delay)


def create_app(settings: Settings) -> procrastinate.App:
    connector = procrastinate.PsycopgConnector(
        conninfo=psycopg_conninfo(settings.database_url_for("imaging")), min_size=1,
        max_size=max(4, settings.imaging_concurrency + 3))
    app = procrastinate.App(connector=connector)
    app.add_tasks_from(tasks, namespace=NAMESPACE)
    return app


async def _defer(app: procrastinate.App, task: str, job_id: str, **options: Any) -> None:
    # queueing_lock: at most one waiting job per analysis; lock: its jobs run one after the other.
    try:
        await app.configure_task(task, allow_unknown=False, queueing_lock=f"{task}:{job_id}",
                                 lock=f"{task}:{job_id}", **options).defer_async(job_id=job_id)
    except procrastinate_errors.AlreadyEnqueued:
        pass


async def defer_analysis(app: procrastinate.App, job_id: str) -> None:
    await _defer(app, ANALYSE, job_id)


async def defer_delivery(app: procrastinate.App, job_id: str) -> None:
    await _defer(app, DELIVER, job_id)


# ---- the worker -----------------------------------------------------------------------------

class Worker:
    """What the tasks run in one worker process, and the stalled-job recovery beside them."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self.store = JobStore(db)
        self.work = AnalysisWork(settings, settings.data_dir / "imaging")
        self.writeback = Writeback(settings, self.store)
        self.app = create_app(settings)
        self.conninfo = psycopg_conninfo(db.url)

    async def analyse(self, job_id: str, worker_id: int | None = None) -> None:
        job = await self.store.start(job_id)
        if job is None:  # finished by an earlier run (or unknown): at most its write-back is left
            await self._ensure_delivery(job_id)
            return
        token = request_id_var.set(job.request_id or "-")
        heartbeat = asyncio.create_task(self._heartbeat(worker_id)) if worker_id is not None else None
        try:
            await self._analyse(job)
        finally:
            if heartbeat:
                heartbeat.cancel()
                await asyncio.gather(heartbeat, return_exceptions=True)
            request_id_var.reset(token)

    async def _heartbeat(self, worker_id: int) -> None:
        """The worker's heartbeat while this analysis runs. Procrastinate's own stops as soon as the
        worker is asked to stop, while it may still finish its jobs for IMAGING_WORKER_GRACE_SECONDS:
        without this, other workers would take it for dead and run its job a second time."""
        while True:
            await asyncio.sleep(self.settings.imaging_worker_stalled_seconds / 3)
            try:
                await self.app.job_manager.update_heartbeat(worker_id)
            except Exception:  # the next beat tries again; procrastinate's own beat may cover it
                log.warning("heartbeat not recorded", exc_info=True)

    async def _analyse(self, job: AnalysisJob) -> None:
        loop = asyncio.get_running_loop()
        stopping = threading.Event()

        def progress(stage: str, percent: int) -> None:  # in the analysis thread
            if stopping.is_set():
                raise Released()
            asyncio.run_coroutine_threadsafe(self.store.progress(job.id, stage, percent), loop)

        log.info("analysis started", extra={"job": job.id, "attempt": job.attempts})
        try:
            # A DICOMweb series is retrieved first, holding no analysis slot (pipeline.py).
            await self.work.retrieve(job, progress)
            await self.work.analysis_slot(progress).acquire()
        except asyncio.CancelledError:
            await self.store.release(job.id)
            raise
        except Exception as exc:
            await self.store.fail_raised(job.id, exc, "retrieval", log)
            return
        try:
            await self._run_analysis(job, progress, stopping)
        finally:
            self.work.slots.release()

    async def _run_analysis(self, job: AnalysisJob, progress, stopping: threading.Event) -> None:
        running = asyncio.ensure_future(asyncio.to_thread(self.work.run, job, progress))
        try:
            result = await asyncio.shield(running)
        except asyncio.CancelledError as stop:
            # The worker is stopping past its grace period: stop the thread at its next progress
            # step and hand the job back; procrastinate queues it again (Backoff).
            stopping.set()
            try:
                result = await running
            except (Released, Exception):
                await self.store.release(job.id)
                log.info("analysis handed back: the worker is stopping", extra={"job": job.id})
                raise stop from None
            await self._record(job, result)  # it finished all the same
            raise
        except Exception as exc:
            await self.store.fail_raised(job.id, exc, "analysis", log)
            return
        await self._record(job, result)

    async def _record(self, job: AnalysisJob, result: tuple[dict, str | None]) -> None:
        report, mask_media_type = result
        deliver = bool(job.source.get("subject"))
        if await self.store.finish(job.id, report, mask_media_type, deliver=deliver):
            log.info("analysis done", extra={"job": job.id})
        if deliver:
            await self._ensure_delivery(job.id)

    async def _ensure_delivery(self, job_id: str) -> None:
        job = await self.store.get(job_id)
        if job is not None and job.state == DONE and job.delivery_state == PENDING:
            await defer_delivery(self.app, job_id)

    async def recover(self) -> list[int]:
        """Run again the jobs of workers that stopped sending heartbeats, and enqueue again the
        accepted analyses that have no procrastinate job (their API died between the two writes).
        One worker at a time does it; the others skip the round. Returns the retried job ids."""
        async with await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True) as conn:
            locked = await _one(conn, "SELECT pg_try_advisory_lock(%s)", (RECOVERY_LOCK,))
            if not locked:
                return []
            manager = self.app.job_manager
            stalled_after = self.settings.imaging_worker_stalled_seconds
            await manager.prune_stalled_workers(stalled_after)
            retried: list[int] = []
            for job in await manager.get_stalled_jobs(queue=QUEUE, seconds_since_heartbeat=stalled_after):
                assert job.id is not None  # a job read from the database has its id
                try:
                    await manager.retry_job(job)
                except Exception as exc:  # finished meanwhile, or queued again by other means
                    log.info("stalled job not retried", extra={"procrastinate_job": job.id, "error": str(exc)})
                    continue
                retried.append(job.id)
                log.warning("job of a stalled worker queued again",
                            extra={"procrastinate_job": job.id, "task": job.task_name, "task_kwargs": job.task_kwargs})
            await self._requeue_orphans(conn)
            return retried

    async def _requeue_orphans(self, conn: psycopg.AsyncConnection) -> None:
        stalled_ms = int(self.settings.imaging_worker_stalled_seconds * 2000)
        waiting = await self.store.queued_before(now_ms() - max(ORPHAN_AFTER_MS, stalled_ms))
        if not waiting:
            return
        locks = [f"{ANALYSE}:{job_id}" for job_id in waiting]
        rows = await (await conn.execute(
            "SELECT lock FROM procrastinate_jobs WHERE status IN ('todo', 'doing') AND lock = ANY(%s)",
            (locks,))).fetchall()
        known = {row[0] for row in rows}
        for job_id, lock in zip(waiting, locks, strict=True):
            if lock not in known:
                log.warning("accepted analysis without a queued job: enqueued again", extra={"job": job_id})
                await defer_analysis(self.app, job_id)

    async def _recovery_loop(self) -> None:
        interval = max(0.5, self.settings.imaging_worker_stalled_seconds / 3)
        while True:
            try:
                await self.recover()
            except Exception:  # the database may be away for a moment: the next round tries again
                log.exception("stalled-job recovery failed")
            await asyncio.sleep(interval)

    async def run(self) -> None:
        stalled_after = self.settings.imaging_worker_stalled_seconds
        async with self.app.open_async():
            recovery = asyncio.create_task(self._recovery_loop())
            try:
                await self.app.run_worker_async(
                    # the analyses, and the DICOMweb retrievals beside them (AnalysisWork keeps
                    # the analyses themselves to IMAGING_CONCURRENCY)
                    name="imaging", queues=[QUEUE],
                    concurrency=self.settings.imaging_concurrency + self.settings.dicomweb_retrievals,
                    additional_context={"engine": self},
                    update_heartbeat_interval=stalled_after / 3, stalled_worker_timeout=stalled_after,
                    shutdown_graceful_timeout=self.settings.imaging_worker_grace_seconds,
                    fetch_job_polling_interval=min(5.0, stalled_after), delete_jobs="successful",
                    install_signal_handlers=True)
            finally:
                recovery.cancel()
                await asyncio.gather(recovery, return_exceptions=True)
                await self.writeback.close()


async def run_worker(settings: Settings) -> None:
    configure_logging("imaging-worker", settings.log_level, settings.log_json)
    db = Database(settings.database_url_for("imaging"))
    try:
        await prepare_database(db, settings.model_copy(update={"job_backend": "procrastinate"}))
        (settings.data_dir / "imaging").mkdir(parents=True, exist_ok=True)
        log.info("imaging worker starting", extra={"concurrency": settings.imaging_concurrency})
        await Worker(settings, db).run()
    finally:
        await db.close()


def main() -> None:
    settings = get_settings()
    if settings.job_backend != "procrastinate":
        log.warning("JOB_BACKEND is not procrastinate: this worker runs jobs only an API with "
                    "JOB_BACKEND=procrastinate enqueues")
    asyncio.run(run_worker(settings))


if __name__ == "__main__":
    main()

"""Where analyses run: one interface, two engines, chosen by JOB_BACKEND.

- `local` (the embedded default): LocalEngine runs analyses (JobRunner) and write-backs to intake
  (shared/delivery.py) in the API process.
- `procrastinate`: QueueEngine only enqueues; `python -m services.imaging.worker` processes,
  sharing the PostgreSQL queue, run both (services/imaging/worker.py).

Either way the accepted job is the row JobStore wrote before 202 was answered; the engine is told
of it, and the routes know no more of the engine than JobEngine says.
"""

from abc import ABC, abstractmethod
from pathlib import Path

from services.imaging import worker
from services.imaging.jobs import JobRunner, JobStore
from services.imaging.models import QUEUED, AnalysisJob
from services.imaging.pipeline import AnalysisWork
from services.imaging.writeback import Writeback, write_backs
from shared.settings import Settings


class JobEngine(ABC):
    """What the imaging API asks of the engine that runs its analyses."""

    @abstractmethod
    async def start(self) -> None:
        """At start-up, before the first request."""

    @abstractmethod
    async def stop(self) -> None:
        """At shutdown: stop taking work; what is unfinished is run again at the next start."""

    @abstractmethod
    async def submitted(self, job: AnalysisJob) -> None:
        """A job was accepted (or a submission of it replayed): see that it runs."""


class LocalEngine(JobEngine):
    """JOB_BACKEND=local: analyses and write-backs run in this process."""

    def __init__(self, settings: Settings, jobs: JobStore, jobs_dir: Path) -> None:
        self.writeback = Writeback(settings, jobs)
        self.deliveries = write_backs(jobs, self.writeback)
        # Jobs taken at once: the analyses, and the DICOMweb retrievals that wait beside them.
        self.runner = JobRunner(jobs, AnalysisWork(settings, jobs_dir),
                                settings.imaging_concurrency + settings.dicomweb_retrievals,
                                finished=self.deliveries.notify)

    async def start(self) -> None:
        await self.runner.start()
        self.deliveries.start()

    async def stop(self) -> None:
        await self.runner.stop()
        await self.deliveries.stop()
        await self.writeback.close()

    async def submitted(self, job: AnalysisJob) -> None:
        self.runner.notify()


class QueueEngine(JobEngine):
    """JOB_BACKEND=procrastinate: the API's side only enqueues."""

    def __init__(self, settings: Settings) -> None:
        self.app = worker.create_app(settings)

    async def start(self) -> None:
        await self.app.open_async()

    async def stop(self) -> None:
        await self.app.close_async()

    async def submitted(self, job: AnalysisJob) -> None:
        if job.state == QUEUED:  # a replayed submission of a job still waiting: make sure it is queued
            await worker.defer_analysis(self.app, job.id)


def create_engine(settings: Settings, jobs: JobStore, jobs_dir: Path) -> JobEngine:
    if settings.job_backend == "procrastinate":
        return QueueEngine(settings)
    return LocalEngine(settings, jobs, jobs_dir)

"""The imaging service's own metrics: analyses and report write-backs by state, read from the
job table at each scrape (so they count the work of every worker, not of this process only)."""

from prometheus_client import Gauge
from sqlalchemy import func, select
from sqlmodel import col

from services.imaging.models import DELIVERED, DONE, FAILED, PENDING, QUEUED, RUNNING, UNDELIVERABLE, AnalysisJob
from shared.database import Database
from shared.observability import Metrics


def install_job_metrics(metrics: Metrics, db: Database) -> None:
    analyses = Gauge("imaging_analyses", "Analyses by state", ["state"], registry=metrics.registry)
    deliveries = Gauge("imaging_report_deliveries", "Reports to write back to intake, by state", ["state"],
                       registry=metrics.registry)

    async def refresh() -> None:
        async with db.sessions() as session:
            by_state = dict((await session.execute(
                select(col(AnalysisJob.state), func.count()).group_by(col(AnalysisJob.state)))).all())
            by_delivery = dict((await session.execute(
                select(col(AnalysisJob.delivery_state), func.count()).where(col(AnalysisJob.delivery_state).is_not(None))
                .group_by(col(AnalysisJob.delivery_state)))).all())
        for state in (QUEUED, RUNNING, DONE, FAILED):
            analyses.labels(state).set(by_state.get(state, 0))
        for state in (PENDING, DELIVERED, UNDELIVERABLE):
            deliveries.labels(state).set(by_delivery.get(state, 0))

    metrics.refreshers.append(refresh)

"""The outbox relay: delivers the hand-overs recorded with their resources (handover.py) to the
imaging service, retrying with back-off until it accepts each (docs/architecture.md, Flows 2).

The delivery engine is shared/delivery.py (docs/decisions.md, System 5): due messages are claimed
with a lease (compare-and-set), so that several intake replicas share the work and one that died
mid-delivery leaves its message to another after LEASE_MS; what is final and when to try again
are its rules. A message is sent with its key as the Idempotency-Key: imaging analyses one series
once, however often a delivery is repeated.
"""

import logging
import uuid
from typing import Any

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy import and_, func, select, update
from sqlmodel import col

from services.intake.outbox.handover import IMAGING_ANALYSIS
from services.intake.outbox.models import OutboxMessage
from shared.database import Database
from shared.delivery import Attempt, Leases, Outcome, RetryPolicy, Rounds, attempt
from shared.fhir_time import now_ms
from shared.http_client import create_http_client
from shared.logging import request_id_var
from shared.settings import Settings

log = logging.getLogger(__name__)

LEASE_MS = 60_000  # a relay that claimed a message and died: another takes it over after this


# --- delivering -------------------------------------------------------------------------

class OutboxRelay:
    """Delivers due messages, at most `batch` per round, one round per poll interval."""

    def __init__(self, db: Database, settings: Settings, registry: CollectorRegistry, batch: int = 20) -> None:
        self.db, self.settings, self.batch = db, settings, batch
        self.client: httpx.AsyncClient | None = None
        self.retries = RetryPolicy(max_seconds=settings.outbox_max_backoff_seconds)
        pending = and_(col(OutboxMessage.delivered_ms).is_(None), col(OutboxMessage.failed_ms).is_(None))
        self.due = Leases(db, col(OutboxMessage.id), col(OutboxMessage.next_attempt_ms), pending, LEASE_MS,
                          on_claim={col(OutboxMessage.attempts): col(OutboxMessage.attempts) + 1})
        self.rounds = Rounds("outbox-relay", self.deliver_due, settings.outbox_poll_seconds)
        self.backlog = Gauge("outbox_backlog", "Hand-overs not yet delivered (nor refused)", ["topic"],
                             registry=registry)
        self.outcomes = Counter("outbox_deliveries_total", "Delivery attempts by outcome", ["topic", "outcome"],
                                registry=registry)

    async def start(self) -> None:
        self.client = create_http_client(self.settings, self.settings.imaging_url,
                                         headers={"Accept": "application/json"})
        self.rounds.start()

    async def stop(self) -> None:
        await self.rounds.stop()
        if self.client:
            await self.client.aclose()

    async def deliver_due(self) -> int:
        """One round: claim due messages and deliver each; returns how many were attempted."""
        return await self.due.run_due(self._deliver, self.batch)

    async def refresh_backlog(self) -> None:
        """The backlog gauge, read at each scrape of /metrics."""
        async with self.db.sessions() as session:
            backlog = dict((await session.execute(
                select(col(OutboxMessage.topic), func.count())
                .where(col(OutboxMessage.delivered_ms).is_(None), col(OutboxMessage.failed_ms).is_(None))
                .group_by(col(OutboxMessage.topic)))).all())
        self.backlog.labels(IMAGING_ANALYSIS).set(backlog.pop(IMAGING_ANALYSIS, 0))
        for topic, count in backlog.items():
            self.backlog.labels(topic).set(count)

    async def _deliver(self, message_id: int) -> None:
        async with self.db.sessions() as session:
            message = await session.get(OutboxMessage, message_id)  # as claimed: its attempts counted
        assert message is not None  # claimed just now; messages are never deleted
        # The request id of the write that caused the message travels on, into the imaging logs.
        token = request_id_var.set(message.request_id or uuid.uuid4().hex)
        try:
            await self._post(message)
        finally:
            request_id_var.reset(token)

    async def _post(self, message: OutboxMessage) -> None:
        assert self.client is not None, "start() opens the client"
        sent = await attempt(self.client.post("/analyses", json=message.payload,
                                              headers={"Idempotency-Key": message.key}))
        if sent.outcome is Outcome.RETRY:
            await self._retry(message, sent)
            return
        response = sent.response
        assert response is not None  # delivered or refused: the imaging service answered
        if sent.outcome is Outcome.DELIVERED:
            where = response.headers.get("Location", "")
            await self._finish(message, delivered_ms=now_ms(), outcome=f"{response.status_code} {where}".strip())
            self.outcomes.labels(message.topic, "delivered").inc()
            log.info("outbox message %s delivered: %s", message.id, where)
        else:  # the imaging service will never accept it as it is
            await self._finish(message, failed_ms=now_ms(), outcome=f"{response.status_code} {response.text[:1500]}")
            self.outcomes.labels(message.topic, "refused").inc()
            log.error("outbox message %s refused by the imaging service: %s", message.id, response.status_code)

    async def _retry(self, message: OutboxMessage, sent: Attempt) -> None:
        if sent.response is None:
            error = f"{type(sent.failure).__name__}: {sent.failure}"
        else:
            error = f"{sent.response.status_code} {sent.response.text[:500]}"
        delay_ms = int(self.retries.wait(message.attempts, sent.retry_after) * 1000)
        await self._finish(message, next_attempt_ms=now_ms() + delay_ms, outcome=error[:2048])
        self.outcomes.labels(message.topic, "retry").inc()
        log.warning("outbox message %s not delivered (attempt %s), next in %.1f s: %s",
                    message.id, message.attempts, delay_ms / 1000, error[:200])

    async def _finish(self, message: OutboxMessage, **values: Any) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(**values))

"""The outbox relay: delivers the hand-overs recorded with their resources (handover.py) to the
imaging service, retrying with back-off until it accepts each (docs/architecture.md, Flows 2).

Due messages are claimed with a lease (compare-and-set), so that several intake replicas share
the work and one that died mid-delivery leaves its message to another after LEASE_MS. A message
is sent with its key as the Idempotency-Key: imaging analyses one series once, however often a
delivery is repeated.
"""

import asyncio
import logging
import random
import uuid
from typing import Any

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy import and_, func, select, update

from services.intake.outbox.handover import IMAGING_ANALYSIS
from services.intake.outbox.models import OutboxMessage
from shared.database import Database
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
        self.task: asyncio.Task | None = None
        self.client: httpx.AsyncClient | None = None
        self.backlog = Gauge("outbox_backlog", "Hand-overs not yet delivered (nor refused)", ["topic"],
                             registry=registry)
        self.outcomes = Counter("outbox_deliveries_total", "Delivery attempts by outcome", ["topic", "outcome"],
                                registry=registry)

    async def start(self) -> None:
        self.client = create_http_client(self.settings, self.settings.imaging_url,
                                         headers={"Accept": "application/json"})
        self.task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)
        if self.client:
            await self.client.aclose()

    async def _run(self) -> None:
        while True:
            try:
                await self.deliver_due()
            except Exception:  # the database may be away for a while: try again next round
                log.warning("outbox round failed", exc_info=True)
            await asyncio.sleep(self.settings.outbox_poll_seconds)

    async def deliver_due(self) -> int:
        """One round: claim due messages and deliver each; returns how many were attempted."""
        pending = and_(OutboxMessage.delivered_ms.is_(None), OutboxMessage.failed_ms.is_(None))
        async with self.db.sessions() as session:
            due = (await session.execute(
                select(OutboxMessage.id, OutboxMessage.next_attempt_ms)
                .where(pending, OutboxMessage.next_attempt_ms <= now_ms())
                .order_by(OutboxMessage.next_attempt_ms).limit(self.batch)
            )).all()
        attempted = 0
        for message_id, next_attempt in due:
            message = await self._claim(message_id, next_attempt)
            if message is not None:
                attempted += 1
                await self._deliver(message)
        return attempted

    async def refresh_backlog(self) -> None:
        """The backlog gauge, read at each scrape of /metrics."""
        async with self.db.sessions() as session:
            backlog = dict((await session.execute(
                select(OutboxMessage.topic, func.count())
                .where(OutboxMessage.delivered_ms.is_(None), OutboxMessage.failed_ms.is_(None))
                .group_by(OutboxMessage.topic))).all())
        self.backlog.labels(IMAGING_ANALYSIS).set(backlog.pop(IMAGING_ANALYSIS, 0))
        for topic, count in backlog.items():
            self.backlog.labels(topic).set(count)

    async def _claim(self, message_id: int, next_attempt: int) -> OutboxMessage | None:
        """Compare-and-set on next_attempt_ms: of several relays (replicas), one takes a message."""
        async with self.db.transaction() as session:
            claimed = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.next_attempt_ms == next_attempt,
                       OutboxMessage.delivered_ms.is_(None), OutboxMessage.failed_ms.is_(None))
                .values(next_attempt_ms=now_ms() + LEASE_MS, attempts=OutboxMessage.attempts + 1)
            )
            if claimed.rowcount != 1:
                return None
            return await session.get(OutboxMessage, message_id)

    async def _deliver(self, message: OutboxMessage) -> None:
        # The request id of the write that caused the message travels on, into the imaging logs.
        token = request_id_var.set(message.request_id or uuid.uuid4().hex)
        try:
            await self._post(message)
        finally:
            request_id_var.reset(token)

    async def _post(self, message: OutboxMessage) -> None:
        try:
            response = await self.client.post("/analyses", json=message.payload,
                                              headers={"Idempotency-Key": message.key})
        except httpx.HTTPError as exc:
            await self._retry(message, f"{type(exc).__name__}: {exc}")
            return
        if response.is_success:
            where = response.headers.get("Location", "")
            await self._finish(message, delivered_ms=now_ms(), outcome=f"{response.status_code} {where}".strip())
            self.outcomes.labels(message.topic, "delivered").inc()
            log.info("outbox message %s delivered: %s", message.id, where)
        elif response.status_code in (408, 429) or response.status_code >= 500:
            await self._retry(message, f"{response.status_code} {response.text[:500]}")
        else:  # the imaging service will never accept it as it is
            await self._finish(message, failed_ms=now_ms(), outcome=f"{response.status_code} {response.text[:1500]}")
            self.outcomes.labels(message.topic, "refused").inc()
            log.error("outbox message %s refused by the imaging service: %s", message.id, response.status_code)

    async def _retry(self, message: OutboxMessage, error: str) -> None:
        # Exponential back-off with jitter, so that a recovering service is not hit all at once.
        delay = min(self.settings.outbox_max_backoff_seconds, 2 ** (message.attempts - 1))
        delay_ms = int(delay * 1000 * random.uniform(0.8, 1.2))
        await self._finish(message, next_attempt_ms=now_ms() + delay_ms, outcome=error[:2048])
        self.outcomes.labels(message.topic, "retry").inc()
        log.warning("outbox message %s not delivered (attempt %s), next in %.1f s: %s",
                    message.id, message.attempts, delay_ms / 1000, error[:200])

    async def _finish(self, message: OutboxMessage, **values: Any) -> None:
        async with self.db.transaction() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values))

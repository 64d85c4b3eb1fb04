"""The transactional outbox: hand-overs to other services (architecture.md, Flows 2).

An ImagingStudy that names a CT series and a DICOMweb endpoint asks the imaging service to
analyse that series. The request is written in the same transaction as the study, so it is
never lost and never sent for a study that was rolled back; the relay delivers it afterwards,
retrying with back-off until the imaging service accepts it. Its key (study and series UIDs) is
unique here and sent as the Idempotency-Key there: one series is analysed once, however often
its study is written or a delivery repeated.
"""

import asyncio
import logging
import random
import uuid
from typing import Any

import httpx
from prometheus_client import CollectorRegistry, Counter, Gauge
from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from services.intake.storage.models import OutboxMessage
from shared.database import Database
from shared.fhir_time import now_ms
from shared.http_client import create_http_client
from shared.logging import request_id_var
from shared.settings import Settings

log = logging.getLogger(__name__)

IMAGING_ANALYSIS = "imaging-analysis"
DICOM_UID_SYSTEM = "urn:dicom:uid"
DICOM_MODALITIES = "http://dicom.nema.org/resources/ontology/DCM"
WADO_RS = ("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "dicom-wado-rs")
ANALYSED_MODALITIES = {"CT"}
NOT_ANALYSED_STATUSES = {"cancelled", "entered-in-error"}
LEASE_MS = 60_000  # a relay that claimed a message and died: another takes it over after this


# --- what to hand over --------------------------------------------------------------------

def analysis_requests(study: dict, study_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, body of POST /analyses) for each CT series of an ImagingStudy reachable over DICOMweb.

    The endpoint is a contained Endpoint (connectionType dicom-wado-rs) named by the series or,
    failing that, by the study: this server stores no Endpoint resources (docs/decisions.md).
    """
    subject = (study.get("subject") or {}).get("reference", "")
    study_uid = _study_uid(study)
    if study.get("status") in NOT_ANALYSED_STATUSES or not study_uid or not subject.startswith("Patient/"):
        return []
    addresses = _wado_rs_addresses(study)
    study_url = _first_address(study.get("endpoint", []), addresses)
    requests = []
    for series in study.get("series", []):
        modality = series.get("modality") or {}
        if modality.get("code") not in ANALYSED_MODALITIES or modality.get("system", DICOM_MODALITIES) != DICOM_MODALITIES:
            continue
        url = _first_address(series.get("endpoint", []), addresses) or study_url
        if url and series.get("uid"):
            requests.append((f"{study_uid}/{series['uid']}", {
                "dicomweb": {"url": url, "studyInstanceUid": study_uid, "seriesInstanceUid": series["uid"]},
                "imagingStudy": f"ImagingStudy/{study_id}", "subject": subject,
            }))
    return requests


def _study_uid(study: dict) -> str | None:
    for identifier in study.get("identifier", []):
        if identifier.get("system") == DICOM_UID_SYSTEM and identifier.get("value", "").startswith("urn:oid:"):
            return identifier["value"].removeprefix("urn:oid:")
    return None


def _wado_rs_addresses(study: dict) -> dict[str, str]:
    addresses = {}
    for contained in study.get("contained", []):
        codings = [(contained.get("connectionType") or {}).get(k) for k in ("system", "code")]
        if (contained.get("resourceType") == "Endpoint" and tuple(codings) == WADO_RS
                and contained.get("status") == "active" and contained.get("address")):
            addresses[f"#{contained.get('id')}"] = contained["address"]
    return addresses


def _first_address(references: list[dict], addresses: dict[str, str]) -> str | None:
    return next((addresses[r["reference"]] for r in references if r.get("reference") in addresses), None)


async def record(connection: AsyncConnection, topic: str, messages: list[tuple[str, dict]]) -> None:
    """Write hand-overs inside the caller's transaction; one already recorded is left as it is."""
    if not messages:
        return
    stamp, request_id = now_ms(), request_id_var.get()
    rows = [{"topic": topic, "key": key, "payload": payload, "created_ms": stamp, "next_attempt_ms": stamp,
             "attempts": 0, "request_id": None if request_id == "-" else request_id} for key, payload in messages]
    insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    await connection.execute(insert(OutboxMessage).values(rows).on_conflict_do_nothing(
        index_elements=["topic", "key"]))


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

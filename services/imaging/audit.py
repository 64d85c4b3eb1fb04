"""Imaging's audit trail: every request that touches an analysis (submit, read, page, mask download)
and every read of the trail leaves a FHIR AuditEvent, refused and failed ones too, naming the
patient (the analysis's subject), the client (the token's subject and its address) and the
outcome (the HTTP status).

Imaging keeps them in its own database (decision Imaging in docs/decisions.md, "audit trail"):
written in the request's own process right after its answer, as intake does; searchable with
`GET /AuditEvent?patient=Patient/{id}` (scope AuditEvent.s). They are patient data: no log line
carries them.
"""

import re
import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import col
from starlette.types import ASGIApp, Receive, Scope, Send

from services.imaging.models import AuditRecord
from services.imaging.writeback import IDENTIFIER_SYSTEM
from shared.audit import (
    ENTITY_TYPE,
    INTERACTION_SYSTEM,
    REST,
    agents,
    entity,
    outcome_of,
    request_entity,
    respond_then_record,
    source,
)
from shared.database import Database
from shared.fhir_time import instant, now_ms
from shared.logging import request_id_var

# the analysis page is audited once per page; its slice images (one request a scroll step) are not
_AUDITED = re.compile(r"^/(analyses(/(?P<id>[^/]{1,64})(?P<part>/mask|/view)?)?|AuditEvent)/?$")


class AuditTrail:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, event: dict, patient: str | None, analysis_id: str | None) -> None:
        async with self.db.transaction() as session:
            session.add(AuditRecord(id=event["id"], recorded_ms=now_ms(), patient=patient,
                                    analysis_id=analysis_id, event=event))

    async def search(self, patient: str | None = None, analysis_id: str | None = None,
                     limit: int = 100) -> list[dict]:
        """The AuditEvents of a patient or of an analysis, newest first."""
        statement = select(AuditRecord).order_by(col(AuditRecord.recorded_ms).desc()).limit(limit)
        if patient is not None:
            statement = statement.where(col(AuditRecord.patient) == patient)
        if analysis_id is not None:
            statement = statement.where(col(AuditRecord.analysis_id) == analysis_id)
        async with self.db.sessions() as session:
            return [record.event for record in (await session.execute(statement)).scalars()]


def note_analysis(request: Any, analysis_id: str, patient: str | None) -> None:
    """What a handler touched, for the AuditEvent of its request."""
    request.state.audit_analysis = analysis_id
    request.state.audit_patient = patient


def interaction_of(method: str, path: str) -> tuple[str, str]:
    """The FHIR restful-interaction code and the AuditEvent action of a request."""
    if path.startswith("/AuditEvent"):
        return "search-type", "E"
    return ("create", "C") if method == "POST" else ("read", "R")


def audit_event(method: str, path: str, status: int, who: list[dict], patient: str | None,
                analysis_id: str | None, request_id: str) -> dict:
    """who: the AuditEvent's agents (shared.audit.agents): the client, and the end client it acts for."""
    interaction, action = interaction_of(method, path)
    entities = [entity(patient)] if patient else []
    if analysis_id:
        entities.append({"what": {"identifier": {"system": IDENTIFIER_SYSTEM, "value": analysis_id}},
                         "type": {"system": ENTITY_TYPE, "code": "2", "display": "System Object"},
                         "description": "mask" if path.endswith("/mask") else "page" if path.endswith("/view") else "analysis"})
    entities.append(request_entity(request_id))
    return {
        "resourceType": "AuditEvent", "id": str(uuid.uuid4()),
        "type": REST, "subtype": [{"system": INTERACTION_SYSTEM, "code": interaction}], "action": action,
        "recorded": instant(now_ms()), "outcome": outcome_of(status), "outcomeDesc": f"HTTP {status}",
        "agent": who,
        "source": source("calcinosis-imaging", "calcinosis imaging service"),
        "entity": entities,
    }


class AuditMiddleware:
    """Records an AuditEvent for each request to the analyses (and to the trail) after its answer."""

    def __init__(self, app: ASGIApp, trail: AuditTrail) -> None:
        self.app, self.trail = app, trail

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _AUDITED.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            await self.app(scope, receive, send)
            return
        await respond_then_record(self.app, scope, receive, send,
                                  lambda status: self._record(scope, status, match["id"]))

    async def _record(self, scope: Scope, status: int, asked_id: str | None) -> None:
        state = scope.get("state", {})
        client = scope.get("client")
        analysis_id = state.get("audit_analysis") or asked_id
        patient = state.get("audit_patient")
        event = audit_event(scope["method"], scope["path"], status,
                            agents(state.get("principal"), client[0] if client else None, scope),
                            patient, analysis_id, request_id_var.get())
        await self.trail.record(event, patient, analysis_id)

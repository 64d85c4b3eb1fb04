"""The pieces of a FHIR R4 AuditEvent every service records the same way: who (the token's client,
and the address it called from), what (the patients and objects concerned), the outcome.

Intake records an AuditEvent per FHIR interaction (services/intake/rest/audit.py); imaging one per
request of its API that touches an analysis, in its own database (services/imaging/audit.py).
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import ON_BEHALF_OF, parse_on_behalf_of
from shared.errors import database_unavailable

log = logging.getLogger(__name__)

AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
REQUEST_ID_SYSTEM = "urn:calcinosis:request-id"
REST = {"system": AUDIT_EVENT_TYPE, "code": "rest", "display": "RESTful Operation"}
INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction"


def outcome_of(status: int) -> str:
    """AuditEvent.outcome: 0 success, 4 minor failure (the request was refused), 8 serious (ours)."""
    return "0" if status < 400 else "4" if status < 500 else "8"


def agent(principal: Any, client_address: str | None) -> dict:
    """The requesting client: the token's subject at its issuer (or unauthenticated), and its address."""
    who: dict[str, Any] = {"requestor": True, "type": {"coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/extra-security-role-type", "code": "datacollector"}]}}
    if principal is not None:
        who["who"] = {"identifier": {"system": principal.issuer, "value": principal.subject}}
        who["altId"] = principal.subject
    else:
        who["altId"] = "unauthenticated"
    if client_address:
        who["network"] = {"address": client_address, "type": "2"}  # 2: IP address
    return who


def agents(principal: Any, client_address: str | None, scope: Scope) -> list[dict]:
    """The requesting client, then the end client it names in X-On-Behalf-Of, if any. The end client
    is recorded beside the service whose token was checked, never instead of it: it adds to the
    trail and cannot take the service's place (and is not recorded for an unauthenticated call)."""
    behalf = parse_on_behalf_of(next((value.decode("latin-1") for key, value in scope.get("headers", [])
                                      if key.lower() == _ON_BEHALF_HEADER), None))
    return [agent(principal, client_address), *([end_client(*behalf)] if behalf and principal is not None else [])]


_ON_BEHALF_HEADER = ON_BEHALF_OF.lower().encode()


def end_client(issuer: str, subject: str) -> dict:
    """The client a calling service acts for, as that service names it."""
    return {"requestor": True, "who": {"identifier": {"system": issuer, "value": subject}}, "altId": subject,
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                 "code": "PRCP", "display": "primary information recipient"}],
                     "text": "end client, named by the calling service (X-On-Behalf-Of)"}}


def entity(reference: str) -> dict:
    """A resource the interaction concerned, by reference; a patient as the patient."""
    patient = reference.startswith("Patient/")
    return {"what": {"reference": reference},
            "type": {"system": ENTITY_TYPE, "code": "1" if patient else "2",
                     "display": "Person" if patient else "System Object"},
            "role": {"system": OBJECT_ROLE, "code": "1" if patient else "4",
                     "display": "Patient" if patient else "Domain Resource"}}


def request_entity(request_id: str) -> dict:
    """The request id, which the service's log lines carry: from the audit trail to the logs."""
    return {"what": {"identifier": {"system": REQUEST_ID_SYSTEM, "value": request_id}}, "description": "request id"}


def source(site: str, observer: str) -> dict:
    return {"site": site, "observer": {"display": observer},
            "type": [{"system": SOURCE_TYPE, "code": "4", "display": "Application Server"}]}


async def respond_then_record(app: ASGIApp, scope: Scope, receive: Receive, send: Send,
                              record: Callable[[int], Awaitable[None]]) -> None:
    """Run the request, then record(status) of its answer: the status sent, or, when the request
    raised, the one shared.errors answers it with. A record that fails is logged (without patient
    data) and never fails the request it describes."""
    status = 500

    async def send_status(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        await send(message)

    try:
        await app(scope, receive, send_status)
    except Exception as exc:  # answered outside the audit middleware, as shared.errors decides
        status = 503 if database_unavailable(exc) else 500
        raise
    finally:
        try:
            await record(status)
        except Exception as exc:  # never fail a request for its audit; but say so, without patient data
            log.error("could not record the AuditEvent of a %s request (status %s): %s", scope["method"], status,
                      type(exc).__name__)

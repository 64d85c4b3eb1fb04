"""The audit trail: every FHIR interaction with patient data leaves an AuditEvent.

Who (the token's client, or "development"), what (the resources and patients concerned, and
the search query), when, from where, and the outcome (the HTTP status), recorded after the
response by a middleware, as a FHIR R4 AuditEvent stored in this server through the interactions
layer, as every write is, and searchable there (`GET /fhir/AuditEvent?patient=...`, scope
AuditEvent.rs). Denied and failed requests are recorded too. The logs never see patient data;
AuditEvents are patient data, behind the scopes.
"""

import base64
import logging
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.intake.interactions import Interactions
from shared.errors import database_unavailable
from shared.fhir_time import instant, now_ms
from shared.logging import request_id_var

log = logging.getLogger(__name__)

MAX_ENTITIES = 50  # a transaction of thousands names its first patients and resources, not all
REST = {"system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest", "display": "RESTful Operation"}
INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction"
ACTIONS = {"create": "C", "read": "R", "vread": "R", "search-type": "E", "search-system": "E", "history-instance": "R",
           "history-type": "R", "history-system": "R", "update": "U", "delete": "D", "transaction": "E",
           "batch": "E", "operation": "E", "capabilities": "R"}
_UNAUDITED = re.compile(r"^/fhir/(metadata|\.well-known/.*)$")
_RESOURCE_PATH = re.compile(r"^/fhir/(?P<type>[A-Z][A-Za-z]+)(?:/(?P<id>[A-Za-z0-9\-.]{1,64}))?(?P<rest>/.*)?$")


def interaction_of(method: str, path: str) -> str:
    """The FHIR restful-interaction code of a request."""
    if path == "/fhir":
        return "transaction" if method == "POST" else "search-system"
    if path == "/fhir/_history":
        return "history-system"
    match = _RESOURCE_PATH.match(path)
    if match is None:
        return "operation"
    rest, has_id = match["rest"] or "", match["id"] is not None
    if "$" in path:
        return "operation"
    if rest.startswith("/_history/"):
        return "vread"
    if rest == "/_history" or match["id"] == "_history":
        return "history-instance" if has_id and match["id"] != "_history" else "history-type"
    if match["id"] == "_search" or (not has_id and method == "GET"):
        return "search-type"
    return {"POST": "create", "PUT": "update", "DELETE": "delete"}.get(method, "read")


def outcome_of(status: int) -> str:
    """AuditEvent.outcome: 0 success, 4 minor failure (the request was refused), 8 serious (ours)."""
    return "0" if status < 400 else "4" if status < 500 else "8"


def audit_event(method: str, path: str, query: str, status: int, principal: Any, client_address: str | None,
                entities: list[str], request_id: str) -> dict:
    interaction = interaction_of(method, path)
    match = _RESOURCE_PATH.match(path)
    touched = list(dict.fromkeys(entities or ([f"{match['type']}/{match['id']}"] if match and match["id"]
                                               and not match["id"].startswith(("_", "$")) else [])))
    event: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "type": REST,
        "subtype": [{"system": INTERACTION_SYSTEM, "code": interaction}],
        "action": ACTIONS.get(interaction, "E"),
        "recorded": instant(now_ms()),
        "outcome": outcome_of(status),
        "outcomeDesc": f"HTTP {status}",
        "agent": [_agent(principal, client_address)],
        "source": {"site": "calcinosis-intake", "observer": {"display": "calcinosis intake FHIR server"},
                   "type": [{"system": "http://terminology.hl7.org/CodeSystem/security-source-type", "code": "4",
                             "display": "Application Server"}]},
        "entity": [_entity(reference) for reference in touched[:MAX_ENTITIES]],
    }
    if query:
        event["entity"].append({"type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                                         "code": "2", "display": "System Object"},
                                "query": base64.b64encode(query.encode()).decode(), "description": "search"})
    event["entity"].append({"what": {"identifier": {"system": "urn:calcinosis:request-id", "value": request_id}},
                            "description": "request id"})
    return event


def _agent(principal: Any, client_address: str | None) -> dict:
    agent: dict[str, Any] = {"requestor": True, "type": {"coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/extra-security-role-type", "code": "datacollector"}]}}
    if principal is not None:
        agent["who"] = {"identifier": {"system": principal.issuer, "value": principal.subject}}
        agent["altId"] = principal.subject
    else:
        agent["altId"] = "unauthenticated"
    if client_address:
        agent["network"] = {"address": client_address, "type": "2"}  # 2: IP address
    return agent


def _entity(reference: str) -> dict:
    patient = reference.startswith("Patient/")
    return {"what": {"reference": reference},
            "type": {"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                     "code": "1" if patient else "2", "display": "Person" if patient else "System Object"},
            "role": {"system": "http://terminology.hl7.org/CodeSystem/object-role",
                     "code": "1" if patient else "4", "display": "Patient" if patient else "Domain Resource"}}


def patients_of(resources: list[dict]) -> list[str]:
    """The patients a set of resources is about: themselves, or their subject."""
    found = []
    for resource in resources:
        if resource.get("resourceType") == "Patient":
            found.append(f"Patient/{resource['id']}")
        reference = (resource.get("subject") or {}).get("reference", "")
        if reference.startswith("Patient/"):
            found.append(reference)
    return found


def patients_named(pairs: list[tuple[str, str]]) -> list[str]:
    """The patients a search asks about (patient=, subject=Patient/...), found or not."""
    found = []
    for key, value in pairs:
        name = key.split(":", 1)[0]
        for item in value.split(",") if name in ("patient", "subject") else ():
            tail = item.rsplit("/", 2)[-2:]
            if len(tail) == 2 and tail[0] == "Patient":
                found.append(f"Patient/{tail[1]}")
            elif name == "patient" and "/" not in item:
                found.append(f"Patient/{item}")
    return found


def note_entities(request: Any, references: list[str]) -> None:
    """What a handler read or wrote, for the AuditEvent of its request."""
    request.state.audit_entities = [*getattr(request.state, "audit_entities", []), *references]


class AuditMiddleware:
    """Records an AuditEvent for each request to /fhir after its response is sent."""

    def __init__(self, app: ASGIApp, interactions: Interactions) -> None:
        self.app, self.interactions = app, interactions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/fhir") or _UNAUDITED.match(path):
            await self.app(scope, receive, send)
            return
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        except Exception as exc:  # answered outside this middleware, as shared.errors decides
            status = 503 if database_unavailable(exc) else 500
            raise
        finally:
            await self._record(scope, status)

    async def _record(self, scope: Scope, status: int) -> None:
        state = scope.get("state", {})
        client = scope.get("client")
        event = audit_event(scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"),
                            status, state.get("principal"), client[0] if client else None,
                            state.get("audit_entities", []), request_id_var.get())
        try:
            await self.interactions.record_audit_event(event)
        except Exception as exc:  # never fail a request for its audit; but say so, without patient data
            log.error("could not record the AuditEvent of a %s request (status %s): %s", scope["method"], status,
                      type(exc).__name__)

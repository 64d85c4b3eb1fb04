"""The audit trail: every FHIR interaction with patient data leaves an AuditEvent.

Who (the token's client, or "development"), what (the resources and patients concerned, and
the search query), when, from where, and the outcome (the HTTP status), recorded after the
response by a middleware, as a FHIR R4 AuditEvent stored in this server through the interactions
layer, as every write is, and searchable there (`GET /fhir/AuditEvent?patient=...`, scope
AuditEvent.rs). Denied and failed requests are recorded too. The logs never see patient data;
AuditEvents are patient data, behind the scopes.
"""

import base64
import re
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from services.intake.interactions import Interactions
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
from shared.fhir_time import instant, now_ms
from shared.logging import request_id_var

MAX_ENTITIES = 50  # a transaction of thousands names its first patients and resources, not all
ACTIONS = {"create": "C", "read": "R", "vread": "R", "search-type": "E", "search-system": "E", "history-instance": "R",
           "history-type": "R", "history-system": "R", "update": "U", "patch": "U", "delete": "D", "transaction": "E",
           "batch": "E", "operation": "E", "capabilities": "R"}
_UNAUDITED = re.compile(r"^/fhir/(metadata|\.well-known/.*)$")
_RESOURCE_PATH = re.compile(r"^/fhir/(?P<type>[A-Z][A-Za-z]+)(?:/(?P<id>[A-Za-z0-9\-.]{1,64}))?(?P<rest>/.*)?$")


def interaction_of(method: str, path: str) -> str:
    """The FHIR restful-interaction code of a request."""
    if path in ("/fhir", "/fhir/"):  # a transaction may be posted to the base with a slash (routes.py)
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
    return {"POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": "delete"}.get(method, "read")


def audit_event(method: str, path: str, query: str, status: int, who: list[dict], entities: list[str],
                request_id: str) -> dict:
    """who: the AuditEvent's agents (shared.audit.agents)."""
    interaction = interaction_of(method, path)
    match = _RESOURCE_PATH.match(path)
    named = [f"{match['type']}/{match['id']}"] if match and match["id"] and not match["id"].startswith(("_", "$")) else []
    touched = list(dict.fromkeys(named + entities))  # what the URL names, then what was read or written
    event: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "type": REST,
        "subtype": [{"system": INTERACTION_SYSTEM, "code": interaction}],
        "action": ACTIONS.get(interaction, "E"),
        "recorded": instant(now_ms()),
        "outcome": outcome_of(status),
        "outcomeDesc": f"HTTP {status}",
        "agent": who,
        "source": source("calcinosis-intake", "calcinosis intake FHIR server"),
        "entity": [entity(reference) for reference in touched[:MAX_ENTITIES]],
    }
    if query:
        event["entity"].append({"type": {"system": ENTITY_TYPE, "code": "2", "display": "System Object"},
                                "query": base64.b64encode(query.encode()).decode(), "description": "search"})
    event["entity"].append(request_entity(request_id))
    return event


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


def patients_asked(path: str, pairs: list[tuple[str, str]]) -> list[str]:
    """The patients a read or search asks about, before it runs (its path is below the FHIR base)."""
    parts = [p for p in path.strip("/").split("/") if p]
    named = [f"Patient/{parts[1]}"] if len(parts) > 1 and parts[0] == "Patient" and parts[1][:1] not in "_$" else []
    return named + patients_named(pairs)


def bundle_asked(bundle: Any) -> list[str]:
    """The patients the reads and searches of a transaction or batch ask about."""
    found: list[str] = []
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        request = entry.get("request") if isinstance(entry, dict) else None
        if isinstance(request, dict) and request.get("method") in ("GET", "HEAD") and isinstance(request.get("url"), str):
            path, _, query = request["url"].partition("?")
            found += patients_asked(path, parse_qsl(query, keep_blank_values=True))
    return found


def bundle_touched(response: dict) -> list[str]:
    """What a transaction or batch wrote (its locations) and the patients of all it returned,
    the matches and includes of its searches too."""
    entries = response.get("entry", [])
    written = [e["response"]["location"].split("/_history")[0] for e in entries if e.get("response", {}).get("location")]
    returned = [e["resource"] for e in entries if isinstance(e.get("resource"), dict)]
    inner = [i["resource"] for r in returned if r.get("resourceType") == "Bundle" for i in r.get("entry", [])]
    return written + patients_of([r for r in returned if r.get("resourceType") != "Bundle"] + inner)


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
        await respond_then_record(self.app, scope, receive, send, lambda status: self._record(scope, status))

    async def _record(self, scope: Scope, status: int) -> None:
        state = scope.get("state", {})
        client = scope.get("client")
        event = audit_event(scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1"), status,
                            agents(state.get("principal"), client[0] if client else None, scope),
                            state.get("audit_entities", []), request_id_var.get())
        await self.interactions.record_audit_event(event)

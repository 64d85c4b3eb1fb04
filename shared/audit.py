"""The pieces of a FHIR R4 AuditEvent every service records the same way: who (the token's client,
and the address it called from), what (the patients and objects concerned), the outcome.

Intake records an AuditEvent per FHIR interaction (services/intake/rest/audit.py); imaging one per
request of its API that touches an analysis, in its own database (services/imaging/audit.py).
"""

from typing import Any

AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type"
ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
REQUEST_ID_SYSTEM = "urn:calcinosis:request-id"


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

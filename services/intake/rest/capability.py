"""The CapabilityStatement: generated from the same registry the server runs on,
so that it lists exactly what is implemented."""

from datetime import UTC, datetime

from services.intake.fhir.r4 import definitions as r4_definitions
from services.intake.fhir.registry import (
    READ_ONLY_TYPES,
    SUPPORTED_TYPES,
    includable,
    revincludable,
    search_parameters,
)
from services.intake.interactions import MODIFIERS
from shared.auth import capability_security
from shared.settings import Settings

INTERACTIONS = ["read", "vread", "update", "patch", "delete", "history-instance", "history-type", "create",
                "search-type"]
READ_INTERACTIONS = ["read", "vread", "history-instance", "history-type", "search-type"]


def _modifiers(kind: str) -> list[str]:
    """The modifiers a parameter type takes, from the search parser itself."""
    allowed = MODIFIERS[kind]
    return [":[type]", ":missing"] if allowed is None else [f":{m}" for m in sorted(allowed)]


def capability_statement(base: str, version: str, started: datetime, settings: Settings) -> dict:
    resources = []
    for resource_type in SUPPORTED_TYPES:
        params = search_parameters()[resource_type]
        resources.append({
            "type": resource_type,
            "profile": f"http://hl7.org/fhir/StructureDefinition/{resource_type}",
            "interaction": [{"code": code} for code in
                            (READ_INTERACTIONS if resource_type in READ_ONLY_TYPES else INTERACTIONS)],
            "versioning": "versioned-update",
            "readHistory": True,
            "updateCreate": True,
            "conditionalCreate": True,
            "conditionalRead": "not-supported",
            "conditionalUpdate": False,
            "conditionalDelete": "not-supported",
            "referencePolicy": ["literal", "logical", "enforced", "local"],
            "searchInclude": sorted(f"{s}:{p}" for s, p in includable() if s == resource_type) or None,
            "searchRevInclude": sorted(f"{s}:{p}" for s, p in revincludable(resource_type)) or None,
            "searchParam": [
                {"name": name, "definition": p.definition, "type": p.type,
                 "documentation": f"{p.documentation} (modifiers: {', '.join(_modifiers(p.type))})"}
                for name, p in params.items()
            ],
            "operation": [{"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"}],
        })
        for key in ("searchInclude", "searchRevInclude"):
            if resources[-1][key] is None:
                del resources[-1][key]
        if resource_type in READ_ONLY_TYPES:  # recorded by the server: no writes, no $validate
            resources[-1].update(updateCreate=False, conditionalCreate=False)
            del resources[-1]["operation"]
    # Bundles are not stored; they are processed (transaction, batch) and validated, entry by entry.
    resources.append({"type": "Bundle", "profile": "http://hl7.org/fhir/StructureDefinition/Bundle",
                      "operation": [{"name": "validate",
                                     "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"}]})
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": started.astimezone(UTC).isoformat(timespec="seconds"),
        "publisher": "Calcinosis project",
        "kind": "instance",
        "software": {"name": "calcinosis-intake", "version": version},
        "implementation": {"description": "Tumoral calcinosis intake FHIR server", "url": base},
        "fhirVersion": r4_definitions().version,  # the version the R4 layer validates against: 4.0.1
        "format": ["application/fhir+json", "json"],
        "rest": [{
            "mode": "server",
            "security": capability_security(settings),
            "resource": resources,
            "interaction": [{"code": "transaction"}, {"code": "batch"}, {"code": "history-system"}],
            "searchParam": [
                {"name": "_count", "type": "number", "documentation": "Page size"},
                {"name": "_offset", "type": "number", "documentation": "Index of the first match on the page"},
                {"name": "_sort", "type": "string", "documentation": "Sort keys, '-' for descending"},
                {"name": "_summary", "type": "token",
                 "documentation": "true | text | data | count | false (also on read and vread, but count)"},
                {"name": "_elements", "type": "string",
                 "documentation": "Top-level elements to return, comma-separated (also on read and vread)"},
                {"name": "_total", "type": "token", "documentation": "none | estimate | accurate"},
            ],
        }],
    }


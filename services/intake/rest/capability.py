"""The CapabilityStatement: generated from the same registry the server runs on,
so that it lists exactly what is implemented."""

from datetime import UTC, datetime

from services.intake.fhir.r4 import definitions as r4_definitions
from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES, includable, search_parameters
from shared.auth import capability_security
from shared.settings import Settings

INTERACTIONS = ["read", "vread", "update", "delete", "history-instance", "history-type", "create", "search-type"]
READ_INTERACTIONS = ["read", "vread", "history-instance", "history-type", "search-type"]


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
            "searchParam": [
                {"name": name, "definition": p.definition, "type": p.type, "documentation": p.documentation}
                for name, p in params.items()
            ],
            "operation": [{"name": "validate", "definition": "http://hl7.org/fhir/OperationDefinition/Resource-validate"}],
        })
        if resources[-1]["searchInclude"] is None:
            del resources[-1]["searchInclude"]
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
                {"name": "_summary", "type": "token", "documentation": "Only _summary=count"},
                {"name": "_total", "type": "token", "documentation": "none | estimate | accurate"},
            ],
        }],
    }


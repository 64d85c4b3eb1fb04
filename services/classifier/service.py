"""The classifier's use cases, between HTTP and the engine: validate, classify, report issues."""

import uuid
from typing import Any

from services.classifier.issues import ClassifierInputError
from services.classifier.pipeline import classify
from shared.errors import FHIRError, Issue, operation_outcome
from shared.fhir_model import model_issues


def _shared(issue: dict) -> Issue:
    return Issue(issue["code"], issue["diagnostics"], issue["severity"], tuple(issue.get("expression", ())))


def record_bundle(record: dict) -> dict:
    """A patient's record ({"patient", "observations"}) as the collection Bundle /classify takes."""
    resources = [record["patient"], *record["observations"]]
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


def classify_bundle(payload: Any, canonical_base: str) -> dict:
    """The result Bundle for an input Bundle. Unusable input raises a FHIRError; problems with
    single values are reported in an OperationOutcome entry of the result, which still stands."""
    if not isinstance(payload, dict) or payload.get("resourceType") != "Bundle":
        raise FHIRError.of(400, "invalid", "The body must be a FHIR Bundle holding one Patient and its Observations")
    problems = model_issues(payload, "Bundle")
    if problems:
        raise FHIRError(400, problems)
    try:
        result, found = classify(payload, canonical_base)
    except ClassifierInputError as exc:
        raise FHIRError(422, [_shared(i) for i in exc.as_dicts()]) from None
    if found:
        result.setdefault("entry", []).append({
            "fullUrl": f"urn:uuid:{uuid.uuid4()}",
            "resource": {"id": str(uuid.uuid4()), **operation_outcome([_shared(i) for i in found])},
        })
    return result

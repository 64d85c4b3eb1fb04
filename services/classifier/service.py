"""The classifier's use cases, between HTTP and the engine: validate, classify, report issues."""

import uuid
from typing import Any

from services.classifier.boundary import screen
from services.classifier.issues import ClassifierInputError
from services.classifier.pipeline import classify
from shared.errors import FHIRError


def record_bundle(record: dict) -> dict:
    """A patient's record ({"patient", "observations"}) as the collection Bundle /classify takes."""
    resources = [record["patient"], *record["observations"]]
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


def classify_bundle(payload: Any, canonical_base: str) -> dict:
    """The result Bundle for an input Bundle. Unusable input raises a FHIRError; problems with
    single resources or values are reported in an OperationOutcome entry of the result, which
    still stands on the rest (docs/decisions.md, "Classifier")."""
    screened = screen(payload)  # 400 when it is not a Bundle of resource objects
    try:
        result, found = classify(screened.bundle, canonical_base, left_out=screened.left_out)
    except ClassifierInputError as exc:
        raise FHIRError(422, exc.issues) from None
    issues = [*(i.to_fhir() for i in screened.issues), *found]
    if issues:
        result.setdefault("entry", []).append({
            "fullUrl": f"urn:uuid:{uuid.uuid4()}",
            "resource": {"id": str(uuid.uuid4()), "resourceType": "OperationOutcome", "issue": issues},
        })
    return result

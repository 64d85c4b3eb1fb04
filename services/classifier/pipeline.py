"""The classifier's one entry point for the web layer: input Bundle -> result Bundle + issues."""

from collections.abc import Collection
from datetime import date

from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import assess
from services.classifier.knowledge import Knowledge, knowledge
from services.classifier.output import build_result_bundle


def classify(bundle_or_resources: dict, base: str, today: date | None = None, kb: Knowledge | None = None,
             left_out: Collection[int] = ()) -> tuple[dict, list[dict]]:
    """Classify one patient.

    `bundle_or_resources`: a FHIR Bundle holding one Patient and its Observations, or
    {"patient": {...}, "observations": [...]}; `left_out`: indices of entries not to use. Returns
    (result Bundle, issues as OperationOutcome issue dicts). Raises ClassifierInputError (with
    .issues) when the input cannot be classified.
    """
    kb = kb or knowledge()
    today = today or date.today()
    resources = split_input(bundle_or_resources, left_out)
    features = extract_features(resources, today, kb)
    assessment = assess(features, kb)
    return build_result_bundle(features, assessment, base, today, kb), [issue.to_fhir() for issue in features.issues]

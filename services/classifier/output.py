"""Builds the classifier's FHIR output Bundle (vocabulary.md, "Outputs of the classifier")."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from services.classifier.codesystems import codesystem_url
from services.classifier.features import PatientFeatures
from services.classifier.inference import Assessment
from services.classifier.knowledge import Knowledge, knowledge
from services.classifier.management import Advice
from services.classifier.narrative import risk_assessment_text
from services.classifier.probability import format_probability

ALERT_PREFIX = "ALERT"  # the first note of an assessment with a can't-miss alarm: "ALERT (critical): ..."
NONE_FITS_PREFIX = "NONE FITS WELL"  # the note saying that no modelled diagnosis explains the findings well
# What each RiskAssessment.note is (valueCode: alert, cant-miss-check, none-fits, next-best-test,
# also-informative, suggested-test, management), so that readers (the CDS card) need not read its words.
NOTE_KIND = "urn:calcinosis:note-kind"
# A model of clinical estimates cannot know a diagnosis to better than 1 in 100 (decisions.md,
# Classifier 4): no probability above 0.99 is reported, and none is exactly 0.
PROBABILITY_CEILING = 0.99
PROBABILITY_FLOOR = 0.0001


def reported_probability(p: float) -> float:
    return min(PROBABILITY_CEILING, max(PROBABILITY_FLOOR, round(p, 4)))


def _urn() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _subject(features: PatientFeatures) -> dict:
    if features.patient_reference.startswith(("Patient/", "urn:")):
        return {"reference": features.patient_reference}
    return {"display": "the patient of the request"}


def _concept(base: str, system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": codesystem_url(base, system), "code": code, "display": display}], "text": display}


def _outcome(base: str, code: str, display: str, kb: Knowledge) -> dict:
    """The diagnosis coding, followed by its normative grouping code of vocabulary.md when it has one
    (vitamin-d-intoxication is also vitamin-d-or-milk-alkali): callers matching either find it."""
    concept = _concept(base, "calcinosis-diagnosis", code, display)
    diagnosis = kb.diagnoses.get(code)
    if diagnosis is not None and diagnosis.normative_code:
        group = diagnosis.normative_code
        concept["coding"].append({"system": codesystem_url(base, "calcinosis-diagnosis"), "code": group,
                                  "display": kb.concept_displays["calcinosis-diagnosis"][group]})
    return concept


def _none_fits_note(assessment: Assessment, kb: Knowledge) -> str:
    none_fits = assessment.none_fits
    assert none_fits is not None  # the note is written only when none fits
    unexplained = "; ".join(none_fits.unexplained) if none_fits.unexplained else "the findings taken together"
    return (f"{NONE_FITS_PREFIX} ({format_probability(none_fits.probability)}): none of the modelled diagnoses explains the "
            f"findings well. Best modelled explanation: {kb.outcome_display(none_fits.best)} "
            f"({format_probability(none_fits.best_probability)}); it leaves unexplained: {unexplained}. The typing and "
            f"mechanism are those of this best explanation. Check the data, then discuss at a metabolic bone and "
            f"sarcoma multidisciplinary meeting; histology before any treatment.")


def _note(kind: str, text: str) -> dict:
    return {"extension": [{"url": NOTE_KIND, "valueCode": kind}], "text": text}


def _display(kb: Knowledge, system: str, code: str) -> str:
    return kb.concept_displays[system][code]


def _risk_assessment(features: PatientFeatures, assessment: Assessment, base: str, today: date, kb: Knowledge) -> dict:
    notes = []
    alarms = assessment.alarms
    for alarm in alarms:  # critical first
        notes.append(_note("alert", f"{ALERT_PREFIX} ({alarm.level}): {alarm.summary}"))
    for alarm in alarms:
        notes.append(_note("cant-miss-check", f"Can't-miss check: {alarm.detail}. Next step: {alarm.action}."))
    if assessment.none_fits:
        notes.append(_note("none-fits", _none_fits_note(assessment, kb)))
    notes += [
        _note("next-best-test" if rank == 0 else "also-informative",
              f"{'Next best test' if rank == 0 else 'Also informative'}: {s.proposal.missing} - {s.proposal.request} "
              f"(expected information gain {s.expected_information_gain:.2f} bits over the leading candidates).")
        for rank, s in enumerate(assessment.next_tests)
    ]
    notes += [_note("suggested-test", f"Suggested test: {a.text} (source: {'; '.join(a.sources)})")
              for a in assessment.suggested_tests]
    notes += [_note("management", f"Management consideration: {'[' + a.kind.upper() + '] ' if a.flagged else ''}{a.text} "
                                  f"(source: {'; '.join(a.sources)})")
              for a in assessment.management]
    resource = {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": _subject(features),
        "occurrenceDateTime": today.isoformat(),
        "code": {"text": "Differential diagnosis of soft-tissue calcinosis"},
        "method": {"text": "Naive Bayes: prior x likelihood ratios of the observed findings (knowledge files of the classifier)"},
        "prediction": [
            {
                "outcome": _outcome(base, p.code, p.display, kb),
                "probabilityDecimal": reported_probability(p.probability),
                "rationale": p.rationale,
            }
            for p in assessment.predictions  # the reported ones (inference.assess)
        ],
    }
    basis = [{"reference": reference} for reference in features.used_references
             if reference.startswith(("Observation/", "Patient/", "DiagnosticReport/", "urn:"))]
    if basis:
        resource["basis"] = basis
    if notes:
        resource["note"] = notes
    resource["text"] = risk_assessment_text(resource["prediction"], _display(kb, "calcinosis-typing", assessment.typing),
                                            alarms, _none_fits_note(assessment, kb) if assessment.none_fits else None)
    if alarms:
        resource["mitigation"] = " ".join(f"Can't-miss alarm ({alarm.level}): {alarm.action}." for alarm in alarms)
    return resource


def _result_observation(features: PatientFeatures, base: str, today: date, code: str, value_code: str,
                        kb: Knowledge) -> dict:
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "code": _concept(base, "calcinosis-finding", code, _display(kb, "calcinosis-finding", code)),
        "subject": _subject(features),
        "effectiveDateTime": today.isoformat(),
        "valueCodeableConcept": _concept(base, "calcinosis-typing", value_code, _display(kb, "calcinosis-typing", value_code)),
    }
    derived = [{"reference": r} for r in features.used_references if r.startswith("Observation/")]
    if derived:
        observation["derivedFrom"] = derived
    return observation


def _service_requests(features: PatientFeatures, assessment: Assessment, risk_url: str) -> list[dict]:
    # the can't-miss work-up first, then the information-gain tests, then the rules' other tests
    # (inference.assess leaves out a rule test that an information-gain test already asks for)
    requests = [_rule_request(features, advice, risk_url) for advice in assessment.suggested_tests if advice.urgent]
    for suggestion in assessment.next_tests:
        code: dict[str, Any] = {"text": suggestion.proposal.request}
        if suggestion.proposal.code:
            code["coding"] = [suggestion.proposal.code.model_dump(exclude_none=True)]
        requests.append({
            "resourceType": "ServiceRequest",
            "status": "draft",
            "intent": "proposal",
            "code": code,
            "subject": _subject(features),
            "reasonCode": [{"text": suggestion.proposal.missing}],
            "supportingInfo": [{"reference": risk_url}],
            "note": [{"text": f"Expected information gain {suggestion.expected_information_gain:.2f} bits "
                              "over the leading candidates."}],
        })
    requests += [_rule_request(features, advice, risk_url) for advice in assessment.suggested_tests if not advice.urgent]
    return requests


def _rule_request(features: PatientFeatures, advice: Advice, risk_url: str) -> dict:
    code: dict[str, Any] = {"text": advice.text}
    if advice.code:
        code["coding"] = [advice.code.model_dump(exclude_none=True)]
    request = {
        "resourceType": "ServiceRequest",
        "status": "draft",
        "intent": "proposal",
        "priority": "urgent" if advice.urgent else "routine",
        "code": code,
        "subject": _subject(features),
        "reasonCode": [{"text": "can't-miss work-up" if advice.urgent else "management rules of the classifier"}],
        "supportingInfo": [{"reference": risk_url}],
        "note": [{"text": f"Source: {'; '.join(advice.sources)}"}],
    }
    return request


def build_result_bundle(features: PatientFeatures, assessment: Assessment, base: str, today: date,
                        kb: Knowledge | None = None) -> dict:
    """Bundle (collection): RiskAssessment, typing and mechanism Observations, proposed ServiceRequests."""
    kb = kb or knowledge()
    risk_url = _urn()
    resources = [
        (risk_url, _risk_assessment(features, assessment, base, today, kb)),
        (_urn(), _result_observation(features, base, today, "calcinosis-typing", assessment.typing, kb)),
        (_urn(), _result_observation(features, base, today, "calcinosis-mechanism", assessment.mechanism, kb)),
        *((_urn(), request) for request in _service_requests(features, assessment, risk_url)),
    ]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in resources],
    }

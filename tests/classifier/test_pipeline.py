import json
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.classifier.issues import ClassifierInputError
from services.classifier.pipeline import classify
from tests.classifier.builders import BASE, bundle, lab, mass, patient

CASES = Path(__file__).parent / "cases"
TODAY = date(2024, 9, 1)


def load_case(name):
    return json.loads((CASES / f"{name}.json").read_text())


def resources_of(result, kind):
    return [e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == kind]


@pytest.fixture(scope="module")
def uremic_result():
    return classify(load_case("uremic-published-hip-case"), BASE, date(2024, 5, 1))


def test_result_bundle_and_every_resource_are_valid_fhir(uremic_result):
    result, _ = uremic_result
    get_fhir_model_class("Bundle").model_validate(result)
    for entry in result["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert result["type"] == "collection"


def test_risk_assessment_is_ranked_coded_and_explained(uremic_result):
    result, issues = uremic_result
    [risk] = resources_of(result, "RiskAssessment")
    probabilities = [p["probabilityDecimal"] for p in risk["prediction"]]
    assert probabilities == sorted(probabilities, reverse=True)
    top = risk["prediction"][0]
    assert top["outcome"]["coding"][0] == {"system": f"{BASE}/CodeSystem/calcinosis-diagnosis", "code": "tc-secondary-uremic",
                                           "display": "Secondary (uremic) tumoral calcinosis"}
    assert "renal status: on dialysis (LR 21.2)" in top["rationale"]
    assert "correlated with a stronger finding" in top["rationale"]  # PTH, phosphate, Ca x P damped
    assert "Observation/uremic-published-hip-case-lab-1" in {b["reference"] for b in risk["basis"]}
    assert any("First line: lower the calcium x phosphate product" in n["text"] for n in risk["note"])
    assert issues == []


def test_typing_and_mechanism_observations(uremic_result):
    result, _ = uremic_result
    typing, mechanism = resources_of(result, "Observation")
    assert typing["code"]["coding"][0]["system"] == f"{BASE}/CodeSystem/calcinosis-finding"
    assert typing["code"]["coding"][0]["code"] == "calcinosis-typing"
    assert typing["valueCodeableConcept"]["coding"][0] == {"system": f"{BASE}/CodeSystem/calcinosis-typing", "code": "secondary",
                                                           "display": "Secondary tumoral calcinosis"}
    assert mechanism["code"]["coding"][0]["code"] == "calcinosis-mechanism"
    assert mechanism["valueCodeableConcept"]["coding"][0]["code"] == "metastatic"


def test_next_best_test_for_tumoral_calcinosis_without_labs_is_phosphate():
    result, _ = classify(load_case("nftc-missing-labs"), BASE, date(2024, 6, 6))
    [risk] = resources_of(result, "RiskAssessment")
    assert risk["note"][0]["text"].startswith("Next best test: serum phosphate not available")
    requests = resources_of(result, "ServiceRequest")
    assert requests and all(r["status"] == "draft" and r["intent"] == "proposal" for r in requests)
    assert requests[0]["code"]["coding"][0] == {"system": "http://loinc.org", "code": "2777-1"}
    for request in requests:
        get_fhir_model_class("ServiceRequest").model_validate(request)


def test_typing_of_primary_forms():
    hyper, _ = classify(load_case("hftc-child-hip-familial"), BASE, date(2024, 9, 10))
    normo, _ = classify(load_case("nftc-toddler-phosphate-normal-for-age"), BASE, date(2024, 9, 1))
    assert resources_of(hyper, "Observation")[0]["valueCodeableConcept"]["coding"][0]["code"] == "primary-hyperphosphatemic"
    assert resources_of(normo, "Observation")[0]["valueCodeableConcept"]["coding"][0]["code"] == "primary-normophosphatemic"
    assert resources_of(normo, "Observation")[1]["valueCodeableConcept"]["coding"][0]["code"] == "idiopathic"


def test_not_tumoral_calcinosis_typing_without_management():
    result, _ = classify(load_case("calcific-tendinopathy-shoulder"), BASE, date(2024, 7, 7))
    assert resources_of(result, "Observation")[0]["valueCodeableConcept"]["coding"][0]["code"] == "not-tumoral-calcinosis"
    assert not any("Management" in n["text"] for n in resources_of(result, "RiskAssessment")[0].get("note", []))


def test_issues_are_returned_as_operation_outcome_issues():
    _, issues = classify(bundle(patient(), lab("2777-1", -3, "mg/dL", id="bad")), BASE, TODAY)
    get_fhir_model_class("OperationOutcome").model_validate({"resourceType": "OperationOutcome", "issue": issues})
    assert issues[0]["severity"] == "error" and "Observation/bad" in issues[0]["diagnostics"]


def test_accepts_patient_and_observations_object():
    result, _ = classify({"patient": patient(), "observations": [mass("hip-gluteal", pattern="lobulated-cloudlike")]}, BASE,
                         TODAY)
    assert resources_of(result, "RiskAssessment")[0]["subject"] == {"reference": "Patient/p1"}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (bundle(lab("2777-1", 4, "mg/dL")), "no Patient"),
        (bundle(patient(id="a"), patient(id="b")), "2 Patients"),
        ({"resourceType": "Observation"}, "must be a FHIR Bundle"),
        ({"resourceType": "Bundle", "entry": [{"fullUrl": "x"}]}, "has no resource"),
        ({"resourceType": "Bundle", "entry": [{"resource": {"id": "x"}}]}, "no resourceType"),
        ([], "JSON object"),
    ],
)
def test_input_level_errors_raise_with_issues(payload, message):
    with pytest.raises(ClassifierInputError, match=message) as caught:
        classify(payload, BASE, TODAY)
    assert caught.value.issues[0].severity == "error"
    get_fhir_model_class("OperationOutcome").model_validate({"resourceType": "OperationOutcome",
                                                             "issue": [i.to_fhir() for i in caught.value.issues]})

"""The classifier's boundary check (services/classifier/boundary.py; decisions.md, Classifier)."""

import pytest

from services.classifier.boundary import screen
from services.classifier.pipeline import classify
from shared.errors import FHIRError
from tests.classifier.builders import BASE, bundle, finding, lab, mass, patient


def with_effective(when):
    return lab("2777-1", 5.0, "mg/dL", id="o1", when=when)


@pytest.mark.parametrize("when", ["2024", "2024-06", "2024-06-01", "2024-06-01T10:00:00Z",
                                  "2024-06-01T10:00:00.123+01:00", "2024-02-29"])
def test_fhir_dates_pass(when):
    assert screen(bundle(patient(), with_effective(when))).issues == []


@pytest.mark.parametrize("when", ["2024-6-1", "2023-02-29", "2024-06-01T10:00", "yesterday", 20240601, ""])
def test_malformed_dates_leave_the_observation_out(when):
    screened = screen(bundle(patient(), with_effective(when)))
    assert screened.left_out == {1}
    [issue] = screened.issues
    assert issue.severity == "error" and "Observation/o1: Observation.effectiveDateTime" in issue.diagnostics


@pytest.mark.parametrize("value", [True, "5", float("nan"), None, 5, 5.5])
def test_decimals_are_json_numbers(value):
    observation = lab("2777-1", 5.0, "mg/dL", id="o1")
    observation["valueQuantity"]["value"] = value
    malformed = value is True or isinstance(value, str) or value != value  # NaN is not a FHIR decimal
    assert screen(bundle(patient(), observation)).left_out == ({1} if malformed else set())


def test_each_bad_element_is_named():
    observation = {**mass("hip-gluteal", id="m9", size=40), "bodySite": {"coding": "hip"}, "status": "done",
                   "component": [{"code": {"text": "size"}, "valueQuantity": {"value": "40"}}]}
    issues = screen(bundle(patient(), observation)).issues
    elements = sorted(issue.expression[0] for issue in issues)
    assert elements == ["Bundle.entry[1].resource.bodySite.coding", "Bundle.entry[1].resource.component[0].valueQuantity.value",
                        "Bundle.entry[1].resource.status"]
    assert sorted(issue.code for issue in issues) == ["code-invalid", "structure", "value"]


def test_the_patient_keeps_its_good_elements_and_the_caller_data_is_not_changed():
    person = patient(birth="1990-13-01", gender="F")
    screened = screen(bundle(person, finding("fever")))
    kept = screened.bundle["entry"][0]["resource"]
    assert kept == {"resourceType": "Patient", "id": "p1"}
    assert person["birthDate"] == "1990-13-01" and person["gender"] == "F"
    assert screened.left_out == set()
    assert [issue.code for issue in screened.issues] == ["value", "code-invalid"]


def test_later_entries_keep_their_positions_in_issues():
    other = {"resourceType": "Condition", "id": "c1"}
    screened = screen(bundle(patient(), lab("2777-1", "x", "mg/dL", id="bad"), other))
    _, issues = classify(screened.bundle, BASE, left_out=screened.left_out)
    [not_used] = [i for i in issues if "Condition/c1" in i["diagnostics"]]
    assert not_used["expression"] == ["Bundle.entry[2].resource"]
    assert not any("Observation/bad" in i["diagnostics"] for i in issues)  # reported once, by the boundary


@pytest.mark.parametrize("payload,fragment", [
    ([], "must be a FHIR Bundle"),
    ({"resourceType": "Patient"}, "must be a FHIR Bundle"),
    ({"resourceType": "Bundle", "entry": "x"}, "Bundle.entry must be a list"),
    ({"resourceType": "Bundle", "entry": [1]}, "Bundle.entry[0] is not an object"),
    ({"resourceType": "Bundle", "entry": [{"resource": []}]}, "Bundle.entry[0].resource is not a resource object"),
    ({"resourceType": "Bundle", "entry": [{"resource": patient(), "fullUrl": 7}]}, "Bundle.entry[0].fullUrl"),
])
def test_unreadable_bundles_are_refused(payload, fragment):
    with pytest.raises(FHIRError) as refused:
        screen(payload)
    assert refused.value.status == 400 and fragment in str(refused.value)


def test_resources_the_classifier_does_not_read_are_not_checked():
    odd = {"resourceType": "Condition", "subject": 3, "code": "not a concept"}
    screened = screen(bundle(patient(), odd, {"id": "no-type"}))
    assert screened.issues == [] and screened.left_out == set()


# Every element the boundary reads, with a value of each JSON kind in its place (and its own kind, wrong).
_FULL = {
    "Patient": {"resourceType": "Patient", "id": "p1", "birthDate": "1990-02-03", "gender": "female"},
    "Observation": {
        "resourceType": "Observation", "id": "o1", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2777-1", "display": "P"}], "text": "phosphate"},
        "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-06-01T10:00:00Z",
        "effectivePeriod": {"start": "2024-06-01"}, "valueQuantity": {"value": 5.0, "unit": "mg/dL", "code": "mg/dL"},
        "valueBoolean": True, "valueCodeableConcept": {"coding": [{"code": "x"}]},
        "interpretation": [{"coding": [{"code": "H"}]}],
        "referenceRange": [{"low": {"value": 2.5, "unit": "mg/dL"}, "high": {"value": 4.5, "code": "mg/dL"}}],
        "bodySite": {"text": "hip"},
        "component": [{"code": {"text": "size"}, "valueQuantity": {"value": 40, "code": "mm"},
                       "valueCodeableConcept": {"text": "x"}, "valueBoolean": False, "valueInteger": 3}],
    },
}
_VALUES = ["x", "", "2024-13-01", "final", 0, 7, -1.5, float("nan"), float("inf"), True, None, [], [{}], {}, {"coding": {}},
           2**70]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replaced(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [_replaced(item, rest, new) if index == head else item for index, item in enumerate(value)]


@pytest.mark.parametrize("kind", sorted(_FULL))
def test_the_lean_check_accepts_exactly_what_the_models_accept(kind):
    """The screen's lean check (no model instances) decides alone when it accepts: it must accept what
    the models accept and refuse what they refuse, element by element, whatever value comes."""
    from pydantic import ValidationError

    from services.classifier.boundary import LEAN_CHECKS, MODELS

    def accepted(check, resource) -> bool:
        try:
            check(resource)
            return True
        except ValidationError:
            return False

    tried = 0
    for path in _paths(_FULL[kind]):
        if path in ((), ("resourceType",)):
            continue
        for new in _VALUES:
            resource = _replaced(_FULL[kind], path, new)
            model, lean = accepted(MODELS[kind].model_validate, resource), accepted(LEAN_CHECKS[kind].validate_python, resource)
            assert model == lean, (path, new, model)
            tried += 1
    assert tried >= 3 * len(_VALUES)  # the Patient has three elements, the Observation many more

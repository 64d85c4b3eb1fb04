"""fhirkit-rs judges datatypes in place of the fhir.resources models beside the R4 walk
(services/intake/fhir/compiled.py, decision Intake 27): both judges must give the same verdict.

The corpus: valid resources of every type the R4 layer walks, the R4 layer's own probes, the
official validator test cases (tests/data/fhir-test-cases), and each of them broken one element
at a time: every primitive given values of the wrong JSON type, out of range, off the calendar,
malformed; every element made unknown, repeated, or unwrapped.
The verdict compared is what a client sees: 400 (some structure issue), else 422 (the rules),
else valid; and the rule issues themselves.
"""

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from services.intake.fhir.compiled import AVAILABLE, calendar_ok, compiled_issues
from services.intake.fhir.validation import check_structure, resource_verdict
from shared.errors import FHIRError
from shared.fhir_json import dumps
from tests.intake.fhir_data import imaging_study, patient, phosphate
from tests.intake.test_official_cases import DATA, SELECTED
from tests.intake.test_r4_rules import PROBES, _with

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="fhirkit-rs is not installed")

SUBJECT = "Patient/p1"


def _report() -> dict:
    return {"resourceType": "DiagnosticReport", "status": "final", "code": {"text": "CT report"},
            "subject": {"reference": SUBJECT}, "effectiveDateTime": "2024-03-02T10:00:00Z",
            "issued": "2024-03-02T11:00:00.000Z", "conclusion": "Calcified masses",
            "presentedForm": [{"contentType": "application/pdf", "data": "JVBERi0=", "size": 5}]}


def _risk() -> dict:
    return {"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": SUBJECT},
            "occurrenceDateTime": "2024-03-02", "prediction": [
                {"outcome": {"text": "tumoral calcinosis"}, "probabilityDecimal": Decimal("0.82"),
                 "whenRange": {"low": {"value": 1, "unit": "a"}, "high": {"value": 5, "unit": "a"}}}]}


def _patient() -> dict:
    resource = patient()
    resource.update({
        "active": True, "birthDate": "1980-02-29", "multipleBirthInteger": 2, "deceasedBoolean": False,
        "telecom": [{"system": "phone", "value": "+44 20 7946 0000", "rank": 1, "period": {"start": "2020-01"}}],
        "meta": {"lastUpdated": "2024-03-01T09:30:00.123+01:00", "profile": ["http://example.org/p"]},
        "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">Ada</div>'},
        "photo": [{"contentType": "image/png", "data": "iVBORw0KGgo=", "url": "http://example.org/a.png",
                   "creation": "2020-05-01T00:00:00Z", "size": 8}],
        "extension": [{"url": "http://example.org/e", "valueDateTime": "2020-02-29T23:59:59Z"}],
        "contained": [{"resourceType": "Observation", "id": "c1", "status": "final", "code": {"text": "x"},
                       "valueInteger": 3}],
        "generalPractitioner": [{"reference": "#c1"}],
    })
    return resource


def _observation() -> dict:
    resource = phosphate(SUBJECT)
    resource["component"] = [{"code": {"text": "part"}, "valueTime": "10:30:00"},
                             {"code": {"text": "ratio"}, "valueRatio": {"numerator": {"value": 1},
                                                                         "denominator": {"value": 3}}}]
    resource["referenceRange"] = [{"low": {"value": Decimal("2.5")}, "high": {"value": Decimal("4.50")}}]
    resource["issued"] = "2024-03-01T10:00:00Z"
    return resource


def _study() -> dict:
    resource = imaging_study(SUBJECT)
    resource["numberOfSeries"] = 1
    resource["series"] = [{"uid": "1.2.3", "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM",
                                                          "code": "CT"}, "number": 1, "numberOfInstances": 0}]
    return resource


BASES = [_patient(), _observation(), _study(), _report(), _risk()]

# What each primitive is given instead: wrong JSON types, ranges, calendars, formats.
BAD_VALUES: list[Any] = [
    "", " x", "x y", "true", "5.4", "2021-02-29", "2021-04-31T10:00:00Z", "2020-13-01", "24:00:00",
    "2024-03-01T09:30:00", "a" * 70, "###", True, 1, -1, 0, 2**31, Decimal("1.5"), 1.5, None, [], {}, ["x"],
]


def _leaves(node: Any, path: tuple = ()) -> list[tuple]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "resourceType":
                found.append(path + (key,))
                found += _leaves(value, path + (key,))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.append(path + (i,))
            found += _leaves(item, path + (i,))
    return found




def _official_cases() -> list[dict]:
    """The official validator test cases' resources that are JSON objects (tests/data/fhir-test-cases)."""
    found = []
    for case in SELECTED:
        try:
            resource = json.loads((DATA / "cases" / case["file"]).read_bytes(), parse_float=Decimal)
        except ValueError:
            continue
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            found.append(resource)
    return found


def _corpus() -> list[dict]:
    corpus: list[dict] = []
    probes = [json.loads(json.dumps(r).replace("{pid}", "p1"), parse_float=Decimal)
              for probe in PROBES for r in probe[3:5]]
    for base in BASES + probes + _official_cases():
        corpus.append(base)
        for path in _leaves(base):
            old = _get(base, path)
            if isinstance(old, dict | list):
                corpus.append(_with(base, path, [old] if isinstance(old, dict) else old[0] if old else {}))
            else:
                corpus += [_with(base, path, value) for value in BAD_VALUES]
            if isinstance(path[-1], str):
                parent = _get(base, path[:-1])
                renamed = {(f"{k}X" if k == path[-1] else k): v for k, v in parent.items()}
                corpus.append(_with(base, path[:-1], renamed) if path[:-1] else renamed)
                corpus.append(_with(base, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
                              if path[:-1] else {k: v for k, v in parent.items() if k != path[-1]})
    return corpus


def _get(resource: Any, path: tuple) -> Any:
    for step in path:
        resource = resource[step]
    return resource


def _outcome(resource: dict, models: bool) -> tuple:
    """What a client is answered: the structural check (empty values included) with the verdict."""
    resource = copy.deepcopy(resource)
    resource_type = resource["resourceType"]
    try:
        incoming = check_structure(resource, resource_type, "", resource_verdict(resource, resource_type, models=models))
    except FHIRError as error:
        return error.status, []
    return (422 if incoming.r4_rules else 200), sorted(i.diagnostics for i in incoming.r4_rules)


def test_fhirkit_and_the_models_give_every_resource_the_same_verdict():
    corpus = _corpus()
    assert len(corpus) > 3000  # the corpus is what this test is worth
    disagreements = []
    for resource in corpus:
        compiled = _outcome(resource, models=False)
        models = _outcome(resource, models=True)
        if models != compiled:
            disagreements.append((resource, models, compiled))
    assert not disagreements, f"{len(disagreements)} of {len(corpus)} differ; first: {disagreements[:3]}"
    statuses = {_outcome(r, models=False)[0] for r in corpus}
    assert statuses == {200, 400, 422}


def test_fhirkit_judges_a_resource_as_its_json_text_as_it_judges_the_dict():
    """Transactions' workers give fhirkit-rs each resource's JSON text (half the time of the dict):
    the same issues, in the same places, on the whole corpus."""
    differ = [r for r in _corpus() if [(i.diagnostics, i.expression) for i in compiled_issues(r, r["resourceType"])]
              != [(i.diagnostics, i.expression) for i in compiled_issues(dumps(r), r["resourceType"])]]
    assert not differ, f"{len(differ)} differ; first: {differ[:3]}"


def test_compiled_issues_name_the_element_and_the_problem():
    issues = compiled_issues({"resourceType": "Patient", "multipleBirthInteger": 2**31, "colour": "blue"},
                             "Patient", "Bundle.entry[2]: ")
    assert {i.expression for i in issues} == {("Patient.multipleBirthInteger",), ("Patient.colour",)}
    assert all(i.diagnostics.startswith("Bundle.entry[2]: Patient.") for i in issues)
    assert "Unknown element" in next(i.diagnostics for i in issues if i.expression == ("Patient.colour",))


@pytest.mark.parametrize(("text", "exists"), [
    ("2024", True), ("2024-02", True), ("2024-02-29", True), ("2023-02-29", False), ("2100-02-29", False),
    ("2000-02-29T10:00:00Z", True), ("2024-04-31", False), ("2024-12-31T23:59:59.999+14:00", True),
    ("2024-06-00", False),
])
def test_calendar_ok(text, exists):
    assert calendar_ok(text) is exists


@pytest.mark.parametrize("models", [False, True])
def test_a_boolean_where_a_url_goes_is_400_not_a_crash(models):
    """fhir_core's url type called .startswith on a boolean (AttributeError: a 500 before)."""
    resource = {"resourceType": "Patient", "photo": [{"url": True}]}
    with pytest.raises(FHIRError) as refused:
        check_structure(resource, "Patient", "", resource_verdict(resource, "Patient", models=models))
    assert refused.value.status == 400
    assert any("Patient.photo[0].url" in issue.diagnostics for issue in refused.value.issues)

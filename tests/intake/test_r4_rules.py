"""The R4 layer (services/intake/fhir/r4.py): one-rule probes of the R4 base specification, each
refused with its constraint key (or its structural finding) and accepted once fixed."""

import copy
import json

import pytest

from services.intake.fhir.r4 import _guards, check_resource, definitions
from services.intake.fhir.validation import check_structure, rule_issues
from shared.errors import FHIRError
from tests.intake.fhir_data import FHIR, LOINC, UCUM, body, create, patient, phosphate


@pytest.fixture
def database_url(tmp_path) -> str:
    """Validation comes before storage and does not depend on the backend: SQLite alone."""
    return f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"


XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'
SUBJECT = "Patient/{pid}"


def _obs(subject: dict | None = None, **extra) -> dict:
    resource = phosphate(SUBJECT, **extra)
    if subject is not None:
        resource["subject"] = subject
    return resource


def _without_value(**extra) -> dict:
    resource = _obs(**extra)
    del resource["valueQuantity"]
    if any(k.startswith("effective") and k != "effectiveDateTime" for k in extra):
        del resource["effectiveDateTime"]
    return resource


def _risk(prediction: dict) -> dict:
    return {"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": SUBJECT},
            "prediction": [{"outcome": {"text": "tumoral calcinosis"}, **prediction}]}


def _contained_patient(**extra) -> dict:
    return {"resourceType": "Patient", "id": "p1", "name": [{"family": "Okafor"}], **extra}


def _with(resource: dict, path: tuple, value) -> dict:
    changed = copy.deepcopy(resource)
    node = changed
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return changed


ABSENT = {"text": "not done"}
# (rule, status, what the issue says, the resource that breaks it, the same resource fixed)
PROBES = [
    ("obs-6", 422, "obs-6", _obs(dataAbsentReason=ABSENT), _without_value(dataAbsentReason=ABSENT)),
    ("obs-7", 422, "obs-7",
     _obs(component=[{"code": phosphate(SUBJECT)["code"], "valueString": "x"}]),
     _obs(component=[{"code": {"coding": [{"system": LOINC, "code": "17861-6"}]}, "valueString": "x"}])),
    ("obs-3", 422, "obs-3", _obs(referenceRange=[{"appliesTo": [{"text": "adults"}]}]),
     _obs(referenceRange=[{"appliesTo": [{"text": "adults"}], "text": "2.5-4.5 mg/dL"}])),
    ("qty-3", 422, "qty-3", _with(_obs(), ("valueQuantity",), {"value": 6.8, "code": "mg/dL"}),
     _with(_obs(), ("valueQuantity",), {"value": 6.8, "code": "mg/dL", "system": UCUM})),
    ("sqty-1", 422, "sqty-1", _obs(referenceRange=[{"low": {"value": 2.5, "comparator": ">"}}]),
     _obs(referenceRange=[{"low": {"value": 2.5}}])),
    ("per-1", 422, "per-1",
     _without_value(effectivePeriod={"start": "2024-03-02", "end": "2024-03-01"}, dataAbsentReason=ABSENT),
     _without_value(effectivePeriod={"start": "2024-03-01", "end": "2024-03-01T10:00:00Z"}, dataAbsentReason=ABSENT)),
    ("ext-1", 422, "ext-1", _obs(extension=[{"url": "http://example.org/x"}]),
     _obs(extension=[{"url": "http://example.org/x", "valueString": "y"}])),
    ("dom-2", 422, "dom-2",
     _obs(contained=[_contained_patient(contained=[{"resourceType": "Patient", "id": "p2"}])], subject={"reference": "#p1"}),
     _obs(contained=[_contained_patient()], subject={"reference": "#p1"})),
    ("dom-3", 422, "dom-3", _obs(contained=[_contained_patient()]),
     _obs(contained=[_contained_patient()], subject={"reference": "#p1"})),
    ("dom-4", 422, "dom-4", _obs(contained=[_contained_patient(meta={"versionId": "3"})], subject={"reference": "#p1"}),
     _obs(contained=[_contained_patient(meta={"tag": [{"code": "x"}]})], subject={"reference": "#p1"})),
    ("dom-5", 422, "dom-5",
     _obs(contained=[_contained_patient(meta={"security": [{"code": "R"}]})], subject={"reference": "#p1"}),
     _obs(contained=[_contained_patient()], subject={"reference": "#p1"})),
    ("txt-1", 422, "txt-1",
     patient(text={"status": "generated", "div": f"<div {XHTML}><script>alert(1)</script></div>"}),
     patient(text={"status": "generated", "div": f"<div {XHTML}><p>Ada Okafor</p></div>"})),
    ("txt-1 event attribute", 422, "txt-1",
     patient(text={"status": "generated", "div": f'<div {XHTML}><p onmouseover="alert(1)">Ada</p></div>'}),
     patient(text={"status": "generated", "div": f'<div {XHTML}><p title="name">Ada</p></div>'})),
    ("txt-1 javascript href", 422, "txt-1",
     patient(text={"status": "generated", "div": f'<div {XHTML}><a href="javascript:alert(1)">Ada</a></div>'}),
     patient(text={"status": "generated", "div": f'<div {XHTML}><a href="https://example.org/">Ada</a></div>'})),
    ("txt-2", 422, "txt-2", patient(text={"status": "generated", "div": f"<div {XHTML}> </div>"}),
     patient(text={"status": "generated", "div": f"<div {XHTML}>Ada</div>"})),
    ("pat-1", 422, "pat-1", patient(contact=[{"gender": "female"}]),
     patient(contact=[{"gender": "female", "name": {"family": "Okafor"}}])),
    ("cpt-2", 422, "cpt-2", patient(telecom=[{"value": "555 0100"}]),
     patient(telecom=[{"system": "phone", "value": "555 0100"}])),
    ("att-1", 422, "att-1", patient(photo=[{"data": "AAAA"}]), patient(photo=[{"data": "AAAA", "contentType": "image/png"}])),
    ("ras-1", 422, "ras-1", _risk({"probabilityRange": {"low": {"value": 5, "code": "mg", "system": UCUM}}}),
     _risk({"probabilityRange": {"low": {"value": 5, "code": "%", "system": UCUM}}})),
    ("ras-2", 422, "ras-2", _risk({"probabilityDecimal": 150}), _risk({"probabilityDecimal": 15})),
    ("ele-1", 422, "ele-1", patient(identifier=[{"id": "a"}]), patient(identifier=[{"id": "a", "value": "1"}])),
    ("unique element ids", 422, "Duplicate element id",
     patient(identifier=[{"id": "a", "value": "1"}, {"id": "a", "value": "2"}]),
     patient(identifier=[{"id": "a", "value": "1"}, {"id": "b", "value": "2"}])),
    ("binding Narrative.status", 422, "narrative-status", patient(text={"status": "done", "div": f"<div {XHTML}>Ada</div>"}),
     patient(text={"status": "additional", "div": f"<div {XHTML}>Ada</div>"})),
    ("binding ContactPoint.system", 422, "contact-point-system", patient(telecom=[{"system": "beeper", "value": "1"}]),
     patient(telecom=[{"system": "pager", "value": "1"}])),
    ("binding Timing.periodUnit", 422, "units-of-time",
     _without_value(effectiveTiming={"repeat": {"period": 1, "periodUnit": "week"}}, dataAbsentReason=ABSENT),
     _without_value(effectiveTiming={"repeat": {"period": 1, "periodUnit": "wk"}}, dataAbsentReason=ABSENT)),
    # Structure (400): what R4 JSON does not allow at all.
    ("id over 64 characters", 400, "not a valid id", patient(id="a" * 65), patient(id="a" * 64)),
    ("space in a uri", 400, "not a valid uri", _with(_obs(), ("code", "coding", 0, "system"), "http://loinc .org"),
     _obs()),
    ("misaligned _given", 400, "_given", patient(name=[{"given": ["Ada", "B"], "_given": [{"id": "g"}]}]),
     patient(name=[{"given": ["Ada", "B"], "_given": [{"id": "g"}, None]}])),
    ("null without _given", 400, "null", patient(name=[{"given": [None, "B"]}]),
     patient(name=[{"given": [None, "B"], "_given": [{"extension": [{"url": "http://x", "valueCode": "masked"}]}, None]}])),
    ("fhir_comments", 400, "fhir_comments", patient(fhir_comments=["hello"]), patient()),
    ("R4B-only valueCodeableReference", 400, "valueCodeableReference",
     patient(extension=[{"url": "http://example.org/x", "valueCodeableReference": {"concept": {"text": "x"}}}]),
     patient(extension=[{"url": "http://example.org/x", "valueCodeableConcept": {"text": "x"}}])),
    ("R4 valueMeta is valid", 201, "", patient(extension=[{"url": "http://example.org/x", "valueMeta": {"versionId": "1"}}]),
     patient(extension=[{"url": "http://example.org/x", "valueMeta": {"versionId": "1"}}])),
]


def _fill(resource: dict, pid: str) -> dict:
    return json.loads(body(resource).decode().replace(SUBJECT, f"Patient/{pid}"))


async def test_probes_refused_with_their_rule_and_accepted_fixed(intake):
    pid = (await create(intake, patient(mrn="probe-subject")))["id"]
    failures = []
    for rule, status, fragment, bad, fixed in PROBES:
        bad, fixed = _fill(bad, pid), _fill(fixed, pid)
        response = await intake.post(f"/fhir/{bad['resourceType']}", content=body(bad), headers=FHIR)
        outcome = response.json()
        said = " ".join(i.get("diagnostics", "") for i in outcome.get("issue", []))
        if response.status_code != status or fragment not in said:
            failures.append(f"{rule}: {response.status_code} {said[:300]}")
        elif status != 201:
            assert all(i.get("expression") for i in outcome["issue"]), (rule, outcome)
        response = await intake.post(f"/fhir/{fixed['resourceType']}", content=body(fixed), headers=FHIR)
        if response.status_code != 201:
            failures.append(f"{rule} fixed: {response.status_code} {response.text[:300]}")
    assert not failures, "\n".join(failures)


async def test_invariant_issue_names_key_text_and_location(intake):
    pid = (await create(intake, patient()))["id"]
    response = await intake.post("/fhir/RiskAssessment", content=body(_fill(_risk({"probabilityDecimal": 150}), pid)),
                                 headers=FHIR)
    assert response.status_code == 422
    [issue] = response.json()["issue"]
    assert issue["code"] == "invariant"
    assert issue["expression"] == ["RiskAssessment.prediction[0]"]
    assert "ras-2" in issue["diagnostics"] and "Must be <= 100" in issue["diagnostics"]
    # $validate reports the same without storing
    response = await intake.post("/fhir/RiskAssessment/$validate",
                                 content=body(_fill(_risk({"probabilityDecimal": 150}), pid)), headers=FHIR)
    assert response.status_code == 200 and "ras-2" in response.text


def test_invariants_in_transaction_entries_name_the_entry():
    resource = _fill(_risk({"probabilityDecimal": 150}), "1")
    incoming = check_structure(resource, "RiskAssessment", "Bundle.entry[3]")
    [issue] = [i for i in rule_issues(incoming) if "ras-2" in i.diagnostics]
    assert issue.diagnostics.startswith("Bundle.entry[3]: RiskAssessment.prediction[0]")


def test_every_constraint_of_the_definitions_is_compiled_once():
    specs = definitions().specs
    keys = {c.key for spec in specs.values() for c in spec.constraints} | \
        {c.key for spec in specs.values() for child in spec.children.values() for c in child.constraints}
    for key in ("obs-6", "obs-7", "obs-3", "qty-3", "per-1", "ext-1", "dom-2", "dom-3", "dom-4", "dom-5", "txt-1",
                "txt-2", "pat-1", "cpt-2", "att-1", "ras-1", "ras-2", "sqty-1", "ref-1", "bdl-7", "inv-1"):
        assert key in keys, key
    assert definitions() is definitions()


@pytest.mark.parametrize("expression,guards", [
    ("dataAbsentReason.empty() or value.empty()", {"dataAbsentReason", "value"}),
    ("value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()",
     {"value", "component"}),
    ("contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()", {"contained"}),
    ("probability is decimal implies (probability as decimal) <= 100", {"probability"}),
    ("duration.exists() implies duration >= 0", {"duration"}),
    ("low.exists() or high.exists() or text.exists()", set()),  # fails exactly when all are absent
    ("extension.exists() != value.exists()", set()),
    ("(numerator.empty() xor denominator.exists()) and (numerator.exists() or extension.exists())", set()),
])
def test_guards_only_skip_what_holds_when_absent(expression, guards):
    assert _guards(expression) == guards


def test_lab_observation_needs_no_fhirpath_evaluation(monkeypatch):
    """The common case costs no FHIRPath engine call (the speed of ingest depends on it)."""
    import services.intake.fhir.r4 as r4

    calls = []
    original = r4.apply_parsed_path
    monkeypatch.setattr(r4, "apply_parsed_path", lambda *a, **k: calls.append(1) or original(*a, **k))
    usual = phosphate("Patient/1", referenceRange=[{"low": {"value": 2.5, "unit": "mg/dL", "system": UCUM, "code": "mg/dL"},
                                                     "high": {"value": 4.5, "unit": "mg/dL", "system": UCUM, "code": "mg/dL"}}])
    findings = check_resource(usual, "Observation")
    assert findings is not None and not findings.structure and not findings.rules
    assert calls == []
    findings = check_resource(phosphate("Patient/1", dataAbsentReason=ABSENT), "Observation")
    assert findings is not None and [i for i in findings.rules if "obs-6" in i.diagnostics]


def test_structure_errors_are_400_before_rules():
    with pytest.raises(FHIRError) as caught:
        check_structure(patient(fhir_comments=["x"], gender="f"), "Patient")
    assert caught.value.status == 400


async def test_r4_decides_over_the_r4b_models_in_transactions(intake):
    """Transactions take the models' verdict from the validation workers: R4 still decides."""
    meta = {"url": "http://example.org/x", "valueMeta": {"versionId": "1"}}
    nested = patient(mrn="r4", extension=[meta], contained=[_contained_patient(extension=[meta])],
                     link=[{"other": {"reference": "#p1"}, "type": "seealso"}])
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": nested, "request": {"method": "POST", "url": "Patient"}}]}
    response = await intake.post("/fhir", content=json.dumps(bundle), headers=FHIR)
    assert response.status_code == 200, response.text
    r4b = patient(mrn="r4b", extension=[{"url": "http://example.org/x", "valueCodeableReference": {"concept": {"text": "x"}}}])
    bundle["entry"][0]["resource"] = r4b
    response = await intake.post("/fhir", content=json.dumps(bundle), headers=FHIR)
    assert response.status_code == 400 and "valueCodeableReference" in response.text


def test_knows_follows_contained_resources_and_choice_names():
    from services.intake.fhir.r4 import knows

    resource = patient(contained=[_contained_patient(extension=[{"url": "x", "valueMeta": {}}])])
    assert knows(resource, "Patient", "Patient.contained[0].extension[0].valueMeta")
    assert not knows(resource, "Patient", "Patient.contained[0].extension[0].valueCodeableReference")
    assert not knows(resource, "Patient", "Patient.fhir_comments")

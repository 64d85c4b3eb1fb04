"""FHIR JSON types are strict (issue 14 item 2): a string where FHIR JSON needs a boolean, an
integer or a decimal is refused with 400 (docs/decisions.md, Intake 1: wrong datatypes), naming the
element, on create, update and in Bundles, and nothing is written."""

import json

import pytest

from tests.intake.fhir_data import FHIR, create, issues, patient, phosphate, post_entry, transaction


def outcome_names(response, element: str) -> None:
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome", outcome
    assert any(element in issue.get("expression", []) for issue in outcome["issue"]), outcome
    assert any(element in issue.get("diagnostics", "") for issue in outcome["issue"]), outcome


async def count(intake, resource_type):
    return (await intake.get(f"/fhir/{resource_type}", params={"_summary": "count"})).json()["total"]


def lab(subject: str, value) -> dict:
    obs = phosphate(subject)
    obs["valueQuantity"]["value"] = value
    return obs


# Each probe: the resource, the element the OperationOutcome must name.
PROBES = [
    (patient(active="true"), "Patient.active"),
    (patient(multipleBirthInteger="2"), "Patient.multipleBirthInteger"),
    (patient(multipleBirthInteger=2.0), "Patient.multipleBirthInteger"),
    (patient(multipleBirthBoolean=1), "Patient.multipleBirthBoolean"),
    (patient(contained=[{"resourceType": "Patient", "id": "c", "active": "false"}]), "Patient.contained[0].active"),
    (patient(extension=[{"url": "http://example.org/x", "valueDecimal": "1.5"}]), "Patient.extension[0].valueDecimal"),
    # A contained type the R4 layer has no definition of: the JSON types still come from the models.
    (patient(contained=[{"resourceType": "Practitioner", "id": "c", "active": "true"}],
             generalPractitioner=[{"reference": "#c"}]), "Patient.contained[0].active"),
    (patient(name=[{"family": "Okafor", "period": {"start": 2020}}]), "Patient.name[0].period.start"),
]


@pytest.mark.parametrize("resource,element", PROBES)
async def test_create_refuses_wrong_json_types(intake, resource, element):
    response = await intake.post("/fhir/Patient", content=json.dumps(resource), headers=FHIR)
    assert response.status_code == 400, response.text
    outcome_names(response, element)
    assert await count(intake, "Patient") == 0


@pytest.mark.parametrize("value", ["5.4", True, "NaN"])
async def test_decimal_must_be_a_number(intake, value):
    pid = (await create(intake, patient()))["id"]
    response = await intake.post("/fhir/Observation", content=json.dumps(lab(f"Patient/{pid}", value)), headers=FHIR)
    assert response.status_code == 400, response.text
    outcome_names(response, "Observation.valueQuantity.value")
    assert await count(intake, "Observation") == 0


async def test_update_refuses_wrong_json_types_and_keeps_the_stored_version(intake):
    created = await create(intake, patient(active=True))
    changed = {**created, "active": "false"}
    response = await intake.put(f"/fhir/Patient/{created['id']}", content=json.dumps(changed), headers=FHIR)
    assert response.status_code == 400, response.text
    outcome_names(response, "Patient.active")
    current = (await intake.get(f"/fhir/Patient/{created['id']}")).json()
    assert current["active"] is True and current["meta"]["versionId"] == "1"
    history = (await intake.get(f"/fhir/Patient/{created['id']}/_history")).json()
    assert history["total"] == 1


async def test_a_transaction_entry_with_a_wrong_type_stores_nothing(intake):
    bundle = transaction(
        post_entry(patient(), "urn:uuid:7f1b6f2e-0000-4000-8000-0000000000a1"),
        post_entry(lab("urn:uuid:7f1b6f2e-0000-4000-8000-0000000000a1", "5.4")),
    )
    response = await intake.post("/fhir", content=json.dumps(bundle), headers=FHIR)
    assert response.status_code == 400, response.text
    outcome_names(response, "Observation.valueQuantity.value")
    assert "Bundle.entry[1]" in " ".join(issues(response))
    assert await count(intake, "Patient") == 0 and await count(intake, "Observation") == 0


async def test_a_batch_entry_with_a_wrong_type_fails_alone(intake):
    bundle = transaction(post_entry(patient(mrn="1")), post_entry(patient(mrn="2", active="true")), kind="batch")
    response = await intake.post("/fhir", content=json.dumps(bundle), headers=FHIR)
    assert response.status_code == 200, response.text
    entries = response.json()["entry"]
    assert [e["response"]["status"] for e in entries] == ["201 Created", "400 Bad Request"]
    outcome = entries[1]["response"]["outcome"]
    assert any("Patient.active" in i.get("expression", []) for i in outcome["issue"])
    assert await count(intake, "Patient") == 1


async def test_validate_reports_wrong_json_types(intake):
    response = await intake.post("/fhir/Patient/$validate", content=json.dumps(patient(active="yes")), headers=FHIR)
    assert response.status_code == 200
    outcome_names(response, "Patient.active")

"""Decimals are kept exactly as sent (issue 14 item 3), and duplicate JSON keys are refused.

FHIR: the precision of a decimal is part of its value; for a lab value the trailing zero is the
precision of the measurement. Checked on the bytes of every way a resource comes back, on SQLite
and PostgreSQL (json text since migration 0008; jsonb before), while search still compares the numbers."""

import json

import pytest

from tests.intake.fhir_data import FHIR, create, issues, patient, phosphate, post_entry, transaction

LITERALS = ["6.80", "1.000", "12345678901234567890.12", "0.0050", "-3.10", "123456789012345678901234"]


def lab_text(subject: str, literal: str, **extra) -> bytes:
    """An Observation whose valueQuantity.value is written exactly as `literal`."""
    text = json.dumps(phosphate(subject, value=0.5, **extra))
    assert text.count('"value": 0.5') == 1
    return text.replace('"value": 0.5', f'"value": {literal}').encode()


def assert_literal(content: bytes, literal: str, times: int = 1) -> None:
    found = content.count(f'"value":{literal}'.encode()) + content.count(f'"value": {literal}'.encode())
    assert found == times, (literal, content[:2000])


@pytest.mark.parametrize("literal", LITERALS)
async def test_decimals_round_trip_byte_exact(intake, literal):
    pid = (await create(intake, patient()))["id"]
    created = await intake.post("/fhir/Observation", content=lab_text(f"Patient/{pid}", literal), headers=FHIR)
    assert created.status_code == 201, created.text
    assert_literal(created.content, literal)
    oid = created.json()["id"]
    assert_literal((await intake.get(f"/fhir/Observation/{oid}")).content, literal)
    assert_literal((await intake.get(f"/fhir/Observation/{oid}/_history/1")).content, literal)
    assert_literal((await intake.get("/fhir/Observation", params={"patient": pid})).content, literal)
    # A second version: the first moves to the history, and both keep their text.
    updated_text = lab_text(f"Patient/{pid}", "7.10").replace(
        b'{"resourceType": "Observation"', f'{{"resourceType": "Observation", "id": "{oid}"'.encode(), 1)
    updated = await intake.put(f"/fhir/Observation/{oid}", content=updated_text, headers=FHIR)
    assert updated.status_code == 200, updated.text
    assert_literal(updated.content, "7.10")
    history = (await intake.get(f"/fhir/Observation/{oid}/_history")).content
    assert_literal(history, literal)
    assert_literal(history, "7.10")
    assert_literal((await intake.get("/fhir/_history")).content, literal)
    assert_literal((await intake.get(f"/fhir/Observation/{oid}/_history/1")).content, literal)
    # _include brings the Observation in a DiagnosticReport search.
    report = {"resourceType": "DiagnosticReport", "status": "final", "code": {"text": "Phosphate"},
              "subject": {"reference": f"Patient/{pid}"}, "result": [{"reference": f"Observation/{oid}"}]}
    await create(intake, report)
    included = await intake.get("/fhir/DiagnosticReport", params={"_include": "DiagnosticReport:result"})
    assert included.json()["total"] == 1
    assert_literal(included.content, "7.10")


@pytest.mark.parametrize("sent,served", [("1.5e2", "150"), ("2.50E-3", "0.00250")])
async def test_exponents_are_written_out_the_same_on_both_backends(intake, sent, served):
    pid = (await create(intake, patient()))["id"]
    created = await intake.post("/fhir/Observation", content=lab_text(f"Patient/{pid}", sent), headers=FHIR)
    assert created.status_code == 201, created.text
    assert_literal(created.content, served)
    assert_literal((await intake.get(f"/fhir/Observation/{created.json()['id']}")).content, served)


async def test_decimals_in_a_transaction_keep_their_text(intake):
    subject = "urn:uuid:7f1b6f2e-0000-4000-8000-0000000000b1"
    marker = {"resourceType": "Observation", "marker": 1}
    bundle_text = json.dumps(transaction(post_entry(patient(), subject), post_entry(marker)))
    bundle_text = bundle_text.replace(json.dumps(marker), lab_text(subject, "6.80").decode())
    response = await intake.post("/fhir", content=bundle_text, headers={**FHIR, "Prefer": "return=representation"})
    assert response.status_code == 200, response.text
    assert_literal(response.content, "6.80")
    location = response.json()["entry"][1]["response"]["location"]
    assert_literal((await intake.get(f"/fhir/{location}")).content, "6.80")


async def test_quantity_search_compares_the_number(intake):
    pid = (await create(intake, patient()))["id"]
    for literal in ("6.80", "1.000", "12.5"):
        response = await intake.post("/fhir/Observation", content=lab_text(f"Patient/{pid}", literal), headers=FHIR)
        assert response.status_code == 201, response.text

    async def values(query: str) -> list[str]:
        response = await intake.get("/fhir/Observation", params={"value-quantity": query, "_sort": "value-quantity"})
        assert response.status_code == 200, response.text
        return [json.dumps(e["resource"]["valueQuantity"]["value"]) for e in json.loads(response.content,
                parse_float=str, parse_int=str)["entry"]] if response.json()["total"] else []

    assert await values("6.80") == ['"6.80"']
    assert await values("6.8") == ['"6.80"']
    assert await values("1") == ['"1.000"']
    assert await values("gt6.80") == ['"12.5"']
    assert await values("le6.8|http://unitsofmeasure.org|mg/dL") == ['"1.000"', '"6.80"']


@pytest.mark.parametrize("content,key", [
    (b'{"resourceType": "Patient", "active": true, "active": false}', "active"),
    (b'{"resourceType": "Patient", "name": [{"family": "A", "family": "B"}]}', "family"),
    (b'{"resourceType": "Patient", "resourceType": "Patient"}', "resourceType"),
])
async def test_duplicate_keys_are_refused(intake, content, key):
    response = await intake.post("/fhir/Patient", content=content, headers=FHIR)
    assert response.status_code == 400, response.text
    assert f"'{key}' occurs twice" in " ".join(issues(response))
    assert (await intake.get("/fhir/Patient", params={"_summary": "count"})).json()["total"] == 0


async def test_duplicate_keys_in_a_bundle_store_nothing(intake):
    text = json.dumps(transaction(post_entry(patient(mrn="1")), post_entry(patient(mrn="2"))))
    text = text.replace('"gender": "female"', '"gender": "female", "gender": "male"', 1)
    response = await intake.post("/fhir", content=text, headers=FHIR)
    assert response.status_code == 400 and "'gender' occurs twice" in " ".join(issues(response))
    assert (await intake.get("/fhir/Patient", params={"_summary": "count"})).json()["total"] == 0


@pytest.mark.parametrize("content", [
    b'{"resourceType": "Patient", "multipleBirthInteger": NaN}',
    b'{"resourceType": "Patient", "extension": [{"url": "http://x.org/a", "valueDecimal": Infinity}]}',
    b'{"resourceType": "Patient", "extension": [{"url": "http://x.org/a", "valueDecimal": 1e999999999}]}',
    b'{"resourceType": "Patient", "name": [{"family": "\\ud800"}]}',
])
async def test_what_json_cannot_hold_is_refused(intake, content):
    response = await intake.post("/fhir/Patient", content=content, headers=FHIR)
    assert response.status_code == 400, response.text
    assert response.json()["resourceType"] == "OperationOutcome"

"""The HTTP side of issue 14 (item 5): HEAD, POST to the base with a slash, _format and Accept on
every interaction, search parameters on a create, and $validate with its modes, on an instance
(GET too) and on Bundles."""

import json

import pytest

from tests.intake.fhir_data import FHIR, body, create, patient, phosphate, post_entry, transaction


@pytest.fixture
def database_url(tmp_path) -> str:
    """Protocol handling sits in front of storage: SQLite alone."""
    return f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"


async def _count(intake, resource_type: str) -> int:
    return (await intake.get(f"/fhir/{resource_type}", params={"_summary": "count"})).json()["total"]


async def test_head_answers_wherever_get_does(intake):
    pid = (await create(intake, patient()))["id"]
    for path in (f"/fhir/Patient/{pid}", f"/fhir/Patient/{pid}/_history/1", f"/fhir/Patient/{pid}/_history",
                 "/fhir/Patient", "/fhir/Patient/_history", "/fhir/_history", "/fhir/metadata"):
        got = await intake.get(path)
        head = await intake.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        if "etag" in got.headers:
            assert head.headers["etag"] == got.headers["etag"]
    assert (await intake.head("/fhir/Patient/unknown")).status_code == 404


async def test_transaction_posted_to_base_with_slash_is_processed_not_redirected(intake):
    bundle = transaction(post_entry(patient(mrn="slash"), "urn:uuid:5f0d7b1c-1c31-4a8e-9b4f-2a0f4d3f1a11"))
    response = await intake.post("/fhir/", content=json.dumps(bundle), headers=FHIR)
    assert response.status_code == 200, response.text
    assert response.json()["type"] == "transaction-response"
    assert await _count(intake, "Patient") == 1
    audited = (await intake.get("/fhir/AuditEvent", params={"subtype": "transaction"})).json()
    assert [e["resource"]["subtype"][0]["code"] for e in audited["entry"]] == ["transaction"]


@pytest.mark.parametrize("path", ["/fhir/Patient/{pid}", "/fhir/Patient/{pid}/_history/1", "/fhir/Patient/{pid}/_history",
                                  "/fhir/Patient", "/fhir/_history", "/fhir/metadata"])
async def test_format_and_accept_are_honoured_on_every_interaction(intake, path):
    pid = (await create(intake, patient()))["id"]
    url = path.format(pid=pid)
    for params, headers, status in [
        ({"_format": "xml"}, {}, 406),
        ({"_format": "application/fhir+xml"}, {}, 406),
        ({}, {"Accept": "application/fhir+xml"}, 406),
        ({}, {"Accept": "text/html"}, 406),
        ({"_format": "json"}, {}, 200),
        ({"_format": "application/fhir+json"}, {}, 200),
        ({}, {"Accept": "application/fhir+json"}, 200),
        ({}, {"Accept": "application/fhir+xml;q=1, application/json;q=0.5"}, 200),
        ({}, {"Accept": "*/*"}, 200),
        ({"_format": "json"}, {"Accept": "application/fhir+xml"}, 200),  # _format wins over Accept
    ]:
        response = await intake.get(url, params=params, headers=headers)
        assert response.status_code == status, (url, params, headers, response.text)
        if status == 406:
            assert response.json()["resourceType"] == "OperationOutcome"


async def test_create_with_search_parameters_in_the_url_is_refused(intake):
    await create(intake, patient(mrn="77"))
    response = await intake.post("/fhir/Patient", params={"identifier": "urn:oid:1.2.36.146.595.217.0.1|77"},
                                 content=body(patient(mrn="77")), headers=FHIR)
    assert response.status_code == 400 and "If-None-Exist" in response.text
    assert await _count(intake, "Patient") == 1  # no duplicate
    response = await intake.post("/fhir/Patient", params={"_format": "json"}, content=body(patient(mrn="78")), headers=FHIR)
    assert response.status_code == 201


async def test_validate_modes(intake):
    dangling = phosphate("Patient/nowhere")
    response = await intake.post("/fhir/Observation/$validate", content=body(dangling), headers=FHIR)
    assert response.json()["issue"][0]["severity"] == "information"  # the resource alone is valid
    response = await intake.post("/fhir/Observation/$validate", params={"mode": "create"}, content=body(dangling),
                                 headers=FHIR)
    assert "does not exist" in response.json()["issue"][0]["diagnostics"]
    assert (await intake.post("/fhir/Observation/$validate", params={"mode": "bogus"}, content=body(dangling),
                              headers=FHIR)).status_code == 400

    pid = (await create(intake, patient()))["id"]
    oid = (await create(intake, phosphate(f"Patient/{pid}")))["id"]
    # update: the id must be the URL's
    response = await intake.post(f"/fhir/Patient/{pid}/$validate", params={"mode": "update"},
                                 content=body(patient(id="other")), headers=FHIR)
    assert response.json()["issue"][0]["severity"] == "error"
    response = await intake.post(f"/fhir/Patient/{pid}/$validate", params={"mode": "update"},
                                 content=body(patient(id=pid)), headers=FHIR)
    assert response.json()["issue"][0]["severity"] == "information"
    # GET on an instance validates what is stored; mode=delete says whether it may be deleted
    response = await intake.get(f"/fhir/Patient/{pid}/$validate")
    assert response.status_code == 200 and response.json()["issue"][0]["severity"] == "information"
    response = await intake.get(f"/fhir/Patient/{pid}/$validate", params={"mode": "delete"})
    assert response.status_code == 200
    [issue] = response.json()["issue"]
    assert issue["severity"] == "error" and f"Observation/{oid}" in issue["diagnostics"]
    response = await intake.get(f"/fhir/Observation/{oid}/$validate", params={"mode": "delete"})
    assert response.json()["issue"][0]["severity"] == "information"
    assert (await intake.get(f"/fhir/Patient/{pid}")).status_code == 200  # nothing was deleted
    assert (await intake.get("/fhir/Patient/unknown/$validate")).status_code == 404


async def test_bundle_validate_checks_the_bundle_and_each_entry(intake):
    pid = "urn:uuid:5f0d7b1c-1c31-4a8e-9b4f-2a0f4d3f1a11"
    good = transaction(post_entry(patient(), pid), post_entry(phosphate(pid)))
    response = await intake.post("/fhir/Bundle/$validate", content=json.dumps(good), headers=FHIR)
    assert response.status_code == 200, response.text
    assert [i["severity"] for i in response.json()["issue"]] == ["information"]

    risk = {"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": pid},
            "prediction": [{"probabilityDecimal": 150}]}
    bad = transaction(post_entry(patient(gender="f"), pid), post_entry(risk))
    bad["total"] = 2  # bdl-1: only searchsets and histories have a total
    response = await intake.post("/fhir/Bundle/$validate", content=json.dumps(bad), headers=FHIR)
    issues = response.json()["issue"]
    said = {i["expression"][0]: i["diagnostics"] for i in issues}
    assert set(said) == {"Bundle", "Bundle.entry[0].resource.gender", "Bundle.entry[1].resource.prediction[0]"}
    assert "bdl-1" in said["Bundle"]
    assert "required value set" in said["Bundle.entry[0].resource.gender"]
    assert "ras-2" in said["Bundle.entry[1].resource.prediction[0]"]
    assert all(i["severity"] == "error" for i in issues)
    twice = transaction(post_entry(patient(), pid), post_entry(patient(mrn="2"), pid))  # bdl-7: fullUrl unique
    response = await intake.post("/fhir/Bundle/$validate", content=json.dumps(twice), headers=FHIR)
    assert [i["expression"] for i in response.json()["issue"]] == [["Bundle"]] and "bdl-7" in response.text
    assert await _count(intake, "Patient") == 0

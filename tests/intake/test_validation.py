"""Bad input: every refusal is an OperationOutcome with the right status, and nothing is stored."""

import json

import pytest

from tests.intake.fhir_data import FHIR, body, create, issues, patient, phosphate, post_entry, transaction


async def assert_nothing_stored(intake):
    for resource_type in ("Patient", "Observation", "ImagingStudy"):
        total = (await intake.get(f"/fhir/{resource_type}", params={"_summary": "count"})).json()["total"]
        assert total == 0, resource_type


@pytest.mark.parametrize("content,status,fragment", [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "empty"),
    (b"\xff\xfe", 400, "UTF-8"),
    (b"[1, 2]", 400, "JSON object"),
    (b'{"gender": "female"}', 400, "no resourceType"),
    (body({"resourceType": "Observation", "status": "final", "code": {"text": "x"}}), 400, "takes Patient"),
    (body(patient(colour="blue")), 400, "Unknown element"),
    (body(patient(birth_date="2020-02-30")), 400, "birthDate"),
    (body(patient(name=[])), 400, "Empty arrays"),
    (body(patient(gender="f")), 422, "required value set"),
    (body(patient(gender=None)), 400, "null"),
    (body({"resourceType": "Patient", "contained": [{"resourceType": "Nonsense"}]}), 400, "Cannot parse"),
    (b"[" * 5000 + b"]" * 5000, 400, ""),
])
async def test_bad_patient_bodies(intake, content, status, fragment):
    response = await intake.post("/fhir/Patient", content=content, headers=FHIR)
    assert response.status_code == status, response.text
    assert fragment in " ".join(issues(response))
    await assert_nothing_stored(intake)


async def test_observation_rules(intake):
    pid = (await create(intake, patient()))["id"]

    async def post(resource):
        return await intake.post("/fhir/Observation", content=body(resource), headers=FHIR)

    no_status = phosphate(f"Patient/{pid}")
    del no_status["status"]
    assert (await post(no_status)).status_code == 400
    response = await post(phosphate(f"Patient/{pid}", status="done"))
    assert response.status_code == 422 and "Observation.status" in issues(response)[0]
    response = await post(phosphate("patient 1"))
    assert response.status_code == 422 and "Invalid reference" in issues(response)[0]
    response = await post(phosphate("Practitioner/1"))
    assert response.status_code == 422 and "may not refer to a Practitioner" in issues(response)[0]
    response = await post(phosphate("Patient/unknown"))
    assert response.status_code == 422 and "does not exist" in issues(response)[0]
    response = await post(phosphate("urn:uuid:5f0d7b1c-1c31-4a8e-9b4f-2a0f4d3f1a11"))
    assert response.status_code == 422 and "transaction" in issues(response)[0]
    response = await post(phosphate("#missing"))
    assert response.status_code == 422 and "contained" in issues(response)[0]
    # An absolute reference to another server is accepted as it is.
    assert (await post(phosphate("https://ehr.example.org/fhir/Patient/77"))).status_code == 201
    total = (await intake.get("/fhir/Observation", params={"_summary": "count"})).json()["total"]
    assert total == 1


async def test_media_type_and_size_limits(intake):
    xml = await intake.post("/fhir/Patient", content=b"<Patient/>", headers={"Content-Type": "application/fhir+xml"})
    assert xml.status_code == 415 and xml.json()["resourceType"] == "OperationOutcome"
    none = await intake.post("/fhir/Patient", content=body(patient()), headers={"Content-Type": ""})
    assert none.status_code == 415
    plain_json = await intake.post("/fhir/Patient", content=body(patient()),
                                   headers={"Content-Type": "application/json; charset=utf-8"})
    assert plain_json.status_code == 201
    huge = patient(name=[{"family": "x" * 250_000}])
    response = await intake.post("/fhir/Patient", content=body(huge), headers=FHIR)
    assert response.status_code == 413

    async def chunks():
        for _ in range(30):
            yield b" " * 10_000

    chunked = await intake.post("/fhir/Patient", content=chunks(), headers=FHIR)
    assert chunked.status_code == 413
    total = (await intake.get("/fhir/Patient", params={"_summary": "count"})).json()["total"]
    assert total == 1


async def test_invalid_ids_in_urls(intake):
    response = await intake.put("/fhir/Patient/bad id!", content=body(patient(id="bad id!")), headers=FHIR)
    assert response.status_code == 400
    assert (await intake.get("/fhir/Patient/x/_history/notanumber")).status_code == 404


async def test_validate_operation(intake):
    ok = await intake.post("/fhir/Patient/$validate", content=body(patient()), headers=FHIR)
    assert ok.status_code == 200 and ok.json()["issue"][0]["severity"] == "information"
    bad = await intake.post("/fhir/Patient/$validate", content=body(patient(gender="f", colour=1)), headers=FHIR)
    assert bad.status_code == 200 and bad.json()["issue"][0]["severity"] == "error"
    rule = await intake.post("/fhir/Patient/$validate", content=body(patient(gender="f")), headers=FHIR)
    assert "required value set" in rule.json()["issue"][0]["diagnostics"]
    params = {"resourceType": "Parameters", "parameter": [{"name": "resource", "resource": phosphate("Patient/x")}]}
    via_parameters = await intake.post("/fhir/Observation/$validate", content=json.dumps(params), headers=FHIR)
    # Without mode, the resource alone is judged (as the reference validator does); mode=create
    # also checks what a create would: the referenced Patient exists (decision Intake 24).
    assert via_parameters.json()["issue"][0]["severity"] == "information"
    params["parameter"].append({"name": "mode", "valueCode": "create"})
    via_parameters = await intake.post("/fhir/Observation/$validate", content=json.dumps(params), headers=FHIR)
    assert "does not exist" in via_parameters.json()["issue"][0]["diagnostics"]
    instance = await intake.post("/fhir/Patient/abc/$validate", content=body(patient(id="other")), headers=FHIR)
    assert instance.json()["issue"][0]["severity"] == "error"
    not_json = await intake.post("/fhir/Patient/$validate", content=b"nope", headers=FHIR)
    assert not_json.status_code == 400
    await assert_nothing_stored(intake)


async def test_every_issue_of_validation_is_located(intake):
    """Each issue names where it lies with a FHIRPath `expression`, as the reference validator's
    do (issue 14): references to nothing, wrong resources in a Bundle, a blocked delete."""
    located: dict[str, list[list[str]]] = {}

    async def outcome_of(name, response, status):
        assert response.status_code == status, response.text
        located[name] = [issue.get("expression") for issue in response.json()["issue"]]

    missing = phosphate("Patient/nobody")
    await outcome_of("create, a reference to nothing", await intake.post(
        "/fhir/Observation", content=body(missing), headers=FHIR), 422)
    await outcome_of("$validate mode=create", await intake.post(
        "/fhir/Observation/$validate?mode=create", content=body(missing), headers=FHIR), 200)
    await outcome_of("transaction, a reference to nothing", await intake.post(
        "/fhir", content=body(transaction(post_entry(missing))), headers=FHIR), 422)
    await outcome_of("not an object", await intake.post("/fhir/Patient", content=b"[1, 2]", headers=FHIR), 400)
    await outcome_of("a contained resource of no type", await intake.post("/fhir/Patient", content=body(
        {"resourceType": "Patient", "contained": [{"resourceType": "Nonsense"}]}), headers=FHIR), 400)
    await outcome_of("a transaction entry of an unsupported type", await intake.post("/fhir", content=body(
        transaction(post_entry({"resourceType": "Nonsense"}))), headers=FHIR), 400)
    await outcome_of("Bundle/$validate, an entry that is no resource", await intake.post(
        "/fhir/Bundle/$validate", content=body({"resourceType": "Bundle", "type": "collection",
                                                 "entry": [{"fullUrl": "urn:uuid:1", "resource": []}]}),
        headers=FHIR), 200)
    pid = (await create(intake, patient()))["id"]
    await create(intake, phosphate(f"Patient/{pid}"))
    await outcome_of("mode=delete, still referenced", await intake.get(
        f"/fhir/Patient/{pid}/$validate", params={"mode": "delete"}), 200)
    await outcome_of("the all-clear", await intake.post(
        "/fhir/Patient/$validate", content=body(patient()), headers=FHIR), 200)
    assert all(expression for found in located.values() for expression in found), located
    assert located["create, a reference to nothing"] == [["Observation.subject"]]
    assert located["$validate mode=create"] == [["Observation.subject"]]
    assert located["transaction, a reference to nothing"] == [["Observation.subject"]]
    assert located["not an object"] == [["Patient"]]
    assert located["mode=delete, still referenced"] == [["Patient"]]

"""Every interaction with patient data leaves an AuditEvent, searchable like any resource; the
logs carry no patient data."""

import base64
import logging

from shared.fhir_model import model_issues
from tests.intake.fhir_data import FHIR, create, patient, phosphate, post_entry, transaction


async def events(intake, **params) -> list[dict]:
    bundle = (await intake.get("/fhir/AuditEvent", params={"_count": 100, **params})).json()
    return [e["resource"] for e in bundle.get("entry", [])]


def interaction(event: dict) -> str:
    return event["subtype"][0]["code"]


async def test_reads_writes_and_failures_are_audited(intake):
    ada = await create(intake, patient(family="Okafor"))
    pid = ada["id"]
    await intake.get(f"/fhir/Patient/{pid}")
    await intake.get("/fhir/Observation", params={"patient": pid})
    await create(intake, phosphate(f"Patient/{pid}"))
    await intake.get("/fhir/Patient/nobody")  # 404: recorded as a refused read

    about_ada = await events(intake, patient=pid, _sort="date")
    assert [(interaction(e), e["action"], e["outcome"]) for e in about_ada] == [
        ("create", "C", "0"), ("read", "R", "0"), ("search-type", "E", "0"), ("create", "C", "0")]
    search = about_ada[2]
    query = next(e["query"] for e in search["entity"] if "query" in e)
    assert base64.b64decode(query).decode() == f"patient={pid}"
    assert search["agent"][0]["altId"] == "development" and search["agent"][0]["requestor"] is True
    assert any(e.get("description") == "request id" for e in search["entity"])
    refused = await events(intake, entity="Patient/nobody")
    assert [(interaction(e), e["outcome"], e["outcomeDesc"]) for e in refused] == [("read", "4", "HTTP 404")]
    # Searching the trail is itself audited; the trail stays out of the system history.
    assert await events(intake, action="E", outcome="0", subtype="search-type")
    history = (await intake.get("/fhir/_history")).json()
    assert {e["resource"]["resourceType"] for e in history["entry"]} == {"Patient", "Observation"}
    # The server builds its events without asking the model: the model accepts them.
    for event in [*about_ada, *refused]:
        assert model_issues(event, "AuditEvent") == [], event


async def test_a_transaction_names_what_it_wrote(intake):
    bundle = transaction(post_entry(patient(), "urn:uuid:6a3e0000-0000-4000-8000-000000000001"),
                         post_entry(phosphate("urn:uuid:6a3e0000-0000-4000-8000-000000000001")))
    answer = (await intake.post("/fhir", json=bundle, headers=FHIR)).json()
    written = [e["response"]["location"].split("/_history")[0] for e in answer["entry"]]
    [event] = [e for e in await events(intake, subtype="transaction")]
    assert [e["what"]["reference"] for e in event["entity"] if "reference" in e.get("what", {})] == written
    assert model_issues(event, "AuditEvent") == [], event


async def test_the_trail_cannot_be_written_by_clients(intake):
    event = {"resourceType": "AuditEvent", "type": {"code": "rest"}, "recorded": "2024-01-01T00:00:00Z",
             "agent": [{"requestor": True}], "source": {"observer": {"display": "x"}}}
    assert (await intake.post("/fhir/AuditEvent", json=event, headers=FHIR)).status_code == 405
    refused = await intake.post("/fhir", json=transaction(post_entry(event)), headers=FHIR)
    assert refused.status_code == 405
    statement = (await intake.get("/fhir/metadata")).json()
    audit = next(r for r in statement["rest"][0]["resource"] if r["type"] == "AuditEvent")
    assert {i["code"] for i in audit["interaction"]} == {"read", "vread", "history-instance", "history-type",
                                                         "search-type"}


async def test_a_patient_read_and_audited_can_still_be_deleted(intake):
    pid = (await create(intake, patient()))["id"]
    await intake.get(f"/fhir/Patient/{pid}")
    assert (await intake.delete(f"/fhir/Patient/{pid}")).status_code == 204


async def test_logs_carry_no_patient_data(intake, caplog):
    caplog.set_level(logging.DEBUG)
    ada = await create(intake, patient(family="Zyxwv", mrn="MRN-SECRET-77"))
    await intake.get(f"/fhir/Patient/{ada['id']}")
    await intake.get("/fhir/Patient", params={"family": "Zyxwv"})
    await intake.post("/fhir/Patient", json={**patient(family="Zyxwv"), "gender": "x"}, headers=FHIR)
    logged = "\n".join(record.getMessage() + str(record.__dict__) for record in caplog.records)
    assert logged and "Zyxwv" not in logged and "MRN-SECRET-77" not in logged and ada["id"] not in logged

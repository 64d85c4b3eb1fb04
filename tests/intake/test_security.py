"""Intake under SMART authorization, as a hostile client sees it (issue 15, the penetration test):
every entry of a Bundle passes the checks of the same request sent alone; conditional references
are checked as parsed, never resolved against the audit trail; every read of patient data is
audited; search input is bounded; links never come from the Host header."""

import json

import httpx
import pytest

from services.intake.main import create_app
from shared.settings import Settings
from tests.intake.fhir_data import FHIR, MRN, patient, phosphate, transaction
from tests.support.issuer import Issuer

INTAKE = "http://intake.test/fhir"


@pytest.fixture(scope="module")
def issuer():
    with Issuer().serving() as running:
        yield running


def smart_settings(issuer, tmp_path, **more) -> Settings:
    more.setdefault("database_url", f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}")
    return Settings(data_dir=tmp_path, auth_mode="smart", auth_issuers={issuer.url: issuer.jwks_url},
                    auth_audience=[INTAKE], validation_workers=0, **more)


async def smart_intake(settings: Settings):
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield client


@pytest.fixture
async def intake(issuer, tmp_path):
    async for client in smart_intake(smart_settings(issuer, tmp_path, max_body_bytes=20_000)):
        yield client


def bearer(issuer, scope: str) -> dict:
    return {**FHIR, "Authorization": f"Bearer {issuer.mint(scope, INTAKE)}"}


@pytest.fixture
async def ada(intake, issuer) -> str:
    """A patient with one phosphate result; returns the patient's id."""
    admin = bearer(issuer, "system/*.cruds")
    created = await intake.post("/fhir/Patient", json=patient(mrn="MRN-7"), headers=admin)
    pid = created.json()["id"]
    assert (await intake.post("/fhir/Observation", json=phosphate(f"Patient/{pid}"), headers=admin)).status_code == 201
    return pid


# --- 1: a Bundle entry passes exactly the checks of the same request sent alone ------------------

def requests_of(pid: str) -> list[tuple[str, str, dict | None, str | None]]:
    """(method, url, resource, If-None-Exist) of requests that reach patient data in some way."""
    return [
        ("GET", f"Observation?patient={pid}&_include=Observation:patient", None, None),
        ("GET", f"Observation?patient={pid}&_include:iterate=Observation:subject", None, None),
        ("GET", f"Observation?patient={pid}", None, None),
        ("GET", f"Patient/{pid}", None, None),
        ("GET", f"Patient/{pid}/_history/1", None, None),
        ("GET", f"Patient/{pid}/_history", None, None),
        ("GET", "Patient/_history", None, None),
        ("GET", "_history", None, None),
        ("POST", "Patient/$validate", patient(mrn="MRN-9"), None),
        ("POST", "Patient", patient(mrn="MRN-7"), f"identifier={MRN}|MRN-7"),
        ("POST", "Observation", phosphate(f"Patient/{pid}"), None),
    ]


@pytest.mark.parametrize("scope", ["system/Observation.s", "system/Observation.rs system/Patient.c",
                                   "system/Patient.r system/Observation.s", "system/Patient.cr",
                                   "system/Patient.rs system/Observation.c"])
async def test_each_bundle_entry_is_allowed_exactly_when_the_request_alone_is(intake, issuer, ada, scope):
    token = bearer(issuer, scope)
    for method, url, resource, if_none_exist in requests_of(ada):
        headers = {**token, "If-None-Exist": if_none_exist} if if_none_exist else token
        alone = await intake.request(method, f"/fhir/{url}", json=resource, headers=headers)
        entry: dict = {"request": {"method": method, "url": url}}
        if resource:
            entry["resource"] = resource
        if if_none_exist:
            entry["request"]["ifNoneExist"] = if_none_exist
        for kind in ("batch", "transaction"):
            if kind == "transaction" and "?" in url and method == "GET":
                continue  # searches are batch-only (400 in a transaction)
            in_bundle = await intake.post("/fhir", json=transaction(entry, kind=kind), headers=token)
            assert (alone.status_code == 403) == (in_bundle.status_code == 403), (kind, method, url, scope, alone.text,
                                                                                  in_bundle.text)


async def test_include_in_a_batch_needs_read_of_the_included_type(intake, issuer, ada):
    search = {"request": {"method": "GET", "url": f"Observation?patient={ada}&_include=Observation:patient"}}
    refused = await intake.post("/fhir", json=transaction(search, kind="batch"),
                                headers=bearer(issuer, "system/Observation.s"))
    assert refused.status_code == 403 and "Patient" in refused.text
    assert "MRN-7" not in refused.text
    allowed = await intake.post("/fhir", json=transaction(search, kind="batch"),
                                headers=bearer(issuer, "system/Observation.s system/Patient.r"))
    found = allowed.json()["entry"][0]["resource"]["entry"]
    assert allowed.status_code == 200 and {e["resource"]["resourceType"] for e in found} == {"Observation", "Patient"}


# --- 2: conditional references are checked as parsed --------------------------------------------

CONDITIONAL_SUBJECTS = [
    '"reference": "Patient\\u003fidentifier=urn:oid:1.2.36.146.595.217.0.1|MRN-7"',  # an escaped '?'
    '"r\\u0065ference": "Patient?identifier=urn:oid:1.2.36.146.595.217.0.1|MRN-7"',  # an escaped key
    '"reference" : "Patient?name=Okafor&birthdate=2008-04-17"',
]


@pytest.mark.parametrize("subject", CONDITIONAL_SUBJECTS)
async def test_a_conditional_reference_needs_search_however_it_is_spelled(intake, issuer, ada, subject):
    observation = json.dumps(phosphate("X")).replace('"reference": "X"', subject)
    bundle = '{"resourceType": "Bundle", "type": "transaction", "entry": [{"request": {"method": "POST", ' \
             f'"url": "Observation"}}, "resource": {observation}}}]}}'
    refused = await intake.post("/fhir", content=bundle.encode(), headers=bearer(issuer, "system/Observation.c"))
    assert refused.status_code == 403 and "search of Patient" in refused.text, refused.text
    allowed = await intake.post("/fhir", content=bundle.encode(),
                                headers=bearer(issuer, "system/Observation.c system/Patient.s"))
    assert allowed.status_code == 200, allowed.text
    stored = allowed.json()["entry"][0]["response"]["location"].split("/_history")[0]
    read = await intake.get(f"/fhir/{stored}", headers=bearer(issuer, "system/Observation.r"))
    assert read.json()["subject"]["reference"] == f"Patient/{ada}"


@pytest.mark.parametrize("target", ["AuditEvent?altid=test-client", "AuditEvent\\u003fpatient=x"])
async def test_conditional_references_never_search_the_audit_trail(intake, issuer, ada, target):
    observation = json.dumps(phosphate("X")).replace('"reference": "X"', f'"reference": "{target}"')
    bundle = '{"resourceType": "Bundle", "type": "transaction", "entry": [{"request": {"method": "POST", ' \
             f'"url": "Observation"}}, "resource": {observation}}}]}}'
    refused = await intake.post("/fhir", content=bundle.encode(), headers=bearer(issuer, "system/*.cruds"))
    assert refused.status_code == 400, refused.text
    outcome = refused.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert "AuditEvent" in outcome["issue"][0]["diagnostics"] and "not resolved" in outcome["issue"][0]["diagnostics"]


# --- 6: every read of patient data is audited ----------------------------------------------------

async def audit_events(intake, issuer, **params) -> list[dict]:
    found = await intake.get("/fhir/AuditEvent", params={"_count": 100, **params},
                             headers=bearer(issuer, "system/AuditEvent.rs"))
    return [e["resource"] for e in found.json().get("entry", [])]


async def test_batch_reads_and_searches_and_type_history_name_the_patient(intake, issuer, ada):
    reader = bearer(issuer, "system/Patient.rs system/Observation.rs")
    batch = transaction({"request": {"method": "GET", "url": f"Patient/{ada}"}},
                        {"request": {"method": "GET", "url": "Observation?code=http://loinc.org|2777-1"}},
                        kind="batch")
    assert (await intake.post("/fhir", json=batch, headers=reader)).status_code == 200
    assert (await intake.get("/fhir/Patient/_history", headers=reader)).status_code == 200
    assert (await intake.get("/fhir/Observation/_history", headers=reader)).status_code == 200
    events = await audit_events(intake, issuer, patient=ada, altid="test-client")
    seen = {(e["subtype"][0]["code"], e["outcome"]) for e in events}
    assert ("batch", "0") in seen or ("transaction", "0") in seen, seen
    assert ("history-type", "0") in seen and len([e for e in events if e["subtype"][0]["code"] == "history-type"]) == 2
    for event in events:
        assert event["agent"][0]["who"]["identifier"]["value"] == "test-client"


async def test_a_batch_read_that_is_refused_is_audited_with_the_patient(intake, issuer, ada):
    batch = transaction({"request": {"method": "GET", "url": f"Patient/{ada}"}}, kind="batch")
    assert (await intake.post("/fhir", json=batch, headers=bearer(issuer, "system/Observation.rs"))).status_code == 403
    [event] = await audit_events(intake, issuer, patient=ada, outcome="4")
    assert event["outcomeDesc"] == "HTTP 403"


# --- 9 and 11: bounded search input --------------------------------------------------------------

async def test_a_form_search_body_beyond_the_limit_is_413(intake, issuer):
    form = {"family": "x" * 30_000}
    response = await intake.post("/fhir/Patient/_search", data=form, headers={
        "Authorization": bearer(issuer, "system/Patient.s")["Authorization"]})
    assert response.status_code == 413 and response.json()["resourceType"] == "OperationOutcome"
    small = await intake.post("/fhir/Patient/_search", data={"family": "Okafor"}, headers={
        "Authorization": bearer(issuer, "system/Patient.s")["Authorization"]})
    assert small.status_code == 200, small.text


async def test_a_search_value_beyond_the_documented_length_is_400_naming_the_parameter(issuer, tmp_path, database_url):
    async for client in smart_intake(smart_settings(issuer, tmp_path, database_url=database_url)):
        reader = bearer(issuer, "system/*.rs")
        for path, params in [("Patient", {"family": "x" * 50_001}), ("Observation", {"code": "y" * 50_001}),
                             ("Patient", {"identifier": f"{MRN}|" + "1" * 50_001})]:
            response = await client.get(f"/fhir/{path}", params=params, headers=reader)
            assert response.status_code == 400, response.text
            [name] = params
            assert name in response.json()["issue"][0]["diagnostics"]
        at_limit = await client.get("/fhir/Patient", params={"family": "x" * 2048}, headers=reader)
        assert at_limit.status_code == 200, at_limit.text
        batch = transaction({"request": {"method": "GET", "url": "Patient?family=" + "x" * 50_001}}, kind="batch")
        inside = (await client.post("/fhir", json=batch, headers=reader)).json()
        assert inside["entry"][0]["response"]["status"].startswith("400")


# --- 13: links from configuration, never from the Host header -------------------------------------

async def test_the_host_header_does_not_decide_links_in_smart_mode(intake, issuer, ada):
    writer = {**bearer(issuer, "system/Patient.crs"), "Host": "attacker.example"}
    created = await intake.post("/fhir/Patient", json=patient(mrn="MRN-8"), headers=writer)
    assert created.status_code == 201 and created.headers["Location"].startswith(f"{INTAKE}/Patient/")
    found = (await intake.get("/fhir/Patient", params={"_count": 1}, headers=writer)).json()
    assert all(link["url"].startswith(f"{INTAKE}/Patient?") for link in found["link"])
    assert all(e["fullUrl"].startswith(f"{INTAKE}/") for e in found["entry"])
    assert "attacker.example" not in json.dumps(found)


async def test_responses_are_not_cached_nor_sniffed(intake, issuer, ada):
    for response in [await intake.get(f"/fhir/Patient/{ada}", headers=bearer(issuer, "system/Patient.r")),
                     await intake.get(f"/fhir/Patient/{ada}"), await intake.get("/healthz")]:
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


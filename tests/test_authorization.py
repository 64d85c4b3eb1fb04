"""SMART authorization across the services: tokens of a real (test) authorization server over
HTTP, scopes per resource type and interaction, and the services calling each other with their
own tokens."""

import httpx
import pytest

from services.classifier.main import create_app as create_classifier
from services.intake.main import create_app as create_intake
from shared.settings import Settings
from tests.intake.fhir_data import FHIR, patient, phosphate, post_entry, transaction
from tests.support.issuer import Issuer
from tests.support.processes import free_port, uvicorn_service

INTAKE = "http://intake.test/fhir"


@pytest.fixture(scope="module")
def issuer():
    with Issuer().serving() as running:
        yield running


def smart(issuer, tmp_path, audience: str, **more) -> Settings:
    return Settings(data_dir=tmp_path, auth_mode="smart", auth_issuers={issuer.url: issuer.jwks_url},
                    auth_audience=[audience], auth_token_url=issuer.token_url, validation_workers=0, **more)


@pytest.fixture
async def intake(issuer, tmp_path):
    app = create_intake(smart(issuer, tmp_path, INTAKE))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield client


def bearer(issuer, scope: str, audience: str = INTAKE) -> dict:
    return {**FHIR, "Authorization": f"Bearer {issuer.mint(scope, audience)}"}


async def test_no_token_is_401_with_a_challenge_and_public_endpoints_stay_open(intake, issuer):
    response = await intake.post("/fhir/Patient", json=patient(), headers=FHIR)
    assert response.status_code == 401 and response.json()["resourceType"] == "OperationOutcome"
    assert response.headers["WWW-Authenticate"].startswith('Bearer realm="calcinosis"')
    for path in ("/fhir/metadata", "/fhir/.well-known/smart-configuration", "/healthz", "/openapi.json"):
        assert (await intake.get(path)).status_code == 200, path
    security = (await intake.get("/fhir/metadata")).json()["rest"][0]["security"]
    assert security["service"][0]["coding"][0]["code"] == "SMART-on-FHIR"
    assert security["extension"][0]["extension"][0]["valueUri"] == issuer.token_url
    config = (await intake.get("/fhir/.well-known/smart-configuration")).json()
    assert config["token_endpoint"] == issuer.token_url and "client_credentials" in config["grant_types_supported"]
    assert "permission-v2" in config["capabilities"]


async def test_scopes_decide_each_interaction(intake, issuer):
    writer = bearer(issuer, "system/Patient.c system/Observation.c")
    created = await intake.post("/fhir/Patient", json=patient(), headers=writer)
    assert created.status_code == 201, created.text
    pid = created.json()["id"]
    denied = await intake.get(f"/fhir/Patient/{pid}", headers=writer)
    assert denied.status_code == 403 and "system/Patient.r" in denied.json()["issue"][0]["diagnostics"]
    assert (await intake.get(f"/fhir/Patient/{pid}", headers=bearer(issuer, "user/*.rs"))).status_code == 200
    assert (await intake.get("/fhir/Patient", headers=bearer(issuer, "system/Patient.r"))).status_code == 403
    assert (await intake.delete(f"/fhir/Patient/{pid}", headers=bearer(issuer, "system/Patient.rs"))).status_code == 403
    # _include reveals the Patient: it needs Patient read as well as Observation search.
    await intake.post("/fhir/Observation", json=phosphate(f"Patient/{pid}"), headers=writer)
    include = {"patient": pid, "_include": "Observation:patient"}
    only_observations = await intake.get("/fhir/Observation", params=include, headers=bearer(issuer, "system/Observation.s"))
    assert only_observations.status_code == 403
    both = await intake.get("/fhir/Observation", params=include, headers=bearer(issuer, "system/Observation.s system/Patient.r"))
    assert both.status_code == 200 and len(both.json()["entry"]) == 2
    # _revinclude the same way: the Observations it adds need Observation read.
    revinclude = {"_id": pid, "_revinclude": "Observation:patient"}
    assert (await intake.get("/fhir/Patient", params=revinclude, headers=bearer(issuer, "system/Patient.s"))).status_code == 403
    both = await intake.get("/fhir/Patient", params=revinclude, headers=bearer(issuer, "system/Patient.s system/Observation.r"))
    assert both.status_code == 200 and len(both.json()["entry"]) == 2
    # PATCH is an update: it needs u.
    patch = {"Content-Type": "application/json-patch+json"}
    body = b'[{"op": "add", "path": "/active", "value": true}]'
    no_update = {**bearer(issuer, "system/Patient.crs"), **patch}
    assert (await intake.patch(f"/fhir/Patient/{pid}", content=body, headers=no_update)).status_code == 403
    patched = await intake.patch(f"/fhir/Patient/{pid}", content=body, headers={**bearer(issuer, "system/Patient.u"), **patch})
    assert patched.status_code == 200, patched.text
    # Conditional create searches: If-None-Exist needs search too.
    conditional = {**writer, "If-None-Exist": "identifier=urn:oid:1.2.36.146.595.217.0.1|12345"}
    assert (await intake.post("/fhir/Patient", json=patient(), headers=conditional)).status_code == 403
    # Each refusal is in the audit trail, under the client that was refused.
    auditor = bearer(issuer, "system/AuditEvent.rs")
    refused = (await intake.get("/fhir/AuditEvent", params={"outcome": "4", "altid": "test-client"},
                                headers=auditor)).json()
    assert refused["total"] == 7 and {e["resource"]["outcomeDesc"] for e in refused["entry"]} == {"HTTP 403"}
    assert (await intake.get("/fhir/AuditEvent", headers=writer)).status_code == 403


async def test_a_transaction_is_refused_whole_when_one_entry_is_not_allowed(intake, issuer):
    bundle = transaction(post_entry(patient(), "urn:uuid:5d2f0000-0000-4000-8000-000000000001"),
                         post_entry(phosphate("urn:uuid:5d2f0000-0000-4000-8000-000000000001")))
    refused = await intake.post("/fhir", json=bundle, headers=bearer(issuer, "system/Patient.c"))
    assert refused.status_code == 403 and "Observation" in refused.text
    everyone = await intake.get("/fhir/Patient", headers=bearer(issuer, "system/Patient.s"))
    assert everyone.json()["total"] == 0  # nothing of it was stored
    accepted = await intake.post("/fhir", json=bundle, headers=bearer(issuer, "system/Patient.c system/Observation.c"))
    assert accepted.status_code == 200, accepted.text


async def test_tokens_for_another_service_or_expired_are_401(intake, issuer):
    other = await intake.get("/fhir/Patient", headers=bearer(issuer, "system/*.rs", "http://imaging.test"))
    assert other.status_code == 401 and "not meant for this service" in other.text
    expired = {**FHIR, "Authorization": f"Bearer {issuer.mint('system/*.rs', INTAKE, lifetime=-300)}"}
    assert (await intake.get("/fhir/Patient", headers=expired)).status_code == 401


async def test_the_classifier_reads_intake_with_its_own_token(issuer, tmp_path):
    """intake runs as its own process in smart mode; the classifier gets a token for itself at the
    token endpoint (a signed assertion) and reads the patient with it."""
    key = issuer.register_client("classifier-service", "system/Patient.r system/Observation.rs")
    port = free_port()
    env = {"DATA_DIR": str(tmp_path / "intake"), "AUTH_MODE": "smart", "VALIDATION_WORKERS": "0",
           "AUTH_ISSUERS": f'{{"{issuer.url}": "{issuer.jwks_url}"}}',
           "AUTH_AUDIENCE": f'["http://127.0.0.1:{port}/fhir"]'}
    with uvicorn_service("intake", env, tmp_path / "intake.log", port=port) as url:
        issuer.audiences = [f"{url}/fhir"]
        admin = {**FHIR, "Authorization": f"Bearer {issuer.mint('system/*.cruds', f'{url}/fhir')}"}
        bundle = transaction(post_entry(patient(), "urn:uuid:5d2f0000-0000-4000-8000-000000000002"),
                             post_entry(phosphate("urn:uuid:5d2f0000-0000-4000-8000-000000000002", 7.2)))
        stored = httpx.post(f"{url}/fhir", json=bundle, headers=admin).json()
        pid = stored["entry"][0]["response"]["location"].split("/")[1]
        settings = smart(issuer, tmp_path, "http://classifier.test", intake_url=f"{url}/fhir",
                         auth_client_id="classifier-service", auth_private_key=key,
                         auth_client_scopes="system/Patient.r system/Observation.rs")
        app = create_classifier(settings)
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://classifier.test") as c:
                caller = {"Authorization": f"Bearer {issuer.mint('system/RiskAssessment.c system/Patient.r system/Observation.s', 'http://classifier.test')}"}
                response = await c.post(f"/classify/Patient/{pid}", headers=caller)
                assert response.status_code == 200, response.text
                assert (await c.post(f"/classify/Patient/{pid}")).status_code == 401
    log = (tmp_path / "intake.log").read_text()
    assert '"sub": "classifier-service"' not in log  # no token contents in the logs

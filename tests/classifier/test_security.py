"""The classifier's security (docs/reliability.md, "Security", "Classifier"): CDS Hooks reads the
EHR's FHIR server only with the EHR's grant, only a configured server, pages only on its origin;
the CDS client's JWT is of a trusted EHR, once; bodies are bounded; the caller's scopes decide
what is stored; and intake's audit trail names the end client of every read. Real processes:
intake under uvicorn, a SMART issuer and a stranger's host (a recorder) over HTTP."""

import json
import time
from contextlib import asynccontextmanager

import httpx
import pytest

from services.classifier.main import create_app
from shared.auth import ReplayGuard
from shared.errors import FHIRError
from shared.settings import Settings
from tests.classifier.test_api import case, hook_request, prefetched_hook_request
from tests.support.asgi import asgi_client
from tests.support.issuer import Issuer
from tests.support.processes import free_port, uvicorn_service
from tests.support.recorder import Recorder

FHIR = {"Content-Type": "application/fhir+json"}
CDS = "/cds-services/calcinosis-differential"
EHR_TOKEN = "ehr-granted-token-for-its-fhir-server"


@asynccontextmanager
async def classifier_app(settings: Settings):
    async with asgi_client(create_app(settings), "http://classifier.test") as client:
        yield client


def seed(url: str, headers: dict | None = None) -> str:
    """The familial HFTC vignette stored in intake; its Patient's id."""
    vignette = case("hftc-child-hip-familial")
    entries = [{"resource": e["resource"],
                "request": {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}}
               for e in vignette["entry"]]
    response = httpx.post(f"{url}/fhir", json={"resourceType": "Bundle", "type": "transaction", "entry": entries},
                          headers={**FHIR, **(headers or {})})
    assert response.status_code == 200, response.text
    return next(e["resource"]["id"] for e in vignette["entry"] if e["resource"]["resourceType"] == "Patient")


@pytest.fixture(scope="module")
def stranger():
    with Recorder().serving() as recorder:
        yield recorder


@pytest.fixture(scope="module")
def paging_intake(tmp_path_factory, stranger):
    """intake (development mode) whose paging links lead to the stranger's host (PUBLIC_BASE_URL
    misconfigured, or a proxy rewriting links), two Observations a page."""
    work = tmp_path_factory.mktemp("intake")
    env = {"DATA_DIR": str(work), "VALIDATION_WORKERS": "0", "MAX_PAGE_SIZE": "2",
           "PUBLIC_BASE_URL": f"{stranger.url}/fhir"}
    with uvicorn_service("intake", env, work / "intake.log") as url:
        yield url, seed(url)


def audit_count(url: str, patient_id: str) -> int:
    return httpx.get(f"{url}/fhir/AuditEvent", params={"patient": patient_id, "_summary": "count"}).json()["total"]


# ---- CDS Hooks: fhirServer ----------------------------------------------------------------------

async def test_cds_reads_fhir_server_only_with_fhir_authorization(tmp_path, paging_intake):
    url, patient_id = paging_intake
    async with classifier_app(Settings(data_dir=tmp_path, intake_url=f"{url}/fhir")) as classifier:
        before = audit_count(url, patient_id)
        response = await classifier.post(CDS, json=hook_request(patient_id, fhir_server=f"{url}/fhir"))
        assert response.status_code == 412, response.text
        assert "fhirAuthorization" in response.json()["issue"][0]["diagnostics"]
        assert audit_count(url, patient_id) == before + 1  # only the first count itself: the patient was not read
        # a complete prefetch still answers without one
        assert (await classifier.post(CDS, json={**prefetched_hook_request("hftc-child-hip-familial"),
                                                 "fhirServer": f"{url}/fhir"})).status_code == 200
        lone = hook_request(patient_id, access_token=EHR_TOKEN)
        assert (await classifier.post(CDS, json=lone)).status_code == 400  # cds-r-1: no fhirServer


async def test_cds_follows_paging_links_only_on_the_fhir_servers_origin(tmp_path, paging_intake, stranger):
    url, patient_id = paging_intake
    stranger.requests.clear()
    async with classifier_app(Settings(data_dir=tmp_path, intake_url=f"{url}/fhir")) as classifier:
        response = await classifier.post(CDS, json=hook_request(patient_id, fhir_server=f"{url}/fhir",
                                                                access_token=EHR_TOKEN))
        assert response.status_code == 502, response.text
        assert "another origin" in response.json()["issue"][0]["diagnostics"]
        # the classifier's own reads of intake (its own token) keep to intake's origin too
        own = await classifier.post(f"/classify/Patient/{patient_id}")
        assert own.status_code == 502 and "another origin" in own.text
    assert stranger.requests == []  # neither token went to the stranger


async def test_cds_reads_only_configured_fhir_servers(tmp_path, paging_intake, stranger):
    url, patient_id = paging_intake
    stranger.requests.clear()
    async with classifier_app(Settings(data_dir=tmp_path, intake_url=f"{url}/fhir")) as classifier:
        for server in (f"{stranger.url}/fhir", f"{url}/other-fhir", "http://169.254.169.254/latest"):
            response = await classifier.post(CDS, json=hook_request(patient_id, fhir_server=server,
                                                                    access_token=EHR_TOKEN))
            assert response.status_code == 412, (server, response.text)
            assert "CDS_FHIR_SERVERS" in response.json()["issue"][0]["diagnostics"]
    assert stranger.requests == []
    allowed = Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir", cds_fhir_servers=[f"{stranger.url}/fhir/"])
    async with classifier_app(allowed) as classifier:
        await classifier.post(CDS, json=hook_request(patient_id, fhir_server=f"{stranger.url}/fhir",
                                                     access_token=EHR_TOKEN))
    assert stranger.requests and stranger.requests[0]["headers"]["authorization"] == f"Bearer {EHR_TOKEN}"


async def test_the_cds_body_is_bounded(tmp_path):
    async with classifier_app(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir",
                                       max_body_bytes=50_000)) as classifier:
        hook = prefetched_hook_request("hftc-child-hip-familial")
        hook["prefetch"]["observations"]["entry"] *= 200
        body = json.dumps(hook).encode()
        assert len(body) > 50_000
        too_large = await classifier.post(CDS, content=body, headers={"Content-Type": "application/json"})
        assert too_large.status_code == 413 and too_large.json()["resourceType"] == "OperationOutcome"

        async def chunks():  # no Content-Length: counted while read
            for start in range(0, len(body), 8192):
                yield body[start:start + 8192]

        chunked = await classifier.post(CDS, content=chunks(), headers={"Content-Type": "application/json"})
        assert chunked.status_code == 413
        deep = {**hook_request("p1"), "extension": json.loads("[" * 100 + "]" * 100)}
        assert (await classifier.post(CDS, json=deep)).status_code == 400
        ok = await classifier.post(CDS, json=prefetched_hook_request("hftc-child-hip-familial"))
        assert ok.status_code == 200, ok.text


# ---- SMART mode: the CDS client's JWT, stored results, the audit trail -------------------------------

CLASSIFIER = "http://classifier.test"


@pytest.fixture(scope="module")
def issuer():
    with Issuer().serving() as running:
        yield running


def smart(issuer, tmp_path, **more) -> Settings:
    return Settings(data_dir=tmp_path, auth_mode="smart", auth_issuers={issuer.url: issuer.jwks_url},
                    auth_audience=[CLASSIFIER], auth_token_url=issuer.token_url, validation_workers=0, **more)


def cds_jwt(signer, **claims) -> dict:
    return {"Authorization": f"Bearer {signer.mint('', CLASSIFIER, subject='ehr-client', **claims)}"}


async def test_the_cds_client_jwt_is_of_a_trusted_ehr_and_used_once(issuer, tmp_path):
    hook = prefetched_hook_request("hftc-child-hip-familial")
    async with classifier_app(smart(issuer, tmp_path, intake_url="http://127.0.0.1:9/fhir")) as classifier:
        token = cds_jwt(issuer)
        assert (await classifier.post(CDS, json=hook, headers=token)).status_code == 200
        replay = await classifier.post(CDS, json=hook, headers=token)
        assert replay.status_code == 401 and "used before" in replay.text
        for claims, reason in (({"jti": None}, "jti"), ({"iat": None}, "iat"), ({"lifetime": 3600}, "longer than")):
            refused = await classifier.post(CDS, json=hook, headers=cds_jwt(issuer, **claims))
            assert refused.status_code == 401 and reason in refused.text, (claims, refused.text)
        other = await classifier.post(CDS, json=hook, headers=cds_jwt(issuer, issuer="https://ehr.stranger.example"))
        assert other.status_code == 401 and "issuer is not trusted" in other.text
    # CDS_CLIENTS names the EHRs: the authorization server of AUTH_ISSUERS is then not one of them
    ehr = Issuer()
    with ehr.serving():
        settings = smart(issuer, tmp_path, intake_url="http://127.0.0.1:9/fhir", cds_clients={ehr.url: ehr.jwks_url})
        async with classifier_app(settings) as classifier:
            assert (await classifier.post(CDS, json=hook, headers=cds_jwt(issuer))).status_code == 401
            ehr_token = {"Authorization": f"Bearer {ehr.mint('', CLASSIFIER, subject='ehr-client')}"}
            assert (await classifier.post(CDS, json=hook, headers=ehr_token)).status_code == 200


@pytest.fixture(scope="module")
def smart_intake(issuer, tmp_path_factory):
    """intake in SMART mode as its own process; the classifier's client registered at the issuer."""
    work = tmp_path_factory.mktemp("smart-intake")
    port = free_port()
    env = {"DATA_DIR": str(work), "AUTH_MODE": "smart", "VALIDATION_WORKERS": "0",
           "AUTH_ISSUERS": json.dumps({issuer.url: issuer.jwks_url}), "AUTH_AUDIENCE": f'["http://127.0.0.1:{port}/fhir"]'}
    with uvicorn_service("intake", env, work / "intake.log", port=port) as url:
        issuer.audiences = [f"{url}/fhir"]
        admin = {"Authorization": f"Bearer {issuer.mint('system/*.cruds', f'{url}/fhir')}"}
        scopes = "system/Patient.r system/Observation.rs system/Observation.c system/RiskAssessment.c"
        key = issuer.register_client("classifier-service", scopes)
        yield url, seed(url, admin), admin, {"auth_client_id": "classifier-service", "auth_private_key": key,
                                             "auth_client_scopes": scopes, "intake_url": f"{url}/fhir"}


def caller(issuer, scope: str, subject: str) -> dict:
    return {"Authorization": f"Bearer {issuer.mint(scope, CLASSIFIER, subject=subject)}"}


async def test_store_needs_the_callers_own_rights_to_create_what_is_stored(issuer, tmp_path, smart_intake):
    url, patient_id, admin, credentials = smart_intake
    stored = {"patient": patient_id, "_summary": "count"}

    def count(resource_type: str, **more) -> int:
        return httpx.get(f"{url}/fhir/{resource_type}", params={**stored, **more}, headers=admin).json()["total"]

    typing_before = count("Observation", code="calcinosis-typing")
    async with classifier_app(smart(issuer, tmp_path, **credentials)) as classifier:
        reader = caller(issuer, "system/RiskAssessment.c system/Patient.r system/Observation.s", "reader-app")
        refused = await classifier.post(f"/classify/Patient/{patient_id}", params={"store": "true"}, headers=reader)
        assert refused.status_code == 403 and "system/Observation.c" in refused.text
        assert count("RiskAssessment") == 0 and count("Observation", code="calcinosis-typing") == typing_before
        assert (await classifier.post(f"/classify/Patient/{patient_id}", headers=reader)).status_code == 200
        writer = caller(issuer, "system/RiskAssessment.c system/Patient.r system/Observation.cs", "writer-app")
        kept = await classifier.post(f"/classify/Patient/{patient_id}", params={"store": "true"}, headers=writer)
        assert kept.status_code == 200, kept.text
    assert count("RiskAssessment") == 1 and count("Observation", code="calcinosis-typing") == typing_before + 1


async def test_intake_audits_the_classifiers_reads_naming_the_end_client(issuer, tmp_path, smart_intake):
    url, patient_id, admin, credentials = smart_intake
    auditor = {"Authorization": f"Bearer {issuer.mint('system/AuditEvent.rs', f'{url}/fhir')}"}

    def events(**params) -> list[dict]:
        bundle = httpx.get(f"{url}/fhir/AuditEvent", params={**params, "_count": "100"}, headers=auditor).json()
        return [e["resource"] for e in bundle.get("entry", [])]

    async with classifier_app(smart(issuer, tmp_path, **credentials)) as classifier:
        clinician = caller(issuer, "system/RiskAssessment.c system/Patient.r system/Observation.s", "clinician-app")
        assert (await classifier.post(f"/classify/Patient/{patient_id}", headers=clinician)).status_code == 200
        assert (await classifier.post("/classify/Patient/nobody", headers=clinician)).status_code == 404
    read = events(patient=patient_id, altid="clinician-app")
    assert {e["subtype"][0]["code"] for e in read} >= {"read", "search-type"}
    for event in read:
        assert event["outcome"] == "0"
        agents = {a["altId"]: a for a in event["agent"]}
        assert agents["classifier-service"]["who"]["identifier"] == {"system": issuer.url, "value": "classifier-service"}
        assert agents["clinician-app"]["who"]["identifier"] == {"system": issuer.url, "value": "clinician-app"}
        assert {"reference": f"Patient/{patient_id}"} in [e["what"] for e in event["entity"] if "what" in e]
    [missing] = events(patient="nobody", altid="clinician-app")
    assert missing["outcome"] == "4" and missing["outcomeDesc"] == "HTTP 404"


def test_the_replay_store_is_bounded_and_refuses_rather_than_forgets():
    guard = ReplayGuard(capacity=2)
    now = time.time()
    assert guard.first_use("ehr", "a", now + 60) and guard.first_use("ehr", "b", now - 1)
    assert not guard.first_use("ehr", "a", now + 60)  # a replay
    assert guard.first_use("other-ehr", "a", now + 60)  # ids are per issuer; "b" had expired and made room
    with pytest.raises(FHIRError) as full:
        guard.first_use("ehr", "c", now + 60)
    assert full.value.status == 503
    assert not guard.first_use("ehr", "a", now + 60)  # still remembered, never forgotten to make room


async def test_card_links_never_come_from_the_host_header_in_smart_mode(issuer, tmp_path):
    hook = prefetched_hook_request("hftc-child-hip-familial")
    async with classifier_app(smart(issuer, tmp_path, intake_url="http://127.0.0.1:9/fhir")) as classifier:
        answer = await classifier.post(CDS, json=hook, headers={**cds_jwt(issuer), "Host": "attacker.example"})
        assert answer.status_code == 200
        assert "attacker.example" not in answer.text and f"{CLASSIFIER}/explanation" in answer.text
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):  # smart mode must know its own URL
        create_app(Settings(data_dir=tmp_path, auth_mode="smart", auth_issuers={issuer.url: issuer.jwks_url},
                            auth_audience=["urn:calcinosis:classifier"], validation_workers=0))

"""The classifier over HTTP: /classify, CodeSystems, CDS Hooks, and reading patients from a live intake."""

import json
from pathlib import Path

import httpx
import pytest
from fastapi.dependencies.models import _is_async_gen_callable, _is_coroutine_callable
from fastapi.routing import APIRoute

from services.classifier.evaluation import expected_diagnosis
from services.classifier.main import create_app
from shared.settings import Settings
from tests.classifier.builders import bundle, lab, mass, patient
from tests.support.processes import uvicorn_service

CASES = Path(__file__).parent / "cases"
FHIR = {"Content-Type": "application/fhir+json"}


def case(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text())


def leading(result: dict) -> str:
    assessment = next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    return assessment["prediction"][0]["outcome"]["coding"][0]["code"]


@pytest.fixture
async def classifier(tmp_path, request):
    intake_url = getattr(request, "param", "http://127.0.0.1:9/fhir")
    app = create_app(Settings(data_dir=tmp_path, intake_url=intake_url, max_body_bytes=2_000_000))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            yield client


@pytest.mark.parametrize("name", ["hftc-child-hip-familial", "nftc-young-woman-after-trauma", "uremic-published-hip-case",
                                  "gouty-tophus-olecranon"])
async def test_classify_bundle(classifier, name):
    vignette = case(name)
    response = await classifier.post("/classify", content=json.dumps(vignette), headers=FHIR)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["type"] == "collection"
    assert leading(result) == expected_diagnosis(vignette)
    kinds = [e["resource"]["resourceType"] for e in result["entry"]]
    assert kinds[:3] == ["RiskAssessment", "Observation", "Observation"]


@pytest.mark.parametrize("content,headers,status,fragment", [
    (b"{nope", FHIR, 400, "not valid JSON"),
    (json.dumps(patient()).encode(), FHIR, 400, "must be a FHIR Bundle"),
    (json.dumps({"resourceType": "Bundle", "type": "collection", "entry": {"resource": patient()}}).encode(), FHIR, 400,
     "Bundle.entry must be a list"),
    (json.dumps({**bundle(patient()), "entry": [{"resource": patient()}, "x"]}).encode(), FHIR, 400,
     "Bundle.entry[1] is not an object"),
    (json.dumps({**bundle(patient()), "entry": [{"resource": patient()}, {"resource": "x"}]}).encode(), FHIR, 400,
     "Bundle.entry[1].resource is not a resource object"),
    (json.dumps({**bundle(patient()), "entry": [{"resource": patient()}, {"fullUrl": "urn:uuid:1"}]}).encode(), FHIR, 422,
     "has no resource object"),
    (json.dumps(bundle(lab("2777-1", 5.0, "mg/dL"))).encode(), FHIR, 422, "no Patient"),
    (json.dumps(bundle(patient(), patient(id="p2"))).encode(), FHIR, 422, "2 Patients"),
    (json.dumps(bundle(patient())).encode(), {"Content-Type": "text/plain"}, 415, "Content-Type"),
])
async def test_bad_input(classifier, content, headers, status, fragment):
    response = await classifier.post("/classify", content=content, headers=headers)
    assert response.status_code == status, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert fragment in " ".join(i["diagnostics"] for i in outcome["issue"])


async def test_unusable_values_are_reported_beside_the_answer(classifier):
    payload = bundle(patient(birth="2010-05-01"), lab("2777-1", -3.0, "mg/dL", id="neg"),
                     lab("17861-6", 9.5, "furlongs", id="odd"), mass("hip-gluteal", size=60, pattern="lobulated-cloudlike"))
    response = await classifier.post("/classify", content=json.dumps(payload), headers=FHIR)
    assert response.status_code == 200, response.text
    outcome = next(e["resource"] for e in response.json()["entry"]
                   if e["resource"]["resourceType"] == "OperationOutcome")
    text = " ".join(i["diagnostics"] for i in outcome["issue"])
    assert "Observation/neg" in text and "Observation/odd" in text


def outcome_issues(result: dict) -> list[dict]:
    return [issue for e in result["entry"] if e["resource"]["resourceType"] == "OperationOutcome"
            for issue in e["resource"]["issue"]]


def ranking(result: dict) -> list[tuple[str, float]]:
    assessment = next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    return [(p["outcome"]["coding"][0]["code"], p["probabilityDecimal"]) for p in assessment["prediction"]]


async def classify_ok(client, payload: dict) -> dict:
    response = await client.post("/classify", content=json.dumps(payload), headers=FHIR)
    assert response.status_code == 200, response.text
    return response.json()


WELL_FORMED = [patient(birth="2014-02-01", gender="male"), lab("2777-1", 7.0, "mg/dL", id="phos"),
               lab("17861-6", 9.6, "mg/dL", id="ca"), mass("hip-gluteal", size=70, pattern="lobulated-cloudlike")]


async def test_a_malformed_observation_is_reported_and_left_out(classifier):
    """decisions.md, Classifier: the answer stands on the rest; the bad Observation is named."""
    not_a_number = {"resourceType": "Observation", "id": "bad-value", "status": "final", "code": {"text": "x"},
                    "valueQuantity": {"value": "high"}}
    result = await classify_ok(classifier, bundle(patient(), not_a_number))
    [issue] = [i for i in outcome_issues(result) if i["severity"] == "error"]
    assert "Observation/bad-value" in issue["diagnostics"] and "Observation.valueQuantity.value" in issue["diagnostics"]
    assert issue["code"] == "value" and issue["expression"] == ["Bundle.entry[1].resource.valueQuantity.value"]
    assert leading(result)


@pytest.mark.parametrize("malformed", [
    lab("2777-1", "9.9", "mg/dL", id="bad"),  # a decimal sent as a string
    lab("2777-1", 9.9, "mg/dL", id="bad", when="2024-02-30"),  # not a calendar date
    {**lab("2777-1", 9.9, "mg/dL", id="bad"), "status": "done"},  # outside the required binding
    {**lab("2777-1", 9.9, "mg/dL", id="bad"), "interpretation": {"coding": []}},  # a list element sent as an object
    {**mass("shoulder", id="bad", size=30), "component": [{"code": {"text": "painful"}, "valueBoolean": "yes"}]},
])
async def test_malformed_used_element_is_reported_and_excluded(classifier, malformed):
    reference = await classify_ok(classifier, bundle(*WELL_FORMED))
    result = await classify_ok(classifier, bundle(*WELL_FORMED, malformed))
    errors = [i for i in outcome_issues(result) if i["severity"] == "error"]
    assert errors and all("Observation/bad" in i["diagnostics"] and "not used" in i["diagnostics"] for i in errors)
    assert ranking(result) == ranking(reference)  # as if it had not been sent
    basis = {b["reference"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment"
             for b in e["resource"].get("basis", [])}
    assert "Observation/bad" not in basis and "Observation/phos" in basis


async def test_malformed_patient_element_is_reported_and_treated_as_unknown(classifier):
    no_birth = {k: v for k, v in patient(gender="male").items() if k != "birthDate"}
    reference = await classify_ok(classifier, bundle(no_birth, *WELL_FORMED[1:]))
    result = await classify_ok(classifier, bundle(patient(birth="14/02/2014", gender="male"), *WELL_FORMED[1:]))
    errors = [i for i in outcome_issues(result) if i["severity"] == "error"]
    assert len(errors) == 1 and "Patient/p1" in errors[0]["diagnostics"]
    assert errors[0]["expression"] == ["Bundle.entry[0].resource.birthDate"]
    assert ranking(result) == ranking(reference)


async def test_unknown_extra_elements_are_ignored(classifier):
    reference = await classify_ok(classifier, bundle(*WELL_FORMED))
    extension = [{"url": "http://example.org/x", "valueString": "anything"}]
    decorated = [
        {**WELL_FORMED[0], "meta": {"versionId": "3"}, "extension": extension, "name": [{"family": "Doe"}], "madeUp": 1},
        {**WELL_FORMED[1], "note": [{"text": "fasting"}], "performer": [{"display": "lab"}], "unknownElement": {"a": [1]},
         "valueQuantity": {**WELL_FORMED[1]["valueQuantity"], "extension": extension, "comparator": "<"}},
        *WELL_FORMED[2:],
    ]
    result = await classify_ok(classifier, bundle(*decorated))
    assert outcome_issues(result) == []
    assert ranking(result) == ranking(reference)


async def test_codesystems_are_readable(classifier):
    diagnosis = (await classifier.get("/fhir/CodeSystem/calcinosis-diagnosis")).json()
    assert diagnosis["resourceType"] == "CodeSystem" and diagnosis["count"] == 47
    assert diagnosis["url"] == "http://calcinosis.example.org/fhir/CodeSystem/calcinosis-diagnosis"
    every = (await classifier.get("/fhir/CodeSystem")).json()
    assert {e["resource"]["id"] for e in every["entry"]} == {
        "calcinosis-finding", "calcinosis-site", "calcinosis-diagnosis", "calcinosis-typing"}
    assert (await classifier.get("/fhir/CodeSystem/nonsense")).status_code == 404


def hook_request(patient_id: str, prefetch: dict | None = None, fhir_server: str | None = None,
                 access_token: str | None = None) -> dict:
    request: dict = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                     "context": {"userId": "Practitioner/example", "patientId": patient_id}}
    if prefetch is not None:
        request["prefetch"] = prefetch
    if fhir_server:
        request["fhirServer"] = fhir_server
    if access_token:
        request["fhirAuthorization"] = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300,
                                        "scope": "user/Patient.r user/Observation.rs", "subject": "calcinosis-cds"}
    return request


def prefetched_hook_request(name: str) -> dict:
    """A patient-view request for a vignette, its Patient and Observations given as prefetch."""
    resources = [e["resource"] for e in case(name)["entry"]]
    the_patient = next(r for r in resources if r["resourceType"] == "Patient")
    prefetch = {"patient": the_patient, "observations": {
        "resourceType": "Bundle", "type": "searchset",
        "entry": [{"resource": r} for r in resources if r["resourceType"] == "Observation"]}}
    return hook_request(the_patient["id"], prefetch)


async def test_cds_discovery_and_patient_view_with_prefetch(classifier):
    services = (await classifier.get("/cds-services")).json()["services"]
    assert services[0]["hook"] == "patient-view" and "patient" in services[0]["prefetch"]
    hook = prefetched_hook_request("uremic-published-hip-case")
    response = await classifier.post(f"/cds-services/{services[0]['id']}", json=hook)
    assert response.status_code == 200, response.text
    card = response.json()["cards"][0]
    assert "Secondary" in card["summary"] or "uremic" in card["summary"].lower()
    assert len(card["summary"]) <= 140 and card["indicator"] in ("info", "warning")
    assert "Typing" in card["detail"] and card["source"]["label"]
    # the card's source links to the explanation of the model, at the leading diagnosis
    assert card["source"]["url"].endswith("/explanation#tc-secondary-uremic")
    assert card["source"]["topic"]["code"] == "tc-secondary-uremic"
    # ... and the card links to the patient's page (an absolute link, issue 16 item 6)
    assert card["links"] == [{"label": "Calcinosis page of this patient: differential, imaging and lesion volumes",
                              "url": f"http://classifier.test/patients/{hook['context']['patientId']}/view",
                              "type": "absolute"}]
    page = await classifier.get("/explanation")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="tc-secondary-uremic"' in page.text and 'id="ref-kdigo-2017"' in page.text and "expert estimate" in page.text


async def test_cds_errors(classifier):
    no_data = await classifier.post("/cds-services/calcinosis-differential", json=hook_request("p1"))
    assert no_data.status_code == 412 and no_data.json()["resourceType"] == "OperationOutcome"
    wrong_hook = {**hook_request("p1"), "hook": "order-select"}
    response = await classifier.post("/cds-services/calcinosis-differential", json=wrong_hook)
    assert response.status_code == 400 and response.json()["resourceType"] == "OperationOutcome"
    assert (await classifier.post("/cds-services/other", json=hook_request("p1"))).status_code == 404
    mismatch = hook_request("p1", {"patient": patient(id="p2"), "observations": {"resourceType": "Bundle", "type": "searchset"}})
    assert (await classifier.post("/cds-services/calcinosis-differential", json=mismatch)).status_code == 400


@pytest.fixture(scope="module")
def live_intake(tmp_path_factory):
    work = tmp_path_factory.mktemp("intake")
    env = {"DATA_DIR": str(work), "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'intake.sqlite3'}"}
    with uvicorn_service("intake", env, work / "intake.log") as url:
        vignette = case("hftc-child-hip-familial")
        entries = [{"resource": e["resource"],
                    "request": {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}}
                   for e in vignette["entry"]]
        response = httpx.post(f"{url}/fhir", json={"resourceType": "Bundle", "type": "transaction", "entry": entries},
                              headers=FHIR)
        assert response.status_code == 200, response.text
        yield url + "/fhir", next(e["resource"]["id"] for e in vignette["entry"]
                                  if e["resource"]["resourceType"] == "Patient"), expected_diagnosis(vignette)


@pytest.fixture
async def classifier_on_intake(tmp_path, live_intake):
    app = create_app(Settings(data_dir=tmp_path, intake_url=live_intake[0]))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            yield client


async def test_classify_patient_from_a_live_intake(classifier_on_intake, live_intake):
    _, patient_id, expected = live_intake
    response = await classifier_on_intake.post(f"/classify/Patient/{patient_id}")
    assert response.status_code == 200, response.text
    assert leading(response.json()) == expected
    missing = await classifier_on_intake.post("/classify/Patient/nobody")
    assert missing.status_code == 404 and missing.json()["resourceType"] == "OperationOutcome"
    assert (await classifier_on_intake.get("/readyz")).status_code == 200


async def test_classify_patient_stores_the_assessment_in_intake(classifier_on_intake, live_intake):
    fhir_server, patient_id, expected = live_intake
    response = await classifier_on_intake.post(f"/classify/Patient/{patient_id}", params={"store": "true"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert leading(result) == expected
    risk = next(e for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    assert risk["fullUrl"] == f"{fhir_server}/RiskAssessment/{risk['resource']['id']}"
    stored = httpx.get(f"{fhir_server}/RiskAssessment", params={"patient": patient_id}).json()
    assert risk["resource"]["id"] in [e["resource"]["id"] for e in stored["entry"]]
    typing = httpx.get(f"{fhir_server}/Observation", params={
        "patient": patient_id, "code": "calcinosis-typing"}).json()
    assert typing["total"] >= 1


async def test_cds_patient_view_reads_the_fhir_server_without_prefetch(classifier_on_intake, live_intake):
    fhir_server, patient_id, _ = live_intake
    response = await classifier_on_intake.post("/cds-services/calcinosis-differential",
                                               json=hook_request(patient_id, fhir_server=fhir_server,
                                                                 access_token="granted-by-the-ehr"))
    assert response.status_code == 200, response.text
    assert "Primary hyperphosphatemic" in response.json()["cards"][0]["summary"]


async def test_unreachable_intake_is_a_clean_502(classifier):
    response = await classifier.post("/classify/Patient/p1")
    assert response.status_code == 502 and response.json()["resourceType"] == "OperationOutcome"
    assert (await classifier.get("/readyz")).status_code == 503


async def test_cds_cards_leave_optional_members_out_and_browsers_may_call(classifier):
    hook = prefetched_hook_request("uremic-published-hip-case")
    response = await classifier.post("/cds-services/calcinosis-differential", json=hook)

    def nulls(value, path=""):
        if isinstance(value, dict):
            return [p for k, v in value.items() for p in ([f"{path}.{k}"] if v is None else nulls(v, f"{path}.{k}"))]
        if isinstance(value, list):
            return [p for i, v in enumerate(value) for p in nulls(v, f"{path}[{i}]")]
        return []

    assert response.status_code == 200 and nulls(response.json()) == []
    assert nulls((await classifier.get("/cds-services")).json()) == []
    # a browser's preflight from an EHR's origin, then the call itself
    preflight = await classifier.options("/cds-services/calcinosis-differential", headers={
        "Origin": "https://ehr.example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    discovery = await classifier.get("/cds-services", headers={"Origin": "https://ehr.example.org"})
    assert discovery.headers["access-control-allow-origin"] == "*"


async def test_cds_cors_origins_come_from_the_settings(tmp_path):
    app = create_app(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir",
                              cds_allowed_origins=["https://ehr.example.org"]))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            ask = {"Access-Control-Request-Method": "POST"}
            path = "/cds-services/calcinosis-differential"
            allowed = await client.options(path, headers={"Origin": "https://ehr.example.org", **ask})
            other = await client.options(path, headers={"Origin": "https://evil.example", **ask})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://ehr.example.org"
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers


async def test_the_card_links_to_the_patient_page_at_the_public_base_url(tmp_path):
    app = create_app(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir",
                              public_base_url="https://cds.example.org/calcinosis"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            hook = prefetched_hook_request("uremic-published-hip-case")
            card = (await client.post("/cds-services/calcinosis-differential", json=hook)).json()["cards"][0]
    patient_id = hook["context"]["patientId"]
    assert [link["url"] for link in card["links"]] == [f"https://cds.example.org/calcinosis/patients/{patient_id}/view"]
    assert card["links"][0]["type"] == "absolute"


def _sync_callables(dependant) -> list[str]:
    """The dependency tree's callables that FastAPI runs in its thread pool: neither coroutines nor async
    generators, as FastAPI itself tells them apart."""
    call = dependant.call
    found = [] if call is None or _is_coroutine_callable(call) or _is_async_gen_callable(call) else [
        getattr(call, "__qualname__", repr(call))]
    return found + [name for sub in dependant.dependencies for name in _sync_callables(sub)]


def _api_routes(routes: list) -> list[APIRoute]:
    """The app's endpoints, those of included routers too (FastAPI keeps a router included as one route)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += _api_routes(route.original_router.routes)
    return found


def test_no_request_waits_for_the_thread_pool(tmp_path):
    """Every endpoint and dependency is a coroutine: a plain function is run in the thread pool, a hand-over
    between threads on every request that cost /classify a fifth of its time (docs/performance.md)."""
    app = create_app(Settings(data_dir=tmp_path))
    routes = _api_routes(app.routes)
    assert any(route.path == "/classify" for route in routes)
    assert {route.path: _sync_callables(route.dependant) for route in routes if _sync_callables(route.dependant)} == {}

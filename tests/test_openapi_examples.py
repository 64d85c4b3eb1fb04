"""The OpenAPI documents' examples: every operation with a request body has one, every path
parameter says its values (examples or an enumeration), and every example is valid: each is sent,
as /docs' "Try it out" would send it, to the three services running as processes."""

import json
from pathlib import Path

import httpx
import pytest

from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("intake", "classifier", "imaging")
METHODS = {"get", "put", "post", "delete", "patch"}
FHIR_JSON = {"Content-Type": "application/fhir+json"}


def document(service: str) -> dict:
    return json.loads((ROOT / "openapi" / f"{service}.json").read_text())


def operations(service: str):
    for path, ops in document(service)["paths"].items():
        for method, operation in ops.items():
            if method in METHODS:
                yield path, method, operation


def body_examples(operation: dict, media_type: str) -> dict[str, dict]:
    return operation["requestBody"]["content"][media_type].get("examples", {})


# --- the documents ------------------------------------------------------------------------------

@pytest.mark.parametrize("service", SERVICES)
def test_every_request_body_has_an_example(service):
    missing = [f"{method.upper()} {path}" for path, method, op in operations(service) if "requestBody" in op
               and not any(media.get("examples") or media.get("example") for media in op["requestBody"]["content"].values())]
    assert missing == []


@pytest.mark.parametrize("service", SERVICES)
def test_every_path_parameter_says_its_values(service):
    silent = [f"{method.upper()} {path} {p['name']}" for path, method, op in operations(service)
              for p in op.get("parameters", []) if p["in"] == "path"
              and not (p.get("examples") or p["schema"].get("enum")) or (p["in"] == "path" and not p.get("description"))]
    assert silent == []


def test_the_cds_service_and_code_system_ids_are_enumerated():
    """The values a caller cannot guess are listed: the CDS service id discovery names, the CodeSystems."""
    from services.classifier.cds_hooks import SERVICE_ID
    from services.classifier.codesystems import CODESYSTEM_NAMES

    paths = document("classifier")["paths"]
    [service_id] = paths["/cds-services/{service_id}"]["post"]["parameters"]
    assert service_id["schema"]["enum"] == [SERVICE_ID]
    [name] = paths["/fhir/CodeSystem/{name}"]["get"]["parameters"]
    assert name["schema"]["enum"] == list(CODESYSTEM_NAMES)


# --- the examples, sent to the services ---------------------------------------------------------

@pytest.fixture(scope="module")
def services(tmp_path_factory):
    folder = tmp_path_factory.mktemp("examples")

    def env(name: str, **extra: str) -> dict[str, str]:
        return {"DATA_DIR": str(folder), "DATABASE_URL": f"sqlite+aiosqlite:///{folder / f'{name}.sqlite3'}",
                "VALIDATION_WORKERS": "0", **extra}

    with uvicorn_service("intake", env("intake"), folder / "intake.log") as intake, \
            uvicorn_service("classifier", env("classifier", INTAKE_URL=f"{intake}/fhir"),
                            folder / "classifier.log") as classifier, \
            uvicorn_service("imaging", env("imaging", INTAKE_URL=f"{intake}/fhir",
                                           # the PACS the example names, as the compose file lists it
                                           DICOMWEB_ALLOWED_URLS='["http://orthanc:8042/dicom-web"]'),
                            folder / "imaging.log") as imaging:
        yield {"intake": intake, "classifier": classifier, "imaging": imaging}


def path_example(operation: dict, name: str) -> str:
    [parameter] = [p for p in operation["parameters"] if p["name"] == name]
    return next(iter(parameter["examples"].values()))["value"]


def test_intake_examples_are_accepted(services):
    """Per resource type: the update example (PUT at the example id) creates it, the create example
    is stored, both $validate examples find no error, the example id reads back, and the form
    search example finds it; then the transaction and batch examples succeed entry by entry."""
    url = services["intake"]
    paths = document("intake")["paths"]
    # Patient first: the other examples refer to it.
    for t in ("Patient", "Observation", "ImagingStudy", "DiagnosticReport", "RiskAssessment"):
        instance = paths[f"/fhir/{t}/{{id}}"]
        rid = path_example(instance["put"], "id")
        for example in body_examples(instance["put"], "application/fhir+json").values():
            response = httpx.put(f"{url}/fhir/{t}/{rid}", json=example["value"], headers=FHIR_JSON)
            assert response.status_code in (200, 201), (t, response.text)
        for example in body_examples(paths[f"/fhir/{t}"]["post"], "application/fhir+json").values():
            response = httpx.post(f"{url}/fhir/{t}", json=example["value"], headers=FHIR_JSON)
            assert response.status_code == 201, (t, response.text)
        for path in (f"/fhir/{t}/$validate", f"/fhir/{t}/{{id}}/$validate"):
            for example in body_examples(paths[path]["post"], "application/fhir+json").values():
                response = httpx.post(f"{url}{path.replace('{id}', rid)}", json=example["value"], headers=FHIR_JSON)
                assert response.status_code == 200, (path, response.text)
                assert [i for i in response.json()["issue"] if i["severity"] in ("error", "fatal")] == [], path
        for example in body_examples(instance["patch"], "application/json-patch+json").values():
            response = httpx.patch(f"{url}/fhir/{t}/{rid}", json=example["value"],
                                   headers={"Content-Type": "application/json-patch+json"})
            assert response.status_code == 200, (t, response.text)
        assert httpx.get(f"{url}/fhir/{t}/{rid}").status_code == 200
        vid = path_example(paths[f"/fhir/{t}/{{id}}/_history/{{vid}}"]["get"], "vid")
        assert httpx.get(f"{url}/fhir/{t}/{rid}/_history/{vid}").status_code == 200
    for t in ("Patient", "Observation", "ImagingStudy", "DiagnosticReport", "RiskAssessment", "AuditEvent"):
        for example in body_examples(paths[f"/fhir/{t}/_search"]["post"], "application/x-www-form-urlencoded").values():
            response = httpx.post(f"{url}/fhir/{t}/_search", data=example["value"])
            assert response.status_code == 200, (t, response.text)
            assert response.json()["total"] >= 1, (t, example)

    examples = body_examples(paths["/fhir"]["post"], "application/fhir+json")
    assert {e["value"]["type"] for e in examples.values()} == {"transaction", "batch"}
    for example in examples.values():
        response = httpx.post(f"{url}/fhir", json=example["value"], headers=FHIR_JSON)
        assert response.status_code == 200, response.text
        statuses = [e["response"]["status"][:3] for e in response.json()["entry"]]
        assert statuses == (["201"] * len(statuses) if example["value"]["type"] == "transaction" else ["200"] * len(statuses))


def test_classifier_examples_are_accepted(services):
    """The classify example gets its RiskAssessment; each CDS Hooks example its card; the example
    patient id is classified from intake; every enumerated CodeSystem is served."""
    url, intake = services["classifier"], services["intake"]
    paths = document("classifier")["paths"]
    intake_paths = document("intake")["paths"]
    patient = next(iter(body_examples(intake_paths["/fhir/Patient/{id}"]["put"], "application/fhir+json").values()))
    stored = httpx.put(f"{intake}/fhir/Patient/{patient['value']['id']}", json=patient["value"], headers=FHIR_JSON)
    assert stored.status_code in (200, 201)

    for example in body_examples(paths["/classify"]["post"], "application/fhir+json").values():
        response = httpx.post(f"{url}/classify", json=example["value"], headers=FHIR_JSON, timeout=60)
        assert response.status_code == 200, response.text
        assert response.json()["entry"][0]["resource"]["resourceType"] == "RiskAssessment"

    operation = paths["/cds-services/{service_id}"]["post"]
    [service_id] = operation["parameters"][0]["schema"]["enum"]
    examples = body_examples(operation, "application/json")
    assert examples
    for example in examples.values():
        response = httpx.post(f"{url}/cds-services/{service_id}", json=example["value"], timeout=60)
        assert response.status_code == 200, response.text
        assert len(response.json()["cards"]) == 1

    patient_id = path_example(paths["/classify/Patient/{patient_id}"]["post"], "patient_id")
    assert patient_id == patient["value"]["id"]
    assert httpx.post(f"{url}/classify/Patient/{patient_id}", timeout=60).status_code == 200
    [name] = paths["/fhir/CodeSystem/{name}"]["get"]["parameters"]
    for value in name["schema"]["enum"]:
        assert httpx.get(f"{url}/fhir/CodeSystem/{value}").json()["id"] == value


def test_imaging_dicomweb_example_is_accepted(services):
    """The DICOMweb example passes the request checks (202 and a Location); the PACS it names is
    the compose file's, not reachable here, so the analysis itself is not awaited."""
    url = services["imaging"]
    operation = document("imaging")["paths"]["/analyses"]["post"]
    examples = body_examples(operation, "application/json")
    assert examples
    for example in examples.values():
        response = httpx.post(f"{url}/analyses", json=example["value"])
        assert response.status_code == 202, response.text
        assert response.headers["location"].startswith("/analyses/")
    fields = operation["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert fields["subject"]["examples"] == ["Patient/example-ada"]

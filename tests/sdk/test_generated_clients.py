"""The Python SDKs generated from openapi/*.json against the three services running under uvicorn.

Every call goes through a generated function (no hand-written requests), and every answer is
read from the generated types: what an integrator who only has the OpenAPI documents gets.
"""

import importlib.util
import json
import time
import uuid
from io import BytesIO
from pathlib import Path

import pytest

from services.classifier.evaluation import expected_diagnosis
from tests.imaging.fixtures import NIFTI
from tests.intake.fhir_data import LOINC, MRN, patient, phosphate

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "classifier" / "cases"
PHOSPHATE = f"{LOINC}|2777-1"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_clients", ROOT / "scripts" / "generate_clients.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _issues(outcome) -> list[tuple[str, str]]:
    """(code, diagnostics) of each issue of a generated OperationOutcome."""
    return [(issue["code"], issue.get("diagnostics", "")) for issue in outcome.issue]


def _resources(bundle) -> list[dict]:
    return [entry["resource"] for entry in bundle.entry or [] if "resource" in entry]


# --- the generator ------------------------------------------------------------------------------

@pytest.mark.parametrize("service", ["intake", "classifier", "imaging"])
def test_every_operation_has_an_importable_generated_function(sdk, sdk_dir, service):
    """Every operationId of the document became a module with sync_detailed/asyncio_detailed that
    parses every documented status code (the same check the script fails on)."""
    generator = _generator()
    assert generator.check(service, sdk_dir) == []
    document = json.loads((ROOT / "openapi" / f"{service}.json").read_text())
    generated = getattr(sdk, service)
    assert generated.Client and generated.models.OperationOutcome
    assert len([m for ops in document["paths"].values() for m in ops if m in generator.METHODS]) == len(
        [p for p in (sdk_dir / generated.__name__ / "api").rglob("*.py") if p.stem != "__init__"])


# --- intake -------------------------------------------------------------------------------------

def test_intake_capability_statement(sdk, intake):
    from calcinosis_intake_client.api.system import capabilities
    from calcinosis_intake_client.models import CapabilityStatement

    statement = capabilities.sync(client=intake)
    assert isinstance(statement, CapabilityStatement)
    assert statement.resource_type == "CapabilityStatement" and statement.fhir_version == "4.0.1"
    assert "application/fhir+json" in statement.format_
    types = {resource["type"] for resource in statement.rest[0]["resource"]}
    assert {"Patient", "Observation", "ImagingStudy"} <= types


def test_intake_create_and_read_patient(sdk, intake):
    from calcinosis_intake_client.api.patient import create_patient, read_patient, search_patient, update_patient
    from calcinosis_intake_client.models import Bundle, Patient

    response = create_patient.sync_detailed(client=intake, body=Patient.from_dict(patient(mrn="sdk-1")))
    assert response.status_code == 201, response.content
    created = response.parsed
    assert isinstance(created, Patient) and created.id and created.meta["versionId"] == "1"
    assert response.headers["location"].endswith(f"/fhir/Patient/{created.id}/_history/1")
    assert response.headers["content-type"].startswith("application/fhir+json")

    read = read_patient.sync(created.id, client=intake)
    assert isinstance(read, Patient)
    assert (read.name[0]["family"], read.gender, read.birth_date) == ("Okafor", "female", "2008-04-17")

    read.gender = "male"
    updated = update_patient.sync(created.id, client=intake, body=read)
    assert isinstance(updated, Patient) and updated.meta["versionId"] == "2" and updated.gender == "male"

    found = search_patient.sync(client=intake, identifier=f"{MRN}|sdk-1")
    assert isinstance(found, Bundle) and found.type_ == "searchset"
    assert [r["id"] for r in _resources(found)] == [created.id]


async def test_intake_transaction_then_search_observations(sdk, intake_url):
    """A transaction Bundle (Patient + phosphate Observation referring to it by urn:uuid), then a
    search of that patient's phosphate results, with the async variants of the functions."""
    from calcinosis_intake_client import Client
    from calcinosis_intake_client.api.observation import search_observation
    from calcinosis_intake_client.api.system import transaction
    from calcinosis_intake_client.models import Bundle

    full_url = f"urn:uuid:{uuid.uuid4()}"
    request = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": full_url, "resource": patient(mrn="sdk-2"), "request": {"method": "POST", "url": "Patient"}},
        {"resource": phosphate(full_url, 6.8, "2024-03-01"), "request": {"method": "POST", "url": "Observation"}},
    ]}
    async with Client(base_url=intake_url, raise_on_unexpected_status=True) as client:
        response = await transaction.asyncio_detailed(client=client, body=Bundle.from_dict(request))
        assert response.status_code == 200, response.content
        result = response.parsed
        assert isinstance(result, Bundle) and result.type_ == "transaction-response"
        assert [e["response"]["status"][:3] for e in result.entry] == ["201", "201"]
        patient_id = result.entry[0]["response"]["location"].split("/")[1]

        found = await search_observation.asyncio(client=client, patient=patient_id, code=PHOSPHATE)
    assert isinstance(found, Bundle) and found.total == 1
    [observation] = _resources(found)
    assert observation["subject"] == {"reference": f"Patient/{patient_id}"}  # the urn:uuid, rewritten
    assert observation["valueQuantity"]["value"] == 6.8
    assert observation["effectiveDateTime"] == "2024-03-01"  # a FHIR date stays as precise as it was


def test_intake_errors_are_typed_operation_outcomes(sdk, intake):
    from calcinosis_intake_client.api.observation import search_observation
    from calcinosis_intake_client.api.patient import create_patient, read_patient
    from calcinosis_intake_client.models import OperationOutcome, Patient

    missing = read_patient.sync_detailed("no-such-patient", client=intake)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, OperationOutcome)
    assert [code for code, _ in _issues(missing.parsed)] == ["not-found"]

    bad_search = search_observation.sync_detailed(client=intake, date="yesterday")
    assert bad_search.status_code == 400
    assert isinstance(bad_search.parsed, OperationOutcome)
    assert any("yesterday" in diagnostics for _, diagnostics in _issues(bad_search.parsed))

    invalid = create_patient.sync_detailed(client=intake, body=Patient.from_dict(patient(gender="sometimes")))
    assert invalid.status_code in (400, 422)
    assert isinstance(invalid.parsed, OperationOutcome)
    assert any("sometimes" in diagnostics or "gender" in diagnostics for _, diagnostics in _issues(invalid.parsed))


# --- classifier ---------------------------------------------------------------------------------

def test_classifier_classifies_a_bundle(sdk, classifier):
    from calcinosis_classifier_client.api.classification import classify_bundle
    from calcinosis_classifier_client.models import Bundle

    vignette = json.loads((CASES / "hftc-child-hip-familial.json").read_text())
    result = classify_bundle.sync(client=classifier, body=Bundle.from_dict(vignette))
    assert isinstance(result, Bundle) and result.type_ == "collection"
    assessment = _resources(result)[0]
    assert assessment["resourceType"] == "RiskAssessment"
    assert assessment["prediction"][0]["outcome"]["coding"][0]["code"] == expected_diagnosis(vignette)


def test_classifier_reads_the_patient_from_intake_and_answers_cds_hooks(sdk, intake, intake_url, classifier):
    """classifyPatient and CDS Hooks (discovery, patient-view with the FHIR server to read from),
    on a patient stored in the live intake through its own SDK."""
    from calcinosis_classifier_client.api.cds_hooks import cds_discovery, cds_patient_view
    from calcinosis_classifier_client.api.classification import classify_patient
    from calcinosis_classifier_client.models import Bundle, CardsResponse, Discovery, HookRequest
    from calcinosis_intake_client.api.observation import create_observation
    from calcinosis_intake_client.api.patient import create_patient
    from calcinosis_intake_client.models import Observation, Patient

    stored = create_patient.sync(client=intake, body=Patient.from_dict(patient(mrn="sdk-3", birth_date="2012-05-01")))
    assert isinstance(stored, Patient)
    lab = create_observation.sync(client=intake, body=Observation.from_dict(phosphate(f"Patient/{stored.id}", 7.4)))
    assert isinstance(lab, Observation) and lab.id

    result = classify_patient.sync(stored.id, client=classifier)
    assert isinstance(result, Bundle)
    assert _resources(result)[0]["resourceType"] == "RiskAssessment"

    discovery = cds_discovery.sync(client=classifier)
    assert isinstance(discovery, Discovery)
    [service] = discovery.services
    assert service.hook == "patient-view" and service.prefetch["patient"] == "Patient/{{context.patientId}}"

    hook = HookRequest.from_dict({"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
                                  "fhirServer": f"{intake_url}/fhir",
                                  "fhirAuthorization": {"access_token": "granted-by-the-ehr", "token_type": "Bearer"},
                                  "context": {"userId": "Practitioner/1", "patientId": stored.id}})
    cards = cds_patient_view.sync(service.id, client=classifier, body=hook)
    assert isinstance(cards, CardsResponse) and len(cards.cards) == 1
    assert cards.cards[0].summary and cards.cards[0].indicator.value in ("info", "warning", "critical")


def test_classifier_code_systems(sdk, classifier):
    from calcinosis_classifier_client.api.terminology import read_code_system, search_code_system
    from calcinosis_classifier_client.models import Bundle, CodeSystem, OperationOutcome

    systems = search_code_system.sync(client=classifier)
    assert isinstance(systems, Bundle) and systems.total == len(systems.entry) > 0
    first = _resources(systems)[0]
    one = read_code_system.sync_detailed(first["id"], client=classifier)
    assert one.status_code == 200, one.content
    assert isinstance(one.parsed, CodeSystem) and one.parsed.url == first["url"] and one.parsed.concept
    missing = read_code_system.sync_detailed("no-such-system", client=classifier)
    assert missing.status_code == 404 and isinstance(missing.parsed, OperationOutcome)


# --- imaging ------------------------------------------------------------------------------------

def test_imaging_nifti_analysis(sdk, imaging):
    from calcinosis_imaging_client.api.analyses import create_analysis, read_analysis, read_analysis_mask
    from calcinosis_imaging_client.models import (
        AnalysisState,
        AnalysisStateInputkind,
        AnalysisStateStatus,
        CreateAnalysisFilesBody,
        OperationOutcome,
    )
    from calcinosis_imaging_client.types import File

    upload = CreateAnalysisFilesBody(
        file=[File(payload=BytesIO(NIFTI.read_bytes()), file_name="ct.nii.gz", mime_type="application/gzip")],
        imaging_study="ImagingStudy/42", subject="Patient/7")
    accepted = create_analysis.sync_detailed(client=imaging, body=upload)
    assert accepted.status_code == 202, accepted.content
    state = accepted.parsed
    assert isinstance(state, AnalysisState) and state.input_kind == AnalysisStateInputkind.NIFTI
    assert accepted.headers["location"] == f"/analyses/{state.id}"

    deadline = time.monotonic() + 60
    while state.status not in (AnalysisStateStatus.DONE, AnalysisStateStatus.FAILED):
        assert time.monotonic() < deadline, f"analysis still {state.status} after 60 s"
        time.sleep(0.2)
        state = read_analysis.sync(state.id, client=imaging)
        assert isinstance(state, AnalysisState)
    assert state.status == AnalysisStateStatus.DONE, state.outcome
    assert state.imaging_study == "ImagingStudy/42" and state.percent == 100
    report = state.report.to_dict()
    diagnostic = report["entry"][0]["resource"]
    assert report["resourceType"] == "Bundle" and diagnostic["resourceType"] == "DiagnosticReport"
    assert diagnostic["subject"] == {"reference": "Patient/7"} and diagnostic["conclusion"]

    # The untouched scan has no lesion, so no mask was made: the document says so, the endpoint 404s.
    assert state.mask is None
    missing = read_analysis_mask.sync_detailed(state.id, client=imaging)
    assert missing.status_code == 404 and isinstance(missing.parsed, OperationOutcome)
    assert "no lesion mask was produced" in _issues(missing.parsed)[0][1]


def test_imaging_unknown_analysis_is_an_operation_outcome(sdk, imaging):
    from calcinosis_imaging_client.api.analyses import read_analysis
    from calcinosis_imaging_client.models import OperationOutcome

    missing = read_analysis.sync_detailed("no-such-analysis", client=imaging)
    assert missing.status_code == 404 and isinstance(missing.parsed, OperationOutcome)
    assert [code for code, _ in _issues(missing.parsed)] == ["not-found"]


# --- every service ------------------------------------------------------------------------------

@pytest.mark.parametrize("service", ["intake", "classifier", "imaging"])
def test_operations_endpoints(sdk, request, service):
    client = request.getfixturevalue(service)
    package = getattr(sdk, service).__name__
    healthz = importlib.import_module(f"{package}.api.operations.healthz")
    readyz = importlib.import_module(f"{package}.api.operations.readyz")
    metrics = importlib.import_module(f"{package}.api.operations.metrics")

    assert healthz.sync(client=client).to_dict() == {"status": "ok"}
    assert readyz.sync_detailed(client=client).status_code == 200
    assert "http_requests_total" in metrics.sync(client=client)

"""The whole flow, as deployed, through the generated SDKs only.

PostgreSQL and Orthanc (DICOMweb) run for real; intake, classifier, the imaging API and an
imaging worker (procrastinate) run as separate processes. A CT series with tumoral-calcinosis-
like lesions (the real test CT with the acceptance phantom implanted) is stored in Orthanc; an
EHR-style transaction Bundle (Patient, phosphate and calcium, ImagingStudy naming the series on
Orthanc) goes to intake; intake's outbox hands the series to imaging; the worker analyses it and
the report comes back to intake; the CDS Hooks patient-view card names the leading diagnosis.
"""

import json
import time
from contextlib import ExitStack

import httpx
import pydicom
import pytest

from services.imaging.analysis import load_nifti
from tests.imaging import phantom
from tests.imaging.fixtures import NIFTI
from tests.support.processes import free_port, python_process, uvicorn_service

DCM = "http://dicom.nema.org/resources/ontology/DCM"
WAIT_SECONDS = 240


def store_phantom_series(orthanc, folder) -> tuple[str, str]:
    volume = phantom.implant(load_nifti(NIFTI), phantom.acceptance_lesions())
    paths = phantom.write_dicom_series(volume, folder)
    for path in paths:
        orthanc.store(path.read_bytes())
    first = pydicom.dcmread(paths[0], stop_before_pixels=True)
    return first.StudyInstanceUID, first.SeriesInstanceUID


def ehr_bundle(dicomweb: str, study_uid: str, series_uid: str) -> dict:
    patient = "urn:uuid:8c0e0000-0000-4000-8000-0000000000e2"

    def lab(code: str, value: float) -> dict:
        return {"request": {"method": "POST", "url": "Observation"}, "resource": {
            "resourceType": "Observation", "status": "final",
            "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                      "code": "laboratory"}]}],
            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "subject": {"reference": patient}, "effectiveDateTime": "2024-09-10",
            "valueQuantity": {"value": value, "unit": "mg/dL", "system": "http://unitsofmeasure.org",
                              "code": "mg/dL"}}}

    study = {
        "resourceType": "ImagingStudy", "status": "available", "subject": {"reference": patient},
        "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study_uid}"}],
        "contained": [{"resourceType": "Endpoint", "id": "pacs", "status": "active",
                       "connectionType": {"system": "http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
                                          "code": "dicom-wado-rs"},
                       "payloadType": [{"text": "DICOM"}], "address": dicomweb}],
        "endpoint": [{"reference": "#pacs"}], "started": "2024-09-11T09:00:00Z",
        "series": [{"uid": series_uid, "modality": {"system": DCM, "code": "CT"},
                    "bodySite": {"system": "http://snomed.info/sct", "code": "29836001", "display": "Hip"}}],
    }
    return {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": patient, "request": {"method": "POST", "url": "Patient"}, "resource": {
            "resourceType": "Patient", "gender": "male", "birthDate": "2015-03-02",
            "identifier": [{"system": "urn:oid:1.2.36.146.595.217.0.1", "value": "E2E-1"}]}},
        lab("2777-1", 7.2),  # phosphate, high for a 9-year-old
        lab("17861-6", 9.6),  # calcium, normal
        {"request": {"method": "POST", "url": "ImagingStudy"}, "resource": study},
    ]}


@pytest.fixture(scope="module")
def system(sdk, postgres_server, orthanc_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    study_uid, series_uid = store_phantom_series(orthanc_server, folder / "series")
    imaging_port = free_port()
    common = {"LOG_LEVEL": "INFO", "VALIDATION_WORKERS": "0"}
    intake_env = {**common, "DATA_DIR": str(folder / "intake"), "OUTBOX_POLL_SECONDS": "0.5",
                  "DATABASE_URL": postgres_server.create_database("e2e_intake"),
                  "IMAGING_URL": f"http://127.0.0.1:{imaging_port}"}
    with ExitStack() as stack:
        intake = stack.enter_context(uvicorn_service("intake", intake_env, folder / "intake.log"))
        imaging_env = {**common, "DATA_DIR": str(folder / "imaging"), "JOB_BACKEND": "procrastinate",
                       "DATABASE_URL": postgres_server.create_database("e2e_imaging"),
                       "INTAKE_URL": f"{intake}/fhir", "DICOMWEB_ALLOWED_URLS": json.dumps([orthanc_server.dicomweb_url])}
        imaging = stack.enter_context(uvicorn_service("imaging", imaging_env, folder / "imaging.log",
                                                      port=imaging_port))
        stack.enter_context(python_process(["-m", "services.imaging.worker"], imaging_env, folder / "worker.log"))
        classifier = stack.enter_context(uvicorn_service("classifier", {**common, "INTAKE_URL": f"{intake}/fhir"},
                                                         folder / "classifier.log"))
        yield {"intake": intake, "imaging": imaging, "classifier": classifier, "folder": folder,
               "bundle": ehr_bundle(orthanc_server.dicomweb_url, study_uid, series_uid)}


def test_ehr_bundle_to_cds_card(sdk, system):
    from calcinosis_classifier_client.api.cds_hooks import cds_patient_view
    from calcinosis_classifier_client.api.classification import classify_patient
    from calcinosis_classifier_client.models import Bundle as ClassifierBundle
    from calcinosis_classifier_client.models import CardsResponse, HookRequest
    from calcinosis_intake_client.api.diagnostic_report import search_diagnostic_report
    from calcinosis_intake_client.api.system import transaction
    from calcinosis_intake_client.models import Bundle

    intake = sdk.intake.Client(base_url=system["intake"], raise_on_unexpected_status=True, timeout=60)
    classifier = sdk.classifier.Client(base_url=system["classifier"], raise_on_unexpected_status=True, timeout=60)

    stored = transaction.sync(client=intake, body=Bundle.from_dict(system["bundle"]))
    locations = [entry["response"]["location"] for entry in stored.entry]
    patient_id = next(loc for loc in locations if loc.startswith("Patient/")).split("/")[1]
    study_ref = next(loc for loc in locations if loc.startswith("ImagingStudy/")).split("/_history")[0]

    # The outbox hands the series to imaging, a worker analyses it, the report comes back.
    deadline, reports = time.monotonic() + WAIT_SECONDS, None
    while time.monotonic() < deadline:
        reports = search_diagnostic_report.sync(client=intake, patient=patient_id, field_include="DiagnosticReport:result")
        if reports.entry:
            break
        time.sleep(2)
    assert reports is not None and reports.entry, "no DiagnosticReport reached intake; logs in " + str(system["folder"])
    report = next(e["resource"] for e in reports.entry if e["resource"]["resourceType"] == "DiagnosticReport")
    lesions = [e["resource"] for e in reports.entry if e["search"]["mode"] == "include"]
    assert report["subject"]["reference"] == f"Patient/{patient_id}"
    assert report["imagingStudy"] == [{"reference": study_ref}]
    assert report["presentedForm"][0]["contentType"] == "image/png" and report["conclusion"]
    assert len(lesions) == 3 and {r["reference"] for r in report["result"]} == {f"Observation/{o['id']}" for o in lesions}

    # The classifier reads labs and lesions from intake; the CDS card names the leading diagnosis.
    assessed = classify_patient.sync(patient_id, client=classifier)
    assert isinstance(assessed, ClassifierBundle)
    risk = next(e["resource"] for e in assessed.entry if e["resource"]["resourceType"] == "RiskAssessment")
    leading = risk["prediction"][0]["outcome"]
    assert leading["coding"][0]["code"] == "tc-primary-hyperphosphatemic"
    basis = {b["reference"] for b in risk.get("basis", [])}
    assert {f"Observation/{o['id']}" for o in lesions} <= basis  # the imaging findings were used
    hook = HookRequest.from_dict({
        "hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": f"{system['intake']}/fhir", "fhirAuthorization": {"access_token": "granted-by-the-ehr"},
        "context": {"userId": "Practitioner/e2e", "patientId": patient_id}})
    cards = cds_patient_view.sync("calcinosis-differential", client=classifier, body=hook)
    assert isinstance(cards, CardsResponse) and len(cards.cards) == 1
    assert leading["text"].split(" (")[0].lower() in cards.cards[0].summary.lower()

    # Writing the study again asks for nothing more: still one report. A hand-over is recorded in
    # the transaction that stores the study, so intake's outbox shows as soon as the write is
    # answered whether it asked for one: nothing waits, and the one delivery is still the only one.
    # Without a hand-over imaging starts no analysis (it still holds one), and without an analysis
    # no report comes. (The metrics are no FHIR operation: read directly, not through the SDK.)
    transaction.sync(client=intake, body=Bundle.from_dict({"resourceType": "Bundle", "type": "transaction", "entry": [
        {"request": {"method": "PUT", "url": study_ref}, "resource": {
            **system["bundle"]["entry"][3]["resource"], "id": study_ref.split("/")[1],
            "subject": {"reference": f"Patient/{patient_id}"}, "description": "again"}}]}))
    assert metric(system["intake"], 'outbox_backlog{topic="imaging-analysis"}') == 0
    assert metric(system["intake"], 'outbox_deliveries_total{outcome="delivered"') == 1
    assert metric(system["imaging"], "imaging_analyses{") == 1
    again = search_diagnostic_report.sync(client=intake, patient=patient_id)
    assert len(again.entry) == 1


def metric(url: str, line_start: str) -> float:
    """The sum of the samples of a Prometheus metric whose lines start so."""
    text = httpx.get(f"{url}/metrics", timeout=30).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(line_start))

"""Demo of the running system: a sample patient with labs and the sample CT, through all three services.

    ./scripts/run.sh            # in one terminal: the three services on the embedded defaults
    make demo                   # in another: this script (or .venv/bin/python scripts/demo.py)

1. posts the patient, labs and an ImagingStudy to intake as one transaction Bundle;
2. sends the sample CT (a JPEG 2000 DICOM series) to the imaging service for that patient and
   study, and waits for the analysis; the imaging service writes its DiagnosticReport back to intake;
3. asks the classifier to assess the patient from what intake now holds, storing the result;
4. prints the report and the classification.
The service URLs are the settings' (INTAKE_URL, IMAGING_URL, CLASSIFIER_URL); defaults: localhost.
"""

import json
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared.settings import Settings  # noqa: E402

SAMPLE_PATIENT = ROOT / "tests" / "classifier" / "cases" / "hftc-child-hip-familial.json"
SAMPLE_CT = ROOT / "tests" / "data" / "ct" / "example_ct_dicom"
STUDY_UID = "1.2.826.0.1.3680043.8.498.10000000000000000000000000000000001"
FHIR = {"Content-Type": "application/fhir+json"}
WAIT_SECONDS = 600


def sample_transaction() -> dict:
    """The vignette's Patient and Observations (PUT: running the demo twice changes nothing) and
    an ImagingStudy for the sample CT."""
    vignette = json.loads(SAMPLE_PATIENT.read_text())
    entries = [{"resource": e["resource"],
                "request": {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}}
               for e in vignette["entry"]]
    patient_id = vignette["entry"][0]["resource"]["id"]
    study = {"resourceType": "ImagingStudy", "id": f"{patient_id}-ct", "status": "available",
             "subject": {"reference": f"Patient/{patient_id}"},
             "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{STUDY_UID}"}],
             "description": "CT pelvis (sample series)",
             "series": [{"uid": f"{STUDY_UID}.1", "modality": {
                 "system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}}]}
    entries.append({"resource": study, "request": {"method": "PUT", "url": f"ImagingStudy/{study['id']}"}})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


STARTED = time.monotonic()
HEARTBEAT_SECONDS = 10  # during a wait, a line at least this often: the demo never looks stuck


def elapsed() -> str:
    return f"{time.monotonic() - STARTED:5.0f} s"


def step(text: str) -> None:
    print(f"\n==> [{elapsed()}] {text}", flush=True)


def main() -> int:
    settings = Settings()
    intake, imaging, classifier = (settings.intake_url.rstrip("/"), settings.imaging_url.rstrip("/"),
                                   settings.classifier_url.rstrip("/"))
    with httpx.Client(timeout=120) as http:
        step(f"Posting the sample patient, labs and ImagingStudy to intake ({intake})")
        answer = http.post(intake, json=sample_transaction(), headers=FHIR)
        answer.raise_for_status()
        locations = [e["response"]["location"].split("/_history")[0] for e in answer.json()["entry"]]
        patient_ref = next(x for x in locations if x.startswith("Patient/"))
        study_ref = next(x for x in locations if x.startswith("ImagingStudy/"))
        print(f"    stored {len(locations)} resources: {patient_ref}, {study_ref}, {len(locations) - 2} Observations")

        step(f"Sending the sample CT ({len(list(SAMPLE_CT.iterdir()))} DICOM files) to imaging ({imaging})")
        files = [("file", (p.name, p.read_bytes(), "application/dicom")) for p in sorted(SAMPLE_CT.iterdir())]
        print(f"    uploading {sum(len(f[1][1]) for f in files) / 2**20:.1f} MiB", flush=True)
        accepted = http.post(f"{imaging}/analyses", files=files, data={"subject": patient_ref, "imagingStudy": study_ref})
        accepted.raise_for_status()
        job_url = imaging + accepted.headers["Location"]
        print(f"    accepted: {job_url}")
        job = wait_for(http, job_url)
        if job["status"] != "done":
            print(f"    the analysis failed: {json.dumps(job.get('outcome'), indent=2)}")
            return 1
        report = wait_for_report(http, intake, patient_ref)
        print_report(report)

        step(f"Classifying {patient_ref} from intake's data ({classifier}), storing the result")
        result = http.post(f"{classifier}/classify/{patient_ref}", params={"store": "true"})
        result.raise_for_status()
        print_classification(result.json())
    step("Done")
    return 0


def wait_for(http: httpx.Client, job_url: str) -> dict:
    deadline, last, said = time.monotonic() + WAIT_SECONDS, None, 0.0
    while time.monotonic() < deadline:
        job = http.get(job_url).json()
        state = (job["status"], job.get("stage"), job.get("percent"))
        if state != last or time.monotonic() - said >= HEARTBEAT_SECONDS:
            print(f"    [{elapsed()}] {job['status']}: {job.get('stage') or ''} {job.get('percent', 0)}%", flush=True)
            last, said = state, time.monotonic()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(1)
    raise SystemExit(f"The analysis did not finish within {WAIT_SECONDS} s")


def wait_for_report(http: httpx.Client, intake: str, patient_ref: str) -> dict:
    """The imaging service writes its report back to intake once the analysis is done."""
    step("Waiting for the report in intake")
    for second in range(60):
        bundle = http.get(f"{intake}/DiagnosticReport", params={
            "patient": patient_ref, "_include": "DiagnosticReport:result", "_sort": "-_lastUpdated"}).json()
        if bundle.get("entry"):
            return bundle
        if second and second % HEARTBEAT_SECONDS == 0:
            print(f"    [{elapsed()}] not there yet (imaging retries the write-back)", flush=True)
        time.sleep(1)
    raise SystemExit("No DiagnosticReport arrived in intake")


def print_report(bundle: dict) -> None:
    report = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DiagnosticReport")
    lesions = [e["resource"] for e in bundle["entry"] if e["search"]["mode"] == "include"]
    review = " until a person confirms it" if report["status"] == "preliminary" else ""
    print(f"    DiagnosticReport/{report['id']} ({report['status']}{review}): {report.get('conclusion', '')}")
    print(f"    key images: {len(report.get('presentedForm', []))}; lesion Observations: {len(lesions)}")
    for lesion in lesions:
        volume = next((c["valueQuantity"] for c in lesion.get("component", [])
                       if c["code"]["coding"][0]["code"] == "volume"), {})
        site = lesion.get("bodySite", {}).get("coding", [{}])[0].get("code", "")
        print(f"      - Observation/{lesion['id']}: {site}, {volume.get('value')} {volume.get('unit', '')}")


def print_classification(result: dict) -> None:
    resources = [e["resource"] for e in result["entry"]]
    risk = next(r for r in resources if r["resourceType"] == "RiskAssessment")
    print(f"    RiskAssessment/{risk.get('id')} - differential diagnosis:")
    for prediction in risk["prediction"][:5]:
        print(f"      {prediction['probabilityDecimal']:6.1%}  {prediction['outcome']['text']}")
    for observation in (r for r in resources if r["resourceType"] == "Observation"):
        print(f"    {observation['code']['text']}: {observation['valueCodeableConcept']['text']}")
    for note in risk.get("note", [])[:2]:
        print(f"    {note['text']}")


if __name__ == "__main__":
    sys.exit(main())

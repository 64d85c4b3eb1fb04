"""Demo of the running system: a sample patient with labs and two sample CTs, through all three services.

    ./scripts/run.sh            # in one terminal: the three services on the embedded defaults
    make demo                   # in another: this script (or .venv/bin/python scripts/demo.py)

1. posts the patient (a vignette: tests/classifier/cases), labs and two ImagingStudies to intake
   as one transaction Bundle;
2. sends two CTs to the imaging service for that patient, and waits for both analyses; the imaging
   service writes each DiagnosticReport back to intake:
   - WITH A LESION: the real abdomen-and-pelvis CT (tests/data/ct/example_ct.nii.gz) with two
     synthetic calcified masses implanted beside the hips, generated now (tests/imaging/phantom.py,
     the acceptance tests' lesions: what should be found is printed beside what was found);
   - UNMODIFIED: the real upper-abdomen / lower-chest series (tests/data/ct/example_ct_dicom, 20
     JPEG 2000 DICOM slices), which holds no calcified mass;
   neither scan is of this patient: both are anonymised sample scans;
3. asks the classifier to assess the patient from what intake now holds, storing the result;
4. prints the reports, the classification (probabilities as the CDS card words them), and the
   clinician's pages: each analysis's page and the patient's page.
The service URLs are the settings' (INTAKE_URL, IMAGING_URL, CLASSIFIER_URL); defaults: localhost.
"""

import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.classifier.probability import format_probability  # noqa: E402
from shared.settings import Settings  # noqa: E402

SAMPLE_PATIENT = ROOT / "tests" / "classifier" / "cases" / "hftc-child-hip-familial.json"
SAMPLE_CT = ROOT / "tests" / "data" / "ct" / "example_ct_dicom"
FHIR = {"Content-Type": "application/fhir+json"}
ANALYSIS = "urn:calcinosis:imaging-analysis"  # the identifier of the reports imaging writes back
WAIT_SECONDS = 600
DCM = {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}


@dataclass(frozen=True)
class Sample:
    key: str            # the ImagingStudy's id suffix
    label: str          # how the demo names it
    description: str    # ImagingStudy.description: what the scan truly is
    lesions: bool


WITH_LESION = Sample("ct-pelvis-implanted", "WITH A LESION",
                     "CT abdomen and pelvis (real anonymised sample scan, not of this patient) with two synthetic "
                     "calcified masses implanted beside the hips for this demo", True)
UNMODIFIED = Sample("ct-upper-abdomen", "UNMODIFIED",
                    "CT upper abdomen and lower chest, 20 axial slices (real anonymised sample series, not of this "
                    "patient; unmodified: no calcified mass)", False)


def sample_transaction() -> dict:
    """The vignette's Patient and Observations (PUT: running the demo twice changes nothing) and
    an ImagingStudy for each sample CT, described as what it is."""
    vignette = json.loads(SAMPLE_PATIENT.read_text())
    entries = [{"resource": e["resource"],
                "request": {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}}
               for e in vignette["entry"]]
    patient_id = vignette["entry"][0]["resource"]["id"]
    for sample in (WITH_LESION, UNMODIFIED):
        study = {"resourceType": "ImagingStudy", "id": f"{patient_id}-{sample.key}", "status": "available",
                 "subject": {"reference": f"Patient/{patient_id}"}, "description": sample.description,
                 "series": [{"uid": study_uid(sample) + ".1", "modality": DCM, "description": sample.description}]}
        study["identifier"] = [{"system": "urn:dicom:uid", "value": f"urn:oid:{study_uid(sample)}"}]
        entries.append({"resource": study, "request": {"method": "PUT", "url": f"ImagingStudy/{study['id']}"}})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def study_uid(sample: Sample) -> str:
    return f"1.2.826.0.1.3680043.8.498.1000000000000000000000000000000000{1 if sample.lesions else 2}"


def lesion_ct(folder: Path) -> tuple[Path, list[str]]:
    """The pelvis CT with the acceptance tests' right-gluteal cluster and left-gluteal cystic mass
    implanted (tests/imaging/phantom.py), as NIfTI; and what was implanted, in words."""
    import nibabel

    from services.imaging.analysis.loaders import load_nifti
    from services.imaging.masks import LPS_TO_RAS
    from tests.imaging import phantom

    specs = phantom.acceptance_lesions()[:2]
    volume = phantom.implant(load_nifti(ROOT / "tests" / "data" / "ct" / "example_ct.nii.gz"), specs)
    path = folder / "pelvis-with-implanted-lesions.nii.gz"
    nibabel.save(nibabel.Nifti1Image(volume.hu, LPS_TO_RAS @ volume.affine), path)
    truth = [f"{spec.laterality} gluteal: {spec.name}; calcified {spec.calcified_ml:.1f} mL, fluid {spec.fluid_ml:.1f} mL"
             for spec in specs]
    return path, truth


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
    with httpx.Client(timeout=120) as http, tempfile.TemporaryDirectory() as scratch:
        step(f"Posting the sample patient, labs and two ImagingStudies to intake ({intake})")
        answer = http.post(intake, json=sample_transaction(), headers=FHIR)
        answer.raise_for_status()
        locations = [e["response"]["location"].split("/_history")[0] for e in answer.json()["entry"]]
        patient_ref = next(x for x in locations if x.startswith("Patient/"))
        studies = [x for x in locations if x.startswith("ImagingStudy/")]
        print(f"    stored {len(locations)} resources: {patient_ref}, {', '.join(studies)}, "
              f"{len(locations) - 1 - len(studies)} Observations")

        step("Generating the CT with a lesion: two synthetic calcified masses implanted into the real pelvis CT")
        lesion_path, truth = lesion_ct(Path(scratch))
        for line in truth:
            print(f"    implanted: {line}")
        jobs = {}
        for sample, study in ((WITH_LESION, f"ImagingStudy/{patient_ref.split('/')[1]}-{WITH_LESION.key}"),
                              (UNMODIFIED, f"ImagingStudy/{patient_ref.split('/')[1]}-{UNMODIFIED.key}")):
            if sample.lesions:
                files = [("file", (lesion_path.name, lesion_path.read_bytes(), "application/gzip"))]
                what = "1 NIfTI file"
            else:
                files = [("file", (p.name, p.read_bytes(), "application/dicom")) for p in sorted(SAMPLE_CT.iterdir())]
                what = f"{len(files)} DICOM files"
            step(f"Sending the CT {sample.label} ({what}) to imaging ({imaging}): {sample.description}")
            print(f"    uploading {sum(len(f[1][1]) for f in files) / 2**20:.1f} MiB", flush=True)
            accepted = http.post(f"{imaging}/analyses", files=files, data={"subject": patient_ref, "imagingStudy": study})
            accepted.raise_for_status()
            jobs[sample] = imaging + accepted.headers["Location"]
            print(f"    accepted: {jobs[sample]}")
        pages = {}
        for sample, job_url in jobs.items():
            step(f"Waiting for the analysis of the CT {sample.label}")
            job = wait_for(http, job_url)
            if job["status"] != "done":
                print(f"    the analysis failed: {json.dumps(job.get('outcome'), indent=2)}")
                return 1
            pages[sample] = f"{imaging}{job['view']}"
            print_report(sample, wait_for_report(http, intake, job["id"]))

        step(f"Classifying {patient_ref} from intake's data ({classifier}), storing the result")
        result = http.post(f"{classifier}/classify/{patient_ref}", params={"store": "true"})
        result.raise_for_status()
        print_classification(result.json())

        step("The clinician's pages (open them in a browser)")
        for sample, url in pages.items():
            print(f"    analysis of the CT {sample.label}: {url}")
        print(f"    the patient: {classifier}/patients/{patient_ref.split('/')[1]}/view")
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


def wait_for_report(http: httpx.Client, intake: str, analysis_id: str) -> dict:
    """The report of this analysis, once imaging has written it back to intake, with its lesions."""
    for second in range(60):
        bundle = http.get(f"{intake}/DiagnosticReport", params={
            "identifier": f"{ANALYSIS}|{analysis_id}", "_include": "DiagnosticReport:result"}).json()
        if bundle.get("entry"):
            return bundle
        if second and second % HEARTBEAT_SECONDS == 0:
            print(f"    [{elapsed()}] not in intake yet (imaging retries the write-back)", flush=True)
        time.sleep(1)
    raise SystemExit(f"The report of analysis {analysis_id} did not arrive in intake")


def component(observation: dict, code: str) -> dict:
    """The component of a lesion Observation with this calcinosis-finding code ({} when absent)."""
    return next((c for c in observation.get("component", [])
                 if any(coding.get("code") == code for coding in c.get("code", {}).get("coding", []))), {})


def print_report(sample: Sample, bundle: dict) -> None:
    report = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DiagnosticReport")
    lesions = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    review = " until a person confirms it" if report["status"] == "preliminary" else ""
    expected = "lesions implanted: should be found" if sample.lesions else "nothing implanted: no lesion expected"
    print(f"    CT {sample.label} ({expected})")
    print(f"    DiagnosticReport/{report['id']} ({report['status']}{review}): {report.get('conclusion', '')}")
    print(f"    key images: {len(report.get('presentedForm', []))}; lesion Observations: {len(lesions)}")
    for lesion in lesions:
        volume = component(lesion, "volume").get("valueQuantity", {})
        fluid = component(lesion, "fluid-volume").get("valueQuantity", {})
        side = component(lesion, "laterality").get("valueCodeableConcept", {}).get("coding", [{}])[0].get("code", "side?")
        site = lesion.get("bodySite", {}).get("coding", [{}])[0].get("code", "site?")
        print(f"      - Observation/{lesion['id']}: {side} {site}, calcified {volume.get('value')} "
              f"{volume.get('unit', '')}, fluid {fluid.get('value')} {fluid.get('unit', '')}")


def print_classification(result: dict) -> None:
    resources = [e["resource"] for e in result["entry"]]
    risk = next(r for r in resources if r["resourceType"] == "RiskAssessment")
    print(f"    RiskAssessment/{risk.get('id')} - differential diagnosis:")
    for prediction in risk["prediction"][:5]:
        print(f"      {format_probability(prediction['probabilityDecimal']):>5}  {prediction['outcome']['text']}")
    for observation in (r for r in resources if r["resourceType"] == "Observation"):
        print(f"    {observation['code']['text']}: {observation['valueCodeableConcept']['text']}")
    for note in risk.get("note", [])[:2]:
        print(f"    {note['text']}")


if __name__ == "__main__":
    sys.exit(main())

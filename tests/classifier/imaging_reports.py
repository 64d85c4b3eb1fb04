"""Imaging reports as the imaging service writes them back to intake (services/imaging/writeback.py):
a DiagnosticReport naming its analysis, and one calcified-mass Observation per lesion, for the
patient page's tests."""

import json
import uuid
from pathlib import Path

from tests.classifier.builders import FINDING, SITE

ANALYSIS = "urn:calcinosis:imaging-analysis"
CASES = Path(__file__).parent / "cases"
PATIENT = "hftc-child-hip-familial"


def _quantity(value: float, unit: str) -> dict:
    return {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}


def _component(code: str, **value) -> dict:
    return {"code": {"coding": [{"system": FINDING, "code": code}]}, **value}


def lesion(patient_id: str, site: str, side: str, volume_ml: float, scanned: str | None, status: str = "preliminary",
           fluid_level: bool = False) -> dict:
    observation = {
        "resourceType": "Observation", "status": status,
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "imaging"}]}],
        "code": {"coding": [{"system": FINDING, "code": "calcified-mass"}]},
        "subject": {"reference": f"Patient/{patient_id}"}, "issued": "2025-01-10T09:00:00Z",
        "bodySite": {"coding": [{"system": SITE, "code": site}]},
        "component": [
            _component("laterality", valueCodeableConcept={"coding": [{"system": FINDING, "code": side}]}),
            _component("largest-diameter", valueQuantity=_quantity(40.0, "mm")),
            _component("volume", valueQuantity=_quantity(volume_ml, "mL")),
            _component("fluid-volume", valueQuantity=_quantity(0.0, "mL")),
            _component("pattern", valueCodeableConcept={"coding": [{"system": FINDING, "code": "lobulated-cystic"}]}),
            _component("fluid-calcium-level", valueBoolean=fluid_level),
            _component("bone-contact", valueBoolean=False),
        ],
    }
    if scanned:
        observation["effectiveDateTime"] = scanned
    return observation


def report_entries(patient_id: str, scanned: str | None, lesions: list[dict], analysis_id: str | None = None,
                   conclusion: str = "Soft-tissue calcified masses.") -> list[dict]:
    """Transaction entries (POST): the report and its lesions."""
    urls = [f"urn:uuid:{uuid.uuid4()}" for _ in lesions]
    report = {
        "resourceType": "DiagnosticReport", "status": "preliminary",
        "identifier": [{"system": ANALYSIS, "value": analysis_id or str(uuid.uuid4())}],
        "code": {"coding": [{"system": FINDING, "code": "ct-calcification-analysis"}],
                 "text": "CT soft-tissue calcification analysis"},
        "subject": {"reference": f"Patient/{patient_id}"}, "issued": "2025-01-10T09:00:00Z",
        "conclusion": conclusion, "result": [{"reference": url} for url in urls],
    }
    if scanned:
        report["effectiveDateTime"] = scanned
    if not lesions:
        del report["result"]
    entries = [{"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": report,
                "request": {"method": "POST", "url": "DiagnosticReport"}}]
    entries += [{"fullUrl": url, "resource": resource, "request": {"method": "POST", "url": "Observation"}}
                for url, resource in zip(urls, lesions, strict=True)]
    return entries


def vignette_entries(name: str = PATIENT) -> list[dict]:
    vignette = json.loads((CASES / f"{name}.json").read_text())
    return [{"resource": e["resource"],
             "request": {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}}
            for e in vignette["entry"]]


def imaging_history(patient_id: str) -> list[dict]:
    """Two studies a year apart: the right hip mass grew from 10 to 14 mL (two lesions the second
    time), the left one appeared; a lesion a reviewer rejected (entered-in-error) is left out."""
    return [
        *report_entries(patient_id, "2024-01-15T10:00:00Z",
                        [lesion(patient_id, "hip-gluteal", "right", 10.0, "2024-01-15T10:00:00Z"),
                         lesion(patient_id, "shoulder", "left", 99.0, "2024-01-15T10:00:00Z", status="entered-in-error")],
                        analysis_id="analysis-2024"),
        *report_entries(patient_id, "2025-01-15T10:00:00Z",
                        [lesion(patient_id, "hip-gluteal", "right", 9.0, "2025-01-15T10:00:00Z", fluid_level=True),
                         lesion(patient_id, "hip-gluteal", "right", 5.0, "2025-01-15T10:00:00Z"),
                         lesion(patient_id, "hip-gluteal", "left", 3.0, "2025-01-15T10:00:00Z")],
                        analysis_id="analysis-2025"),
    ]

"""Imaging reports as the imaging service writes them back to intake (services/imaging/writeback.py):
a DiagnosticReport naming its analysis, and one calcified-mass Observation per lesion, for the
patient page's tests."""

import uuid

from tests.classifier.builders import FINDING, SITE

ANALYSIS = "urn:calcinosis:imaging-analysis"


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

"""Authoring helper for the clinical vignettes: compact descriptions -> FHIR Bundle JSON files.

Run `python -m tests.classifier.vignette_builder` to (re)write tests/classifier/cases/*.json.
The vignettes were written from domain.md, not tuned to the model.
"""

import json
from pathlib import Path

BASE = "http://calcinosis.example.org/fhir"
FINDING = f"{BASE}/CodeSystem/calcinosis-finding"
SITE = f"{BASE}/CodeSystem/calcinosis-site"
DIAGNOSIS = f"{BASE}/CodeSystem/calcinosis-diagnosis"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
EXPECTED_TAG_SYSTEM = "urn:calcinosis:test:expected-diagnosis"
STORY_EXTENSION = "urn:calcinosis:test:vignette-story"
CASES_DIR = Path(__file__).parent / "cases"

LAB_CODES = {
    "phosphate": (LOINC, "2777-1"), "calcium": (LOINC, "17861-6"), "pth": (LOINC, "2731-8"),
    "vitd": (LOINC, "1989-3"), "creatinine": (LOINC, "2160-0"), "egfr": (LOINC, "33914-3"),
    "alp": (LOINC, "6768-6"), "urate": (LOINC, "3084-1"), "ck": (LOINC, "2157-6"),
    "calcitriol": (FINDING, "calcitriol"), "fgf23": (FINDING, "fgf23"),
}


def _lab(case_id, index, name, spec, when):
    system, code = LAB_CODES[name]
    observation = {
        "resourceType": "Observation", "id": f"{case_id}-lab-{index}", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory"}]}],
        "code": {"coding": [{"system": system, "code": code}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
    }
    if isinstance(spec, str):  # interpretation only: "H", "L", "N"
        observation["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": spec}]}]
        return observation
    value, unit, *reference_range = spec
    observation["valueQuantity"] = {"value": value, "unit": unit, "system": UCUM, "code": unit}
    if reference_range:
        low, high = reference_range[0]
        observation["referenceRange"] = [{"low": {"value": low, "unit": unit, "system": UCUM, "code": unit},
                                          "high": {"value": high, "unit": unit, "system": UCUM, "code": unit}}]
    return observation


def _finding(case_id, name, value, when):
    return {
        "resourceType": "Observation", "id": f"{case_id}-{name}", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": name}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        **({"valueQuantity": {"value": value, "unit": "a", "system": UCUM, "code": "a"}} if name == "dialysis-years" else {"valueBoolean": value}),
    }


def _component(code, **value):
    return {"code": {"coding": [{"system": FINDING, "code": code}]}, **value}


def _lesion(case_id, index, spec, when):
    components = []
    if "side" in spec:
        components.append(_component("laterality", valueCodeableConcept={"coding": [{"system": FINDING, "code": spec["side"]}]}))
    if "size_mm" in spec:
        components.append(_component("largest-diameter", valueQuantity={"value": spec["size_mm"], "unit": "mm", "system": UCUM, "code": "mm"}))
    if "size_cm" in spec:
        components.append(_component("largest-diameter", valueQuantity={"value": spec["size_cm"], "unit": "cm", "system": UCUM, "code": "cm"}))
    if "pattern" in spec:
        components.append(_component("pattern", valueCodeableConcept={"coding": [{"system": FINDING, "code": spec["pattern"]}]}))
    for flag, value in spec.get("flags", {}).items():
        components.append(_component(flag, valueBoolean=value))
    return {
        "resourceType": "Observation", "id": f"{case_id}-mass-{index}", "status": "final",
        "code": {"coding": [{"system": FINDING, "code": "calcified-mass"}]},
        "subject": {"reference": f"Patient/{case_id}"}, "effectiveDateTime": when,
        "bodySite": {"coding": [{"system": SITE, "code": spec["site"]}]},
        "component": components,
    }


def build_bundle(case: dict) -> dict:
    case_id, when = case["id"], case["date"]
    resources = [{"resourceType": "Patient", "id": case_id, "birthDate": case["birth"], "gender": case["sex"]}]
    resources += [_lab(case_id, i, name, spec, when) for i, (name, spec) in enumerate(case.get("labs", {}).items())]
    resources += [_finding(case_id, name, value, when) for name, value in case.get("findings", {}).items()]
    resources += [_lesion(case_id, i, spec, when) for i, spec in enumerate(case.get("lesions", []))]
    return {
        "resourceType": "Bundle", "id": case_id, "type": "collection",
        "meta": {
            "tag": [{"system": EXPECTED_TAG_SYSTEM, "code": case["expected"]}],
            "extension": [{"url": STORY_EXTENSION, "valueString": case["story"]}],
        },
        "identifier": {"system": "urn:calcinosis:test:vignette", "value": case_id},
        "entry": [{"fullUrl": f"{BASE}/{r['resourceType']}/{r['id']}", "resource": r} for r in resources],
    }


def write_cases(cases: list[dict]) -> None:
    for case in cases:
        path = CASES_DIR / f"{case['id']}.json"
        path.write_text(json.dumps(build_bundle(case), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from tests.classifier.vignettes import CASES

    write_cases(CASES)
    print(f"wrote {len(CASES)} cases to {CASES_DIR}")

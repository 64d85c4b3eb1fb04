"""Small builders of input resources for the classifier unit tests."""

BASE = "http://calcinosis.example.org/fhir"
FINDING = f"{BASE}/CodeSystem/calcinosis-finding"
SITE = f"{BASE}/CodeSystem/calcinosis-site"
LOINC = "http://loinc.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"


def patient(birth="1990-01-01", gender="female", id="p1"):
    return {"resourceType": "Patient", "id": id, "birthDate": birth, "gender": gender}


def lab(loinc, value=None, unit=None, id="lab1", when="2024-06-01", interpretation=None, reference_range=None, system=LOINC):
    observation = {"resourceType": "Observation", "id": id, "status": "final",
                   "code": {"coding": [{"system": system, "code": loinc}]},
                   "subject": {"reference": "Patient/p1"}, "effectiveDateTime": when}
    if value is not None:
        observation["valueQuantity"] = {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit}
    if interpretation:
        observation["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": interpretation}]}]
    if reference_range:
        low, high = reference_range
        observation["referenceRange"] = [{"low": {"value": low, "code": unit}, "high": {"value": high, "code": unit}}]
    return observation


def finding(code, value=True, id=None, when="2024-06-01"):
    return {"resourceType": "Observation", "id": id or code, "status": "final",
            "code": {"coding": [{"system": FINDING, "code": code}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": when, "valueBoolean": value}


def mass(site, id="m1", side=None, size=None, size_unit="mm", pattern=None, when="2024-06-01", **flags):
    components = []
    if side:
        components.append({"code": {"coding": [{"system": FINDING, "code": "laterality"}]},
                           "valueCodeableConcept": {"coding": [{"system": FINDING, "code": side}]}})
    if size is not None:
        components.append({"code": {"coding": [{"system": FINDING, "code": "largest-diameter"}]},
                           "valueQuantity": {"value": size, "code": size_unit}})
    if pattern:
        components.append({"code": {"coding": [{"system": FINDING, "code": "pattern"}]},
                           "valueCodeableConcept": {"coding": [{"system": FINDING, "code": pattern}]}})
    for flag, value in flags.items():
        components.append({"code": {"coding": [{"system": FINDING, "code": flag.replace("_", "-")}]}, "valueBoolean": value})
    return {"resourceType": "Observation", "id": id, "status": "final",
            "code": {"coding": [{"system": FINDING, "code": "calcified-mass"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": when,
            "bodySite": {"coding": [{"system": SITE, "code": site}]}, "component": components}


def bundle(*resources):
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}

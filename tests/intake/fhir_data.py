"""Builders for the resources the intake tests send."""

import json

FHIR = {"Content-Type": "application/fhir+json"}
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
MRN = "urn:oid:1.2.36.146.595.217.0.1"


def patient(mrn: str = "12345", family: str = "Okafor", given: str = "Ada", gender: str = "female",
            birth_date: str = "2008-04-17", **extra) -> dict:
    return {"resourceType": "Patient", "identifier": [{"system": MRN, "value": mrn}],
            "name": [{"family": family, "given": [given]}], "gender": gender, "birthDate": birth_date, **extra}


def phosphate(subject: str, value: float = 6.8, when: str = "2024-03-01T09:30:00Z", unit: str = "mg/dL",
              **extra) -> dict:
    return {
        "resourceType": "Observation", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": "2777-1", "display": "Phosphate [Mass/volume] in Serum or Plasma"}]},
        "subject": {"reference": subject}, "effectiveDateTime": when,
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}, **extra,
    }


def calcium(subject: str, value: float = 9.6, when: str = "2024-03-01T09:30:00Z") -> dict:
    obs = phosphate(subject, value, when)
    obs["code"] = {"coding": [{"system": LOINC, "code": "17861-6", "display": "Calcium [Mass/volume] in Serum or Plasma"}]}
    return obs


def imaging_study(subject: str, study_uid: str = "1.2.840.113619.2.55.3.1", started: str = "2024-03-02T10:00:00Z",
                  modality: str = "CT") -> dict:
    return {
        "resourceType": "ImagingStudy", "status": "available", "subject": {"reference": subject},
        "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{study_uid}"}], "started": started,
        "series": [{"uid": f"{study_uid}.1", "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM",
                                                          "code": modality}, "numberOfInstances": 20}],
    }


def body(resource: dict) -> bytes:
    return json.dumps(resource).encode()


def transaction(*entries: dict, kind: str = "transaction") -> dict:
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}


def post_entry(resource: dict, full_url: str | None = None, if_none_exist: str | None = None) -> dict:
    entry = {"resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}
    if full_url:
        entry["fullUrl"] = full_url
    if if_none_exist:
        entry["request"]["ifNoneExist"] = if_none_exist
    return entry


async def create(client, resource: dict) -> dict:
    response = await client.post(f"/fhir/{resource['resourceType']}", content=body(resource), headers=FHIR)
    assert response.status_code == 201, response.text
    return response.json()


def issues(response) -> list[str]:
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome", outcome
    return [i.get("diagnostics", "") for i in outcome["issue"]]

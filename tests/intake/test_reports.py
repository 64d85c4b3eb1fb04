"""DiagnosticReport (the imaging service's reports) and RiskAssessment (the classifier's) are
stored, searched and linked like the other resources."""

from tests.intake.fhir_data import FHIR, create, imaging_study, issues, patient, post_entry, transaction

ANALYSIS = "urn:calcinosis:imaging-analysis"


def lesion(subject: str, study: str, value: str) -> dict:
    return {
        "resourceType": "Observation", "status": "final", "subject": {"reference": subject},
        "identifier": [{"system": ANALYSIS, "value": value}], "derivedFrom": [{"reference": study}],
        "code": {"coding": [{"system": "http://calcinosis.example.org/fhir/CodeSystem/calcinosis-observation",
                             "code": "calcified-mass"}]},
        "valueQuantity": {"value": 29.9, "unit": "mL", "system": "http://unitsofmeasure.org", "code": "mL"},
    }


def report(subject: str, study: str, results: list[str], job: str = "job-1") -> dict:
    return {
        "resourceType": "DiagnosticReport", "status": "final", "subject": {"reference": subject},
        "identifier": [{"system": ANALYSIS, "value": job}], "imagingStudy": [{"reference": study}],
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "RAD"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "18748-4"}]},
        "effectiveDateTime": "2024-03-02T10:30:00Z", "conclusion": "One calcified mass by the right hip.",
        "result": [{"reference": r} for r in results],
    }


def write_back(subject: str, study: str, job: str) -> dict:
    """As the imaging service posts a finished analysis: conditional creates, so a retry adds nothing."""
    mass = lesion(subject, study, f"{job}/lesion/1")
    return transaction(
        post_entry(mass, "urn:uuid:0d7a9c3e-0000-4000-8000-000000000001", f"identifier={ANALYSIS}|{job}/lesion/1"),
        post_entry(report(subject, study, ["urn:uuid:0d7a9c3e-0000-4000-8000-000000000001"], job),
                   if_none_exist=f"identifier={ANALYSIS}|{job}"),
    )


async def test_report_written_back_once_and_found_with_its_lesions(intake):
    ada = await create(intake, patient())
    study = await create(intake, imaging_study(f"Patient/{ada['id']}"))
    subject, study_ref = f"Patient/{ada['id']}", f"ImagingStudy/{study['id']}"
    first = await intake.post("/fhir", json=write_back(subject, study_ref, "job-7"), headers=FHIR)
    assert first.status_code == 200, first.text
    assert [e["response"]["status"] for e in first.json()["entry"]] == ["201 Created", "201 Created"]
    again = await intake.post("/fhir", json=write_back(subject, study_ref, "job-7"), headers=FHIR)
    assert [e["response"]["status"] for e in again.json()["entry"]] == ["200 OK", "200 OK"]

    found = (await intake.get("/fhir/DiagnosticReport", params={
        "patient": ada["id"], "_include": "DiagnosticReport:result"})).json()
    assert found["total"] == 1
    matches = [e["resource"] for e in found["entry"] if e["search"]["mode"] == "match"]
    included = [e["resource"] for e in found["entry"] if e["search"]["mode"] == "include"]
    assert matches[0]["result"] == [{"reference": f"Observation/{included[0]['id']}"}]
    assert included[0]["derivedFrom"] == [{"reference": study_ref}]
    for params in ({"identifier": f"{ANALYSIS}|job-7"}, {"status": "final"}, {"category": "RAD"},
                   {"code": "http://loinc.org|18748-4"}, {"date": "2024-03-02"}):
        assert (await intake.get("/fhir/DiagnosticReport", params=params)).json()["total"] == 1, params
    lesions = await intake.get("/fhir/Observation",
                               params={"derived-from": study_ref, "identifier": f"{ANALYSIS}|job-7/lesion/1"})
    assert lesions.json()["total"] == 1


async def test_report_rules_are_checked(intake):
    ada = await create(intake, patient())
    bad = report(f"Patient/{ada['id']}", "ImagingStudy/nowhere", ["Patient/" + ada["id"]])
    bad["status"] = "done"
    response = await intake.post("/fhir/DiagnosticReport", json=bad, headers=FHIR)
    assert response.status_code == 422
    text = " ".join(issues(response))
    assert "DiagnosticReport.status" in text and "DiagnosticReport.result may not refer to a Patient" in text


async def test_risk_assessment_stored_and_searched(intake):
    ada = await create(intake, patient())
    assessment = {
        "resourceType": "RiskAssessment", "status": "final", "subject": {"reference": f"Patient/{ada['id']}"},
        "occurrenceDateTime": "2024-03-03T08:00:00Z",
        "method": {"coding": [{"system": "http://calcinosis.example.org/fhir/CodeSystem/calcinosis-method",
                               "code": "likelihood-ratio"}]},
        "prediction": [{"outcome": {"text": "primary hyperphosphatemic tumoral calcinosis"},
                        "probabilityDecimal": 0.82,
                        "qualitativeRisk": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/risk-probability",
                                                        "code": "high"}]}}],
    }
    created = await create(intake, assessment)
    for params in ({"patient": ada["id"]}, {"risk": "high"}, {"method": "likelihood-ratio"}, {"date": "ge2024-03"}):
        bundle = (await intake.get("/fhir/RiskAssessment", params=params)).json()
        assert [e["resource"]["id"] for e in bundle["entry"]] == [created["id"]], params
    assessment["status"] = "certain"
    assert (await intake.post("/fhir/RiskAssessment", json=assessment, headers=FHIR)).status_code == 422

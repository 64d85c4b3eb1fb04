"""Every code, component, value and unit the vocabulary lets a caller send is read into evidence, or named in an
issue when it is not (decisions.md Classifier 122-124): none is dropped silently."""

import json
import re
from pathlib import Path

import pytest

from services.classifier.knowledge import knowledge
from services.classifier.units import convert, read_unit
from tests.classifier.builders import FINDING, lab, mass, patient
from tests.classifier.knowledge_checks import features_of

ROOT = Path(__file__).resolve().parents[2]
SNOMED = "http://snomed.info/sct"


def component(code, **value):
    return {"code": {"coding": [{"system": FINDING, "code": code}]}, **value}


def with_components(*components, site="thigh", id="m1"):
    observation = mass(site, id=id)
    observation["component"] = list(components)
    return observation


def diagnostics(features, severity=None):
    return [issue.diagnostics for issue in features.issues if severity is None or issue.severity == severity]


def vocabulary_lab_units():
    """(code, unit) for every lab code and unit of the lab table of docs/vocabulary.md."""
    text = (ROOT / "docs/vocabulary.md").read_text()
    table = text.split("### Laboratory results")[1].split("### Findings about the patient")[0]
    pairs = []
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        for code in re.findall(r"`([^`]+)`", cells[0]):
            pairs += [(code, unit) for unit in re.findall(r"`([^`]+)`", cells[2] + cells[3])]
    return pairs


def vocabulary_lesion_components():
    text = (ROOT / "docs/vocabulary.md").read_text()
    table = text.split("### Lesions: one Observation per mass")[1].split("Values of `laterality`")[0]
    codes = []
    for line in table.splitlines():
        if line.startswith("| `"):
            codes += re.findall(r"`([a-z0-9-]+)`", line.split("|")[1])
    return [code for code in codes if code != "calcified-mass"]


# --- labs: every unit the vocabulary lists converts (a total calcium in meq/L did not: mass <- equivalents)


@pytest.mark.parametrize(("code", "unit"), vocabulary_lab_units())
def test_every_unit_of_the_vocabulary_converts(code, unit):
    kb = knowledge()
    _, name = kb.analyte_index.get(("http://loinc.org", code)) or kb.analyte_index[("local-finding", code)]
    assert convert(1.0, read_unit(unit, kb.labs).code, kb.labs.analytes[name], kb.labs) > 0


def test_total_calcium_in_meq_per_litre_is_read():
    features = features_of(patient(), lab("17861-6", 5.0, "meq/L"))  # 2.5 mmol/L
    assert features.labs["calcium"].value == pytest.approx(10.02, abs=0.01)
    assert features.evidence["calcium"] == "normal"
    assert not diagnostics(features, "error")


def test_total_calcium_in_meq_per_litre_reads_a_hypercalcaemia():
    features = features_of(patient(), lab("2000-8", 6.5, "meq/L"))  # 3.25 mmol/L, 13.0 mg/dL
    assert features.evidence["calcium"] == "high"


# --- lesion components: read, or named as not read


def test_no_component_of_the_vocabulary_is_called_unknown():
    values = {"laterality": {"valueCodeableConcept": {"coding": [{"system": FINDING, "code": "left"}]}},
              "pattern": {"valueCodeableConcept": {"coding": [{"system": FINDING, "code": "punctate"}]}},
              "lobule-count": {"valueInteger": 3}}
    units = {"largest-diameter": "mm", "extent-lr": "mm", "extent-ap": "mm", "extent-si": "mm", "volume": "mL",
             "fluid-volume": "mL", "mass-volume": "mL", "mean-density": "[hnsf'U]", "peak-density": "[hnsf'U]"}
    codes = vocabulary_lesion_components()
    assert {"fluid-volume", "mean-density", "lobule-count", "painful"} <= set(codes)
    for code in codes:
        value = values.get(code) or ({"valueQuantity": {"value": 12, "code": units[code]}} if code in units
                                     else {"valueBoolean": True})
        features = features_of(patient(), with_components(component(code, **value)))
        assert not [text for text in diagnostics(features) if "unknown" in text], code


@pytest.mark.parametrize(("code", "value"), [
    ("mean-density", {"valueQuantity": {"value": 450, "code": "[hnsf'U]"}}),
    ("peak-density", {"valueQuantity": {"value": 1200, "code": "[hnsf'U]"}}),
    ("lobule-count", {"valueInteger": 7}),
    ("fluid-volume", {"valueQuantity": {"value": 3.5, "code": "mL"}}),
    ("mass-volume", {"valueQuantity": {"value": 14.2, "code": "mL"}}),
])
def test_a_component_no_table_weighs_is_named_in_an_informational_issue(code, value):
    features = features_of(patient(), with_components(component(code, **value)))
    said = [issue for issue in features.issues if code in issue.diagnostics]
    assert [issue.severity for issue in said] == ["information"]
    assert "not used by the classifier" in said[0].diagnostics


def test_the_components_no_table_weighs_are_named_in_one_issue_per_lesion():
    features = features_of(patient(), with_components(
        component("mean-density", valueQuantity={"value": 450, "code": "[hnsf'U]"}),
        component("peak-density", valueQuantity={"value": 1200, "code": "[hnsf'U]"}),
        component("lobule-count", valueInteger=7), component("fluid-volume", valueQuantity={"value": 3.5, "code": "mL"})))
    said = [issue for issue in features.issues if "not used by the classifier" in issue.diagnostics]
    assert len(said) == 1 and said[0].severity == "information"
    assert all(code in said[0].diagnostics for code in ("mean-density", "peak-density", "lobule-count", "fluid-volume"))
    assert len(said[0].expression) == 4


def test_a_lobule_count_that_is_not_a_count_is_refused_with_a_warning():
    features = features_of(patient(), with_components(component("lobule-count", valueQuantity={"value": 4})))
    assert any("lobule-count needs a valueInteger" in text for text in diagnostics(features, "warning"))
    assert features.lesions[0].lobule_count is None


def test_laterality_coded_in_snomed_beside_the_finding_code_is_read():
    def side(code, snomed):
        return component("laterality", valueCodeableConcept={"coding": [{"system": SNOMED, "code": snomed},
                                                                         {"system": FINDING, "code": code}]})
    features = features_of(patient(), with_components(side("left", "7771000"), id="m1"),
                           with_components(side("right", "24028007"), id="m2"))
    assert [lesion.laterality for lesion in features.lesions] == ["left", "right"]
    assert features.evidence["bilateral"] == "true"


def test_a_laterality_outside_the_value_set_is_refused_with_a_warning():
    features = features_of(patient(), with_components(component("laterality", valueCodeableConcept={
        "coding": [{"system": FINDING, "code": "Left"}]})))
    assert features.lesions[0].laterality is None
    assert any("laterality 'Left'" in text for text in diagnostics(features, "warning"))


def test_a_pattern_coded_beside_another_system_is_read():
    features = features_of(patient(), with_components(component("pattern", valueCodeableConcept={
        "coding": [{"system": "urn:example:local-pattern", "code": "cloud"},
                   {"system": FINDING, "code": "lobulated-cloudlike"}]})))
    assert features.evidence["pattern"] == "lobulated-cloudlike"


def test_a_length_unit_in_the_wrong_case_is_read_with_a_warning():
    features = features_of(patient(), with_components(component("largest-diameter", valueQuantity={"value": 7, "code": "CM"})))
    assert features.lesions[0].largest_diameter_mm == 70
    assert features.evidence["size"] == "large"
    assert any("'CM' is not a UCUM code" in text for text in diagnostics(features, "warning"))


def test_a_volume_is_converted_and_its_unit_checked():
    litres = features_of(patient(), with_components(component("volume", valueQuantity={"value": 0.2, "code": "L"}),
                                                    component("largest-diameter", valueQuantity={"value": 8, "code": "cm"})))
    assert litres.lesions[0].volume_ml == pytest.approx(200)
    unknown = features_of(patient(), with_components(component("volume", valueQuantity={"value": 20, "code": "kg"})))
    assert unknown.lesions[0].volume_ml is None
    assert any("unknown volume unit 'kg'" in text for text in diagnostics(unknown, "warning"))


def test_a_volume_without_a_length_says_the_size_band_stays_unknown():
    features = features_of(patient(), with_components(component("volume", valueQuantity={"value": 150, "code": "mL"})))
    assert "size" not in features.evidence
    assert any("not for the size band" in text for text in diagnostics(features, "information"))


# --- dialysis-years: a UCUM time unit, converted; anything else refused


def dialysis_years(value, unit):
    observation = {"resourceType": "Observation", "id": "dy", "status": "final",
                   "code": {"coding": [{"system": FINDING, "code": "dialysis-years"}]},
                   "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-06-01", "valueQuantity": {"value": value}}
    if unit:
        observation["valueQuantity"]["code"] = unit
    return observation


def test_dialysis_years_in_another_unit_than_a_time_is_refused():
    features = features_of(patient(), dialysis_years(5, "kg"))
    assert features.evidence.get("renal-status") != "dialysis"
    assert any("dialysis-years unit 'kg' is not a time" in text for text in diagnostics(features, "error"))


@pytest.mark.parametrize(("value", "unit"), [(18, "mo"), (3, "a"), (40, "wk")])
def test_dialysis_years_in_a_time_unit_is_read(value, unit):
    features = features_of(patient(), dialysis_years(value, unit))
    assert features.evidence["renal-status"] == "dialysis"
    assert not diagnostics(features, "error")


def test_dialysis_years_without_a_unit_is_read_in_years_with_a_warning():
    features = features_of(patient(), dialysis_years(2, None))
    assert features.evidence["renal-status"] == "dialysis"
    assert any("dialysis-years has no unit" in text for text in diagnostics(features, "warning"))


# --- interpretation: H, L and N are honoured under the v2 table 0078 and the pre-R4 URLs too


@pytest.mark.parametrize("system", ["http://terminology.hl7.org/CodeSystem/v2-0078", "http://hl7.org/fhir/v2/0078",
                                    "http://hl7.org/fhir/v3/ObservationInterpretation"])
def test_an_interpretation_only_result_coded_in_another_hl7_system_is_read(system):
    observation = lab("2777-1", interpretation="H")
    observation["interpretation"][0]["coding"][0]["system"] = system
    features = features_of(patient(), observation)
    assert features.evidence["phosphate"] == "high"
    assert not diagnostics(features, "warning")


def test_an_interpretation_in_an_unknown_system_is_still_refused_with_a_warning():
    observation = lab("2777-1", interpretation="H")
    observation["interpretation"][0]["coding"][0]["system"] = "urn:example:local-flags"
    features = features_of(patient(), observation)
    assert "phosphate" not in features.evidence
    assert any("interpretation is not H, L or N" in text for text in diagnostics(features, "warning"))


# --- what used to be assumed or dropped without a word


def test_a_size_without_a_unit_is_read_in_millimetres_with_a_warning():
    features = features_of(patient(), with_components(component("largest-diameter", valueQuantity={"value": 45})))
    assert features.lesions[0].largest_diameter_mm == 45
    assert any("largest-diameter has no unit; read in mm" in text for text in diagnostics(features, "warning"))


def test_a_reference_range_the_classifier_cannot_read_is_named():
    observation = lab("2777-1", 5.2, "mg/dL")
    observation["referenceRange"] = [{"text": "2.5-4.5 mg/dL"}]
    features = features_of(patient(), observation)
    assert features.lab_features["phosphate"].decided_by == "built-in interval"
    assert any("referenceRange has no low or high bound" in text for text in diagnostics(features, "warning"))


def test_a_reference_range_that_is_read_raises_no_issue():
    features = features_of(patient(), lab("2777-1", 5.2, "mg/dL", reference_range=(2.5, 4.5)))
    assert features.lab_features["phosphate"].decided_by == "reference-range"
    assert not diagnostics(features)


# --- a DiagnosticReport that carries its lesions as contained Observations: the lesions are read


def report_with_contained(*observations, id="r1"):
    contained = [{key: value for key, value in observation.items() if key != "subject"} for observation in observations]
    return {"resourceType": "DiagnosticReport", "id": id, "status": "final",
            "code": {"coding": [{"system": FINDING, "code": "ct-calcification-analysis"}]},
            "subject": {"reference": "Patient/p1"}, "contained": contained,
            "result": [{"reference": f"#{observation['id']}"} for observation in observations]}


def test_the_contained_lesions_of_a_report_are_read():
    features = features_of(patient(), report_with_contained(mass("hip-gluteal", id="m1", size=80, side="left",
                                                                    pattern="lobulated-cloudlike")))
    assert [lesion.site for lesion in features.lesions] == ["hip-gluteal"]
    assert features.evidence["pattern"] == "lobulated-cloudlike" and features.evidence["size"] == "large"
    assert features.evidence_references["pattern"] == ["DiagnosticReport/r1"]
    assert any("its 1 contained Observation(s) are" in text for text in diagnostics(features, "information"))


async def test_the_service_reads_contained_lesions_and_leaves_out_an_invalid_one(standalone_classifier):
    broken = mass("thigh", id="m2", size=30)
    broken["status"] = "not-a-status"
    sent = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": patient(birth="1985-01-01")},
        {"resource": report_with_contained(mass("hip-gluteal", id="m1", size=80, pattern="lobulated-cloudlike"), broken)}]}
    response = await standalone_classifier.post("/classify", content=json.dumps(sent),
                                                headers={"Content-Type": "application/fhir+json"})
    assert response.status_code == 200, response.text
    resources = [entry["resource"] for entry in response.json()["entry"]]
    assessment = next(r for r in resources if r["resourceType"] == "RiskAssessment")
    assert {"reference": "DiagnosticReport/r1"} in assessment["basis"]
    outcome = next(r for r in resources if r["resourceType"] == "OperationOutcome")
    said = " ".join(issue["diagnostics"] for issue in outcome["issue"])
    assert "DiagnosticReport/r1#m2" in said and "its 1 contained Observation(s) are" in said

from datetime import date

import pytest

from services.classifier.features import ckd_epi_2021, extract_features
from services.classifier.fhir_input import split_input
from services.classifier.knowledge import knowledge
from services.classifier.labs import interval_for
from tests.classifier.builders import FINDING, bundle, finding, lab, mass, patient

TODAY = date(2024, 6, 1)
LABS = knowledge().labs


def features_of(*resources):
    return extract_features(split_input(bundle(*resources)), TODAY)


@pytest.mark.parametrize(("age", "sex", "low", "high"),
                         [(3, "female", 4.3, 6.8), (8, "male", 4.1, 5.9), (17, "male", 2.9, 5.0), (40, "female", 2.5, 4.5)])
def test_phosphate_intervals_depend_on_age(age, sex, low, high):
    interval = interval_for(LABS, "phosphate", age, sex)
    assert (interval.low, interval.high) == (low, high)


def test_phosphate_interval_of_early_adolescence_depends_on_sex():
    assert interval_for(LABS, "phosphate", 14, "male").high != interval_for(LABS, "phosphate", 14, "female").high


def test_phosphate_high_for_an_adult_is_normal_for_a_toddler():
    toddler = features_of(patient(birth="2020-10-01"), lab("2777-1", 6.0, "mg/dL"))
    adult = features_of(patient(birth="1980-10-01"), lab("2777-1", 6.0, "mg/dL"))
    assert toddler.evidence["phosphate"] == "normal"
    assert adult.evidence["phosphate"] == "high"


def test_age_is_taken_at_the_observation_date():
    # 12.9 y at the observation (5-12 y interval: 5.5 normal), 16 y at the request date (high)
    result = extract_features(split_input(bundle(patient(birth="2008-01-01"), lab("2777-1", 5.5, "mg/dL", when="2020-11-01"))),
                              date(2024, 6, 1))
    assert result.labs["phosphate"].state == "normal"
    assert result.labs["phosphate"].decided_by == "built-in interval"


def test_mmol_under_mass_code_is_converted_and_classified():
    result = features_of(patient(), lab("2777-1", 2.1, "mmol/L"))
    assert result.labs["phosphate"].value == pytest.approx(6.50, abs=0.01)
    assert result.evidence["phosphate"] == "high"


def test_lab_reference_range_wins_over_built_in_interval():
    result = features_of(patient(), lab("2777-1", 4.3, "mg/dL", reference_range=(2.7, 4.0)))
    assert result.evidence["phosphate"] == "high"
    assert result.labs["phosphate"].decided_by == "reference-range"


def test_interpretation_wins_over_value():
    result = features_of(patient(), lab("2777-1", 4.0, "mg/dL", interpretation="H"))
    assert result.evidence["phosphate"] == "high"
    assert result.labs["phosphate"].decided_by == "interpretation"


def test_interpretation_only_lab_is_valid_input():
    result = features_of(patient(), lab("17861-6", interpretation="N"), lab("2777-1", interpretation="L", id="lab2"))
    assert result.evidence["calcium"] == "normal"
    assert result.evidence["phosphate"] == "low"
    assert result.labs["calcium"].value is None
    assert not [i for i in result.issues if i.severity == "error"]


def test_calcium_phosphate_product_uses_canonical_units():
    result = features_of(patient(birth="1986-01-01"), lab("17861-6", 101, "mg/L"), lab("2777-1", 66, "mg/L", id="lab2"))
    assert result.calcium_phosphate_product == pytest.approx(66.66, abs=0.1)
    assert result.evidence["ca-x-p"] == "high"


def test_renal_status_from_egfr_or_creatinine():
    assert features_of(patient(), lab("33914-3", 12, "mL/min/{1.73_m2}")).evidence["renal-status"] == "ckd-5"
    assert features_of(patient(), lab("33914-3", 40, "mL/min/{1.73_m2}")).evidence["renal-status"] == "ckd-3"
    # creatinine 620 umol/L (7.0 mg/dL) in a 34-year-old woman: CKD-EPI 2021 about 7
    creatinine_only = features_of(patient(), lab("2160-0", 620, "umol/L"))
    assert creatinine_only.evidence["renal-status"] == "ckd-5"
    assert creatinine_only.egfr == pytest.approx(7, abs=1)
    assert features_of(patient(), lab("62238-1", 95, "mL/min/{1.73_m2}")).evidence["renal-status"] == "normal"


def test_ckd_epi_2021_reference_values():
    # 50-year-old, creatinine 1.0 mg/dL: about 92 for a man, 69 for a woman (published calculators: 91 and 68)
    assert ckd_epi_2021(1.0, 50, "male") == pytest.approx(91.7, abs=0.5)
    assert ckd_epi_2021(1.0, 50, "female") == pytest.approx(68.6, abs=0.5)
    assert ckd_epi_2021(1.0, 12, "male") is None  # not for children
    assert ckd_epi_2021(1.0, 50, None) is None


def test_dialysis_ckd_and_renal_function_are_one_variable():
    """Dialysis, CKD and a low eGFR are one fact: one renal-status state, one LR (issue item 3)."""
    result = features_of(patient(), finding("dialysis"), finding("chronic-kidney-disease", id="ckd"),
                         lab("33914-3", 8, "mL/min/{1.73_m2}"))
    assert result.evidence["renal-status"] == "dialysis"
    assert not {"dialysis", "chronic-kidney-disease", "renal-function"} & set(result.evidence)
    assert result.findings == {"dialysis": "true", "chronic-kidney-disease": "true"}


def test_false_finding_is_an_explicit_negative_and_absent_is_unknown():
    result = features_of(patient(), finding("dialysis", False))
    assert result.findings["dialysis"] == "false"
    assert result.evidence["renal-status"] == "not-dialysis"  # the set normal, CKD 3, 4, 5
    assert "gout-history" not in result.evidence
    # dialysis is stated when present (Classifier 46): a CKD sent without it is CKD 3-5
    assert features_of(patient(), finding("chronic-kidney-disease")).evidence["renal-status"] == "ckd-not-dialysis"
    assert features_of(patient(), finding("chronic-kidney-disease", False)).evidence["renal-status"] == "normal"


def test_lesions_give_site_size_pattern_multiplicity_and_bilaterality():
    result = features_of(
        patient(),
        mass("hip-gluteal", id="m1", side="left", size=8, size_unit="cm", pattern="lobulated-cloudlike",
             fluid_calcium_level=True),
        mass("shoulder", id="m2", side="right", size=20, bone_erosion=False),
    )
    evidence = result.evidence
    assert (evidence["site"], evidence["size"], evidence["pattern"]) == ("hip-gluteal", "large", "lobulated-cloudlike")
    assert (evidence["lesion-count"], evidence["bilateral"]) == ("multiple", "true")
    assert (evidence["fluid-calcium-level"], evidence["bone-erosion"]) == ("true", "false")
    assert result.lesions[0].largest_diameter_mm == 80
    assert result.tumoral_mass


def test_single_lateral_lesion_is_not_bilateral():
    # one one-sided mass: 'single' says it, and 'not bilateral' would count it twice (Classifier 28)
    evidence = features_of(patient(), mass("elbow", side="right")).evidence
    assert evidence["lesion-count"] == "single" and "bilateral" not in evidence
    two = features_of(patient(), mass("elbow", side="right"), mass("hand", id="m2", side="right")).evidence
    assert two["bilateral"] == "false"


def issue_texts(result, severity):
    return [i.diagnostics for i in result.issues if i.severity == severity]


def test_negative_phosphate_is_reported_and_not_used():
    result = features_of(patient(), lab("2777-1", -1.2, "mg/dL", id="phos-neg"))
    assert "phosphate" not in result.evidence
    errors = issue_texts(result, "error")
    assert errors and "Observation/phos-neg" in errors[0] and "not a possible value" in errors[0]


def test_unknown_unit_is_reported_with_the_resource_id():
    result = features_of(patient(), lab("2777-1", 4, "mg/mmol", id="phos-unit"))
    assert "phosphate" not in result.evidence
    [error] = [i for i in result.issues if i.severity == "error"]
    assert "Observation/phos-unit" in error.diagnostics and "mg/mmol" in error.diagnostics
    assert error.to_fhir()["expression"] == ["Observation.valueQuantity.code"]


def test_unknown_code_is_reported_as_warning():
    result = features_of(patient(), lab("9999-9", 1, "mg/dL", id="odd"), finding("not-a-finding", id="odd2"))
    warnings = issue_texts(result, "warning")
    assert len(warnings) == 2
    assert any("Observation/odd:" in w and "9999-9" in w for w in warnings)
    assert any("Observation/odd2:" in w for w in warnings)


def test_finding_without_boolean_value_is_an_error():
    broken = finding("dialysis")
    del broken["valueBoolean"]
    broken["valueString"] = "yes"
    result = features_of(patient(), broken)
    assert "dialysis" not in result.evidence
    assert any("valueBoolean" in e for e in issue_texts(result, "error"))


def test_unknown_site_and_pattern_are_reported():
    lesion = mass("moon", pattern="spiral")
    lesion["bodySite"]["coding"][0]["system"] = "http://example.org/other"
    result = features_of(patient(), lesion)
    assert "site" not in result.evidence and "pattern" not in result.evidence
    assert len(issue_texts(result, "warning")) == 2


def test_dialysis_years_implies_dialysis():
    years = {"resourceType": "Observation", "id": "dy", "status": "final",
             "code": {"coding": [{"system": FINDING, "code": "dialysis-years"}]}, "valueQuantity": {"value": 6, "code": "a"}}
    result = features_of(patient(), years)
    assert result.findings["dialysis"] == "true"
    assert result.evidence["renal-status"] == "dialysis"


def test_missing_birth_date_is_a_warning_and_adult_intervals_apply():
    person = patient()
    del person["birthDate"]
    result = features_of(person, lab("2777-1", 5.0, "mg/dL"))
    assert result.evidence["phosphate"] == "high"
    assert any("birthDate" in w for w in issue_texts(result, "warning"))


def test_unknown_interpretation_is_reported_and_the_value_decides():
    result = features_of(patient(), lab("2777-1", 3.0, "mg/dL", interpretation="POS", id="odd-flag"))
    assert result.evidence["phosphate"] == "normal"
    assert any("Observation/odd-flag" in w and "interpretation" in w for w in issue_texts(result, "warning"))


# ---- issue 12 item 5: intervals at every age, each row with its source

def test_a_newborn_phosphate_of_8_5_is_normal_but_high_for_a_toddler():
    assert interval_for(LABS, "phosphate", 3 / 365, None).high == 9.0  # first week
    assert interval_for(LABS, "phosphate", 3, None).high == 6.8


@pytest.mark.parametrize(("age", "state"), [(8, "low"), (40, "normal")])
def test_a_calcium_of_8_9_is_low_for_a_child_and_normal_for_an_adult(age, state):
    interval = interval_for(LABS, "calcium", age, None)
    assert ("low" if 8.9 < interval.low else "normal") == state


@pytest.mark.parametrize(("age", "sex", "low", "high"), [
    (0.01, None, 83, 248), (0.5, None, 122, 469), (5, "female", 142, 335), (11, "male", 129, 417),
    (14, "male", 116, 468), (14, "female", 57, 254), (16, "male", 82, 331), (16, "female", 50, 117),
    (18, "female", 45, 87), (40, "male", 40, 129)])
def test_alkaline_phosphatase_by_age_band_and_sex_in_adolescence(age, sex, low, high):
    interval = interval_for(LABS, "alp", age, sex)
    assert (interval.low, interval.high) == (low, high)


def test_a_growing_adolescent_boys_alp_is_not_high_but_an_adults_is():
    boy = features_of(patient(birth="2010-01-01", gender="male"), lab("6768-6", 400, "U/L"))
    adult = features_of(patient(birth="1980-01-01", gender="male"), lab("6768-6", 400, "U/L"))
    assert (boy.evidence["alp"], adult.evidence["alp"]) == ("normal", "high")


@pytest.mark.parametrize("analyte", ["pth", "calcitriol", "fgf23", "phosphate", "calcium", "alp"])
def test_intervals_cover_every_age_and_name_a_public_source(analyte):
    kb = knowledge()
    for age in (0.001, 0.05, 0.5, 3, 8, 12, 14, 16, 18, 30, 70, 120):
        for sex in ("male", "female", None):
            assert interval_for(LABS, analyte, age, sex) is not None, (analyte, age, sex)
    for row in LABS.reference_intervals[analyte]:
        key = row.source.split(":")[0]
        assert row.source.startswith("expert estimate") or kb.references[key].url or kb.references[key].doi, row


def test_the_highest_published_vitamin_d_intoxication_is_a_possible_value():
    # 1220 ng/mL was measured after a supplement manufacturing error (Nutrients 2018;10:953):
    # refusing it as impossible would drop the finding that makes the diagnosis
    result = features_of(patient(), lab("1989-3", 1220, "ng/mL", id="vitd"))
    assert not issue_texts(result, "error")
    assert result.lab_features["vitamin-d-25"].state == "high"


def test_the_evidence_resources_are_listed_once_in_the_order_first_cited_and_computed_once():
    """features.used_references: what the RiskAssessment's basis and the results' derivedFrom cite (output.py), each
    resource once; computed once per request (a cached property), not once per resource that cites them."""
    result = features_of(patient(), finding("dialysis", id="f1"), mass("hip-gluteal", id="m1", side="left"),
                         mass("shoulder", id="m2", side="right"))
    used = result.used_references
    cited = [reference for references in result.evidence_references.values() for reference in references]
    assert used == list(dict.fromkeys(cited)) and len(used) == len(set(used))
    assert {"Observation/f1", "Observation/m1", "Observation/m2"} <= set(used)
    assert result.used_references is used

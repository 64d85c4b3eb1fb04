"""The ninth knowledge pass (decisions.md, Classifier 46-47): the tumoral calcinosis typing causes of the fourth
and fifth sets, each examined in general and tested on small synthetic patients and on the tables (not on the
published cases)."""

from services.classifier.inference import assess
from tests.classifier.builders import finding, lab, mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state, total

UREMIC, NORMO = "tc-secondary-uremic", "tc-primary-normophosphatemic"
LOINC_CREATININE, LOINC_PHOSPHATE, LOINC_URATE = "2160-0", "2777-1", "3084-1"


def _lab_high(loinc, id):
    return lab(loinc, id=id, interpretation="H")


# --- a raised creatinine without dialysis is not the renal state of uremic tumoral calcinosis


def test_a_raised_creatinine_or_a_ckd_without_dialysis_stated_is_kidney_disease_off_dialysis():
    # dialysis is stated when present (hallmark renal-failure-unrecorded); the set CKD 3-5 or dialysis gave uremic
    # TC the dialysis patients' LR 21 in its mean (LR 6.2)
    creatinine_only = features_of(patient(), _lab_high(LOINC_CREATININE, "cr"))
    assert creatinine_only.evidence["renal-status"] == "ckd-not-dialysis"
    assert features_of(patient(), finding("chronic-kidney-disease")).evidence["renal-status"] == "ckd-not-dialysis"
    on_dialysis = features_of(patient(), finding("dialysis"), _lab_high(LOINC_CREATININE, "cr"))
    assert on_dialysis.evidence["renal-status"] == "dialysis"
    assert KB.figure_for(UREMIC, "renal-status", "ckd-not-dialysis").lr < 2


def test_tumour_lysis_with_an_acute_creatinine_rise_and_no_mass_is_not_typed_tumoral_calcinosis():
    # an 80-year-old with a known lymphoma, high phosphate, urate and creatinine, no mass, no chemotherapy yet
    features = features_of(patient(birth="1944-01-01", gender="male"), finding("known-malignancy"),
                           finding("recent-cytotoxic-therapy", False),
                           _lab_high(LOINC_CREATININE, "cr"), _lab_high(LOINC_PHOSPHATE, "p"), _lab_high(LOINC_URATE, "u"))
    assessment = assess(features, KB)
    assert assessment.predictions[0].code != UREMIC  # uremic TC led at 0.48, typed secondary
    assert assessment.typing == "not-tumoral-calcinosis"
    codes = [p.code for p in assessment.predictions]
    assert codes.index("tumor-lysis-syndrome") < codes.index(UREMIC)


def test_a_ckd_of_unknown_stage_is_still_a_metabolic_cause_for_the_red_flag_and_the_transplant_advice():
    # the rules that read "CKD, stage unknown" (it may be stage 4 or 5) read the new state as they read the old
    features = features_of(patient(birth="1970-01-01", gender="male"), finding("chronic-kidney-disease"),
                           lab("2731-8", id="pth", interpretation="H"),
                           mass("hip-gluteal", size=80, pattern="lobulated-cloudlike"))
    assert features.evidence["renal-status"] == "ckd-not-dialysis"
    assessment = assess(features, KB)
    assert assessment.predictions[0].code == UREMIC
    flags = [flag for alarm in assessment.alarms for flag in alarm.flags]
    assert "age over 40 without a metabolic cause" not in flags
    assert any(item.text.startswith("Kidney transplantation resolves") for item in assessment.management)


# --- uremic tumoral calcinosis is a mass: a dialysis patient sent without one is a metabolic picture


def test_only_uremic_tumoral_calcinosis_is_read_against_a_patient_sent_with_no_mass():
    assert p_state(UREMIC, "no-mass-described", "true") <= 0.011
    assert abs(total(UREMIC, "no-mass-described") - 1) <= 0.02
    # the hereditary types may be referred from the biochemistry or a family before a mass: the background
    for code in ("tc-primary-hyperphosphatemic", NORMO):
        assert p_state(code, "no-mass-described", "true") > 0.1
    assert features_of(patient(), finding("dialysis")).evidence["no-mass-described"] == "true"
    assert features_of(patient(), mass("hip-gluteal")).evidence["no-mass-described"] == "false"


def test_a_dialysis_patient_is_typed_secondary_with_a_mass_and_not_without_one():
    findings = (patient(birth="1970-01-01", gender="male"), finding("dialysis"), _lab_high(LOINC_PHOSPHATE, "p"))
    without = assess(features_of(*findings), KB)
    assert without.predictions[0].code != UREMIC  # uremic TC led calciphylaxis with no lesion sent
    assert without.typing == "not-tumoral-calcinosis"
    with_mass = assess(features_of(*findings, mass("hip-gluteal", size=80, pattern="lobulated-cloudlike")), KB)
    assert with_mass.predictions[0].code == UREMIC
    assert with_mass.typing == "secondary"


# --- normophosphatemic tumoral calcinosis: the recurrence table is a mixture like its other tables


def test_recurrence_after_excision_is_read_for_the_normophosphatemic_mixture_not_against_it():
    # 0.8 sporadic (P 0.05: often excised incompletely) + 0.2 SAMD9 disease (P 0.3: the nodules keep forming);
    # it was P 0.03 (LR 0.6), the sporadic form after complete excision only
    assert 0.08 <= p_state(NORMO, "recurrence-after-excision", "true") <= 0.12
    assert abs(total(NORMO, "recurrence-after-excision") - 1) <= 0.02
    # still below the hyperphosphatemic form, which recurs in most series (domain.md 2)
    assert p_state("tc-primary-hyperphosphatemic", "recurrence-after-excision", "true") > 0.2

"""The third knowledge pass (decisions.md, Classifier 20-22): hallmarks that a referral states when present,
the defining test asked for first, and the corrected figures, each tested on small synthetic patients."""

from datetime import date

import pytest

from services.classifier.explanation import _render
from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import _log_scores, assess, describe, posterior
from services.classifier.knowledge import UNRECORDED, knowledge, table_sum
from tests.classifier.builders import bundle, finding, lab, mass, patient

TODAY = date(2024, 6, 1)
KB = knowledge()
LOINC_PHOSPHATE, LOINC_CALCIUM, LOINC_PTH = "2777-1", "17861-6", "2731-8"


def features_of(*resources):
    return extract_features(split_input(bundle(*resources)), TODAY)


def lr(code, feature, state):
    figure = KB.figure_for(code, feature, state)
    return figure.lr if figure is not None else 1.0


def ranked(evidence):
    probabilities = posterior(evidence, KB)
    return sorted(probabilities, key=probabilities.__getitem__, reverse=True)


# --- hallmarks: 'not recorded' is evidence for findings a referral states when present


def test_a_hallmark_is_unrecorded_only_when_none_of_its_features_is_sent():
    evidence = features_of(patient(), mass("elbow")).evidence
    for name in ("renal-failure-unrecorded", "dermatomyositis-unrecorded", "systemic-sclerosis-unrecorded"):
        assert evidence[name] == UNRECORDED
    recorded = features_of(patient(), mass("elbow"), finding("proximal-muscle-weakness", False),
                           finding("dialysis", False)).evidence
    assert "dermatomyositis-unrecorded" not in recorded  # an explicit 'absent' is a record
    assert "renal-failure-unrecorded" not in recorded  # 'not on dialysis' is a (partial) renal status
    assert recorded["renal-status"] == "not-dialysis"


def test_the_unrecorded_likelihood_ratio_is_that_of_the_recording_model():
    hallmark = KB.hallmarks["renal-failure-unrecorded"]
    code = "tc-secondary-uremic"
    prevalences = KB.feature_states("renal-status")

    def p_present(code=None):
        return sum(prevalences[s] * (lr(code, "renal-status", s) if code else 1.0) for s in hallmark.present_states)

    def unrecorded(p):
        return p * hallmark.unrecorded_if_present + (1 - p) * hallmark.unrecorded_if_absent

    expected = unrecorded(p_present(code)) / unrecorded(p_present())
    assert lr(code, "renal-failure-unrecorded", UNRECORDED) == pytest.approx(expected, abs=1e-3)
    assert expected < 0.25  # uremic TC is a CKD 5 / dialysis disease: an unrecorded renal status is against it
    # a diagnosis with normal renal function loses nothing (slightly gains)
    assert 1.0 <= lr("synovial-sarcoma", "renal-failure-unrecorded", UNRECORDED) < 1.1
    assert describe("renal-failure-unrecorded", UNRECORDED, KB).startswith("not recorded: renal status")


def test_recording_and_unrecorded_together_make_a_coherent_likelihood():
    # P(recorded state s | D) + P(unrecorded | D) = 1 and the same among referred patients: the recorded
    # states keep their LRs (the recording probability cancels), so the mean LR over all outcomes is 1
    hallmark = KB.hallmarks["dermatomyositis-unrecorded"]
    feature = "proximal-muscle-weakness"
    prevalences = KB.feature_states(feature)
    code = "dermatomyositis"
    u = {"true": hallmark.unrecorded_if_present, "false": hallmark.unrecorded_if_absent}
    population_unrecorded = sum(prevalences[s] * u[s] for s in prevalences)
    recorded = sum(prevalences[s] * (1 - u[s]) * lr(code, feature, s) for s in prevalences)
    # with one feature, P(present | D) is that feature's own
    total = recorded + population_unrecorded * lr(code, "dermatomyositis-unrecorded", UNRECORDED)
    assert table_sum(KB.likelihood_ratios[code][feature], prevalences) == pytest.approx(1, abs=0.02)
    assert total == pytest.approx(1, abs=0.05)  # the hallmark also counts the rash (the larger P(present))


def test_a_child_with_periarticular_masses_and_normal_labs_is_not_called_dermatomyositis_without_its_hallmarks():
    child = [patient(birth="2017-06-01"), mass("hip-gluteal", id="m1", painful=False), mass("elbow", id="m2", painful=False),
             lab(LOINC_PHOSPHATE, 4.8, "mg/dL", id="l1"), lab(LOINC_CALCIUM, 9.8, "mg/dL", id="l2"),
             lab(LOINC_PTH, 30, "pg/mL", id="l3")]
    leading = assess(features_of(*child)).predictions[0].code
    assert leading == "tc-primary-normophosphatemic"
    with_hallmarks = assess(features_of(*child, finding("proximal-muscle-weakness"), finding("dermatomyositis-rash")))
    assert with_hallmarks.predictions[0].code == "dermatomyositis"


def test_dermatomyositis_is_strongly_opposed_when_its_hallmarks_are_absent():
    # pachman-1998: rash and proximal weakness in all 79 children at diagnosis
    assert lr("dermatomyositis", "proximal-muscle-weakness", "false") <= 0.2
    assert lr("dermatomyositis", "dermatomyositis-rash", "false") <= 0.11
    assert lr("dermatomyositis", "dermatomyositis-rash", "true") >= 25


def test_a_generic_skin_rash_is_not_the_hallmark_of_dermatomyositis():
    # the SAMD9 infant's rash (with conjunctivitis and gingivitis) does not cancel 'weakness or dermatomyositis rash
    # not recorded'
    evidence = features_of(patient(birth="2021-06-01"), finding("skin-rash"), finding("conjunctivitis"),
                           finding("gingivitis"), mass("leg", skin_ulceration=True)).evidence
    assert evidence["dermatomyositis-unrecorded"] == UNRECORDED
    assert ranked(evidence)[0] == "tc-primary-normophosphatemic"


# --- the defining test first


def test_without_a_renal_status_uremic_tc_does_not_lead_and_renal_status_is_asked_for_first():
    resources = [patient(birth="1958-06-01", gender="male"), mass("shoulder", size=70, pattern="lobulated-cloudlike"),
                 lab(LOINC_PHOSPHATE, 6.5, "mg/dL", id="l1"), lab(LOINC_PTH, 400, "pg/mL", id="l2"),
                 lab(LOINC_CALCIUM, 9.5, "mg/dL", id="l3")]
    features = features_of(*resources)
    assert features.evidence["renal-failure-unrecorded"] == UNRECORDED
    assessment = assess(features)
    uremic = "tc-secondary-uremic"
    codes = [p.code for p in assessment.predictions]
    if codes[0] == uremic:
        assert assessment.next_tests[0].feature == "renal-status"
    else:
        assert "renal-status" in [t.feature for t in assessment.next_tests]
    on_dialysis = assess(features_of(*resources, finding("dialysis")))
    assert on_dialysis.predictions[0].code == uremic
    assert "renal-status" not in [t.feature for t in on_dialysis.next_tests]


def test_the_defining_test_of_the_leader_is_asked_for_first():
    evidence = {"age-band": "adolescent", "site": "hip-gluteal", "pattern": "lobulated-cloudlike", "size": "large",
                "fluid-calcium-level": "true", "family-history-calcinosis": "true", "consanguinity": "true"}
    from services.classifier.inference import next_best_tests

    probabilities = posterior(evidence, KB)
    leader = max(probabilities, key=probabilities.__getitem__)
    assert leader in ("tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic")
    assert next_best_tests(evidence, probabilities, KB)[0].feature == "phosphate"
    assert KB.diagnoses["tc-secondary-uremic"].defining == ["renal-status"]


def test_a_dialysis_patient_without_lesions_is_asked_for_the_skin_signs_of_calciphylaxis():
    assessment = assess(features_of(patient(birth="1960-06-01", gender="male"), finding("dialysis")))
    codes = [p.code for p in assessment.predictions[:3]]
    assert "calciphylaxis" in codes
    assert "retiform-purpura" in [t.feature for t in assessment.next_tests]


# --- corrected figures


def test_normophosphatemic_tc_presents_mostly_in_the_first_two_decades():
    bands = KB.feature_states("age-band")
    first_two_decades = sum(bands[b] * lr("tc-primary-normophosphatemic", "age-band", b)
                            for b in ("infant", "child", "adolescent"))
    assert first_two_decades >= 0.7  # geissler-2010: about 80% of tumoral calcinosis


def test_non_uremic_calciphylaxis_is_possible():
    # nigwekar-2008: non-uremic calciphylaxis (primary hyperparathyroidism, malignancy, liver disease)
    prevalences = KB.feature_states("renal-status")
    p_normal = prevalences["normal"] * lr("calciphylaxis", "renal-status", "normal")
    assert p_normal >= 0.1
    assert table_sum(KB.likelihood_ratios["calciphylaxis"]["renal-status"], prevalences) == pytest.approx(1, abs=0.02)


def test_a_solitary_tender_intramuscular_cyst_in_an_endemic_area_is_among_the_leading_diagnoses():
    # was ninth (0.0095) when the table knew only the disseminated rice-grain form; the leg and the muscle still
    # favour calcific myonecrosis and haematoma, whose trauma is not asked here
    evidence = features_of(patient(birth="1979-06-01", gender="male"),
                           mass("leg", size=50, intramuscular=True, painful=True),
                           finding("endemic-parasite-exposure")).evidence
    assert "parasitic-calcification" in ranked(evidence)[:5]
    # without the exposure it is still reported (isolated muscular cysticercosis is a known pseudotumour)
    del evidence["endemic-parasite-exposure"]
    assert posterior(evidence, KB)["parasitic-calcification"] >= 0.001


def test_calcinosis_universalis_is_mostly_bilateral():
    assert lr("calcinosis-universalis", "bilateral", "true") > lr("calcinosis-universalis", "bilateral", "false") * 5


def test_hallmark_figures_are_on_the_explanation_page():
    page = _render(KB)
    assert "not recorded: renal status" in page
    sums, _ = _log_scores({"renal-failure-unrecorded": UNRECORDED}, KB)
    assert sums["tc-secondary-uremic"] < 0 < sums["synovial-sarcoma"] + 1e-9


def test_retiform_purpura_opposes_uremic_tumoral_calcinosis_and_an_unrecalled_compartment_syndrome_myonecrosis():
    assert lr("tc-secondary-uremic", "retiform-purpura", "true") < 0.5  # the lesion of calciphylaxis, not of a mass
    assert lr("calcific-myonecrosis", "compartment-syndrome-unrecorded", UNRECORDED) < 0.7
    assert lr("calcified-hematoma", "compartment-syndrome-unrecorded", UNRECORDED) == pytest.approx(1.0, abs=0.02)

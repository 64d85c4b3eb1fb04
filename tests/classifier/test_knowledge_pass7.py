"""The seventh knowledge pass (decisions.md, Classifier 32): the malignancies first. Causes found on the
harmful first answers of the published sets, each fixed in general and tested on small synthetic patients
(not on the published cases)."""

from services.classifier.inference import SAFETY_RANK, assess
from tests.classifier.builders import finding, lab, mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state

EWING, ASKIN = "ewing-sarcoma-soft-tissue", "askin-tumor"
MALIGNANCIES = set(KB.cant_miss.diagnoses)






def flags(assessment):
    return set(assessment.alarm.flags) if assessment.alarm else set()


def malignancy_listed(assessment):
    return any(p.code in MALIGNANCIES for p in assessment.predictions[:SAFETY_RANK])


# --- an infant's extraskeletal Ewing sarcoma was counted as nearly impossible


def test_an_infants_ewing_sarcoma_is_mostly_extraskeletal():
    # wong-2015: 2% of the Ewing sarcomas under 20 are infants', 82% of them in soft tissue (27% later):
    # about one extraskeletal tumour in twenty under 20; it was P 0.01 (LR 0.06)
    assert p_state(EWING, "age-band", "infant") >= 0.035
    assert p_state(ASKIN, "age-band", "infant") >= 0.025  # 62% of infants' are PNET / Askin tumours
    for code in (EWING, ASKIN):
        assert abs(sum(p_state(code, "age-band", s) for s in KB.feature_states("age-band")) - 1) <= 0.02
    # the ages where they peak stay the commonest
    assert p_state(EWING, "age-band", "young-adult") > p_state(EWING, "age-band", "infant") * 5


# --- red flags the reports state and the layer did not read


def test_a_paraspinal_mass_of_a_toddler_raises_the_alarm_and_lists_a_malignancy():
    features = features_of(patient(birth="2022-10-01", gender="female"), mass("paravertebral", side="midline"))
    assessment = assess(features, KB)
    assert assessment.alarm is not None and assessment.alarm.emergency is None  # no alarm before
    assert "paraspinal (deep by site)" in flags(assessment)
    assert malignancy_listed(assessment)


def test_a_painful_mass_eroding_bone_raises_the_alarm():
    features = features_of(patient(birth="1990-01-01", gender="male"),
                           mass("knee", side="right", pattern="punctate", bone_erosion=True, painful=True,
                                inflammatory_signs=True))
    assessment = assess(features, KB)
    assert "adjacent bone eroded" in flags(assessment)
    assert assessment.alarm is not None  # painful mass was one flag: no alarm before
    assert malignancy_listed(assessment)


def test_the_erosion_of_a_known_crystal_arthropathy_is_not_a_flag():
    features = features_of(patient(birth="1990-01-01", gender="male"),
                           mass("knee", side="right", bone_erosion=True, painful=True),
                           lab("3084-1", 9.8, "mg/dL", id="urate"))
    assert "adjacent bone eroded" not in flags(assess(features, KB))
    gout = features_of(patient(birth="1990-01-01", gender="male"),
                       mass("elbow", side="right", bone_erosion=True, painful=True), finding("gout-history"))
    assert "adjacent bone eroded" not in flags(assess(gout, KB))


# --- a disease of calcium metabolism was as likely without a calcium as with a high one


def test_the_diseases_of_calcium_metabolism_pay_when_no_calcium_is_stated():
    for code in ("primary-hyperparathyroidism", "sarcoidosis", "malignancy-hypercalcemia", "milk-alkali",
                 "vitamin-d-intoxication", "hypoparathyroidism"):
        assert KB.figure_for(code, "calcium-unrecorded", "unrecorded").lr < 0.45, code
    for code in ("myositis-ossificans", "extraskeletal-osteosarcoma", "synovial-sarcoma", "tc-primary-normophosphatemic"):
        assert KB.figure_for(code, "calcium-unrecorded", "unrecorded").lr > 1.0, code


def test_a_sent_calcium_is_read_from_its_table_not_from_the_hallmark():
    features = features_of(patient(birth="1960-01-01"), mass("thigh", side="right", size=40),
                           lab("17861-6", 11.9, "mg/dL", id="ca"))
    assert "calcium-unrecorded" not in features.evidence
    unstated = features_of(patient(birth="1960-01-01"), mass("thigh", side="right", size=40))
    assert unstated.evidence.get("calcium-unrecorded") == "unrecorded"


def test_weight_loss_and_masses_without_a_calcium_are_not_read_as_hyperparathyroidism_first():
    features = features_of(patient(birth="1969-01-01"), mass("neck", id="m1", side="midline"),
                           mass("other", id="m2", side="midline"), finding("weight-loss"))
    leading = [p.code for p in assess(features, KB).predictions[:2]]
    assert "primary-hyperparathyroidism" not in leading and "sarcoidosis" not in leading


# --- which sarcoma: with the alarm raised, a second malignancy of 2% or more was far down the list


def _listed(malignant: dict[str, float]):
    from services.classifier.inference import Prediction, _listed_for_safety

    others = [code for code in KB.diagnoses if code not in MALIGNANCIES][:5]
    probabilities = {code: 0.0 for code in KB.diagnoses}
    probabilities.update({code: 0.3 - 0.03 * i for i, code in enumerate(others)})
    probabilities.update(malignant)
    predictions = [Prediction(code, code, probabilities[code], 0.01, [], []) for code in others]
    return others, _listed_for_safety(predictions, probabilities, {}, KB, {})


def test_the_two_most_probable_malignancies_are_listed_when_the_second_reaches_the_threshold():
    first, second = "synovial-sarcoma", "ewing-sarcoma-soft-tissue"
    at = KB.cant_miss.list_second_at
    assert at <= 0.02
    others, listed = _listed({first: 0.09, second: at})
    codes = [p.code for p in listed]
    assert codes[:SAFETY_RANK] == [others[0], first, second]  # in order of probability
    assert all(p.listed_for_safety for p in listed[1:SAFETY_RANK])
    assert codes[SAFETY_RANK:] == others[1:]  # nothing dropped, the rest in order
    assert listed[2].probability == at  # moved, not inflated
    assert "one of the most probable malignancies" in listed[2].rationale


def test_a_second_malignancy_below_the_threshold_leaves_the_benign_diagnoses_in_place():
    first, second = "synovial-sarcoma", "ewing-sarcoma-soft-tissue"
    others, listed = _listed({first: 0.05, second: KB.cant_miss.list_second_at / 2})
    assert [p.code for p in listed][:SAFETY_RANK] == [others[0], others[1], first]

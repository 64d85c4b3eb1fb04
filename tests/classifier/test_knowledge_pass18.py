"""Knowledge pass 18 (decisions.md, Classifier 98-100): calciphylaxis, a can't-miss diagnosis, behind the
calcification of chronic venous insufficiency, which is the truth of no development case but led seven of their top-1
misses. The venous calcification's prior is the share referred as a mass (a latent radiographic finding), its sex
table follows a venous series, and calciphylaxis's vitamin K antagonist share follows the German registry. Tested on
small synthetic patients built from the published descriptions, not on the published cases."""

import pytest

from services.classifier.inference import assess
from tests.classifier.builders import finding, mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state, total

CVI = "chronic-venous-insufficiency"


def predictions(*resources) -> list[tuple[str, float]]:
    return [(p.code, p.probability) for p in assess(features_of(*resources), KB).predictions]


def critical_threshold() -> float:
    return next(e.critical_threshold for e in KB.cant_miss.emergencies if e.id == "calciphylaxis")


# --- the venous calcification is latent and seen in the damaged skin of advanced disease (tokoro-2009,
# cvd-subcutaneous-calcification-us): its share of referred calcified masses is not its share of radiographs


def test_venous_insufficiency_is_referred_as_a_mass_no_more_often_than_calciphylaxis():
    prior = KB.diagnoses[CVI].prior
    assert prior.value == pytest.approx(0.02)  # was 0.04
    assert prior.value <= KB.diagnoses["calciphylaxis"].prior.value
    assert "tokoro-2009" in prior.source and "cvd-subcutaneous-calcification-us" in prior.source
    assert KB.references["cvd-subcutaneous-calcification-us"].estimate  # identifiers not seen: an estimate


def test_the_venous_calcification_sex_table_follows_the_venous_series():
    female = KB.figure_for(CVI, "sex", "female")
    assert female is not None
    assert p_state(CVI, "sex", "female") == pytest.approx(0.6, abs=0.01)  # was 0.8
    assert "cvd-subcutaneous-calcification-us" in female.source
    assert total(CVI, "sex") == pytest.approx(1.0, abs=0.01)


# --- half of the registry's patients took a vitamin K antagonist before calciphylaxis (brandenburg-2017)


def test_half_of_calciphylaxis_follows_a_vitamin_k_antagonist():
    present = KB.figure_for("calciphylaxis", "warfarin-therapy", "true")
    assert present is not None
    assert p_state("calciphylaxis", "warfarin-therapy", "true") == pytest.approx(0.5, abs=0.01)  # was 0.3
    assert "brandenburg-2017" in present.source
    assert KB.references["brandenburg-2017"].pmid == "26908770"
    assert KB.references["yu-2017"].pmid == "28099971"
    assert total("calciphylaxis", "warfarin-therapy") == pytest.approx(1.0, abs=0.01)


def test_a_painful_ulcerated_lower_leg_lesion_of_a_woman_on_warfarin_is_calciphylaxis_first():
    # yu-2017: women on warfarin, lesions below the knees; before, the venous calcification led (64% against 25%)
    ranked = predictions(patient(birth="1959-01-01"), finding("warfarin-therapy"),
                         mass("leg", painful=True, skin_ulceration=True))
    assert ranked[0][0] == "calciphylaxis"


def test_nonuremic_calciphylaxis_of_both_legs_reaches_the_critical_alarm():
    # normal kidneys, on warfarin, painful ulcerated subcutaneous lesions of both lower legs: the venous
    # calcification's legs still lead by a little, but calciphylaxis is no longer 18% (under the critical 30%)
    ranked = predictions(patient(birth="1962-01-01"), finding("warfarin-therapy"), finding("chronic-kidney-disease", False),
                         mass("leg", side="both", subcutaneous=True, painful=True, skin_ulceration=True))
    calciphylaxis = dict(ranked)["calciphylaxis"]
    assert [code for code, _ in ranked].index("calciphylaxis") <= 1
    assert calciphylaxis >= critical_threshold()


@pytest.mark.parametrize(("birth", "gender", "flags"), [
    ("1952-01-01", "female", {"side": "both"}),
    ("1956-01-01", "male", {"skin_ulceration": True}),
])
def test_net_like_calcification_of_the_lower_legs_with_varicose_veins_stays_venous(birth, gender, flags):
    # guard: the picture the venous tables describe (varicose veins, net-like subcutaneous calcification of the legs)
    ranked = predictions(patient(birth=birth, gender=gender), finding("varicose-veins"),
                         mass("leg", pattern="sheet-linear", subcutaneous=True, **flags))
    assert ranked[0][0] == CVI and ranked[0][1] > 0.9

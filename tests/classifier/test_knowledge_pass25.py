"""Knowledge pass 25 (decisions.md, Classifier 119-121): the truths ranked below the first three, counted by the cell
of their own tables that argues against them. Myositis ossificans recurs (sets 1, 2, 3, 4 and 7): its trauma table
encoded trauma in 67% against its own 60% (cherry-2023: 38% of 60 children without trauma), and its age table gave
older adults a twentieth where the published series reach 72 and 81 years (stammer-2024, sumiyoshi-1985). Tested on
small synthetic patients built from the published descriptions, not on the published cases."""

import pytest

from services.classifier.inference import assess
from tests.classifier.builders import finding, mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state, total

MO = "myositis-ossificans"
SARCOMAS = ("extraskeletal-osteosarcoma", "extraskeletal-chondrosarcoma", "synovial-sarcoma")


def order(*resources) -> list[str]:
    return [p.code for p in assess(features_of(*resources), KB).predictions]


def test_the_trauma_table_says_what_its_source_says():
    assert total(MO, "trauma-at-site") == pytest.approx(1.0, abs=0.01)
    # trauma in 60% (domain.md 7; 60-75% in reviews), 38% of 60 children without it (cherry-2023); was 0.67 / 0.33
    assert p_state(MO, "trauma-at-site", "true") == pytest.approx(0.6, abs=0.02)
    assert p_state(MO, "trauma-at-site", "false") == pytest.approx(0.4, abs=0.02)
    figure = KB.figure_for(MO, "trauma-at-site", "true")
    assert figure is not None and figure.source.startswith("cherry-2023")
    assert KB.references["cherry-2023"].doi == "10.3389/fped.2023.1295212"


def test_the_age_table_keeps_the_young_first_and_gives_older_adults_a_tenth():
    assert total(MO, "age-band") == pytest.approx(1.0, abs=0.01)
    assert p_state(MO, "age-band", "older") >= 0.09  # was 0.05; series to 72 and 81 years, one with a mean of 40
    assert p_state(MO, "age-band", "adolescent") + p_state(MO, "age-band", "young-adult") >= 0.55
    assert p_state(MO, "age-band", "infant") < 0.03
    figure = KB.figure_for(MO, "age-band", "older")
    assert figure is not None and figure.source.startswith("stammer-2024")
    assert KB.references["stammer-2024"].doi == "10.1002/ca.24238"
    assert KB.references["sumiyoshi-1985"].doi


def test_the_sex_table_was_left_as_the_adult_series_has_it():
    # stammer-2024: 65% male over 89 published patients; cherry-2023's 1:1 is for children only
    assert p_state(MO, "sex", "male") == pytest.approx(0.7, abs=0.05)


def test_an_older_mans_nontraumatic_intramuscular_thigh_mass_lists_myositis_ossificans_with_the_sarcomas():
    # sumiyoshi-1985 (to 81 years), stammer-2024 (the thigh the commonest site): a man of 70 with a painful 9 cm
    # intramuscular thigh mass, no injury recalled, no pattern described; before, fourth behind the three sarcomas
    ranking = order(patient(birth="1954-01-01", gender="male"), finding("trauma-at-site", False),
                    mass("thigh", side="left", size=90, intramuscular=True, painful=True))
    assert ranking.index(MO) < 3
    # guard: a sarcoma still leads an older adult's large deep mass
    assert ranking[0] in SARCOMAS


def test_a_young_mans_mass_after_an_injury_stays_myositis_ossificans():
    # guard, walczak-2015: the textbook picture keeps its first place
    ranking = order(patient(birth="2004-01-01", gender="male"), finding("trauma-at-site", True),
                    mass("thigh", side="left", size=40, pattern="zonal-peripheral", intramuscular=True, painful=True))
    assert ranking[0] == MO


def test_a_girls_bluish_compressible_thigh_mass_with_phleboliths_stays_a_venous_malformation():
    # guard, behravesh-2016: the adolescent's thigh, where myositis ossificans and the venous malformation meet
    ranking = order(patient(birth="2010-01-01", gender="female"), finding("soft-compressible-bluish-mass"),
                    mass("thigh", side="left", size=40, pattern="phlebolith", intramuscular=True))
    assert ranking[0] == "venous-malformation"

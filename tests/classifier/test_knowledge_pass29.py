"""Knowledge pass 29 (decisions.md, Classifier 136-138): one intake of the hypercalcaemia work-up stated and not the
other. The intake history is the first question of the work-up (medarov-2009): a referral that states vitamin D taken
and says nothing of calcium or alkali has asked, and the calcium and absorbable alkali that define the milk-alkali
syndrome would have been stated. Tested on small synthetic patients built from the sources' descriptions, not on the
published cases."""

import pytest

from services.classifier.inference import assess
from services.classifier.knowledge import UNRECORDED
from tests.classifier.builders import finding, lab, mass, patient
from tests.classifier.knowledge_checks import KB, features_of

LUMPED, VITAMIN_D, CALCIUM = "vitamin-d-or-calcium-excess", "vitamin-d-intake", "calcium-alkali-intake"
GROUP = "vitamin-d-or-calcium-excess-unrecorded"


def order(*resources) -> list[str]:
    return [p.code for p in assess(features_of(*resources), KB).predictions]


def hypercalcaemia(*extra):
    # a woman of 45 with calcium 13.1 mg/dL and a suppressed PTH (8 pg/mL), no deposit described
    return (patient(birth="1979-01-01"), lab("17861-6", 13.1, "mg/dL", id="ca"), lab("2731-8", 8, "pg/mL", id="pth"),
            *extra)


def test_the_two_intakes_are_read_apart_only_when_one_was_stated():
    for name, feature, asked in (("calcium-alkali-unrecorded", CALCIUM, VITAMIN_D),
                                 ("vitamin-d-unrecorded", VITAMIN_D, CALCIUM)):
        hallmark = KB.hallmarks[name]
        assert hallmark.features == [feature] and hallmark.asked_with == [asked]
        assert hallmark.unrecorded_if_present < hallmark.unrecorded_if_absent
        assert hallmark.source.startswith("medarov-2009:")
    assert KB.references["beall-1995"].pmid == "7891547"
    # a feature in two hallmarks has the same probabilities in both (the next-test search reads the first)
    group = KB.hallmarks[GROUP]
    assert (group.unrecorded_if_present, group.unrecorded_if_absent) == (0.3, 0.9)


def test_vitamin_d_stated_and_calcium_not_reads_against_milk_alkali():
    evidence = features_of(*hypercalcaemia(finding(VITAMIN_D))).evidence
    assert evidence["calcium-alkali-unrecorded"] == UNRECORDED
    assert GROUP not in evidence and "vitamin-d-unrecorded" not in evidence


def test_a_referral_silent_on_both_intakes_is_read_once():
    evidence = features_of(*hypercalcaemia()).evidence
    assert evidence[GROUP] == UNRECORDED
    assert "calcium-alkali-unrecorded" not in evidence and "vitamin-d-unrecorded" not in evidence


def test_the_lumped_code_sent_alone_records_both_intakes():
    evidence = features_of(*hypercalcaemia(finding(LUMPED))).evidence
    assert not {GROUP, "calcium-alkali-unrecorded", "vitamin-d-unrecorded"} & set(evidence)


def test_vitamin_d_taken_with_no_calcium_stated_is_vitamin_d_intoxication_before_milk_alkali():
    # medarov-2009: the intake defines each; the woman's referral states vitamin D replacement and no calcium or
    # antacids; before, milk-alkali came first (its vitamin D cell, 3.0, read while its calcium intake stayed unknown)
    ranking = order(*hypercalcaemia(finding(VITAMIN_D)))
    assert ranking.index("vitamin-d-intoxication") < ranking.index("milk-alkali")


def test_granulomatous_hypercalcaemia_after_vitamin_d_is_not_read_as_milk_alkali():
    # baughman-2013, tebben-2016: vitamin D replacement unmasks the hypercalcaemia of sarcoidosis, PTH suppressed,
    # 1,25-dihydroxyvitamin D inappropriately normal; a woman of 50, no calcium or alkali stated; before, milk-alkali
    # first and sarcoidosis third
    ranking = order(patient(birth="1974-01-01"), lab("17861-6", 12.4, "mg/dL", id="ca"),
                    lab("2731-8", 6, "pg/mL", id="pth"), lab("1649-3", 45, "pg/mL", id="d125"), finding(VITAMIN_D))
    assert ranking[0] != "milk-alkali"
    assert ranking.index("sarcoidosis") < ranking.index("milk-alkali")


@pytest.mark.parametrize("extra", [(finding(CALCIUM),), (finding(CALCIUM), finding(VITAMIN_D))])
def test_calcium_and_alkali_taken_still_make_milk_alkali_first(extra):
    # guard: the defining intake stated (with or without vitamin D) keeps the milk-alkali syndrome first
    ranking = order(*hypercalcaemia(*extra))
    assert ranking[0] == "milk-alkali"


def test_a_deposit_without_any_hypercalcaemia_story_is_not_moved():
    # guard: a referral of a calcified mass that says nothing of intakes reads only the group hallmark, as before
    evidence = features_of(patient(birth="1990-01-01"), mass("hip-gluteal", size=60)).evidence
    assert evidence[GROUP] == UNRECORDED and "calcium-alkali-unrecorded" not in evidence

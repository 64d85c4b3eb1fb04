"""Knowledge pass 23 (decisions.md, Classifier 113-115): the harmful first answers of sets 1-7, and the gouty tophus
read against an unstated gout history (tophi-first-2017: tophi before any gouty attack in 65 of 1486 patients with
tophaceous gout). Tested on small synthetic patients built from the published descriptions, not on the published cases."""

import pytest

from services.classifier.inference import assess
from tests.classifier.builders import finding, mass, patient
from tests.classifier.knowledge_checks import KB, features_of

GOUT = "gouty-tophus"


def order(*resources) -> list[str]:
    return [p.code for p in assess(features_of(*resources), KB).predictions]


def test_an_unstated_gout_history_is_evidence_with_its_source():
    hallmark = KB.hallmarks["gout-unrecorded"]
    assert hallmark.features == ["gout-history"]
    assert hallmark.unrecorded_if_present < hallmark.unrecorded_if_absent
    assert hallmark.source.startswith("tophi-first-2017:")
    assert KB.references["tophi-first-2017"].pmid == "28492994"


def test_a_painful_inflamed_wrist_deposit_without_gout_reads_as_calcific_tendinitis():
    # flexor carpi ulnaris calcific tendinitis: a man of 51, a painful, red, warm 1 cm deposit at the wrist, no gout
    # history and no urate sent; before, the gouty tophus came first (39% against 37%)
    ranking = order(patient(birth="1973-01-01", gender="male"),
                    mass("wrist", size=10, painful=True, inflammatory_signs=True))
    assert ranking[0] == "calcific-tendinopathy"
    assert GOUT in ranking[:3]  # lowered, not excluded: tophi come first in a few


@pytest.mark.parametrize("site", ["wrist", "elbow"])
def test_a_stated_gout_history_still_makes_the_tophus_first(site):
    # guard: the same deposit with a history of gout, and an olecranon mass of a man of 74 with gout
    ranking = order(patient(birth="1950-01-01", gender="male"), mass(site, size=20, painful=True),
                    finding("gout-history", id="g"))
    assert ranking[0] == GOUT

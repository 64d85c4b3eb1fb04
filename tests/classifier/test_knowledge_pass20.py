"""The twentieth knowledge pass (decisions.md, Classifier 104-106): the sarcomas against myositis ossificans and the
calcified haematoma (issue 12, safety and top-1). Tested on the tables and on small synthetic patients built from the
published series' descriptions (not on the published cases)."""

import pytest

from services.classifier.inference import SAFETY_RANK, assess
from tests.classifier.builders import mass, patient
from tests.classifier.knowledge_checks import KB, features_of, p_state, total

ESOS = "extraskeletal-osteosarcoma"

# --- Classifier 104: extraskeletal osteosarcoma's superficial share as its source counts it


def test_the_superficial_share_of_extraskeletal_osteosarcoma_is_its_series_count():
    # choi-2014: 11 of 53 superficial (21%), 42 deep; the table gave P 0.15, under its own source's count
    assert p_state(ESOS, "subcutaneous", "true") == pytest.approx(11 / 53, abs=0.005)
    assert abs(total(ESOS, "subcutaneous") - 1.0) < 0.01
    for state in ("true", "false"):
        figure = KB.figure_for(ESOS, "subcutaneous", state)
        assert figure is not None and figure.source.startswith("choi-2014:")
    assert KB.references["choi-2014"].pmid == "24382730"


def test_an_older_womans_superficial_shoulder_mass_lists_extraskeletal_osteosarcoma_before_synovial_sarcoma():
    # a superficial extraskeletal osteosarcoma of a 60-year-old (choi-2014: a fifth superficial, median age 64): with
    # the alarm raised, it stands above synovial sarcoma, a deep tumour of young adults (before: synovial sarcoma 2nd,
    # extraskeletal osteosarcoma 3rd)
    result = assess(features_of(patient(birth="1964-01-01", gender="female"),
                                mass("shoulder", size=30, subcutaneous=True)), KB)
    codes = [p.code for p in result.predictions]
    assert result.alarm is not None
    assert ESOS in codes[:SAFETY_RANK]
    assert codes.index(ESOS) < codes.index("synovial-sarcoma")

"""Pass 31 (decisions.md, Classifier 142): scripts/count_top3_misses.py reads a truth below the third place against the
third most probable diagnosis, and counts apart a truth that is among the three most probable but shown fourth or lower
because the malignancy alarm listed one or two malignancies above it (inference._listed_for_safety). Synthetic results,
not the published cases."""

from scripts.count_top3_misses import third_by_probability
from services.classifier.evaluation import CaseResult


def result(ranked: list[str], probabilities: dict[str, float], expected: str) -> CaseResult:
    return CaseResult("synthetic", expected, ranked, probabilities[ranked[0]], "not-tumoral-calcinosis", probabilities)


def test_a_truth_second_by_probability_but_shown_fourth_is_the_listings_not_its_tables():
    # the alarm lists two sarcomas of 3% and 2% above a haematoma of 24%: the haematoma's own cells did not keep it out
    probabilities = {"calcific-myonecrosis": 0.62, "calcified-hematoma": 0.24, "parasitic-calcification": 0.05,
                     "extraskeletal-chondrosarcoma": 0.03, "synovial-sarcoma": 0.02}
    shown = ["calcific-myonecrosis", "extraskeletal-chondrosarcoma", "synovial-sarcoma", "calcified-hematoma",
             "parasitic-calcification"]
    case = result(shown, probabilities, "calcified-hematoma")
    assert case.rank == 4
    assert third_by_probability(case, "calcified-hematoma") is None  # before: read against the listed synovial sarcoma


def test_a_truth_below_the_three_most_probable_is_read_against_the_third_by_probability_not_a_listed_one():
    probabilities = {"myositis-ossificans": 0.5, "venous-malformation": 0.2, "calcified-hematoma": 0.12,
                     "tc-primary-normophosphatemic": 0.1, "synovial-sarcoma": 0.03}
    shown = ["myositis-ossificans", "venous-malformation", "synovial-sarcoma", "calcified-hematoma",
             "tc-primary-normophosphatemic"]
    case = result(shown, probabilities, "tc-primary-normophosphatemic")
    assert third_by_probability(case, "tc-primary-normophosphatemic") == "calcified-hematoma"

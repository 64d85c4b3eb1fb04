"""The fourth set written from published case reports (issue 12, "Evaluation"): the held-out set until it was measured
once, blind, before any tuning on it; development material since (the final figures are those of the fifth set).

Its figures are written to docs/classifier-evaluation.md only by `python -m services.classifier.evaluation
--published-holdout4`; nothing here asserts or prints an accuracy, a probability or a harmful answer of this set. What must always
hold is asserted: every case cited, no publication shared with the other three sets, every expected code a diagnosis of
the model, every Bundle the builder's output, and the evaluation of the set runs (into a throwaway document) and writes
its own section in its place.
"""

import json
from collections import Counter

from services.classifier.evaluation import (
    HOLDOUT,
    HOLDOUT3,
    HOLDOUT3_BEGIN,
    HOLDOUT3_END,
    HOLDOUT4,
    HOLDOUT4_BEGIN,
    HOLDOUT_BEGIN,
    HOLDOUT_END,
    PUBLISHED_BEGIN,
    PUBLISHED_END,
    write_published_report,
)
from tests.classifier.published_cases import CASES as DEVELOPMENT_CASES
from tests.classifier.published_holdout import CASES as SECOND_SET_CASES
from tests.classifier.published_holdout3 import CASES as THIRD_SET_CASES
from tests.classifier.published_holdout4 import CASES
from tests.classifier.test_published_holdout3 import MALIGNANT, TC, _identifiers, _title
from tests.classifier.test_published_set import (
    assert_a_diagnosis_of_the_model,
    assert_built,
    assert_cited,
    assert_section_written,
)
from tests.classifier.vignette_builder import HOLDOUT4_DIR, build_bundle

CASE_IDS = [case["id"] for case in CASES]
OTHER_SETS = DEVELOPMENT_CASES + SECOND_SET_CASES + THIRD_SET_CASES


def _shared_publications(cases: list[dict], others: list[dict]) -> list[str]:
    """The ids of the cases citing a publication of ``others``: a shared identifier or the same title."""
    other_ids = set().union(*(_identifiers(case["citation"]) for case in others))
    other_titles = {_title(case["citation"]) for case in others}
    return [case["id"] for case in cases
            if _identifiers(case["citation"]) & other_ids or _title(case["citation"]) in other_titles]


def test_a_spread_of_tumoral_calcinosis_malignancies_and_mimics():
    """The floors are the set's own counts (68 cases), so that a case lost in a merge is noticed. Tumoral calcinosis is
    under-represented against the third aimed for (8 cases): the well-known reports are cited by the other sets (see
    docs/decisions.md); the malignancies and the look-alikes are spread as the issue's reviewers would."""
    assert len(CASES) >= 68
    assert len(set(CASE_IDS)) == len(CASES)
    assert not set(CASE_IDS) & {case["id"] for case in OTHER_SETS}
    counts = Counter(case["expected"] for case in CASES)
    tumoral = [case for case in CASES if case["expected"] in TC or case.get("expected_typing") == "secondary"]
    assert len(tumoral) >= 8
    assert counts["tc-secondary-uremic"] >= 4
    assert counts["tc-primary-normophosphatemic"] >= 3
    assert len([case for case in CASES if case.get("expected_typing") == "secondary"]) >= 1
    assert len([case for case in CASES if case["expected"] in MALIGNANT]) >= 13
    assert len({case["expected"] for case in CASES} & MALIGNANT) >= 5
    assert len({case["expected"] for case in CASES} - MALIGNANT - TC) >= 20
    assert max(counts.values()) <= len(CASES) // 10  # no diagnosis dominates the set


def test_no_publication_of_the_other_three_sets_is_reused():
    assert _shared_publications(CASES, OTHER_SETS) == []


def test_the_reuse_check_would_catch_a_shared_publication():
    """The check above is not vacuous: a case citing a publication of any other set, by identifier or by a title
    written with other punctuation, is caught."""
    for borrowed in (DEVELOPMENT_CASES[0], SECOND_SET_CASES[-1], THIRD_SET_CASES[5]):
        by_title = {"id": "borrowed-title", "citation": {"title": borrowed["citation"]["title"].upper().replace(" ", "  ") + "."}}
        assert _shared_publications([by_title], OTHER_SETS) == ["borrowed-title"]
    with_identifier = next(case for case in THIRD_SET_CASES if _identifiers(case["citation"]))
    key = next(key for key in ("pmid", "doi", "pmcid") if with_identifier["citation"].get(key))
    by_identifier = {"id": "borrowed-identifier", "citation": {"title": "another title", key: with_identifier["citation"][key]}}
    assert _shared_publications([by_identifier], OTHER_SETS) == ["borrowed-identifier"]


def test_every_case_has_a_citation_and_a_diagnosis_of_the_model():
    for case in CASES:
        assert_cited(case)
        assert_a_diagnosis_of_the_model(case)


def test_holdout4_bundles_are_the_builders_output_and_valid_fhir():
    assert_built(CASES, HOLDOUT4_DIR, "--published-holdout4")


def test_the_evaluation_of_the_fourth_set_runs_into_its_own_section(tmp_path, capsys):
    """Run on a throwaway document: the section is written between its markers, every Bundle is classified, nothing is
    printed, and only the structure is checked (no figure of this set is asserted or printed)."""
    assert_section_written(HOLDOUT4_DIR, HOLDOUT4, CASE_IDS, tmp_path)
    assert capsys.readouterr().out == ""


def test_each_of_the_four_sets_keeps_its_place(tmp_path):
    """Writing the fourth set's section keeps the other sets' sections, in the order first, second, third, fourth."""
    document = tmp_path / "evaluation.md"
    one = tmp_path / "one"
    one.mkdir()
    (one / f"{CASES[0]['id']}.json").write_text(json.dumps(build_bundle(CASES[0])), encoding="utf-8")
    markers = ((PUBLISHED_BEGIN, PUBLISHED_END), (HOLDOUT_BEGIN, HOLDOUT_END), (HOLDOUT3_BEGIN, HOLDOUT3_END))
    blocks = [f"{begin}\nsection {n}\n{end}\n" for n, (begin, end) in enumerate(markers, start=1)]
    document.write_text("# Vignettes\n\nkept\n\n" + "\n".join(blocks), encoding="utf-8")
    write_published_report(one, document, HOLDOUT4)
    text = document.read_text(encoding="utf-8")
    assert "section 1" in text and "section 2" in text and "section 3" in text
    assert (text.index(PUBLISHED_END) < text.index(HOLDOUT_BEGIN) < text.index(HOLDOUT_END) < text.index(HOLDOUT3_BEGIN)
            < text.index(HOLDOUT3_END) < text.index(HOLDOUT4_BEGIN))
    before = text
    write_published_report(one, document, HOLDOUT4)
    assert document.read_text(encoding="utf-8") == before  # the same inputs rewrite the same document


def test_the_third_set_is_retitled_as_development_material_with_its_blind_figures():
    assert "held-out" in HOLDOUT3.title and "development material" in HOLDOUT3.title
    assert "final figures" not in HOLDOUT3.title
    intro = " ".join(HOLDOUT3.intro)
    assert "measured once, blind, before any tuning" in intro
    assert "top-1 67.6%, top-3 79.7%, typing 89.2%, 7 harmful first answers, Brier 0.429" in intro
    assert "fifth set" in intro and "fifth set" in " ".join(HOLDOUT.intro)
    assert HOLDOUT4.command == "python -m services.classifier.evaluation --published-holdout4"
    assert HOLDOUT4.builder_command == "python -m tests.classifier.vignette_builder --published-holdout4"

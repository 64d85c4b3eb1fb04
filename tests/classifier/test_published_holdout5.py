"""The fifth set written from published case reports: THE held-out set of the final figures (issue 12, "Evaluation").

Its figures are written to docs/classifier-evaluation.md only by `python -m services.classifier.evaluation
--published-holdout5`, run once after the knowledge work is merged; nothing here asserts or prints an accuracy, a
probability or a harmful answer of this set, so that running the tests does not tune anything on it. What must always
hold is asserted: every case cited, no publication shared with the other four sets, every expected code a diagnosis of
the model, every Bundle the builder's output, and the evaluation of the set runs (into a throwaway document) and writes
its own section in its place.
"""

import json
import re
import unicodedata
from collections import Counter

from services.classifier.evaluation import (
    HOLDOUT,
    HOLDOUT3,
    HOLDOUT4,
    HOLDOUT4_BEGIN,
    HOLDOUT4_END,
    HOLDOUT5,
    HOLDOUT5_BEGIN,
    PUBLISHED,
    PUBLISHED_BEGIN,
    PUBLISHED_END,
    write_published_report,
)
from tests.classifier.published_cases import CASES as DEVELOPMENT_CASES
from tests.classifier.published_holdout import CASES as SECOND_SET_CASES
from tests.classifier.published_holdout3 import CASES as THIRD_SET_CASES
from tests.classifier.published_holdout4 import CASES as FOURTH_SET_CASES
from tests.classifier.published_holdout5 import CASES
from tests.classifier.test_published_holdout3 import MALIGNANT, TC, _identifiers
from tests.classifier.test_published_holdout4 import _shared_publications
from tests.classifier.test_published_set import (
    assert_a_diagnosis_of_the_model,
    assert_built,
    assert_cited,
    assert_section_written,
)
from tests.classifier.vignette_builder import HOLDOUT5_DIR, build_bundle

CASE_IDS = [case["id"] for case in CASES]
OTHER_SETS = DEVELOPMENT_CASES + SECOND_SET_CASES + THIRD_SET_CASES + FOURTH_SET_CASES


def _source_keys(citation: dict) -> set[str]:
    """The article numbers a citation names outside its identifiers: a journal's article or e-locator number (5+ digits),
    a teaching file's or web page's case/article number, a J-STAGE-like code. Many stored copies give no DOI and no exact
    title, so two sets may describe one report with two different titles; its article number still matches."""
    text = unicodedata.normalize("NFKD", f"{citation['journal']} {citation['title']}").encode("ascii", "ignore").decode().lower()
    keys = set(re.findall(r"(?<![\d.])\d{5,}(?![\d.])", text))
    numbered = re.findall(r"(?:case|article|full text|record|show|paper|showcase)\s*#?\s*(\d{3,})", text)
    keys |= {f"#{number}" for number in numbered}
    keys |= set(re.findall(r"[a-z]+\d{4}[a-z0-9]*", text))
    return keys


def _shared_sources(cases: list[dict], others: list[dict]) -> list[str]:
    """The ids of the cases whose citation names an article number that a citation of ``others`` names too."""
    other_keys = set().union(*(_source_keys(case["citation"]) for case in others))
    return [case["id"] for case in cases if _source_keys(case["citation"]) & other_keys]


def test_a_spread_of_tumoral_calcinosis_malignancies_and_mimics():
    """The floors are the set's own counts (75 cases), so that a case lost in a merge is noticed. Tumoral calcinosis is 15
    cases, under the third aimed for, and no hyperphosphatemic familial case could be added: the stored reports of it are
    cited by the other sets (see docs/decisions.md); the malignancies and the look-alikes are spread as the issue's
    reviewers would."""
    assert len(CASES) >= 75
    assert len(set(CASE_IDS)) == len(CASES)
    assert not set(CASE_IDS) & {case["id"] for case in OTHER_SETS}
    counts = Counter(case["expected"] for case in CASES)
    tumoral = [case for case in CASES if case["expected"] in TC or case.get("expected_typing") == "secondary"]
    assert len(tumoral) >= 15
    assert counts["tc-secondary-uremic"] >= 6
    assert counts["tc-primary-normophosphatemic"] >= 6
    assert len([case for case in CASES if case.get("expected_typing") == "secondary"]) >= 3
    assert len([case for case in CASES if case["expected"] in MALIGNANT]) >= 14
    assert len({case["expected"] for case in CASES} & MALIGNANT) >= 5
    assert len({case["expected"] for case in CASES} - MALIGNANT - TC) >= 25
    assert max(counts.values()) <= len(CASES) // 10  # no diagnosis dominates the set


def test_no_publication_of_the_other_four_sets_is_reused():
    assert _shared_publications(CASES, OTHER_SETS) == []
    assert _shared_sources(CASES, OTHER_SETS) == []


def test_the_article_number_check_catches_a_report_cited_under_another_title():
    """Two sets once described one Hindawi report and one KoreaMed article under different made-up titles, without a
    DOI; the article number in the journal string is what they share, and it is caught."""
    borrowed = {"id": "borrowed-number", "citation": {"title": "another description of the report",
                                                      "journal": "Case Reports in Pediatrics (Hindawi) 2016:1395718"}}
    teaching_file = {"id": "borrowed-case", "citation": {"title": "a teaching file", "journal": "Eurorad case 14222"}}
    fresh = {"id": "fresh", "citation": {"title": "a new report", "journal": "Some Journal 12(3):45-47"}}
    others = [{"citation": {"title": "x", "journal": "Case Reports in Pediatrics 2016:1395718"}},
              {"citation": {"title": "y", "journal": "Eurorad (case 14222)"}}]
    assert _shared_sources([borrowed, teaching_file, fresh], others) == ["borrowed-number", "borrowed-case"]


def test_the_reuse_check_would_catch_a_publication_of_the_fourth_set():
    """The check above is not vacuous for the set added last: a case citing a publication of the fourth set, by
    identifier or by a title written with other punctuation, is caught."""
    borrowed = FOURTH_SET_CASES[3]
    by_title = {"id": "borrowed-title", "citation": {"title": borrowed["citation"]["title"].upper().replace(" ", "  ") + "."}}
    assert _shared_publications([by_title], OTHER_SETS) == ["borrowed-title"]
    with_identifier = next(case for case in FOURTH_SET_CASES if _identifiers(case["citation"]))
    key = next(key for key in ("pmid", "doi", "pmcid") if with_identifier["citation"].get(key))
    by_identifier = {"id": "borrowed-identifier", "citation": {"title": "another title", key: with_identifier["citation"][key]}}
    assert _shared_publications([by_identifier], OTHER_SETS) == ["borrowed-identifier"]


def test_every_case_has_a_citation_and_a_diagnosis_of_the_model():
    for case in CASES:
        assert_cited(case)
        assert_a_diagnosis_of_the_model(case)


def test_holdout5_bundles_are_the_builders_output_and_valid_fhir():
    assert_built(CASES, HOLDOUT5_DIR, "--published-holdout5")


def test_the_evaluation_of_the_fifth_set_runs_into_its_own_section(tmp_path, capsys):
    """Run on a throwaway document: the section is written between its markers, every Bundle is classified, nothing is
    printed, and only the structure is checked (no figure of this set is asserted or printed)."""
    assert_section_written(HOLDOUT5_DIR, HOLDOUT5, CASE_IDS, tmp_path)
    assert capsys.readouterr().out == ""


def test_each_of_the_five_sets_keeps_its_place(tmp_path):
    """Writing the fifth set's section keeps the other sets' sections, in the order first to fifth."""
    document = tmp_path / "evaluation.md"
    one = tmp_path / "one"
    one.mkdir()
    (one / f"{CASES[0]['id']}.json").write_text(json.dumps(build_bundle(CASES[0])), encoding="utf-8")
    blocks = [f"{spec.begin}\nsection {n}\n{spec.end}\n"
              for n, spec in enumerate((PUBLISHED, HOLDOUT, HOLDOUT3, HOLDOUT4), start=1)]
    document.write_text("# Vignettes\n\nkept\n\n" + "\n".join(reversed(blocks)), encoding="utf-8")
    write_published_report(one, document, HOLDOUT5)
    text = document.read_text(encoding="utf-8")
    assert all(f"section {n}" in text for n in range(1, 5))
    assert text.index(PUBLISHED_BEGIN) < text.index(PUBLISHED_END) < text.index(HOLDOUT4_BEGIN) < text.index(HOLDOUT4_END)
    assert text.index(HOLDOUT4_END) < text.index(HOLDOUT5_BEGIN)
    before = text
    write_published_report(one, document, HOLDOUT5)
    assert document.read_text(encoding="utf-8") == before  # the same inputs rewrite the same document


def test_the_fourth_set_is_retitled_as_development_material_with_its_blind_figures():
    assert "held-out" in HOLDOUT4.title and "development material" in HOLDOUT4.title
    assert "final figures" not in HOLDOUT4.title
    intro = " ".join(HOLDOUT4.intro)
    assert "measured once, blind, before any tuning" in intro
    assert "top-1 51.5%, top-3 72.1%, typing 88.2%, 6 harmful first answers, Brier 0.658" in intro
    for older in (PUBLISHED, HOLDOUT, HOLDOUT3, HOLDOUT4):
        assert "fifth set" in " ".join(older.intro), older.key
        assert "final figures" not in older.title, older.key
    assert "held-out" in HOLDOUT5.title and "final figures" in HOLDOUT5.title
    # its one blind measurement stays in its text once later passes tune on it (Classifier 46-47)
    assert "top-1 45.3%, top-3 68.0%, typing 86.7%, 2 harmful first answers, Brier 0.705" in " ".join(HOLDOUT5.intro)
    assert HOLDOUT5.command == "python -m services.classifier.evaluation --published-holdout5"
    assert HOLDOUT5.builder_command == "python -m tests.classifier.vignette_builder --published-holdout5"

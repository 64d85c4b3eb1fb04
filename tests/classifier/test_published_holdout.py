"""The second set written from published case reports (issue 12, "Evaluation"): held out until stop 13, development
material since (the final figures are reported on the fifth set, test_published_holdout5.py).

Its figures are reported in docs/classifier-evaluation.md by `python -m services.classifier.evaluation
--published-holdout`; accuracy targets are measured there, not asserted here. What must always hold is asserted:
at least 70 cases, every case cited, no publication shared with the first (development) set, every expected code a
diagnosis of the model, every Bundle the builder's output and classifiable, no probability above 0.99 and no
harmful first answer.
"""

import json
from collections import Counter

import pytest

from services.classifier.evaluation import (
    HOLDOUT,
    HOLDOUT_BEGIN,
    HOLDOUT_END,
    PUBLISHED_BEGIN,
    PUBLISHED_END,
    harmful_first_answers,
    published_markdown,
    run_cases,
    write_published_report,
    write_report,
)
from tests.classifier.published_cases import CASES as DEVELOPMENT_CASES
from tests.classifier.published_holdout import CASES
from tests.classifier.test_published_set import (
    assert_a_diagnosis_of_the_model,
    assert_all_classified,
    assert_built,
    assert_cited,
    assert_no_probability_above_0_99,
)
from tests.classifier.vignette_builder import HOLDOUT_DIR, PUBLISHED_DIR, build_bundle

TYPINGS = {"primary-hyperphosphatemic", "primary-normophosphatemic", "secondary", "not-tumoral-calcinosis"}
MALIGNANT = {"synovial-sarcoma", "extraskeletal-osteosarcoma", "extraskeletal-chondrosarcoma", "ewing-sarcoma-soft-tissue",
             "askin-tumor", "malignancy-hypercalcemia"}
CASE_IDS = [case["id"] for case in CASES]


def _by_expected(*codes):
    return [case for case in CASES if case["expected"] in codes]


def test_at_least_70_cases_with_a_referral_clinics_spread():
    assert len(CASES) >= 70
    assert len(set(CASE_IDS)) == len(CASES)
    assert not set(CASE_IDS) & {case["id"] for case in DEVELOPMENT_CASES}
    hftc = _by_expected("tc-primary-hyperphosphatemic")
    assert len(hftc) >= 10
    assert {"GALNT3", "FGF23"} <= {result["gene"] for case in hftc for result in case.get("genetics", [])}
    assert len(_by_expected("tc-primary-normophosphatemic")) >= 4
    secondary = [case for case in CASES
                 if case["expected"] == "tc-secondary-uremic" or case.get("expected_typing") == "secondary"]
    assert len(secondary) >= 12
    assert any(case.get("expected_typing") == "secondary" and case["expected"] != "tc-secondary-uremic" for case in CASES)
    assert len([case for case in CASES if case["expected"] in MALIGNANT]) >= 10
    # the rest is spread over the mimics and the new diagnoses
    assert len({case["expected"] for case in CASES} - MALIGNANT - {"tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic",
                                                                   "tc-secondary-uremic"}) >= 15


def _identifiers(citation):
    return {citation.get(key) for key in ("pmid", "doi", "pmcid") if citation.get(key)}


def test_no_publication_of_the_development_set_is_reused():
    development_ids = set().union(*(_identifiers(case["citation"]) for case in DEVELOPMENT_CASES))
    development_titles = {case["citation"]["title"].strip().lower() for case in DEVELOPMENT_CASES}
    for case in CASES:
        assert not _identifiers(case["citation"]) & development_ids, case["id"]
        assert case["citation"]["title"].strip().lower() not in development_titles, case["id"]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_every_case_has_a_citation(case):
    assert_cited(case)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_expected_code_is_a_diagnosis_of_the_model(case):
    assert_a_diagnosis_of_the_model(case)


def test_holdout_bundles_are_the_builders_output_and_valid_fhir():
    assert_built(CASES, HOLDOUT_DIR, "--published-holdout")


@pytest.fixture(scope="module")
def results():
    return run_cases(HOLDOUT_DIR)


def test_every_bundle_classifies(results):
    assert_all_classified(results, CASE_IDS)


def test_no_probability_above_0_99(results):
    assert_no_probability_above_0_99(results)


# The target is none. On this held-out set the knowledge still misses these malignancies
# from the top three (docs/classifier-evaluation.md, held-out section); nothing was tuned on them.
# The test keeps the known cases from growing: a new harmful answer fails it, and one fewer fails
# it too, so that the list is shortened by hand (towards the target) and never drifts.
KNOWN_HARMFUL: set[str] = set()  # the Ewing sarcoma of an ankle is listed third since Classifier 50


def test_no_harmful_first_answer_beyond_the_known_ones(results):
    harmful = {r.case_id: (r.expected, r.ranked[:3], why) for r, why in harmful_first_answers(results)}
    assert set(harmful) == KNOWN_HARMFUL, {k: v for k, v in harmful.items() if k not in KNOWN_HARMFUL}


def test_the_holdout_report_has_its_sections(results):
    text = published_markdown(results, spec=HOLDOUT)
    assert text.startswith(HOLDOUT_BEGIN) and text.rstrip().endswith(HOLDOUT_END)
    for heading in ("top-1 accuracy", "top-3 accuracy", "typing accuracy", "harmful first answers", "highest probability",
                    "## Per-diagnosis sensitivity", "## Typing", "## Calibration", "Brier score", "## Harmful first answers",
                    "## Per case", "## Appendix: citations", "python -m services.classifier.evaluation --published-holdout",
                    "tests/classifier/published_holdout/"):
        assert heading in text, heading


def test_each_set_rewrites_only_its_own_section(tmp_path):
    """Vignettes, first published set and held-out set each keep the others' sections, in that order."""
    document = tmp_path / "evaluation.md"
    document.write_text("# Vignettes\n\nkept\n", encoding="utf-8")
    one_published, one_holdout = tmp_path / "published", tmp_path / "holdout"
    one_published.mkdir()
    one_holdout.mkdir()
    (one_published / f"{DEVELOPMENT_CASES[0]['id']}.json").write_text(json.dumps(build_bundle(DEVELOPMENT_CASES[0])),
                                                                      encoding="utf-8")
    (one_holdout / f"{CASES[0]['id']}.json").write_text(json.dumps(build_bundle(CASES[0])), encoding="utf-8")
    write_published_report(one_holdout, document, HOLDOUT)
    write_published_report(one_published, document)
    write_published_report(one_holdout, document, HOLDOUT)
    text = document.read_text()
    assert text.startswith("# Vignettes\n\nkept\n")
    assert text.count(PUBLISHED_BEGIN) == text.count(PUBLISHED_END) == 1
    assert text.count(HOLDOUT_BEGIN) == text.count(HOLDOUT_END) == 1
    assert text.index(PUBLISHED_END) < text.index(HOLDOUT_BEGIN)
    before = text
    write_published_report(one_published, document)
    assert document.read_text() == before  # the same inputs rewrite the same document
    write_report(PUBLISHED_DIR.parent / "cases", document)
    rewritten = document.read_text()
    assert rewritten.startswith("# Classifier evaluation on the clinical vignettes")
    assert rewritten.count(HOLDOUT_BEGIN) == 1 and rewritten.count(PUBLISHED_BEGIN) == 1
    assert rewritten[rewritten.index(PUBLISHED_BEGIN):] == before[before.index(PUBLISHED_BEGIN):]


def test_typing_expectations():
    counts = Counter(case.get("expected_typing") for case in CASES)
    assert counts["secondary"] >= 1

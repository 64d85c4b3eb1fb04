import json
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.classifier.evaluation import accuracy, brier_score, expected_diagnosis, reliability, run_cases, write_report
from services.classifier.schema import REQUIRED_DIAGNOSIS_CODES

CASES = Path(__file__).parent / "cases"


def test_cases_are_valid_fhir_and_cover_every_diagnosis():
    bundles = [json.loads(p.read_text()) for p in sorted(CASES.glob("*.json"))]
    assert len(bundles) >= 40
    for bundle in bundles:
        get_fhir_model_class("Bundle").model_validate(bundle)
    expected = [expected_diagnosis(b) for b in bundles]
    assert set(expected) == set(REQUIRED_DIAGNOSIS_CODES)
    for tc_type in ("tc-primary-hyperphosphatemic", "tc-primary-normophosphatemic", "tc-secondary-uremic"):
        assert expected.count(tc_type) >= 3


def test_accuracy_on_the_vignettes(tmp_path):
    results = run_cases(CASES)
    top1, top3 = accuracy(results, 1), accuracy(results, 3)
    misses = [(r.case_id, r.ranked[:3]) for r in results if r.rank != 1]
    assert top1 >= 0.85, misses
    assert top3 >= 0.95, misses
    report = write_report(CASES, tmp_path / "evaluation.md")
    assert len(report) == len(results)
    assert "| expected | predicted | count |" in (tmp_path / "evaluation.md").read_text()


def test_calibration_report_has_a_brier_score_and_reliability_tables(tmp_path):
    results = run_cases(CASES)
    assert 0 < brier_score(results) < 0.1
    assert max(max(r.probabilities.values()) for r in results) <= 0.99
    rows = reliability(results, top_only=True)
    assert sum(n for _, n, _, _ in rows) == len(results)
    write_report(CASES, tmp_path / "evaluation.md")
    text = (tmp_path / "evaluation.md").read_text()
    assert "## Calibration" in text and "Brier score" in text and "| predicted | n | mean predicted | observed |" in text


def test_brier_score_of_a_perfect_and_a_wrong_prediction():
    from services.classifier.evaluation import CaseResult
    right = CaseResult("a", "x", ["x", "y"], 0.99, "t", {"x": 0.99, "y": 0.01})
    wrong = CaseResult("b", "x", ["y", "x"], 0.99, "t", {"y": 0.99, "x": 0.01})
    assert brier_score([right]) == pytest.approx(0.0002)
    assert brier_score([wrong]) == pytest.approx(0.99 ** 2 + 0.99 ** 2)

import json
from pathlib import Path

from fhir.resources.R4B import get_fhir_model_class

from services.classifier.evaluation import accuracy, expected_diagnosis, run_cases, write_report
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

"""Intake's validation measured against the official FHIR validator test cases (decision Intake 26).

Each case selected by scripts/import_fhir_test_cases.py (tests/data/fhir-test-cases/) is posted to
the real service's `POST [type]/$validate` as its file's bytes, and intake's answer is compared
with the reference validator's expected outcome: an issue of severity error or fatal makes a
resource invalid, as the reference validator and HAPI count them. Valid versus invalid must
agree; the number of errors must agree too where the manifest gives one (`errorCount`) and
wherever the document is JSON intake can read (one fault, one issue). A document that is not
JSON is refused at the first syntax error, where the reference validator's parser recovers and
reports each one: there only valid versus invalid is compared.
"""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "fhir-test-cases"
SELECTION = json.loads((DATA / "selection.json").read_text(encoding="utf-8"))
SELECTED = [case for case in SELECTION["cases"] if "skip" not in case]
FHIR = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}


def errors(outcome: dict) -> list[dict]:
    return [issue for issue in outcome.get("issue", []) if issue.get("severity") in ("error", "fatal")]


@pytest.fixture
def database_url(tmp_path) -> str:
    """$validate without mode reads nothing stored: one backend is enough (test_validation covers both)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}"


def test_the_selection_is_the_rule_applied():
    """Every selected case's files are here, and every R4 case of the manifest is accounted for."""
    assert SELECTION["selected"] == len(SELECTED) > 0
    for case in SELECTED:
        assert (DATA / "cases" / case["file"]).is_file() and (DATA / "outcomes" / case["outcome"]).is_file()
    assert all(case["skip"] for case in SELECTION["cases"] if "skip" in case)


@pytest.mark.parametrize("case", SELECTED, ids=[case["name"] for case in SELECTED])
async def test_official_case(intake, case):
    expected = errors(json.loads((DATA / "outcomes" / case["outcome"]).read_text(encoding="utf-8")))
    body = (DATA / "cases" / case["file"]).read_bytes()
    response = await intake.post(f"/fhir/{case['type']}/$validate", content=body, headers=FHIR)
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome"
    found = errors(outcome)
    detail = {"expected": [(i.get("expression"), i["details"]["text"]) for i in expected],
              "intake": [(i.get("expression"), i.get("diagnostics")) for i in found]}
    assert bool(found) == bool(expected), detail
    if "errorCount" in case:
        assert len(found) == case["errorCount"], detail
    if response.status_code == 200:  # the document was read: $validate judged it
        assert len(found) == len(expected), detail
        # Every issue is located with FHIRPath, the all-clear too (the resource as a whole).
        assert all(issue.get("expression") for issue in outcome["issue"]), outcome
    else:  # not JSON: refused before any element could be named
        assert response.status_code == 400 and case["file"] in UNREADABLE, (response.status_code, outcome)


def _unreadable() -> frozenset[str]:
    unreadable = set()
    for case in SELECTED:
        try:
            json.loads((DATA / "cases" / case["file"]).read_bytes())
        except ValueError:
            unreadable.add(case["file"])
    return frozenset(unreadable)


UNREADABLE = _unreadable()

"""Knowledge pass 16 (decisions.md, Classifier 92-94): the top-1 misses of the development sets counted by (truth,
leader) pair (scripts/count_top1_misses.py), the recurring confusions corrected against their sources, and the
dialysis-years input refusing a boolean as mass-duration does. Tested on small synthetic patients built from the
published descriptions, not on the published cases."""

import pytest

from tests.classifier.builders import FINDING, mass, patient
from tests.classifier.knowledge_checks import features_of


def dialysis_years(value, id="dy1"):
    return {"resourceType": "Observation", "id": id, "status": "final",
            "code": {"coding": [{"system": FINDING, "code": "dialysis-years"}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-06-01",
            "valueQuantity": {"value": value, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a"}}


def errors(result) -> str:
    return " ".join(issue.diagnostics for issue in result.issues if issue.severity == "error")


# --- dialysis-years: a JSON true is not 1 year (bool is an int in Python); refused as mass-duration refuses it


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_dialysis_years_is_refused_with_an_issue_and_not_used(value):
    result = features_of(patient(), mass("hip-gluteal"), dialysis_years(value))
    assert f"dialysis-years {value!r} is not a possible duration" in errors(result)
    assert "Observation/dy1" in errors(result)
    assert "dialysis" not in result.findings  # before: true read as 1 year of dialysis, false as none
    assert result.evidence.get("renal-status") != "dialysis"


def test_a_number_of_dialysis_years_is_still_read():
    result = features_of(patient(), mass("hip-gluteal"), dialysis_years(3))
    assert not errors(result)
    assert result.findings["dialysis"] == "true"

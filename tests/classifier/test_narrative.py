"""The RiskAssessment carries a narrative a person can read without the CDS card: the can't-miss
alarm, the typing and the ranked differential, with the percentages the card shows."""

import re
import xml.etree.ElementTree as ET

import pytest

from services.classifier.cds_hooks import card_from_result
from services.classifier.probability import format_probability
from services.classifier.service import classify_bundle
from tests.classifier.test_api import case
from tests.support.narrative import XHTML, checked_narrative

BASE = "http://calcinosis.example.org/fhir"


def resources(result: dict, resource_type: str) -> list[dict]:
    return [e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == resource_type]


@pytest.mark.parametrize("name", ["askin-tumor-chest-wall", "hftc-child-hip-familial"])
def test_the_risk_assessment_narrative_says_what_the_card_says(name):
    result = classify_bundle(case(name), BASE)
    [assessment] = resources(result, "RiskAssessment")
    typing = next(o for o in resources(result, "Observation") if o["code"]["coding"][0]["code"] == "calcinosis-typing")
    words = checked_narrative(assessment)
    card = card_from_result(result)
    rows = [[cell.text for cell in row] for row in ET.fromstring(assessment["text"]["div"]).iter(f"{XHTML}tr")][1:]
    assert rows == [[str(rank), p["outcome"]["text"], format_probability(p["probabilityDecimal"])]
                    for rank, p in enumerate(assessment["prediction"], 1)]
    leading = re.search(r"\*\*Leading diagnosis:\*\* (.*) \((.*)\)", card.detail or "")
    assert leading and rows[0][1:] == [leading.group(1), leading.group(2)]  # as the card words it
    assert f"Typing: {typing['valueCodeableConcept']['text']}" in words
    if card.indicator == "critical":
        assert f"Can't-miss alarm (critical): {card.summary.removesuffix('...')}" in words
    else:
        assert "Can't-miss" not in words

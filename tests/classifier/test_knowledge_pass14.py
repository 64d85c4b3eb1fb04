"""The fourteenth knowledge pass (decisions.md, Classifier 76-79): why sporadic (and familial SAMD9) normophosphatemic
tumoral calcinosis is not recognised; the number-of-masses table set from the series that count it. Tested on the
tables and on the committed files (not on the published cases)."""

import pytest

from tests.classifier.knowledge_checks import KB, p_state, total

TYPE = "tc-primary-normophosphatemic"


# --- Classifier 77: one mass or several, from the sporadic series and SAMD9 disease


def test_the_number_of_masses_of_normophosphatemic_tc_is_the_mixture_of_its_sources():
    # the table was neutral (1.0 / 1.0, "expert estimate: mixture") although the type's own definition says "often
    # solitary": the sporadic series that counts it had one site in 9 of 12 patients (gali-2005), SAMD9 disease forms
    # several nodules (chefetz-2008); 0.8 x 0.75 + 0.2 x 0.1 = P 0.62 of one mass
    assert p_state(TYPE, "lesion-count", "single") == pytest.approx(0.8 * 9 / 12 + 0.2 * 0.1, abs=0.005)
    assert p_state(TYPE, "lesion-count", "single") > KB.feature_states("lesion-count")["single"]
    assert abs(total(TYPE, "lesion-count") - 1.0) < 0.01
    for state in ("single", "multiple"):
        assert KB.figure_for(TYPE, "lesion-count", state).source.startswith("gali-2005:")


def test_the_sporadic_series_are_cited_with_their_identifiers():
    # the two African series domain.md 3 cites for the age, the sites and the count are now references of the
    # knowledge, with the identifier looked up (PubMed 9253620; the journal's own page for Gali 2005)
    assert KB.references["pakasa-1997"].pmid == "9253620"
    assert KB.references["gali-2005"].url.startswith("https://ispub.com/")


# --- Classifier 77: an erosion of the adjacent bone presupposes contact with it


@pytest.mark.parametrize("code", ("tc-primary-normophosphatemic", "tc-primary-hyperphosphatemic"))
def test_the_primary_tc_types_touch_the_bone_at_least_as_often_as_they_erode_it(code):
    # Classifier 70 set the erosion to steinbach-1995's 3 of 12 (P 0.25) but left contact with the bone at P 0.2
    # ("separated from the cortex"): a mass that erodes the adjacent bone touches it, so contact cannot be rarer
    assert p_state(code, "bone-contact", "true") >= p_state(code, "bone-erosion", "true") - 0.005
    assert p_state(code, "bone-contact", "true") < KB.feature_states("bone-contact")["true"]  # still below the referred rate
    assert abs(total(code, "bone-contact") - 1.0) < 0.01
    assert KB.figure_for(code, "bone-contact", "true").source.startswith("steinbach-1995:")

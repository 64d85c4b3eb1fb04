"""Lookups made once per knowledge base for speed (docs/decisions.md, Classifier 68) give what their
definitions give: the management items a leading diagnosis may use, the state likelihoods the
next-best-test search reads, the analyte an Observation reports, the unit a value is read in."""

import pytest

from services.classifier import inference, management
from services.classifier.knowledge import knowledge, unrecorded_probability
from services.classifier.labs import analyte_for
from services.classifier.units import UnitReading, convert, read_unit

KB = knowledge()
LOINC = "http://loinc.org"


@pytest.mark.parametrize("leading", sorted(KB.priors))
def test_the_items_of_a_leading_diagnosis_are_those_the_file_gives_it_in_its_order(leading: str) -> None:
    defined = [item for item in KB.management.items
               if item.when.get("leading") is None or leading in item.when["leading"]]
    assert management._items_for(leading, KB) == defined
    assert management._items_for(leading, KB) is management._items_for(leading, KB)  # kept, not rebuilt


def test_state_likelihood_rows_are_the_knowledge_rows_of_every_outcome() -> None:
    for feature, _ in KB.testable_features:
        for unrecorded in (False, True):
            if unrecorded and feature not in KB.hallmarks_of:
                continue
            rows = inference._state_likelihood_rows(feature, unrecorded, KB)
            assert rows.keys() == KB.priors.keys()
            assert all(rows[code] == KB.state_likelihood_row(code, feature, unrecorded) for code in KB.priors)


def _observation(*codes: str, finding: str | None = None) -> dict:
    coding = [{"system": LOINC, "code": code} for code in codes]
    if finding:
        coding.append({"system": "http://x.org/fhir/CodeSystem/calcinosis-finding", "code": finding})
    return {"resourceType": "Observation", "code": {"coding": coding}}


def test_an_observation_with_codes_of_two_analytes_reports_the_one_listed_first() -> None:
    index = KB.analyte_index
    # calcium (17861-6) is listed after phosphate (2777-1) in labs.yaml, whatever the order of the codings
    assert analyte_for(_observation("17861-6", "2777-1"), index, None) == "phosphate"
    assert analyte_for(_observation("2777-1", "17861-6"), index, None) == "phosphate"
    assert analyte_for(_observation("17861-6"), index, None) == "calcium"
    assert analyte_for(_observation("0000-0"), index, None) is None
    assert analyte_for({"code": {"coding": [{"system": LOINC, "code": 2777}]}}, index, None) is None  # not a code
    local = next(code for (system, code) in index if system == "local-finding")
    assert analyte_for(_observation(), index, local) == index[("local-finding", local)][1]


def test_a_unit_is_read_as_sent_as_its_alias_or_leniently_and_converted_alike() -> None:
    labs = KB.labs
    alias, code = next(iter(labs.unit_aliases.items()))
    assert read_unit("mg/dL", labs) == UnitReading("mg/dL", False)
    assert read_unit(" mg/dL ", labs) == UnitReading("mg/dL", False)
    assert read_unit(alias, labs) == UnitReading(code, False)
    assert read_unit("MG/DL", labs) == UnitReading("mg/dL", True)
    phosphate = labs.analytes["phosphate"]
    assert convert(1.0, "mmol/L", phosphate, labs) == convert(1.0, " mmol/L", phosphate, labs)
    assert convert(1.0, "mmol/L", phosphate, labs) == pytest.approx(30.974 / 10)


def test_a_feature_read_by_several_hallmarks_is_listed_under_each_and_predicted_alike() -> None:
    """next_best_tests asks whether any of a feature's hallmarks went unrecorded and the likelihoods use the first
    one's u: both read hallmarks_of, which must list every hallmark naming the feature, with the same u (Classifier 136)."""
    for hallmark in KB.catalog.hallmarks:
        for feature in hallmark.features:
            assert hallmark in KB.hallmarks_of[feature]
    for feature, hallmarks in KB.hallmarks_of.items():
        for state in KB.feature_states(feature):
            assert len({unrecorded_probability(h, state) for h in hallmarks}) == 1, (feature, state)

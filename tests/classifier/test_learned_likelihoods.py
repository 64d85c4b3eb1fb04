"""The learned-likelihood experiment (scripts/learn_likelihoods.py, decisions.md Classifier 37-39): its fit is
coherent and capped by construction, counts only what a case states, and measures what the evaluation reports.
The experiment did not beat the expert figures and is not loaded by the classifier; these tests keep it honest
for the day it is repeated with more cases."""

import importlib.util
import math
import sys
from pathlib import Path

import pytest

from services.classifier.evaluation import run_cases
from services.classifier.features import PatientFeatures
from services.classifier.knowledge import COHERENCE_TOLERANCE, knowledge, table_sum

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("learn_likelihoods", ROOT / "scripts" / "learn_likelihoods.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["learn_likelihoods"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ll = _script()


@pytest.fixture(scope="module")
def cases():
    return ll.load_cases(knowledge())


def test_the_fifth_set_is_never_read():
    assert not any("holdout5" in name for name in ll.DEVELOPMENT_SETS)
    assert ll.PUBLISHED_SETS == ("tests/classifier/published", "tests/classifier/published_holdout",
                                 "tests/classifier/published_holdout3", "tests/classifier/published_holdout4")


def test_posterior_mean_of_a_dirichlet_centred_on_the_expert_table():
    prior = {"low": 0.1, "normal": 0.2, "high": 0.7}
    p = ll._shrunk({"normal": 2, "high": 1}, prior, 10.0)
    assert p == pytest.approx({"low": 1 / 13, "normal": 4 / 13, "high": 8 / 13})
    assert ll._shrunk({}, prior, 10.0) == pytest.approx(prior)  # no case: the expert table
    assert ll._shrunk({"low": 5}, prior, 1e9) == pytest.approx(prior)  # an infinitely strong prior: the expert table
    capped = ll._shrunk({"high": 1000}, prior, 10.0)  # the cases alone would make it certain
    assert capped["high"] == pytest.approx(0.99)
    assert capped["low"] / capped["normal"] == pytest.approx(0.1 / 0.2)  # the rest keeps its proportions
    assert sum(capped.values()) == pytest.approx(1.0)


def test_only_stated_single_states_are_counted():
    kb = knowledge()
    features = PatientFeatures(evidence={"phosphate": "high", "renal-status": "ckd-any", "site": "hip-gluteal|shoulder",
                                         "renal-failure-unrecorded": "unrecorded", "painful": "true"})
    case = ll.Case("tests/classifier/cases", "made-up", "tc-primary-hyperphosphatemic",
                   ("tc-primary-hyperphosphatemic",), "primary-hyperphosphatemic", "", features)
    counts = ll.count([case], kb)
    assert {f: dict(s) for f, s in counts["tc-primary-hyperphosphatemic"].items()} == {
        "phosphate": {"high": 1}, "painful": {"true": 1}}
    unmodelled = ll.Case("tests/classifier/cases", "made-up", "not-a-diagnosis", ("not-a-diagnosis",), "", "", features)
    assert ll.count([unmodelled], kb) == {}


@pytest.mark.parametrize("alpha", [1.0, 10.0])
def test_learned_tables_are_coherent_capped_and_name_their_expert_source(cases, alpha):
    kb = knowledge()
    learned = ll.fit(kb, cases, dict.fromkeys(ll.KINDS, alpha))
    assert learned  # every development case states something
    model = ll.apply(kb, learned)
    for code, features in learned.items():
        for feature, fitted in features.items():
            prevalences = kb.feature_states(feature)
            table = model.likelihood_ratios[code][feature]
            assert set(table) == set(prevalences)
            assert abs(table_sum(table, prevalences) - 1) < 1e-3 < COHERENCE_TOLERANCE, (code, feature)
            for state, figure in table.items():
                assert prevalences[state] * figure.lr <= 0.99 + 1e-3, (code, feature, state)
                assert figure.source.startswith(fitted["states"][state]["expert_source"])
                assert f"updated with {fitted['cases']} development cases" in figure.source


def test_a_kind_left_to_the_experts_and_no_case_change_nothing(cases):
    kb = knowledge()
    assert ll.fit(kb, cases, dict.fromkeys(ll.KINDS, math.inf)) == {}
    assert ll.fit(kb, [], dict.fromkeys(ll.KINDS, 10.0)) == {}
    labs_only = ll.fit(kb, cases, {"lab": 10.0})
    assert {ll.feature_kind(f, kb) for features in labs_only.values() for f in features} == {"lab"}


def test_the_experiment_measures_what_the_evaluation_reports(cases):
    """The cross-validation of the expert figures (nothing fitted) gives, case by case, the evaluation's answers."""
    kb = knowledge()
    held_out = "tests/classifier/published_holdout4"
    folds = ll.cross_validate(kb, cases, {}, (held_out,))
    reported = {r.case_id: r for r in run_cases(ROOT / held_out)}
    assert len(folds[0][2]) == len(reported) == 68
    for result in folds[0][2]:
        expected = reported[result.case_id]
        assert (result.ranked, result.typing, result.truth) == (expected.ranked, expected.typing, expected.truth)
        assert result.probabilities == pytest.approx(expected.probabilities)

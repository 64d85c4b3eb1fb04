"""The compiled scoring (knowledge laid out once as vectors and memoised contributions) gives what the
model defines, to the last bit: each finding's log LRs added one by one, in the order of the evidence,
the findings of an evidence group damped from the strongest down (docs/decisions.md, Classifier 43)."""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from services.classifier import inference
from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.knowledge import Knowledge, knowledge

CASES = Path(__file__).parent / "cases"


def one_by_one(evidence: dict[str, str], kb: Knowledge) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """The scores as the model defines them, one addition per (finding, diagnosis): the reference."""
    sums = dict.fromkeys(kb.priors, 0.0)
    grouped: dict[tuple[str, float], dict[str, list[tuple[float, float, str]]]] = {}
    for feature, state in evidence.items():
        group = kb.evidence_group_of.get(feature)
        for code, log_lr in kb.log_lrs_of(feature, state):
            if group is None:
                sums[code] += log_lr
            else:
                grouped.setdefault(group, {}).setdefault(code, []).append((abs(log_lr), log_lr, feature))
    weights = {}
    for (_, damping), bucket in grouped.items():
        for code, logs in bucket.items():
            logs.sort(reverse=True)
            chains = [[e for e in logs if e[1] > 0], [e for e in logs if e[1] < 0]] if logs[0][1] > 0 else [logs]
            for chain in chains:
                weight = 1.0
                for _, log_lr, feature in chain:
                    sums[code] += weight * log_lr
                    if weight < 1.0:
                        weights[(code, feature)] = weight
                    weight *= damping
    return sums, weights


def evidence_of(path: Path) -> dict[str, str]:
    bundle = json.loads(path.read_text())
    return extract_features(split_input(bundle), date(2024, 9, 1), knowledge()).evidence


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_scores_are_the_one_by_one_sums_to_the_bit(path):
    evidence = evidence_of(path)
    assert inference._log_scores(evidence, knowledge()) == one_by_one(evidence, knowledge())


def test_a_diagnosis_named_twice_for_a_finding_is_added_twice():
    """A finding whose table names one diagnosis twice (a composite state spelled like a state, say) has
    no vector: each figure is added on its own, as one by one."""
    kb = replace(knowledge())  # a fresh instance: its own memos
    table = dict(kb.log_lrs)
    entries = table[("fever", "true")]
    code, log_lr = entries[0]
    table[("fever", "true")] = [*entries, (code, log_lr / 3)]
    kb.__dict__["log_lrs"] = table  # the compiled table, as cached_property keeps it
    assert kb.log_lr_row("fever", "true") is None
    evidence = {"fever": "true", "sex": "female", "phosphate": "high", "renal-status": "dialysis", "pth": "high"}
    assert inference._log_scores(evidence, kb) == one_by_one(evidence, kb)
    assert inference._log_scores(evidence, kb) != inference._log_scores(evidence, knowledge())


def test_the_rows_are_shared_and_read_only():
    row = knowledge().log_lr_row("fever", "true")
    assert row is knowledge().log_lr_row("fever", "true")
    with pytest.raises(ValueError):
        row[0] = 1.0


def test_reported_contributions_are_the_figures_with_the_damping_of_this_request():
    kb = knowledge()
    evidence = {"renal-status": "dialysis", "pth": "high", "phosphate": "high", "ca-x-p": "high", "fever": "false"}
    sums, weights = inference._log_scores(evidence, kb)
    code = "tc-secondary-uremic"
    assert any(diagnosis == code for diagnosis, _ in weights)  # the renal-mineral group damps its findings
    for _ in range(2):  # the second time from the memo: the same, the damping of this request again
        prediction = inference._prediction(code, 0.5, evidence, kb, weights)
        found = {c.feature: (c.figure, c.weight) for c in [*prediction.supporting, *prediction.opposing]}
        expected = {feature: (kb.figure_for(code, feature, state), weights.get((code, feature), 1.0))
                    for feature, state in evidence.items()
                    if kb.figure_for(code, feature, state) is not None and kb.figure_for(code, feature, state).lr != 1.0}
        assert found == expected
        for c in [*prediction.supporting, *prediction.opposing]:
            assert c.words == (f"{c.description} (LR {c.lr:g})" if c.weight == 1.0 else
                               f"{c.description} (LR {c.lr:g}, counted as {c.lr ** c.weight:.3g}: correlated with a "
                               "stronger finding)")
    undamped = inference._prediction(code, 0.5, evidence, kb, {})
    assert all(c.weight == 1.0 for c in [*undamped.supporting, *undamped.opposing])


def test_an_evidence_group_gives_the_same_additions_whatever_the_order_of_its_findings():
    """A group's additions are kept per combination of its findings' states: met again in another
    order (or beside other findings), they still equal the one-by-one sums."""
    kb = knowledge()
    renal = [("renal-status", "dialysis"), ("pth", "low"), ("phosphate", "high"), ("ca-x-p", "high")]
    for evidence in (dict(renal), dict(reversed(renal)), {"fever": "true", **dict(renal[1:]), "sex": "male"},
                     {"pattern": "lobulated-cloudlike", **dict(renal), "fluid-calcium-level": "true"}):
        assert inference._log_scores(evidence, kb) == one_by_one(evidence, kb)

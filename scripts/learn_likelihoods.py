"""Learned likelihoods, an experiment: the expert tables of diagnoses.yaml as the prior, updated with the
development cases, measured by leaving one published set out (decisions.md Classifier 37-39).

For diagnosis d and feature f, the expert table gives P_e(s | d) = P(s) x LR_e(s, d) (P(s): the state's
prevalence among referred patients, features.yaml). With a Dirichlet prior of strength alpha (pseudo-cases)
centred on it, the posterior mean after n_{d,f,s} development cases of d that STATE f in state s is

    P(s | d) = (n_{d,f,s} + alpha x P_e(s | d)) / (n_{d,f} + alpha),    LR(s, d) = P(s | d) / P(s),

coherent by construction (sum over s of P(s) x LR = 1). Only cases where f is stated count: the classifier
ignores an unstated feature, so the table is P(state | d, stated) (Classifier 37 says what that does).
One alpha per kind of feature (demographic, lesion, lab, finding); inf leaves a kind to the expert tables.

    PYTHONPATH=. python scripts/learn_likelihoods.py             # expert against learned, every fold (about 10 s)
    PYTHONPATH=. python scripts/learn_likelihoods.py --choose    # alpha chosen on the grid by leave-one-set-out
    PYTHONPATH=. python scripts/learn_likelihoods.py --nested    # and chosen inside each fold: the honest estimate

The learned tables did not beat the expert figures (Classifier 39): nothing is written to the knowledge; the
script stays to repeat the experiment when more development cases exist. The evidence of a case is exactly
what the classifier sees (the pipeline's features of the case's Bundle). The fifth (blind) set is never read.
"""

import argparse
import itertools
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from services.classifier.evaluation import (
    CaseResult,
    _work_up_date,
    accepted_codes,
    accuracy,
    brier_score,
    citation,
    expected_diagnosis,
    expected_typing,
    harmful_first_answers,
    typing_accuracy,
)
from services.classifier.features import PatientFeatures, extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import assess
from services.classifier.knowledge import Knowledge, load_knowledge, unrecorded_lrs
from services.classifier.output import reported_probability
from services.classifier.schema import Figure

ROOT = Path(__file__).resolve().parents[1]
# The development sets: the vignettes and the four published sets (the fifth, blind set is not development
# material and is never read here).
VIGNETTES = "tests/classifier/cases"
PUBLISHED_SETS = ("tests/classifier/published", "tests/classifier/published_holdout",
                  "tests/classifier/published_holdout3", "tests/classifier/published_holdout4")
DEVELOPMENT_SETS = (VIGNETTES, *PUBLISHED_SETS)
PROBABILITY_CEILING = 0.99  # no learned P(state | diagnosis) above this (a few cases cannot make a finding certain)


@dataclass(frozen=True)
class Case:
    set_name: str
    case_id: str
    expected: str
    accepted: tuple[str, ...]
    expected_typing: str
    citation: str
    features: PatientFeatures


def feature_kind(feature: str, kb: Knowledge) -> str:
    """The kind of a feature, one alpha per kind: demographic (age, sex), lesion (site, size, pattern, count,
    histology), lab (the lab bands and renal status), finding (yes/no findings)."""
    spec = kb.catalog.features[feature]
    if spec.boolean:
        return "finding"
    if spec.group == "demographic":
        return "demographic"
    if spec.group == "lab":
        return "lab"
    return "lesion"


KINDS = ("demographic", "lesion", "lab", "finding")


def load_cases(kb: Knowledge, sets: tuple[str, ...] = DEVELOPMENT_SETS) -> list[Case]:
    """Every case of the sets with the evidence the classifier extracts from its Bundle."""
    cases = []
    known = frozenset(kb.diagnoses)
    for set_name in sets:
        for path in sorted((ROOT / set_name).glob("*.json")):
            bundle = json.loads(path.read_text(encoding="utf-8"))
            features = extract_features(split_input(bundle), _work_up_date(bundle), kb)
            expected = expected_diagnosis(bundle)
            cases.append(Case(set_name, path.stem, expected, accepted_codes(expected, known), expected_typing(bundle),
                              citation(bundle), features))
    return cases


def truth_of(case: Case, kb: Knowledge) -> str | None:
    """The modelled diagnosis a case counts for (None: the model does not hold it)."""
    return next((code for code in case.accepted if code in kb.diagnoses), None)


Counts = dict[str, dict[str, dict[str, int]]]  # diagnosis -> feature -> state -> cases


def count(cases: list[Case], kb: Knowledge) -> Counts:
    """Per diagnosis and feature, how many cases stated each (concrete) state. Composite states ('CKD, stage
    unknown', 'one of these sites') and unrecorded hallmarks say no single state: not counted."""
    counts: Counts = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for case in cases:
        truth = truth_of(case, kb)
        if truth is None:
            continue
        for feature, state in case.features.evidence.items():
            spec = kb.catalog.features.get(feature)
            if spec is None or not spec.evidence or state not in kb.feature_states(feature):
                continue
            counts[truth][feature][state] += 1
    return counts


def expert_distribution(kb: Knowledge, diagnosis: str, feature: str) -> dict[str, float]:
    """P_e(state | diagnosis) = P(state) x LR_e, normalised (the tables are coherent within 0.02)."""
    figures = kb.likelihood_ratios[diagnosis].get(feature, {})
    weights = {state: rate * (figures[state].lr if state in figures else 1.0)
               for state, rate in kb.feature_states(feature).items()}
    total = sum(weights.values())
    return {state: weight / total for state, weight in weights.items()}


def _shrunk(n_s: dict[str, int], prior: dict[str, float], alpha: float) -> dict[str, float]:
    """Posterior mean under Dirichlet(alpha x prior), then capped at PROBABILITY_CEILING (the excess spread over
    the other states in proportion)."""
    n = sum(n_s.values())
    p = {state: (n_s.get(state, 0) + alpha * q) / (n + alpha) for state, q in prior.items()}
    top = max(p, key=p.__getitem__)
    if p[top] > PROBABILITY_CEILING:
        rest = 1 - p[top]
        p = {state: PROBABILITY_CEILING if state == top else
             (value / rest * (1 - PROBABILITY_CEILING) if rest > 0 else (1 - PROBABILITY_CEILING) / (len(p) - 1))
             for state, value in p.items()}
    return p


Learned = dict[str, dict[str, dict]]  # diagnosis -> feature -> {alpha, cases, states: state -> {lr, n, expert_lr, expert_source}}
NO_TABLE = "expert estimate: no table (LR 1, the referred prevalence)"


def fit(kb: Knowledge, cases: list[Case], alphas: dict[str, float]) -> Learned:
    """The learned tables: for every (diagnosis, feature) with at least one case stating the feature and a finite
    alpha for its kind."""
    learned: Learned = {}
    for diagnosis, features in sorted(count(cases, kb).items()):
        for feature, n_s in sorted(features.items()):
            alpha = alphas.get(feature_kind(feature, kb), math.inf)
            if math.isinf(alpha):
                continue
            prevalence = kb.feature_states(feature)
            prior = expert_distribution(kb, diagnosis, feature)
            posterior = _shrunk(n_s, prior, alpha)
            n = sum(n_s.values())
            figures = kb.likelihood_ratios[diagnosis].get(feature, {})
            learned.setdefault(diagnosis, {})[feature] = {
                "alpha": alpha, "cases": n,
                "states": {state: {"lr": float(f"{posterior[state] / rate:.4g}"), "n": n_s.get(state, 0),
                                   "expert_lr": float(f"{prior[state] / rate:.4g}"),
                                   "expert_source": figures[state].source if state in figures else NO_TABLE}
                           for state, rate in prevalence.items()}}
    return learned


def overlay(table: dict[str, dict[str, dict[str, Figure]]], learned: Learned) -> dict[str, dict[str, dict[str, Figure]]]:
    """The expert tables with the learned ones in their place; each learned figure names the expert figure it
    started from."""
    result = {code: dict(features) for code, features in table.items()}
    for code, features in learned.items():
        for feature, fitted in features.items():
            result[code][feature] = {
                state: Figure(lr=figure["lr"], estimate=True,
                              source=f"{figure['expert_source']} (LR {figure['expert_lr']:g}); updated with "
                                     f"{fitted['cases']} development cases stating it, {figure['n']} in this state "
                                     f"(prior strength {fitted['alpha']:g} cases; scripts/learn_likelihoods.py)")
                for state, figure in fitted["states"].items()}
    return result


def apply(kb: Knowledge, learned: Learned) -> Knowledge:
    """The knowledge with the learned tables over the expert ones (after the background rates of the specific
    findings, which they start from); the unrecorded-hallmark LRs, which read the tables, recomputed."""
    table = overlay(kb.likelihood_ratios, learned)
    unrecorded = {h.name: unrecorded_lrs(h, table, kb.catalog, kb.codesystems) for h in kb.catalog.hallmarks}
    return replace(kb, likelihood_ratios=table, unrecorded=unrecorded)


def evaluate(kb: Knowledge, cases: list[Case]) -> list[CaseResult]:
    """What evaluation.run_case reads from the result Bundle, taken from the assessment directly."""
    results = []
    for case in cases:
        assessment = assess(case.features, kb)
        ranked = [p.code for p in assessment.predictions]
        probabilities = {p.code: reported_probability(p.probability) for p in assessment.predictions}
        results.append(CaseResult(case.case_id, case.expected, ranked, probabilities[ranked[0]], assessment.typing,
                                  probabilities, case.accepted, case.expected_typing, case.citation))
    return results


def figures(results: list[CaseResult]) -> dict[str, float]:
    return {"n": len(results), "top1": accuracy(results, 1), "top3": accuracy(results, 3),
            "typing": typing_accuracy(results), "harmful": len(harmful_first_answers(results)),
            "brier": brier_score(results)}


Fold = tuple[str, dict, list[CaseResult]]


def cross_validate(kb: Knowledge, cases: list[Case], alphas: dict[str, float],
                   held_out_sets: tuple[str, ...] = PUBLISHED_SETS) -> list[Fold]:
    """Leave one published set out: fit on the other cases (the other sets and the vignettes), evaluate on it."""
    folds = []
    for held_out in held_out_sets:
        train = [c for c in cases if c.set_name != held_out]
        test = [c for c in cases if c.set_name == held_out]
        model = apply(kb, fit(kb, train, alphas)) if any(math.isfinite(a) for a in alphas.values()) else kb
        results = evaluate(model, test)
        folds.append((held_out, figures(results), results))
    return folds


def pooled(folds: list[Fold]) -> dict[str, float]:
    return figures([r for _, _, results in folds for r in results])


# The grid of prior strengths (pseudo-cases) per kind; inf: the expert table, not learned.
GRID = {"demographic": (300.0, math.inf), "lesion": (100.0, 300.0, math.inf), "lab": (3.0, 10.0, 30.0, math.inf),
        "finding": (10.0, 30.0, 100.0, math.inf)}


def grid() -> list[dict[str, float]]:
    return [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]


def better(candidate: dict, incumbent: dict) -> bool:
    """The order in which alphas are chosen: more cases right at top-1 plus in the top three, then the lower Brier
    score."""
    def key(f: dict) -> tuple[int, float]:
        return round(f["n"] * f["top1"]) + round(f["n"] * f["top3"]), -f["brier"]

    return key(candidate) > key(incumbent)


def choose(kb: Knowledge, cases: list[Case], held_out_sets: tuple[str, ...]) -> tuple[dict[str, float], dict]:
    """The alphas of the grid with the best pooled figures, leaving each of held_out_sets out in turn, among those
    with no more harmful first answers and no worse Brier score than the expert tables on the same folds (the rule
    by which the learned tables are kept, Classifier 38); the expert tables (every alpha inf) when none is."""
    expert = pooled(cross_validate(kb, cases, {}, held_out_sets))
    best_alphas: dict[str, float] = {}
    best = expert
    for alphas in grid():
        result = pooled(cross_validate(kb, cases, alphas, held_out_sets))
        if result["harmful"] <= expert["harmful"] and result["brier"] <= expert["brier"] and better(result, best):
            best_alphas, best = alphas, result
    return best_alphas, best


def nested(kb: Knowledge, cases: list[Case]) -> list[tuple[str, dict[str, float], dict, list[CaseResult]]]:
    """The honest estimate of the whole procedure: for each published set, alpha chosen by leave-one-set-out on
    the three others (the set itself unseen), then fitted on all but it and measured on it."""
    out = []
    for held_out in PUBLISHED_SETS:
        inner = [c for c in cases if c.set_name != held_out]
        alphas, _ = choose(kb, inner, tuple(s for s in PUBLISHED_SETS if s != held_out))
        train = inner
        model = apply(kb, fit(kb, train, alphas)) if alphas else kb
        results = evaluate(model, [c for c in cases if c.set_name == held_out])
        out.append((held_out, alphas, figures(results), results))
    return out


def _row(name: str, f: dict) -> str:
    return (f"| {name} | {f['n']} | {f['top1']:.1%} | {f['top3']:.1%} | {f['typing']:.1%} | {f['harmful']} | "
            f"{f['brier']:.4f} |")


# The prior strengths chosen on the grid by leave-one-set-out over all four published sets (--choose; the
# figures of Classifier 38); inf leaves a kind to the expert tables.
CHOSEN: dict[str, float] = {"demographic": 300.0, "lesion": math.inf, "lab": 10.0, "finding": 100.0}
HEADER = "| held out | cases | top-1 | top-3 | typing | harmful | Brier |\n|---|---|---|---|---|---|---|"


def _table(title: str, folds: list[Fold]) -> str:
    return "\n".join([f"\n{title}", HEADER, *(_row(name, f) for name, f, _ in folds), _row("pooled", pooled(folds))])


def _alphas(alphas: dict[str, float]) -> str:
    return ", ".join(f"{kind} {'expert' if math.isinf(a) else f'{a:g}'}" for kind, a in alphas.items()) or "expert"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--choose", action="store_true", help="choose alpha on the grid (about 100 cross-validations)")
    parser.add_argument("--nested", action="store_true", help="choose alpha inside each fold (about 400)")
    args = parser.parse_args(argv)
    kb = load_knowledge()
    cases = load_cases(kb)
    print(_table("expert figures", cross_validate(kb, cases, {})))
    for alpha in (3.0, 10.0, 30.0, 100.0):
        print(_table(f"learned, one alpha {alpha:g} for every kind", cross_validate(kb, cases, dict.fromkeys(KINDS, alpha))))
    print(_table(f"learned, {_alphas(CHOSEN)}", cross_validate(kb, cases, CHOSEN)))
    if args.choose:
        alphas, result = choose(kb, cases, PUBLISHED_SETS)
        print(f"\nchosen on the four folds: {_alphas(alphas)}\n{HEADER}\n{_row('pooled', result)}")
    if args.nested:
        out = nested(kb, cases)
        print(f"\nnested: alpha chosen on the three other sets, then measured on the held-out one\n{HEADER}")
        for held_out, alphas, f, _ in out:
            print(_row(f"{held_out} ({_alphas(alphas)})", f))
        print(_row("pooled", figures([r for *_, results in out for r in results])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

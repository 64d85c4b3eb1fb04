"""Transparent naive-Bayes differential: prior x likelihood ratios of the observed findings.

Every number comes from the knowledge files. A finding the knowledge does not mention for a
diagnosis is neutral (LR 1) for it.
"""

import math
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from services.classifier.calibration import tempered
from services.classifier.features import PatientFeatures
from services.classifier.knowledge import UNRECORDED, Knowledge, knowledge
from services.classifier.lesions import ANY_OF, deep_at
from services.classifier.management import Advice, plan
from services.classifier.probability import format_probability
from services.classifier.rules import Facts
from services.classifier.safety import Alarm, cant_miss, emergencies
from services.classifier.schema import Diagnosis, Figure, TestProposal

LEADING_CANDIDATES = 5  # the next-best-test separates these
NEUTRAL = 1.0
MIN_PREDICTIONS = 5
SAFETY_RANK = 3  # with the malignancy alarm raised by probability, the most probable malignancy (and a second) stands this high
MIN_REPORTED_PROBABILITY = 0.001  # below this (after the first MIN_PREDICTIONS) a diagnosis is not reported


class Contribution(NamedTuple):  # a tuple: made for every finding of every reported diagnosis
    feature: str
    state: str
    description: str
    figure: Figure
    weight: float = 1.0  # below 1: damped as correlated with a stronger finding of its evidence group
    stated: str = ""  # the undamped words, written once where contributions are memoised (_contribution)

    @property
    def lr(self) -> float:
        return self.figure.lr

    @property
    def words(self) -> str:
        if self.weight < 1.0:
            return (f"{self.description} (LR {self.lr:g}, counted as {self.lr ** self.weight:.3g}: "
                    "correlated with a stronger finding)")
        return self.stated or f"{self.description} (LR {self.lr:g})"


@dataclass(frozen=True)
class Prediction:
    code: str
    display: str
    probability: float
    prior: float
    supporting: list[Contribution]
    opposing: list[Contribution]
    explanation: str | None = None  # replaces the list of findings (the open-world outcome)
    listed_for_safety: bool = False  # moved among the first SAFETY_RANK by the malignancy alarm

    @property
    def rationale(self) -> str:
        if self.explanation is not None:
            return self.explanation

        def words(items: list[Contribution]) -> str:
            return "; ".join([c.words for c in items])

        parts = [f"Prior {format_probability(self.prior, decimals=1)}."]
        if self.listed_for_safety:
            parts.insert(0, f"Listed among the first {SAFETY_RANK} for safety, not by probability: the malignancies "
                            "together reach the alarm's probability and this is one of the most probable malignancies.")
        parts.append(f"Supported by: {words(self.supporting)}." if self.supporting else "No finding supports it.")
        parts.append(f"Opposed by: {words(self.opposing)}." if self.opposing else "No finding opposes it.")
        return " ".join(parts)


@dataclass(frozen=True)
class TestSuggestion:
    feature: str
    proposal: TestProposal
    expected_information_gain: float  # bits, over the leading candidates


@dataclass(frozen=True)
class NoneFits:
    """The open-world outcome reached its reporting probability (none_fits.yaml report_at) or leads."""

    probability: float
    best: str  # the best modelled diagnosis
    best_probability: float
    unexplained: list[str]  # findings the best modelled diagnosis explains less well than the diffuse alternative


@dataclass(frozen=True)
class Assessment:
    predictions: list[Prediction]  # the reported ones, ranked
    typing: str
    mechanism: str
    next_tests: list[TestSuggestion]  # by expected information gain
    management: list[Advice]  # computed for the patient (management.yaml), stops and safety first
    suggested_tests: list[Advice] = field(default_factory=list)  # from the rules, what is already known considered
    alarm: Alarm | None = None  # the malignancy alarm of the can't-miss layer (cant_miss.yaml)
    alarms: list[Alarm] = field(default_factory=list)  # every alarm (malignancy and emergencies), critical first
    none_fits: NoneFits | None = None  # set when 'none of these fits well' is to be said (none_fits.yaml)


def describe(feature: str, state: str, kb: Knowledge) -> str:
    """A finding in words: 'serum phosphate: high', 'dialysis: explicitly absent'."""
    if state == UNRECORDED:
        return f"not recorded: {kb.hallmarks[feature].display}"
    spec = kb.catalog.features[feature]
    if spec.boolean:
        return f"{spec.display}: {'present' if state == 'true' else 'explicitly absent'}"
    if feature in ("age-band", "size"):
        return kb.band_displays.get(state, state)
    if feature == "site":
        sites = kb.concept_displays["calcinosis-site"]
        if ANY_OF in state:  # several masses, none with a size: the largest is one of them
            named = " or ".join(sites.get(part, part) for part in state.split(ANY_OF))
            return f"{spec.display}: {named} (no size given)"
        return f"{spec.display}: {sites.get(state, state)}"
    if spec.state_displays:
        return f"{spec.display}: {spec.state_displays.get(state, state)}"
    if feature in ("pattern", "histology"):  # states that are calcinosis-finding codes
        return f"{spec.display}: {kb.concept_displays['calcinosis-finding'].get(state, state)}"
    return f"{spec.display}: {state}"


def _log_scores(evidence: dict[str, str], kb: Knowledge) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Per diagnosis, the sum of the log LRs of the evidence; correlated features (features.yaml
    evidence_groups) are weighted 1, damping, damping^2, ... from the strongest down. Also returns
    the weights below 1: (diagnosis, feature) -> weight, for the rationale."""
    # Vectors over the outcomes (the order of kb.priors): the findings outside evidence groups first,
    # in the order of the evidence, then each group's additions (_group_additions), the groups in the
    # order they first appear. Each diagnosis gets the same additions in the same order as one by
    # one (a 0 for another diagnosis adds nothing), so the sums are the same to the bit.
    vector = np.zeros(len(kb.priors))
    groups = kb.evidence_group_of
    grouped: dict[tuple[str, float], list[tuple[str, str]]] = {}
    for finding in evidence.items():
        group = groups.get(finding[0])
        if group is not None:
            grouped.setdefault(group, []).append(finding)
            continue
        row = kb.log_lr_row(*finding)
        if row is not None:
            vector += row
            continue
        for code, log_lr in kb.log_lrs_of(*finding):  # a diagnosis named twice: one addition each
            vector[kb.outcome_index[code]] += log_lr
    weights: dict[tuple[str, str], float] = {}
    for group, findings in grouped.items():
        additions, damped = kb.remembered(_group_additions, group, tuple(sorted(findings)))
        for row in additions:
            vector += row
        weights.update(damped)
    return dict(zip(kb.priors, vector.tolist(), strict=True)), weights


def _group_additions(kb: Knowledge, group: tuple[str, float],
                     findings: tuple[tuple[str, str], ...]) -> tuple[list[np.ndarray], dict[tuple[str, str], float]]:
    """What the findings of one evidence group add: the k-th addition to every diagnosis as the k-th
    vector (0 for a diagnosis with fewer), and the weights below 1. A function of the knowledge and
    of the group's findings alone (the strongest first whatever their order), so computed once per
    combination of states and kept with the knowledge (Knowledge.remembered)."""
    damping = group[1]
    bucket: dict[str, list[tuple[float, float, str]]] = {}
    for finding in findings:
        for code, ranked in kb.ranked_log_lrs(*finding):
            bucket.setdefault(code, []).append(ranked)
    additions: dict[str, list[float]] = {}
    weights: dict[tuple[str, str], float] = {}
    for code, logs in bucket.items():
        if len(logs) == 1:
            additions[code] = [logs[0][1]]
            continue
        logs.sort(reverse=True)  # strongest first
        # Damping removes support that restates a stronger finding, never a contradiction of it:
        # when the strongest finding supports the diagnosis, the findings against it (a low PTH
        # beside end-stage renal failure for uremic TC) are not what that finding predicts, so
        # they form their own chain. When the strongest finding opposes, the others stay in one
        # chain: a high phosphate beside dialysis is what dialysis predicts (explained away).
        chains = [logs]
        if logs[0][1] > 0:
            chains = [[entry for entry in logs if entry[1] > 0], [entry for entry in logs if entry[1] < 0]]
        for chain in chains:
            weight = 1.0
            for _, log_lr, feature in chain:
                additions.setdefault(code, []).append(weight * log_lr)
                if weight < 1.0:
                    weights[(code, feature)] = weight
                weight *= damping
    rows = [np.zeros(len(kb.priors)) for _ in range(max(map(len, additions.values()), default=0))]
    for code, values in additions.items():
        for row, value in zip(rows, values, strict=False):
            row[kb.outcome_index[code]] = value
    for row in rows:
        row.flags.writeable = False
    return rows, weights


def posterior(evidence: dict[str, str], kb: Knowledge) -> dict[str, float]:
    """P(diagnosis | evidence), computed in log space and normalised over all diagnoses."""
    return _normalise(_log_scores(evidence, kb)[0], kb)


def _normalise(sums: dict[str, float], kb: Knowledge, temperature: float = 1.0) -> dict[str, float]:
    # the log LRs were summed per diagnosis first, then the log prior is added: the same order of
    # additions as prior + sum(...), so the figures (and rankings) do not move by a rounding
    logs = {code: log_prior + sums[code] for code, log_prior in kb.log_priors.items()}
    return tempered(logs, temperature)


def _entropy(probabilities: list[float]) -> float:
    return -sum([p * math.log2(p) for p in probabilities if p > 0])  # a list: quicker than a generator here


def _state_likelihood_rows(feature: str, unrecorded: bool, kb: Knowledge) -> dict[str, tuple[float, ...]]:
    """Every outcome's state likelihoods of one feature (Knowledge.state_likelihood_row), gathered once
    per knowledge: the search reads them for five leaders and some twenty features per request."""
    return kb.remembered(_outcomes_state_likelihood_rows, feature, unrecorded)


def _outcomes_state_likelihood_rows(kb: Knowledge, feature: str, unrecorded: bool) -> dict[str, tuple[float, ...]]:
    return {code: kb.state_likelihood_row(code, feature, unrecorded) for code in kb.priors}


def next_best_tests(evidence: dict[str, str], probabilities: dict[str, float], kb: Knowledge,
                    count: int = 3) -> list[TestSuggestion]:
    """Unknown findings ranked by expected information gain over the leading candidates."""
    leaders = sorted(probabilities, key=probabilities.__getitem__, reverse=True)[:LEADING_CANDIDATES]
    total = sum(probabilities[code] for code in leaders)
    current = {code: probabilities[code] / total for code in leaders}
    weights = list(current.values())
    prior_entropy = _entropy(weights)
    suggestions = []
    for feature, spec in kb.testable_features:
        if feature in evidence:
            continue
        # a feature of an unrecorded hallmark: its outcome is predicted given that it went unrecorded
        # (any of its hallmarks: a feature read by a hallmark that fires only when it was asked, Classifier 136)
        unrecorded = any(evidence.get(h.name) == UNRECORDED for h in kb.hallmarks_of.get(feature, ()))
        # per state (the columns: state_likelihoods are in the order of feature_states), the leaders'
        # joint probabilities, in the leaders' order
        expected_entropy = 0.0
        rows = _state_likelihood_rows(feature, unrecorded, kb)
        for column in zip(*[rows[code] for code in leaders], strict=True):
            joint = [weight * likelihood for weight, likelihood in zip(weights, column, strict=True)]
            p_state = sum(joint)
            if p_state > 0:
                expected_entropy += p_state * _entropy([v / p_state for v in joint])
        gain = prior_entropy - expected_entropy
        if gain > 0.01:
            assert spec.test is not None  # testable_features have one
            suggestions.append(TestSuggestion(feature, spec.test, gain))
    suggestions.sort(key=lambda s: s.expected_information_gain, reverse=True)
    # the test of what defines the leading diagnosis comes first while it is unknown: uremic TC
    # without a renal status is not yet uremic TC (diagnoses.yaml defining)
    leading = kb.diagnoses.get(leaders[0])
    if leading is not None:
        first = [s for feature in leading.defining for s in suggestions if s.feature == feature]
        first += [TestSuggestion(feature, spec.test, 0.0) for feature in leading.defining
                  if feature not in evidence and not any(s.feature == feature for s in first)
                  for spec in (kb.catalog.features[feature],) if spec.test is not None]
        suggestions = [*first, *[s for s in suggestions if s not in first]]
    return suggestions[:count]


def _listed_for_safety(predictions: list[Prediction], probabilities: dict[str, float], evidence: dict[str, str],
                       kb: Knowledge, weights: dict[tuple[str, str], float],
                       uncalibrated: dict[str, float] | None = None) -> list[Prediction]:
    """The predictions with the most probable malignancy of cant_miss.yaml among the first
    SAFETY_RANK, and the second most probable too once it reaches `list_second_at`: when the
    can't-miss layer raises its alarm, a malignancy far down a list ordered by probability is read
    as excluded, which the alarm says it is not (which sarcoma it is, histology decides). Their
    probabilities are not changed; the first SAFETY_RANK stay in order of probability, and the
    rationale of a moved malignancy says why it stands there."""
    malignancies = sorted((code for code in kb.cant_miss.diagnoses if code in kb.diagnoses),
                          key=lambda code: -probabilities[code])
    if not malignancies:
        return predictions
    own = uncalibrated or probabilities  # either posterior reaching list_second_at lists it (Classifier 41)
    protected = [malignancies[0], *[code for code in malignancies[1:2]
                                    if max(probabilities[code], own[code]) >= kb.cant_miss.list_second_at]]
    codes = [p.code for p in predictions]
    first = codes[:SAFETY_RANK]
    if all(code in first for code in protected):
        return predictions

    def placed(code: str) -> Prediction:
        if code in first:
            return predictions[codes.index(code)]
        found = predictions[codes.index(code)] if code in codes else _prediction(code, probabilities[code], evidence, kb, weights)
        return replace(found, listed_for_safety=True)

    moved = [placed(code) for code in protected]
    rest = [p for p in predictions if p.code not in protected]
    head = sorted([*rest[:SAFETY_RANK - len(moved)], *moved], key=lambda p: -p.probability)
    return [*head, *rest[SAFETY_RANK - len(moved):]]


def _contributions(code: str, kb: Knowledge) -> dict[tuple[str, str], Contribution | None]:
    """(feature, state) -> the finding's undamped contribution to one diagnosis, None when neutral:
    filled as findings are met, kept with the knowledge for every later request."""
    return kb.remembered(_new_contributions, code)


def _new_contributions(kb: Knowledge, code: str) -> dict[tuple[str, str], Contribution | None]:
    return {}


def _contribution(code: str, feature: str, state: str, kb: Knowledge) -> Contribution | None:
    figure = kb.figure_for(code, feature, state)
    if figure is None or figure.lr == NEUTRAL:
        return None
    description = kb.described(feature, state, describe)
    return Contribution(feature, state, description, figure, stated=f"{description} (LR {figure.lr:g})")


def _by_lr(contribution: Contribution) -> float:
    return contribution.figure.lr


def _prediction(code: str, probability: float, evidence: dict[str, str], kb: Knowledge,
                weights: dict[tuple[str, str], float]) -> Prediction:
    supporting: list[Contribution] = []
    opposing: list[Contribution] = []
    known = _contributions(code, kb)
    grouped = kb.evidence_group_of  # only their findings are damped
    for finding in evidence.items():
        if finding in known:
            contribution = known[finding]
        else:
            contribution = known[finding] = _contribution(code, *finding, kb)
        if contribution is None:
            continue
        if finding[0] in grouped and (code, finding[0]) in weights:
            contribution = contribution._replace(weight=weights[(code, finding[0])])
        (supporting if contribution.figure.lr > NEUTRAL else opposing).append(contribution)
    supporting.sort(key=_by_lr, reverse=True)
    opposing.sort(key=_by_lr)
    return Prediction(code, kb.outcome_display(code), probability, kb.priors[code], supporting, opposing)


MAX_UNEXPLAINED = 5


def unexplained_findings(evidence: dict[str, str], best: str, kb: Knowledge) -> list[str]:
    """Findings the best modelled diagnosis explains less well than the diffuse alternative of the
    open-world outcome (its LR is below none-fits' LR and at most 1), the worst explained first."""
    open_world = kb.none_fits.code
    scored = []
    for feature, state in evidence.items():
        diffuse = kb.figure_for(open_world, feature, state)
        figure = kb.figure_for(best, feature, state)
        lr = figure.lr if figure is not None else NEUTRAL
        if diffuse is not None and lr <= NEUTRAL and diffuse.lr > lr:
            scored.append((diffuse.lr / lr, kb.described(feature, state, describe)))
    scored.sort(reverse=True)
    return [text for _, text in scored[:MAX_UNEXPLAINED]]


def _none_fits(ranked: list[str], probabilities: dict[str, float], uncalibrated: dict[str, float],
               evidence: dict[str, str], kb: Knowledge) -> tuple[NoneFits | None, str | None]:
    """(what to report, the rationale of the none-fits prediction)."""
    code = kb.none_fits.code
    best = next(c for c in ranked if c != code)
    unexplained = unexplained_findings(evidence, best, kb)
    shown = "; ".join(unexplained) if unexplained else "no single finding; the findings together"
    explanation = (f"Prior {format_probability(kb.priors[code], decimals=1)}. A diagnosis the knowledge base does not hold, "
                   f"or two at once (diffuse likelihood, none_fits.yaml). Best modelled explanation: {kb.outcome_display(best)} "
                   f"({format_probability(probabilities[best])}); it leaves unexplained: {shown}.")
    # said when either the calibrated or the model's own posterior reaches report_at (Classifier 41)
    if max(probabilities[code], uncalibrated[code]) >= kb.none_fits.report_at or ranked[0] == code:
        return NoneFits(probabilities[code], best, probabilities[best], unexplained), explanation
    return None, explanation


def typing_of(leader: Diagnosis, features: PatientFeatures, kb: Knowledge) -> str:
    """The leading diagnosis's typing: a disease that can form a tumoral mass (a hypercalcaemia, a connective-tissue
    disease) is typed by it when the input describes one (Classifier 9), or a deposit at one of its own deep sites
    (Classifier 84)."""
    if leader.typing_if_tumoral_mass is None:
        return leader.typing
    deep = leader.tumoral_sites is not None and deep_at(features.lesions, leader.tumoral_sites.sites, kb.catalog)
    return leader.typing_if_tumoral_mass if (features.tumoral_mass or deep) else leader.typing


def assess(features: PatientFeatures, kb: Knowledge | None = None) -> Assessment:
    kb = kb or knowledge()
    sums, weights = _log_scores(features.evidence, kb)
    # the calibrated posterior (calibration.yaml) is what is reported and what the rules read; the order of
    # the diagnoses is the model's (a temperature keeps it)
    probabilities = _normalise(sums, kb, kb.calibration.temperature)
    # the model's own posterior: a warning threshold is reached when either reaches it (Classifier 41)
    uncalibrated = probabilities if kb.calibration.temperature == 1.0 else _normalise(sums, kb)
    ranked = sorted(probabilities, key=probabilities.__getitem__, reverse=True)
    # rationales only for the diagnoses that are reported: the rest are never shown
    reported = [code for index, code in enumerate(ranked)
                if index < MIN_PREDICTIONS or probabilities[code] >= MIN_REPORTED_PROBABILITY]
    none_fits, explanation = _none_fits(ranked, probabilities, uncalibrated, features.evidence, kb)
    predictions = [_prediction(code, probabilities[code], features.evidence, kb, weights) for code in reported]
    predictions = [replace(p, explanation=explanation) if p.code == kb.none_fits.code else p for p in predictions]
    # typing and mechanism are those of the best modelled diagnosis, even when none fits well
    leader = kb.diagnoses[next(code for code in ranked if code in kb.diagnoses)]
    typing = typing_of(leader, features, kb)
    facts = patient_facts(features, probabilities, ranked[0], kb, uncalibrated)  # 'none-fits' leads the rules when it ranks first
    alarm, exceptions = cant_miss(facts, kb)
    # red flags alone raise the alarm (the card, MRI and biopsy) but lift no sarcoma: the mass findings they
    # restate are already in the sarcomas' tables, which left them under `threshold` (Classifier 87)
    if alarm is not None and alarm.emergency is None and alarm.by_probability:
        predictions = _listed_for_safety(predictions, probabilities, features.evidence, kb, weights, uncalibrated)
    alarms = sorted([a for a in (alarm, *emergencies(facts, kb)) if a is not None], key=lambda a: a.level != "critical")
    facts.alarm = alarm is not None
    management, suggested = plan(facts, kb)
    management = [*exceptions, *management]
    next_tests = next_best_tests(features.evidence, probabilities, kb)
    asked = {s.proposal.code.code for s in next_tests if s.proposal.code}
    suggested = [a for a in suggested if not (a.code and a.code.code in asked)]  # one request per test
    return Assessment(predictions, typing, leader.mechanism, next_tests, management, suggested, alarm, alarms, none_fits)


def _value(features: PatientFeatures, feature: str, digits: str) -> str | None:
    """The result that decided a lab feature, in words: '7.1 mg/dL (high)', 'ionised calcium: 1.45 mmol/L (high)'."""
    lab = features.lab_features.get(feature)
    if lab is None:
        return None
    prefix = f"{lab.basis}: " if lab.basis else ""
    if lab.value is None:
        return f"{prefix}reported {lab.state}"
    number = f"{lab.value:.2f}" if lab.unit == "mmol/L" else f"{lab.value:{digits}}"  # ionised calcium, TmP/GFR
    return f"{prefix}{number} {lab.unit} ({lab.state})"


def patient_facts(features: PatientFeatures, probabilities: dict[str, float], leading: str, kb: Knowledge,
                  uncalibrated: dict[str, float] | None = None) -> Facts:
    """What the management rules and the can't-miss layer look at."""
    values = {name: text for name, text in (
        ("pth", _value(features, "pth", ".0f")), ("phosphate", _value(features, "phosphate", ".1f")),
        ("calcium", _value(features, "calcium", ".1f")),
        ("ca_x_p", f"{features.calcium_phosphate_product:.0f} mg2/dL2 ({features.evidence.get('ca-x-p')})"
                   if features.calcium_phosphate_product else None),
        ("egfr", f"{features.egfr:.0f} mL/min/1.73 m2" if features.egfr is not None else None),
        ("age", f"{features.age_years:.0f} y" if features.age_years is not None else None),
    ) if text is not None}
    sizes = [lesion.largest_diameter_mm for lesion in features.lesions if lesion.largest_diameter_mm is not None]
    return Facts(states={**features.findings, **features.evidence}, probabilities=probabilities, leading=leading,
                 age=features.age_years, largest_mm=max(sizes) if sizes else None, mass=bool(features.lesions),
                 values=values, consider_at=kb.management.consider_at, uncalibrated=uncalibrated)

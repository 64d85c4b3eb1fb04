"""What the knowledge-pass tests (test_knowledge_pass4.py ... pass7.py) ask of the knowledge: a
patient's features, the posterior ranking of some evidence, P(state | diagnosis) and its sum over
a feature's states (1 for a coherent table)."""

from datetime import date

from services.classifier.features import extract_features
from services.classifier.fhir_input import split_input
from services.classifier.inference import posterior
from services.classifier.knowledge import UNRECORDED, knowledge
from tests.classifier.builders import bundle

TODAY = date(2024, 6, 1)
KB = knowledge()


def features_of(*resources):
    return extract_features(split_input(bundle(*resources)), TODAY)


def with_hallmarks(evidence):
    """The evidence as the extractor completes it: a hallmark none of whose features is sent is 'unrecorded'."""
    completed = dict(evidence)
    recorded = set(evidence) | {part for feature in evidence for part in KB.superseded.get(feature, [])}
    for hallmark in KB.catalog.hallmarks:
        if hallmark.asked_with and not any(feature in recorded for feature in hallmark.asked_with):
            continue
        if not any(feature in recorded for feature in hallmark.features):
            completed[hallmark.name] = UNRECORDED
    return completed


def ranked(evidence):
    probabilities = posterior(evidence, KB)
    return sorted(probabilities, key=probabilities.__getitem__, reverse=True)


def p_state(code, feature, state):
    """P(state | diagnosis) = LR x P(state | referred patients)."""
    figure = KB.figure_for(code, feature, state)
    return (figure.lr if figure is not None else 1.0) * KB.feature_states(feature)[state]


def total(code, feature):
    """Sum over the states of P(state | diagnosis): 1 for a coherent table."""
    return sum(p_state(code, feature, state) for state in KB.feature_states(feature))

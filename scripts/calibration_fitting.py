"""The fitting half of the classifier's calibration (decisions.md Classifier 40-42), used by
scripts/fit_calibration.py and its tests only: the service applies a temperature
(services/classifier/calibration.py) and never reads the blind posteriors kept under tests/.

T minimises the multi-class log loss on the blind posteriors of the development sets
(tests/classifier/blind_posteriors.json: each case as the model computed it before anyone tuned the
knowledge on its set).
"""

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from services.classifier.calibration import TEMPERATURE_RANGE, tempered

ROOT = Path(__file__).resolve().parents[1]
BLIND_POSTERIORS = ROOT / "tests" / "classifier" / "blind_posteriors.json"
FIT_DIGITS = 3  # the temperature is written rounded to this many decimals
_GOLDEN = (math.sqrt(5) - 1) / 2


@dataclass(frozen=True)
class BlindCase:
    """One case of a development set as the model saw it blind: the log posterior of every outcome."""
    set: str
    case: str
    truth: tuple[str, ...]
    log_posterior: dict[str, float]


def load_blind(path: Path = BLIND_POSTERIORS) -> list[BlindCase]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [BlindCase(snapshot["set"], case["case"], tuple(case["truth"]), case["log_posterior"])
            for snapshot in data["snapshots"] for case in snapshot["cases"]]


def scorable(cases: Iterable[BlindCase]) -> list[BlindCase]:
    """The cases whose truth the model of their snapshot held (a diagnosis it did not hold has no probability to
    calibrate: it was a knowledge gap, fixed by adding the diagnosis, not by a temperature)."""
    return [c for c in cases if any(code in c.log_posterior for code in c.truth)]


def truth_probability(case: BlindCase, temperature: float) -> float:
    p = tempered(case.log_posterior, temperature)
    return sum(p.get(code, 0.0) for code in set(case.truth))


def log_loss(cases: list[BlindCase], temperature: float) -> float:
    """Mean multi-class log loss (natural log) of the truth."""
    return sum(-math.log(max(truth_probability(c, temperature), 1e-300)) for c in cases) / len(cases)


def fit_temperature(cases: list[BlindCase]) -> float:
    """The temperature minimising the log loss (golden-section search on log T: the loss is smooth and, in
    practice, unimodal there), rounded to FIT_DIGITS decimals."""
    low, high = (math.log(bound) for bound in TEMPERATURE_RANGE)
    c, d = high - _GOLDEN * (high - low), low + _GOLDEN * (high - low)
    fc, fd = log_loss(cases, math.exp(c)), log_loss(cases, math.exp(d))
    while high - low > 1e-5:
        if fc < fd:
            high, d, fd = d, c, fc
            c = high - _GOLDEN * (high - low)
            fc = log_loss(cases, math.exp(c))
        else:
            low, c, fc = c, d, fd
            d = low + _GOLDEN * (high - low)
            fd = log_loss(cases, math.exp(d))
    return round(math.exp((low + high) / 2), FIT_DIGITS)

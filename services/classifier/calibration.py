"""Post-hoc calibration of the differential (decisions.md Classifier 40-42).

One parameter, a temperature T on the log posterior: P'(d) is proportional to P(d)^(1/T). It keeps the
order of the diagnoses (a monotone map of each one's score), and T > 1 spreads an over-confident
posterior. T is fitted by scripts/fit_calibration.py, minimising the multi-class log loss on the blind
posteriors of the development sets (tests/classifier/blind_posteriors.json: each case as the model
computed it before anyone tuned the knowledge on its set), and written with its provenance to
knowledge/calibration.yaml, which the knowledge loader reads. A missing file is no calibration (T = 1).
"""

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
BLIND_POSTERIORS = ROOT / "tests" / "classifier" / "blind_posteriors.json"
CALIBRATION_FILE = "calibration.yaml"
FIT_DIGITS = 3  # the temperature is written rounded to this many decimals
TEMPERATURE_RANGE = (0.25, 4.0)  # what the loader accepts and the fit searches
_GOLDEN = (math.sqrt(5) - 1) / 2


@dataclass(frozen=True)
class Calibration:
    temperature: float = 1.0
    provenance: dict[str, Any] = field(default_factory=dict)  # what it was fitted on (calibration.yaml)

    def __post_init__(self) -> None:
        low, high = TEMPERATURE_RANGE
        if not low <= self.temperature <= high:
            raise ValueError(f"calibration temperature {self.temperature} outside [{low}, {high}]")


def load_calibration(directory: Path) -> Calibration:
    """knowledge/calibration.yaml: `temperature` and its `provenance`; no file, no calibration."""
    path = directory / CALIBRATION_FILE
    if not path.exists():
        return Calibration()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"temperature", "provenance"}:
        raise ValueError("needs exactly the keys 'temperature' and 'provenance'")
    temperature, provenance = data["temperature"], data["provenance"]
    if isinstance(temperature, bool) or not isinstance(temperature, int | float) or not isinstance(provenance, dict):
        raise ValueError("'temperature' must be a number and 'provenance' a mapping")
    return Calibration(float(temperature), provenance)


def knowledge_hash(directory: Path) -> str:
    """sha256 over the knowledge files (name and bytes, sorted by name), calibration.yaml left out."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.yaml")):
        if path.name == CALIBRATION_FILE:
            continue
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def tempered(logs: Mapping[str, float], temperature: float) -> dict[str, float]:
    """The normalised probabilities of unnormalised log scores divided by the temperature."""
    top = max(logs.values())
    if temperature == 1.0:  # the uncalibrated figures, to the last bit
        weights = {code: math.exp(value - top) for code, value in logs.items()}
    else:
        weights = {code: math.exp((value - top) / temperature) for code, value in logs.items()}
    total = sum(weights.values())
    return {code: weight / total for code, weight in weights.items()}


# ------------------------------------------------------------------ fitting (scripts/fit_calibration.py)


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

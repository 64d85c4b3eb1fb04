"""Post-hoc calibration of the differential (decisions.md Classifier 40-42).

One parameter, a temperature T on the log posterior: P'(d) is proportional to P(d)^(1/T). It keeps the
order of the diagnoses (a monotone map of each one's score), and T > 1 spreads an over-confident
posterior. T is fitted by scripts/fit_calibration.py (the fitting itself, on the blind posteriors kept with the
tests, is scripts/calibration_fitting.py: the service never reads them) and written with its provenance
to knowledge/calibration.yaml, which the knowledge loader reads. A missing file is no calibration (T = 1).
"""

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CALIBRATION_FILE = "calibration.yaml"
TEMPERATURE_RANGE = (0.25, 4.0)  # what the loader accepts and the fit searches


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

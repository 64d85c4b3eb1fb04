"""The small condition language of management.yaml and cant_miss.yaml: checked when the knowledge
is loaded (names and states), evaluated per patient on Facts."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "unknown"
SPECIAL_KEYS = {"leading", "considered", "age_below", "age_at_least", "age_unknown", "mass", "alarm",
                "largest_mm_above", "any", "all", "not"}


@dataclass
class Facts:
    """What the rules may look at for one patient."""

    states: Mapping[str, str]  # evidence and input findings: feature -> state
    probabilities: Mapping[str, float]
    leading: str
    age: float | None
    largest_mm: float | None
    mass: bool
    values: dict[str, str] = field(default_factory=dict)  # for the text templates: pth, phosphate, ...
    consider_at: float = 0.1
    alarm: bool = False
    uncalibrated: Mapping[str, float] | None = None  # the model's own posterior, before calibration.yaml

    def state(self, feature: str) -> str:
        return self.states.get(feature, UNKNOWN)

    def reaches(self, codes: Collection[str], threshold: float) -> bool:
        """The probability of `codes` together reaches `threshold` in the calibrated posterior or in the model's own:
        the calibration never silences a warning that the model raises (decisions.md Classifier 41)."""
        return any(sum(p.get(code, 0.0) for code in codes) >= threshold
                   for p in (self.probabilities, self.uncalibrated or {}))


def holds(condition: Mapping[str, Any], facts: Facts) -> bool:
    """True when every key of the condition holds."""
    for key, expected in condition.items():
        if key == "leading":
            ok = facts.leading in expected
        elif key == "considered":
            ok = any(facts.probabilities.get(code, 0.0) >= facts.consider_at for code in expected)
        elif key == "age_below":
            ok = facts.age is not None and facts.age < expected
        elif key == "age_at_least":
            ok = facts.age is not None and facts.age >= expected
        elif key == "age_unknown":
            ok = (facts.age is None) == bool(expected)
        elif key == "mass":
            ok = facts.mass == bool(expected)
        elif key == "alarm":
            ok = facts.alarm == bool(expected)
        elif key == "largest_mm_above":
            ok = facts.largest_mm is not None and facts.largest_mm > expected
        elif key == "any":
            ok = any(holds(part, facts) for part in expected)
        elif key == "all":
            ok = all(holds(part, facts) for part in expected)
        elif key == "not":
            ok = not holds(expected, facts)
        else:
            ok = facts.state(key) in expected
        if not ok:
            return False
    return True


def check_condition(condition: Any, where: str, feature_states: Mapping[str, Collection[str]],
                    diagnoses: Collection[str]) -> list[str]:
    """Problems of a condition (unknown keys, features, states or diagnoses), as messages naming where."""
    if not isinstance(condition, Mapping):
        return [f"{where}: a condition is a mapping"]
    problems = []
    for key, expected in condition.items():
        here = f"{where}/{key}"
        if key in ("leading", "considered"):
            if not isinstance(expected, list) or not expected:
                problems.append(f"{here}: a list of diagnosis codes")
            else:
                problems += [f"{here}: unknown diagnosis {code!r}" for code in expected if code not in diagnoses]
        elif key in ("age_below", "age_at_least", "largest_mm_above"):
            if not isinstance(expected, (int, float)) or isinstance(expected, bool):
                problems.append(f"{here}: a number")
        elif key in ("age_unknown", "mass", "alarm"):
            if not isinstance(expected, bool):
                problems.append(f"{here}: true or false")
        elif key in ("any", "all"):
            if not isinstance(expected, list) or not expected:
                problems.append(f"{here}: a list of conditions")
            else:
                for index, part in enumerate(expected):
                    problems += check_condition(part, f"{here}/{index}", feature_states, diagnoses)
        elif key == "not":
            problems += check_condition(expected, here, feature_states, diagnoses)
        elif key in feature_states:
            valid = set(feature_states[key]) | {UNKNOWN}
            if not isinstance(expected, list) or not expected:
                problems.append(f"{here}: a list of states")
            else:
                problems += [f"{here}: unknown state {state!r} (expected one of {sorted(valid)})"
                             for state in expected if state not in valid]
        else:
            problems.append(f"{here}: unknown key or feature {key!r}")
    return problems

"""Lab Observations -> canonical value and low/normal/high state.

Precedence (vocabulary.md): the Observation's own interpretation, then its own referenceRange,
then the built-in age- and sex-specific interval of labs.yaml.
"""

from dataclasses import dataclass
from datetime import date

from services.classifier.fhir_input import INTERPRETATION_SYSTEMS, LOINC, codings
from services.classifier.schema import Analyte, Interval, LabCatalog
from services.classifier.units import UnitError, convert

# v3-ObservationInterpretation codes -> state
INTERPRETATION_STATES = {"H": "high", "HH": "high", "HU": "high", "L": "low", "LL": "low", "LU": "low", "N": "normal"}


@dataclass(frozen=True, slots=True)  # slots: made for every lab value, a third quicker to build
class LabResult:
    analyte: str
    state: str  # low | normal | high
    value: float | None  # canonical unit, None for interpretation-only reports
    unit: str
    decided_by: str  # interpretation | reference-range | built-in interval
    reference: str  # the resource it came from
    when: date | None = None  # effective date: pairs results of one work-up (albumin, TRP)
    own_range: tuple[float | None, float | None] | None = None  # the lab's referenceRange, canonical units
    derived_from: tuple[str, ...] = ()  # further resources a calculated value used
    basis: str = ""  # when a feature is decided by another analyte or a calculation: which, in words

    @property
    def references(self) -> list[str]:
        return [self.reference, *self.derived_from]


def analyte_for(observation: dict, index: dict[tuple[str, str], tuple[int, str]], finding_code: str | None) -> str | None:
    """The analyte an Observation reports, by its LOINC codings or its local finding code.

    `index` is Knowledge.analyte_index; when codes of two analytes match, the one listed first in
    labs.yaml wins."""
    best = index.get(("local-finding", finding_code)) if isinstance(finding_code, str) else None
    for coding in codings(observation.get("code")):
        code = coding.get("code")
        if coding.get("system") == LOINC and isinstance(code, str):
            match = index.get((LOINC, code))
            if match is not None and (best is None or match < best):
                best = match
    return best[1] if best is not None else None


def interval_for(labs: LabCatalog, analyte: str, age: float | None, sex: str | None) -> Interval | None:
    """First row matching age and sex; with unknown age, the adult row (the commonest case)."""
    effective_age = 30.0 if age is None else age
    for interval in labs.reference_intervals[analyte]:
        if interval.age_from <= effective_age < interval.age_to and interval.sex in ("any", sex):
            return interval
    return None


def state_from_interval(value: float, low: float | None, high: float | None) -> str:
    if low is not None and value < low:
        return "low"
    if high is not None and value > high:
        return "high"
    return "normal"


def interpretation_state(observation: dict) -> str | None:
    for concept in observation.get("interpretation") or []:
        for coding in codings(concept):
            system = coding.get("system")
            if (system is None or system in INTERPRETATION_SYSTEMS) and coding.get("code") in INTERPRETATION_STATES:
                return INTERPRETATION_STATES[coding["code"]]
    return None


def reference_range_bounds(observation: dict, analyte: Analyte, labs: LabCatalog,
                           value_unit: str) -> tuple[float | None, float | None] | None:
    """The lab's own range converted to canonical units; None when absent or unusable."""
    for reference_range in observation.get("referenceRange") or []:
        bounds: list[float | None] = []
        for key in ("low", "high"):
            quantity = reference_range.get(key)
            if not isinstance(quantity, dict) or not isinstance(quantity.get("value"), (int, float)):
                bounds.append(None)
                continue
            unit = quantity.get("code") or quantity.get("unit") or value_unit
            try:
                bounds.append(convert(float(quantity["value"]), unit, analyte, labs))
            except UnitError:
                bounds.append(None)
        if bounds != [None, None]:
            return bounds[0], bounds[1]
    return None

"""Data-driven UCUM unit conversion to each analyte's canonical unit (labs.yaml)."""

from typing import NamedTuple

from services.classifier.schema import Analyte, LabCatalog


class UnitError(ValueError):
    """The unit is unknown, or cannot be converted for this analyte."""


class UnitReading(NamedTuple):  # a tuple: read for every lab value, built in a fraction of a dataclass's time
    code: str  # the UCUM code of labs.yaml the unit was read as
    lenient: bool  # matched only when case is ignored: not UCUM as sent, the caller warns


def read_unit(unit: str, labs: LabCatalog) -> UnitReading:
    """The UCUM code a sent unit stands for: itself, a listed alias (silently), or, ignoring case,
    one of those (UCUM is case-sensitive: 'mg/dl' is read as mg/dL, with a warning by the caller).
    The loader checks that no two spellings collide when case is ignored."""
    cleaned = unit.strip()
    if cleaned in labs.units:
        return UnitReading(cleaned, False)
    if cleaned in labs.unit_aliases:
        return UnitReading(labs.unit_aliases[cleaned], False)
    folded = cleaned.casefold()  # the rare path: a scan of some fifty spellings
    for spelling, code in _spellings(labs):
        if spelling.casefold() == folded:
            return UnitReading(code, True)
    raise UnitError(f"unit {unit!r} is not a known unit")


def _spellings(labs: LabCatalog) -> list[tuple[str, str]]:
    """(spelling, UCUM code) for every unit and alias of labs.yaml."""
    return [*((code, code) for code in labs.units), *labs.unit_aliases.items()]


def _between_kinds(base_value: float, source: str, target: str, analyte: Analyte, labs: LabCatalog) -> float | None:
    """A value in the source kind's base unit -> the target kind's base unit; None when no rule applies.
    One step (mass <-> molar, equivalents <-> molar), else two through a kind both reach: a total calcium
    in meq/L reaches mg/dL through mmol/L (equivalents -> molar -> mass; decisions.md Classifier 123)."""
    direct = _one_step(base_value, source, target, analyte, labs)
    if direct is not None:
        return direct
    for middle in sorted({kind for pair in (*labs.molar_pairs, *labs.charge_pairs) for kind in pair} - {source, target}):
        halfway = _one_step(base_value, source, middle, analyte, labs)
        if halfway is not None:
            converted = _one_step(halfway, middle, target, analyte, labs)
            if converted is not None:
                return converted
    return None


def _one_step(base_value: float, source: str, target: str, analyte: Analyte, labs: LabCatalog) -> float | None:
    """mass <-> molar through the molar mass; equivalents <-> molar through the ion's charge (valence)."""
    for low, high in labs.molar_pairs:  # (mass, molar): mass / molar mass = moles
        if analyte.molar_mass is not None and (source, target) == (low, high):
            return base_value / analyte.molar_mass
        if analyte.molar_mass is not None and (source, target) == (high, low):
            return base_value * analyte.molar_mass
    for low, high in labs.charge_pairs:  # (equivalent, molar): equivalents / charge = moles
        if analyte.valence is not None and (source, target) == (low, high):
            return base_value / analyte.valence
        if analyte.valence is not None and (source, target) == (high, low):
            return base_value * analyte.valence
    return None


def convert(value: float, unit: str, analyte: Analyte, labs: LabCatalog) -> float:
    """value in `unit` -> value in analyte.canonical_unit."""
    source_code = unit if unit in labs.units else read_unit(unit, labs).code  # a UCUM code as listed: itself
    source, target = labs.units[source_code], labs.units[analyte.canonical_unit]
    base_value = value * source.factor  # in the source kind's base unit (g/L, mol/L, ...)
    if source.kind != target.kind:
        converted = _between_kinds(base_value, source.kind, target.kind, analyte, labs)
        if converted is None:
            raise UnitError(f"unit {unit!r} cannot be converted to {analyte.canonical_unit} for {analyte.display}")
        base_value = converted
    return base_value / target.factor

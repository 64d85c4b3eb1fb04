"""Data-driven UCUM unit conversion to each analyte's canonical unit (labs.yaml)."""

from services.classifier.schema import Analyte, LabCatalog


class UnitError(ValueError):
    """The unit is unknown, or cannot be converted for this analyte."""


def normalise_unit(unit: str, labs: LabCatalog) -> str:
    cleaned = unit.strip()
    return labs.unit_aliases.get(cleaned, cleaned)


def convert(value: float, unit: str, analyte: Analyte, labs: LabCatalog) -> float:
    """value in `unit` -> value in analyte.canonical_unit (mass <-> molar through the molar mass)."""
    source_code = normalise_unit(unit, labs)
    if source_code not in labs.units:
        raise UnitError(f"unit {unit!r} is not a known unit")
    source, target = labs.units[source_code], labs.units[analyte.canonical_unit]
    base_value = value * source.factor  # in the source kind's base unit (g/L, mol/L, ...)
    if source.kind != target.kind:
        pair = (source.kind, target.kind)
        if analyte.molar_mass is None or not any(set(pair) == set(p) for p in labs.molar_pairs):
            raise UnitError(f"unit {unit!r} cannot be converted to {analyte.canonical_unit} for {analyte.display}")
        is_molar_to_mass = any(pair == tuple(p)[::-1] for p in labs.molar_pairs)
        base_value = base_value * analyte.molar_mass if is_molar_to_mass else base_value / analyte.molar_mass
    return base_value / target.factor

"""What the server supports, loaded from `definitions/*.json`: resource types,
their search parameters and reference target types (the R4 definitions: r4.py)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DEFINITIONS = Path(__file__).parent.parent / "definitions"

SUPPORTED_TYPES = ("Patient", "Observation", "ImagingStudy", "DiagnosticReport", "RiskAssessment", "AuditEvent")
# Types only the server writes (services/intake/rest/audit.py); clients read and search them.
READ_ONLY_TYPES = frozenset({"AuditEvent"})


@dataclass(frozen=True)
class SearchParameter:
    name: str
    type: str  # token | string | date | reference | quantity
    paths: tuple[str, ...]
    documentation: str
    definition: str
    system: str | None = None  # for plain `code` elements, the implied code system
    targets: tuple[str, ...] = ()
    single: bool = False  # at most one value per resource
    includable: bool = False  # a reference that _include may follow


@dataclass(frozen=True)
class Rules:
    reference_targets: dict[str, frozenset[str]]


def _load(name: str) -> dict:
    with open(_DEFINITIONS / name, encoding="utf-8") as f:
        return json.load(f)


@cache
def search_parameters() -> dict[str, dict[str, SearchParameter]]:
    raw = _load("search_parameters.json")
    common = raw["common"]
    result: dict[str, dict[str, SearchParameter]] = {}
    for resource_type in SUPPORTED_TYPES:
        params = {**common, **raw[resource_type]}
        result[resource_type] = {
            name: SearchParameter(
                name=name, type=p["type"], paths=tuple(p.get("paths", ())),
                documentation=p["documentation"], definition=p["definition"], system=p.get("system"),
                targets=tuple(p.get("targets", ())), single=p.get("single", False),
                includable=p.get("includable", False),
            )
            for name, p in params.items()
        }
    return result


@cache
def combos() -> dict[str, tuple[tuple[str, str], ...]]:
    """(token parameter, date parameter) pairs per resource type whose values are also indexed
    together (storage/models.py, ComboIndex); the date parameter has one value per resource."""
    params = search_parameters()
    result = {}
    for resource_type, pairs in _per_type("combos").items():
        for token, date in pairs:
            assert params[resource_type][token].type == "token", (resource_type, token)
            assert params[resource_type][date].type == "date" and params[resource_type][date].single, (resource_type, date)
        result[resource_type] = tuple((token, date) for token, date in pairs)
    return result


@cache
def counted() -> frozenset[tuple[str, str]]:
    """(resource type, token parameter) pairs whose matches are also counted per code
    (storage/counts.py)."""
    params = search_parameters()
    result = set()
    for resource_type, names in _per_type("counted").items():
        for name in names:
            assert params[resource_type][name].type == "token", (resource_type, name)
            result.add((resource_type, name))
    return frozenset(result)


def _per_type(section: str) -> dict:
    """A section of search_parameters.json by resource type, its `_comment` keys left out."""
    return {t: value for t, value in _load("search_parameters.json")[section].items() if not t.startswith("_")}


@cache
def includable() -> frozenset[tuple[str, str]]:
    """(resource type, parameter) of every reference _include may follow."""
    return frozenset((t, name) for t, params in search_parameters().items() for name, p in params.items()
                     if p.includable)


@cache
def revincludable(target_type: str) -> frozenset[tuple[str, str]]:
    """(resource type, parameter) of every reference _revinclude may follow back to a `target_type`:
    the references _include may follow, where they can point at that type."""
    params = search_parameters()
    return frozenset((t, name) for t, name in includable() if target_type in params[t][name].targets)


@cache
def rules() -> Rules:
    raw = _load("rules.json")
    return Rules(
        reference_targets={k: frozenset(v) for k, v in raw["reference_targets"].items()},
    )

"""Search index rows extracted from a resource, one kind per search parameter type, and how the
rows of one parameter are told apart in their table (`param_filter`, for the search layer)."""

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_

from services.intake.fhir.dates import MAX_MS, MIN_MS, DateFormatError, date_range
from services.intake.fhir.elements import ABSOLUTE_REFERENCE, RELATIVE_REFERENCE, values_at
from services.intake.fhir.registry import SearchParameter, search_parameters
from services.intake.fhir.validation import Incoming
from services.intake.storage.models import POINT_MS


def normalize_string(value: str) -> str:
    """Case- and accent-insensitive form, as FHIR string search asks."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass
class IndexRows:
    token: list[tuple[str, str | None, str]] = field(default_factory=list)  # param, system, code
    string: list[tuple[str, str, str]] = field(default_factory=list)  # param, normalized value, exact value
    date: list[tuple[str, int, int, bool]] = field(default_factory=list)  # param, low ms, high ms (exclusive), point
    reference: list[tuple[str, str, str]] = field(default_factory=list)  # element path, target type, target id
    quantity: list[tuple[str, float, str | None, str | None]] = field(default_factory=list)  # param, value, system, code


def _tokens(value: Any, implied_system: str | None) -> list[tuple[str | None, str]]:
    if isinstance(value, str):
        return [(implied_system, value)]
    if not isinstance(value, dict):
        return []
    if "coding" in value:  # CodeableConcept
        return [(c.get("system"), c["code"]) for c in value["coding"] if c.get("code")]
    if "code" in value:  # Coding
        return [(value.get("system"), value["code"])]
    if "value" in value:  # Identifier
        return [(value.get("system"), value["value"])]
    return []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # HumanName
        parts = [value.get("family"), value.get("text"), *value.get("given", ()), *value.get("prefix", ()),
                 *value.get("suffix", ())]
        return [p for p in parts if p]
    return []


def _dates(value: Any) -> list[tuple[int, int]]:
    try:
        if isinstance(value, str):
            return [date_range(value)]
        if isinstance(value, dict) and ("start" in value or "end" in value):  # Period
            low = date_range(value["start"])[0] if "start" in value else MIN_MS
            high = date_range(value["end"])[1] if "end" in value else MAX_MS
            return [(low, high)]
    except DateFormatError:
        pass  # the model validated the format; an out-of-range oddity is simply not indexed
    return []


def _quantities(value: Any) -> list[tuple[float, str | None, str | None]]:
    # A decimal arrives as a Decimal (kept as sent, shared/fhir_json.py); the index compares numbers.
    if isinstance(value, dict) and isinstance(value.get("value"), int | float | Decimal) and value["value"] is not True:
        return [(float(value["value"]), value.get("system"), value.get("code") or value.get("unit"))]
    return []


@cache
def _plan(resource_type: str) -> tuple[tuple[str, str, str | None, str, str], ...]:
    """(parameter, type, implied system, first element, rest of the path) of every value-indexed
    path of a type: most paths are absent from a given resource, and one look-up skips them."""
    return tuple((name, p.type, p.system, *path.partition(".")[::2])
                 for name, p in search_parameters()[resource_type].items() if p.type != "reference"
                 for path in p.paths)


def extract(incoming: Incoming) -> IndexRows:
    resource, resource_type = incoming.resource, incoming.resource_type
    rows = IndexRows()
    for name, kind, system, first, rest in _plan(resource_type):
        if first not in resource:
            continue
        for value in values_at(resource[first], rest):
            match kind:
                case "token":
                    rows.token += [(name, s, c) for s, c in _tokens(value, system)]
                case "string":
                    rows.string += [(name, normalize_string(s), s) for s in _strings(value)]
                case "date":
                    rows.date += [(name, lo, hi, hi - lo <= POINT_MS) for lo, hi in _dates(value)]
                case "quantity":
                    rows.quantity += [(name, v, s, c) for v, s, c in _quantities(value)]
    # References are indexed once each, by element path (as HAPI does): a reference
    # search parameter names its paths and target types, and a delete can tell whether
    # anything still points at its target.
    skip = len(resource_type) + 1
    seen = set()
    for path, _, ref in incoming.references:
        match = RELATIVE_REFERENCE.match(ref["reference"]) or ABSOLUTE_REFERENCE.match(ref["reference"])
        if match:
            row = (path[skip:], match["type"], match["id"])
            if row not in seen:
                seen.add(row)
                rows.reference.append(row)
    return rows


def param_filter(table, param: SearchParameter) -> ColumnElement:
    """Index rows belonging to a parameter: by name, except references, which are indexed by path."""
    if param.type != "reference":
        return table.param == param.name
    condition = table.param.in_(param.paths)
    return and_(condition, table.target_type.in_(param.targets)) if param.targets else condition

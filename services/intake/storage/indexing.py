"""Search index rows extracted from a resource, one kind per search parameter type, and how the
rows of one parameter are told apart in their table (`param_filter`, for the search layer). Rows
hold names (types, parameters, paths) as the numbers storage/names.py gives them."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, and_

from services.intake.fhir.dates import MAX_MS, MIN_MS, DateFormatError, date_range
from services.intake.fhir.elements import ABSOLUTE_REFERENCE, RELATIVE_REFERENCE
from services.intake.fhir.registry import SearchParameter, search_parameters
from services.intake.fhir.validation import Incoming
from services.intake.storage import names as search_names
from services.intake.storage.models import POINT_MS


def normalize_string(value: str) -> str:
    """Case- and accent-insensitive form, as FHIR string search asks."""
    if value.isascii():  # nothing to decompose, and casefold is lower (most names and codes)
        return value.lower().strip()
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass
class IndexRows:
    # Each row starts with its owner (type, id); types and parameters as numbers (storage/names.py).
    token: list[tuple] = field(default_factory=list)  # param, system, code
    string: list[tuple] = field(default_factory=list)  # param, normalized value, exact value
    date: list[tuple] = field(default_factory=list)  # param, low ms, high ms (exclusive), point
    reference: list[tuple] = field(default_factory=list)  # element path, target type, target id
    quantity: list[tuple] = field(default_factory=list)  # param, value, system, code
    combo: list[tuple] = field(default_factory=list)  # token param, date param, system, code, low, high, point


# Each adds the rows of one parameter's values to `out`, every row prefixed with `owner`.
Adder = Callable[[list[Any], tuple, str, "str | None", IndexRows], None]


def _add_tokens(values: list[Any], owner: tuple, name: str, implied_system: str | None, out: IndexRows) -> None:
    rows = out.token
    start = len(rows)
    for value in values:
        if isinstance(value, str):
            rows.append((*owner, name, implied_system, value))
        elif isinstance(value, dict):
            if "coding" in value:  # CodeableConcept
                for c in value["coding"]:
                    code = c.get("code")
                    if code:
                        rows.append((*owner, name, c.get("system"), code))
            elif "code" in value:  # Coding
                rows.append((*owner, name, value.get("system"), value["code"]))
            elif "value" in value:  # Identifier
                rows.append((*owner, name, value.get("system"), value["value"]))
    if len(rows) - start > 1:
        _once_each(rows, start)


def _once_each(rows: list[tuple], start: int) -> None:
    """The rows from `start` on, each once (in their order): a code given twice in a resource is
    one token row, as the unique lookup index requires (migration 0005), so that counting a
    system|code needs no repeated ids removed (docs/decisions.md, Intake 34)."""
    added = rows[start:]
    unique = dict.fromkeys(added)
    if len(unique) != len(added):
        rows[start:] = unique


def _add_strings(values: list[Any], owner: tuple, name: str, _: str | None, out: IndexRows) -> None:
    rows = out.string
    for value in values:
        if isinstance(value, str):
            rows.append((*owner, name, normalize_string(value), value))
        elif isinstance(value, dict):  # HumanName
            parts = [value.get("family"), value.get("text"), *value.get("given", ()), *value.get("prefix", ()),
                     *value.get("suffix", ())]
            rows += [(*owner, name, normalize_string(p), p) for p in parts if p]


def _add_dates(values: list[Any], owner: tuple, name: str, _: str | None, out: IndexRows) -> None:
    rows = out.date
    for value in values:
        try:
            if isinstance(value, str):
                low, high = date_range(value)
            elif isinstance(value, dict) and ("start" in value or "end" in value):  # Period
                low = date_range(value["start"])[0] if "start" in value else MIN_MS
                high = date_range(value["end"])[1] if "end" in value else MAX_MS
            else:
                continue
        except DateFormatError:
            continue  # the judges validated the format; an out-of-range oddity is simply not indexed
        rows.append((*owner, name, low, high, high - low <= POINT_MS))


_NUMBERS = (Decimal, int, float)  # a tuple: isinstance with a union of three is slower, per value


def _add_quantities(values: list[Any], owner: tuple, name: str, _: str | None, out: IndexRows) -> None:
    # A decimal arrives as a Decimal (kept as sent, shared/fhir_json.py); the index compares numbers.
    for value in values:
        if isinstance(value, dict):
            number = value.get("value")
            if isinstance(number, _NUMBERS) and number is not True:
                out.quantity.append((*owner, name, float(number), value.get("system"), value.get("code") or value.get("unit")))


_ADDERS: dict[str, Adder] = {"token": _add_tokens, "string": _add_strings, "date": _add_dates,
                             "quantity": _add_quantities}


@cache
def _plan(resource_type: str) -> tuple[tuple[str, str, tuple[str, ...], Adder, str | None], ...]:
    """(first element, parameter, rest of the path, its adder, implied system) of every
    value-indexed path of a type, worked out once: most paths are absent from a given resource,
    and one look-up skips them."""
    plan = []
    for name, p in search_parameters()[resource_type].items():
        if p.type == "reference":
            continue
        for path in p.paths:
            first, _, rest = path.partition(".")
            plan.append((first, name, tuple(rest.split(".")) if rest else (), _ADDERS[p.type], p.system))
    return tuple(plan)


@cache
def _token_paths_shared(resource_type: str) -> bool:
    """Whether a token parameter of the type has several paths (none has in R4's definitions
    here): only then may two calls of _add_tokens give one resource the same row."""
    return any(p.type == "token" and len(p.paths) > 1 for p in search_parameters()[resource_type].values())


def add_rows(incoming: Incoming, owner: tuple, out: IndexRows,
             names: "search_names.Numbering | search_names.TextNames" = search_names.TEXT) -> None:
    """Add the index rows of a resource to `out`, each prefixed with `owner` (the storage layer's
    type and id): one pass over its indexed paths, rows built in their final shape, the names as
    `names` numbers them (the default: as text, for comparisons; never written)."""
    resource = incoming.resource
    first_token, first_date = len(out.token), len(out.date)
    for first, name, rest, add, system in names.plan(incoming.resource_type, _plan(incoming.resource_type)):
        if first not in resource:
            continue
        value = resource[first]
        values = value if type(value) is list else [value]
        for step in rest:
            found: list[Any] = []
            for item in values:
                if isinstance(item, dict) and step in item:
                    inner = item[step]
                    found.extend(inner if isinstance(inner, list) else [inner])
            values = found
        if values:
            add(values, owner, name, system, out)
    if _token_paths_shared(incoming.resource_type) and len(out.token) - first_token > 1:
        _once_each(out.token, first_token)  # one value under two paths of a parameter
    pairs = names.combos(incoming.resource_type)
    if pairs and len(out.date) > first_date:
        _add_combos(pairs, out, first_token, first_date)
    # References are indexed once each, by element path (as HAPI does): a reference
    # search parameter names its paths and target types, and a delete can tell whether
    # anything still points at its target.
    skip = len(incoming.resource_type) + 1
    seen = set()
    for path, _, ref in incoming.references:
        match = RELATIVE_REFERENCE.match(ref["reference"]) or ABSOLUTE_REFERENCE.match(ref["reference"])
        if match:
            row = (names.of(path[skip:]), names.of(match["type"]), match["id"])
            if row not in seen:
                seen.add(row)
                out.reference.append((*owner, *row))


def _add_combos(pairs: tuple[tuple[str, str], ...], out: IndexRows, first_token: int, first_date: int) -> None:
    """Each code of a combined token parameter with its date (ComboIndex), from the resource's
    token and date rows just added (the owner is the rows' prefix, the values their last items):
    a resource has a combined row for a code and a date exactly when it has both index rows, so
    a search for both matches the same resources either way."""
    dates = out.date[first_date:]
    for token_param, date_param in pairs:
        for date_row in dates:
            if date_row[-4] != date_param:
                continue
            owner = date_row[:-4]
            low, high, point = date_row[-3:]
            out.combo += [(*owner, token_param, date_param, t[-2], t[-1], low, high, point)
                          for t in out.token[first_token:] if t[-3] == token_param]


def extract(incoming: Incoming) -> IndexRows:
    rows = IndexRows()
    add_rows(incoming, (), rows)
    return rows


def param_filter(table, param: SearchParameter) -> ColumnElement:
    """Index rows belonging to a parameter: by name, except references, which are indexed by path
    (the names' numbers, storage/names.py: resolved for the search being built)."""
    if param.type != "reference":
        return table.param == search_names.number(param.name)
    condition = table.param.in_(search_names.numbers(param.paths))
    return and_(condition, table.target_type.in_(search_names.numbers(param.targets))) if param.targets else condition

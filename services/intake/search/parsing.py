"""FHIR search, first step: query parameters parsed into a SearchRequest (criteria, sort, paging,
_include), or a 400 that says what is wrong. No SQL here: the predicates and the planner turn a
SearchRequest into statements (predicates/, planner.py), the executor runs them (executor.py).

Parameters repeated are ANDed, comma-separated values ORed, as the FHIR search specification says.
"""

from dataclasses import dataclass, field

from services.intake.fhir.registry import SearchParameter, includable, revincludable, search_parameters
from services.intake.fhir.summary import Subset, parse_subset
from services.intake.storage.models import MAX_SQL_INTEGER
from shared.errors import FHIRError

PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
RESULT_PARAMETERS = {"_count", "_offset", "_sort", "_summary", "_elements", "_include", "_revinclude", "_total",
                     "_format", "_pretty"}
# :missing on every type; a reference's other modifiers name the target type (:Patient).
MODIFIERS = {"token": {"not", "missing"}, "string": {"exact", "contains", "missing"}, "reference": None,
             "date": {"missing"}, "quantity": {"missing"}}
SORTABLE = {"token", "string", "date", "quantity"}


@dataclass(frozen=True)
class Criterion:
    param: SearchParameter
    modifier: str | None
    values: tuple[str, ...]  # ORed
    also: tuple[tuple[str, ...], ...] = ()  # more values lists, ANDed: criteria merged on a single-valued parameter

    @property
    def groups(self) -> tuple[tuple[str, ...], ...]:
        return (self.values, *self.also)

    @property
    def presence(self) -> bool:
        """:missing: whether the parameter has any value at all, not which."""
        return self.modifier == "missing"

    @property
    def negated(self) -> bool:
        """Matches the resources that have no index row the criterion names (:not, :missing=true)."""
        return self.modifier == "not" or (self.presence and self.values == ("true",))


@dataclass(frozen=True)
class Include:
    param: str
    target_type: str | None
    source_type: str | None = None  # _revinclude: the type whose `param` points at the matches


@dataclass
class SearchRequest:
    resource_type: str
    criteria: list[Criterion] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (parameter, descending)
    count: int = 20
    offset: int = 0
    summary_count: bool = False
    total: str = "default"  # none | default (exact up to total_limit matches) | accurate
    total_limit: int = 1000
    includes: list[Include] = field(default_factory=list)
    revincludes: list[Include] = field(default_factory=list)
    subset: Subset | None = None  # _summary=true|text|data or _elements
    canonical: list[tuple[str, str]] = field(default_factory=list)  # the parameters used, for paging links
    driver: Criterion | None = None  # the criterion that starts the query, when chosen by counting


def invalid(message: str) -> FHIRError:
    return FHIRError.of(400, "invalid", message)


def parse_search(
    resource_type: str, pairs: list[tuple[str, str]], *, default_count: int, max_count: int, lenient: bool = False,
    total_limit: int = 1000, max_value_length: int = 2048,
) -> SearchRequest:
    params = search_parameters()[resource_type]
    request = SearchRequest(resource_type, count=default_count, total_limit=total_limit)
    request.subset = parse_subset(pairs, resource_type, allow_count=True)
    for key, raw in pairs:
        if len(raw) > max_value_length:  # a client's mistake (or probe), before it reaches the database
            raise invalid(f"The value of search parameter '{key[:64]}' is {len(raw)} characters long; the most this "
                          f"server takes is {max_value_length}")
        name, _, modifier = key.partition(":")
        if name in RESULT_PARAMETERS:
            _apply_result_parameter(request, name, modifier, raw, params, max_count)
            continue
        param = params.get(name)
        if param is None:
            if lenient:
                continue
            raise invalid(
                f"Unknown search parameter '{name}' for {resource_type}. Supported: {', '.join(sorted(params))}"
            )
        request.criteria.append(_criterion(param, modifier or None, raw))
        request.canonical.append((key, raw))
    if request.sort:
        request.canonical.append(("_sort", ",".join(("-" if d else "") + p for p, d in request.sort)))
    request.canonical += [("_include", f"{resource_type}:{i.param}" + (f":{i.target_type}" if i.target_type else ""))
                          for i in request.includes]
    request.canonical += [("_revinclude", f"{i.source_type}:{i.param}") for i in request.revincludes]
    if request.summary_count:
        request.canonical.append(("_summary", "count"))
    elif request.subset is not None:
        request.canonical += [(k, v) for k, v in pairs if k in ("_summary", "_elements")]
    request.criteria = _merge_single_valued(request.criteria)
    return request


def _merge_single_valued(criteria: list[Criterion]) -> list[Criterion]:
    """date=ge2019&date=lt2020 on a parameter with one value per resource: both criteria must
    hold for the same index row, so they are tested together, as one window on the index."""
    merged: dict[str, Criterion] = {}
    result = []
    for criterion in criteria:
        param = criterion.param
        if not (param.single and param.type == "date" and criterion.modifier is None):
            result.append(criterion)
        elif param.name in merged:
            first = merged[param.name]
            combined = Criterion(param, None, first.values, (*first.also, criterion.values))
            result[result.index(first)] = merged[param.name] = combined
        else:
            merged[param.name] = criterion
            result.append(criterion)
    return result


def _apply_result_parameter(request: SearchRequest, name: str, modifier: str, raw: str, params, max_count: int) -> None:
    if name == "_count":
        if not (raw.isascii() and raw.isdigit()):  # isdigit() alone takes '²', which int() refuses
            raise invalid(f"_count must be a non-negative integer, not '{raw}'")
        request.count = min(int(raw), max_count)
    elif name == "_offset":
        if not (raw.isascii() and raw.isdigit()):
            raise invalid(f"_offset must be a non-negative integer, not '{raw}'")
        request.offset = min(int(raw), MAX_SQL_INTEGER)
    elif name == "_sort":
        for item in raw.split(","):
            descending = item.startswith("-")
            sort_name = item.lstrip("-")
            param = params.get(sort_name)
            if param is None or param.type not in SORTABLE:
                raise invalid(f"Cannot sort {request.resource_type} by '{sort_name}'")
            request.sort.append((sort_name, descending))
    elif name == "_summary":  # true | text | data | false: parse_subset
        request.summary_count = raw == "count"
    elif name == "_total":
        if raw not in ("none", "estimate", "accurate"):
            raise invalid(f"_total must be none, estimate or accurate, not '{raw}'")
        request.total = {"none": "none", "estimate": "default", "accurate": "accurate"}[raw]
    elif name in ("_include", "_revinclude") and modifier:
        raise FHIRError.of(400, "not-supported", f"{name}:{modifier} is not supported: this server follows "
                           f"{name} one step from the matches only (no :iterate)")
    elif name == "_revinclude":
        source, _, rest = raw.partition(":")
        param_name, _, target = rest.partition(":")
        if (source, param_name) not in revincludable(request.resource_type) or target not in ("", request.resource_type):
            allowed = ", ".join(f"{s}:{p}" for s, p in sorted(revincludable(request.resource_type))) or "none"
            raise invalid(f"_revinclude={raw} is not supported here (supported: {allowed})")
        request.revincludes.append(Include(param_name, request.resource_type, source))
    elif name == "_include":
        source, _, rest = raw.partition(":")
        param_name, _, target = rest.partition(":")
        if source != request.resource_type or (source, param_name) not in includable():
            allowed = ", ".join(f"{s}:{p}" for s, p in sorted(includable()) if s == request.resource_type) or "none"
            raise invalid(f"_include={raw} is not supported here (supported: {allowed})")
        request.includes.append(Include(param_name, target or None))
    elif name == "_format" and raw not in ("json", "application/json", "application/fhir+json"):
        raise FHIRError.of(406, "not-supported", f"_format={raw} is not supported; this server speaks JSON")


def _criterion(param: SearchParameter, modifier: str | None, raw: str) -> Criterion:
    allowed = MODIFIERS[param.type]
    if modifier and allowed is not None and modifier not in allowed:
        raise invalid(f"Modifier :{modifier} is not supported on {param.name}")
    if modifier == "missing":
        if raw not in ("true", "false"):
            raise invalid(f"{param.name}:missing takes true or false, not '{raw}'")
        return Criterion(param, modifier, (raw,))
    if param.type == "reference" and modifier and modifier not in (param.targets or (modifier,)):
        raise invalid(f"{param.name} cannot refer to a {modifier}")
    values = tuple(v for v in _split_or(raw))
    if not values or any(v == "" for v in values):
        raise invalid(f"Search parameter {param.name} has an empty value")
    return Criterion(param, modifier, values)


def _split_or(raw: str) -> list[str]:
    """Split on commas not escaped with a backslash."""
    parts, current, escaped = [], [], False
    for ch in raw:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def prefixed(value: str) -> tuple[str, str]:
    if len(value) > 2 and value[:2] in PREFIXES and not value[2].isalpha():
        return value[:2], value[2:]
    return "eq", value

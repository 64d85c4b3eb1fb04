"""FHIR search: from query parameters to one SQL statement over the index tables.

Parameters repeated are ANDed, comma-separated values ORed, as the FHIR search
specification says. Each criterion becomes `res_id IN (select from one index
table)`, which lets the database drive the query from the most selective index.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, select, true
from sqlalchemy.sql import Select

from services.intake.fhir.dates import DateFormatError, date_range
from services.intake.fhir.elements import ABSOLUTE_REFERENCE, ID_PATTERN, RELATIVE_REFERENCE
from services.intake.storage.indexing import normalize_string
from services.intake.storage.models import INDEX_TABLES, POINT_MS, ResourceRow
from services.intake.fhir.registry import SearchParameter, includable, search_parameters
from shared.errors import FHIRError

PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
RESULT_PARAMETERS = {"_count", "_offset", "_sort", "_summary", "_include", "_total", "_format", "_pretty"}
# The largest SQL BIGINT (SQLite INTEGER, PostgreSQL bigint): offsets and version ids beyond it match nothing,
# and a database driver refuses them.
MAX_SQL_INTEGER = 2**63 - 1
MODIFIERS = {"token": {"not"}, "string": {"exact", "contains"}, "reference": None, "date": set(), "quantity": set()}
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


@dataclass(frozen=True)
class Include:
    param: str
    target_type: str | None


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
    canonical: list[tuple[str, str]] = field(default_factory=list)  # the parameters used, for paging links
    driver: Criterion | None = None  # the criterion that starts the query, when chosen by counting


def _invalid(message: str) -> FHIRError:
    return FHIRError.of(400, "invalid", message)


def parse_search(
    resource_type: str, pairs: list[tuple[str, str]], *, default_count: int, max_count: int, lenient: bool = False,
    total_limit: int = 1000,
) -> SearchRequest:
    params = search_parameters()[resource_type]
    request = SearchRequest(resource_type, count=default_count, total_limit=total_limit)
    for key, raw in pairs:
        name, _, modifier = key.partition(":")
        if name in RESULT_PARAMETERS:
            _apply_result_parameter(request, name, modifier, raw, params, max_count)
            continue
        param = params.get(name)
        if param is None:
            if lenient:
                continue
            raise _invalid(
                f"Unknown search parameter '{name}' for {resource_type}. Supported: {', '.join(sorted(params))}"
            )
        request.criteria.append(_criterion(param, modifier or None, raw))
        request.canonical.append((key, raw))
    if request.sort:
        request.canonical.append(("_sort", ",".join(("-" if d else "") + p for p, d in request.sort)))
    request.canonical += [("_include", f"{resource_type}:{i.param}" + (f":{i.target_type}" if i.target_type else ""))
                          for i in request.includes]
    if request.summary_count:
        request.canonical.append(("_summary", "count"))
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
            raise _invalid(f"_count must be a non-negative integer, not '{raw}'")
        request.count = min(int(raw), max_count)
    elif name == "_offset":
        if not (raw.isascii() and raw.isdigit()):
            raise _invalid(f"_offset must be a non-negative integer, not '{raw}'")
        request.offset = min(int(raw), MAX_SQL_INTEGER)
    elif name == "_sort":
        for item in raw.split(","):
            descending = item.startswith("-")
            sort_name = item.lstrip("-")
            param = params.get(sort_name)
            if param is None or param.type not in SORTABLE:
                raise _invalid(f"Cannot sort {request.resource_type} by '{sort_name}'")
            request.sort.append((sort_name, descending))
    elif name == "_summary":
        if raw != "count":
            raise FHIRError.of(400, "not-supported", f"_summary={raw} is not supported; only _summary=count is")
        request.summary_count = True
    elif name == "_total":
        if raw not in ("none", "estimate", "accurate"):
            raise _invalid(f"_total must be none, estimate or accurate, not '{raw}'")
        request.total = {"none": "none", "estimate": "default", "accurate": "accurate"}[raw]
    elif name == "_include":
        source, _, rest = raw.partition(":")
        param_name, _, target = rest.partition(":")
        if source != request.resource_type or (source, param_name) not in includable():
            allowed = ", ".join(f"{s}:{p}" for s, p in sorted(includable()) if s == request.resource_type) or "none"
            raise _invalid(f"_include={raw} is not supported here (supported: {allowed})")
        request.includes.append(Include(param_name, target or None))
    elif name == "_format" and raw not in ("json", "application/json", "application/fhir+json"):
        raise FHIRError.of(406, "not-supported", f"_format={raw} is not supported; this server speaks JSON")


def _criterion(param: SearchParameter, modifier: str | None, raw: str) -> Criterion:
    allowed = MODIFIERS[param.type]
    if modifier and allowed is not None and modifier not in allowed:
        raise _invalid(f"Modifier :{modifier} is not supported on {param.name}")
    if param.type == "reference" and modifier and modifier not in (param.targets or (modifier,)):
        raise _invalid(f"{param.name} cannot refer to a {modifier}")
    values = tuple(v for v in _split_or(raw))
    if not values or any(v == "" for v in values):
        raise _invalid(f"Search parameter {param.name} has an empty value")
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


def _prefixed(value: str) -> tuple[str, str]:
    if len(value) > 2 and value[:2] in PREFIXES and not value[2].isalpha():
        return value[:2], value[2:]
    return "eq", value


# --- SQL -------------------------------------------------------------------


def _date_condition(prefix: str, value: str, low, high) -> ColumnElement:
    try:
        p_low, p_high = date_range(value)
    except DateFormatError as exc:
        raise _invalid(str(exc)) from None
    within = and_(low >= p_low, high <= p_high)
    match prefix:
        case "eq":
            return within
        case "ne":
            return not_(within)
        case "gt":
            return high > p_high
        case "lt":
            return low < p_low
        case "ge":
            return or_(high > p_high, within)
        case "le":
            return or_(low < p_low, within)
        case "sa":
            return low >= p_high
        case "eb":
            return high <= p_low
        case _:  # ap: overlapping the searched interval
            return and_(low < p_high, high > p_low)


def _date_bounds(prefix: str, value: str) -> tuple[int | None, int | None]:
    """(L, U): every interval [low, high) matching `prefix value` has high > L and low < U
    (None: no such bound). Implied by _date_condition; used to narrow the index range read."""
    try:
        p_low, p_high = date_range(value)
    except DateFormatError:
        return None, None  # reported as a 400 when the condition itself is built
    return {
        "eq": (p_low, p_high), "ap": (p_low, p_high), "ge": (p_low, None), "gt": (p_high, None),
        "sa": (p_high, None), "le": (None, p_high), "lt": (None, p_low), "eb": (None, p_low),
    }.get(prefix, (None, None))


def _window(criterion: Criterion) -> tuple[int | None, int | None]:
    """The bounds every match of a date criterion keeps: the loosest of ORed values, the
    tightest of ANDed ones."""
    lows, highs = [], []
    for group in criterion.groups:
        bounds = [_date_bounds(*_prefixed(v)) for v in group]
        if all(low is not None for low, _ in bounds):
            lows.append(min(low for low, _ in bounds))
        if all(high is not None for _, high in bounds):
            highs.append(max(high for _, high in bounds))
    return (max(lows) if lows else None), (min(highs) if highs else None)


def _window_branches(table, low: int | None, high: int | None) -> tuple[ColumnElement, ColumnElement] | None:
    """The window as ranges on low_ms, which the window index reads: for points directly
    (models.POINT_MS), for the few longer intervals by filtering them apart."""
    if low is None and high is None:
        return None
    points, others = [table.point == true()], [table.point == false()]
    if low is not None:
        points.append(table.low_ms > low - POINT_MS)
        others.append(table.high_ms > low)
    if high is not None:
        points.append(table.low_ms < high)
        others.append(table.low_ms < high)
    return and_(*points), and_(*others)


def _number_condition(prefix: str, text: str, column) -> ColumnElement:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _invalid(f"'{text}' is not a number") from None
    if not number.is_finite():
        raise _invalid(f"'{text}' is not a finite number")
    # Precision is implied by the digits given: 5.4 means [5.35, 5.45).
    half = Decimal(5) * Decimal(10) ** (number.as_tuple().exponent - 1)
    low, high, value = float(number - half), float(number + half), float(number)
    match prefix:
        case "eq":
            return and_(column >= low, column < high)
        case "ne":
            return or_(column < low, column >= high)
        case "gt" | "sa":
            return column > value
        case "lt" | "eb":
            return column < value
        case "ge":
            return column >= value
        case "le":
            return column <= value
        case _:  # ap: within 10%
            spread = abs(value) * 0.1
            return and_(column >= value - spread, column <= value + spread)


def _token_condition(table, value: str, implied_system: str | None) -> ColumnElement:
    if "|" not in value:
        return table.code == value
    system, code = value.split("|", 1)
    if system == "":
        return and_(table.system.is_(None), table.code == code)
    if code == "":
        return table.system == system
    return and_(table.system == system, table.code == code)


def _reference_condition(table, value: str, modifier: str | None, param: SearchParameter) -> ColumnElement:
    match = RELATIVE_REFERENCE.match(value) or ABSOLUTE_REFERENCE.match(value)
    if match:
        target_type, target_id = match["type"], match["id"]
        if modifier and modifier != target_type:
            raise _invalid(f"{param.name}:{modifier}={value} names two different types")
    elif ID_PATTERN.match(value):
        target_type, target_id = modifier, value
    else:
        raise _invalid(f"'{value}' is not a reference (Type/id or id)")
    condition = table.target_id == target_id
    if target_type:
        condition = and_(condition, table.target_type == target_type)
    return condition


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _value_condition(criterion: Criterion, table, value: str) -> ColumnElement:
    param = criterion.param
    match param.type:
        case "token":
            return _token_condition(table, value, param.system)
        case "string":
            if criterion.modifier == "exact":
                return table.exact == value
            pattern = _like_escape(normalize_string(value))
            if criterion.modifier == "contains":
                return table.value.like(f"%{pattern}%", escape="\\")
            return table.value.like(f"{pattern}%", escape="\\")
        case "date":
            prefix, text = _prefixed(value)
            return _date_condition(prefix, text, table.low_ms, table.high_ms)
        case "reference":
            return _reference_condition(table, value, criterion.modifier, param)
        case "quantity":
            number, _, unit = value.partition("|")
            prefix, text = _prefixed(number)
            condition = _number_condition(prefix, text, table.value)
            if unit:
                system, _, code = unit.partition("|")
                if not code:  # number|code is not valid; number||code is
                    raise _invalid(f"Quantity '{value}' must be [prefix]number|system|code or number||code")
                condition = and_(condition, table.code == code)
                if system:
                    condition = and_(condition, table.system == system)
            return condition
    raise AssertionError(param.type)


def _matches(criterion: Criterion, table) -> ColumnElement:
    """The index rows of one criterion (its :not aside): its parameter, and any of its values."""
    conditions = [param_filter(table, criterion.param)]
    conditions += [or_(*(_value_condition(criterion, table, v) for v in group)) for group in criterion.groups]
    branches = _window_branches(table, *_window(criterion)) if criterion.param.type == "date" else None
    if branches is not None:
        conditions.append(or_(*branches))
    return and_(*conditions)


def _driver_rows(request: SearchRequest, criterion: Criterion):
    """The index rows that start a query, as a FROM item with res_id. A date window is read as
    two index ranges (points, longer intervals) in UNION ALL: as an OR, PostgreSQL visits the
    table for each row and misjudges how many there are."""
    table = INDEX_TABLES[criterion.param.type].__table__
    own = [table.c.res_type == request.resource_type, _matches(criterion, table.c)]
    branches = _window_branches(table.c, *_window(criterion)) if criterion.param.type == "date" else None
    if branches is None:
        return table, own
    own = own[:1] + [param_filter(table.c, criterion.param),
                     *(or_(*(_value_condition(criterion, table.c, v) for v in g)) for g in criterion.groups)]
    rows = select(table.c.res_id).where(*own, branches[0]).union_all(select(table.c.res_id).where(*own, branches[1]))
    return rows.subquery("window"), []


def param_filter(table, param: SearchParameter) -> ColumnElement:
    """Index rows belonging to a parameter: by name, except references, which are indexed by path."""
    if param.type != "reference":
        return table.param == param.name
    condition = table.param.in_(param.paths)
    return and_(condition, table.target_type.in_(param.targets)) if param.targets else condition


# Which criterion drives a query: the likeliest to match few rows first, as HAPI orders them.
_SELECTIVITY = {"reference": 0, "token": 1, "string": 2, "quantity": 3, "date": 4}


def _criterion_condition(resource_type: str, criterion: Criterion, drives: bool) -> ColumnElement:
    """The driving criterion is an IN over its index table, so that the database starts there;
    the others are correlated EXISTS probes of the owner index. Both plans stay fast even when
    the planner has no statistics yet (a freshly loaded PostgreSQL table)."""
    r = ResourceRow
    name = criterion.param.name
    if name == "_id":
        ids = list(criterion.values)
        return r.res_id.not_in(ids) if criterion.modifier == "not" else r.res_id.in_(ids)
    if name == "_lastUpdated":
        # A stored instant covers its millisecond.
        return or_(*(_date_condition(*_prefixed(v), r.last_updated_ms, r.last_updated_ms + 1)
                     for v in criterion.values))
    table = INDEX_TABLES[criterion.param.type]
    matches = _matches(criterion, table)
    if drives and criterion.modifier != "not":
        return r.res_id.in_(select(table.res_id).where(table.res_type == resource_type, matches))
    probe = exists().where(table.res_type == r.res_type, table.res_id == r.res_id, matches)
    return not_(probe) if criterion.modifier == "not" else probe


def _sort_key(resource_type: str, name: str, descending: bool):
    r = ResourceRow
    if name == "_id":
        return r.res_id
    if name == "_lastUpdated":
        return r.last_updated_ms
    param = search_parameters()[resource_type][name]
    table = INDEX_TABLES[param.type]
    column = {"date": "low_ms" if not descending else "high_ms", "string": "value", "token": "code",
              "quantity": "value"}[param.type]
    aggregate = func.max if descending else func.min
    return (
        select(aggregate(getattr(table, column)))
        .where(table.res_type == r.res_type, table.res_id == r.res_id, table.param == name)
        .scalar_subquery()
    )


def where_clause(request: SearchRequest, driven: bool = True) -> list[ColumnElement]:
    """driven=False probes every criterion per resource, in storage order: the better plan for a
    page of a broad search without a sort, where the first rows read soon fill the page."""
    r = ResourceRow
    conditions = [r.res_type == request.resource_type, r.deleted == false()]
    conditions += [_criterion_condition(request.resource_type, c, drives=driven and i == 0)
                   for i, c in enumerate(_ordered(request))]
    return conditions


def page_statement(request: SearchRequest, broad: bool = False, among: list[str] | None = None) -> Select:
    """One page of matches; `broad` when they are known to be many (more than the total limit);
    `among`: the ids of all the matches, when already read (a few: the search is not run again)."""
    r = ResourceRow
    order = []
    for name, descending in request.sort:
        key = _sort_key(request.resource_type, name, descending)
        order.append(key.desc().nulls_last() if descending else key.asc().nulls_last())
    order.append(r.pk)  # a total order, so that pages never overlap or skip
    if among is not None:
        conditions = [r.res_type == request.resource_type, r.deleted == false(), r.res_id.in_(among)]
    else:
        conditions = where_clause(request, driven=not (broad and not request.sort))
    return select(r.res_id, r.content).where(*conditions).order_by(*order).limit(request.count).offset(request.offset)


def _ordered(request: SearchRequest) -> list[Criterion]:
    return sorted(request.criteria, key=lambda c: (c is not request.driver, c.param.name != "_id",
                                                   _SELECTIVITY[c.param.type]))


def driver_candidates(request: SearchRequest) -> list[Criterion]:
    """The criteria worth counting before choosing where a query starts: the likeliest by
    parameter type, and any date window bounded on both sides, which may hold far fewer rows
    (code=X&date=ge2019-01&date=lt2019-03) or far more."""
    ordered = _ordered(request)
    if len(ordered) < 2 or any(_on_resources(c) or c.modifier == "not" for c in ordered):
        return []
    windows = [c for c in ordered[1:] if c.param.type == "date" and None not in _window(c)]
    return [ordered[0], *windows] if windows else []


def bounded_count_statement(request: SearchRequest, criterion: Criterion, limit: int) -> Select:
    """About how many index rows one criterion matches, counting no further than `limit`: a
    date window counts its points only, one range of the window index (an OR of both kinds
    would make the planner scan the table in hope of an early stop)."""
    table = INDEX_TABLES[criterion.param.type]
    if criterion.param.type == "date":
        low, high = _window(criterion)
        matches = and_(param_filter(table, criterion.param), table.point == true(),
                       table.low_ms > low - POINT_MS, table.low_ms < high)
    else:
        matches = _matches(criterion, table)
    rows = select(table.res_id).where(table.res_type == request.resource_type, matches).limit(limit)
    return select(func.count()).select_from(rows.subquery())


RANGE_TYPES = {"date", "quantity", "string"}


def _on_resources(criterion: Criterion) -> bool:
    return criterion.param.name in ("_id", "_lastUpdated")


def _matching_ids(request: SearchRequest, distinct: bool = True, joins: bool = False) -> Select:
    """The ids of the matches, read from the index tables alone where possible: they hold rows
    of current, undeleted versions only, so counting needs no visit to the resources.
    distinct=False may list a resource more than once; so may joins=True, which joins the index
    rows of the other criteria instead of probing them with EXISTS."""
    t = request.resource_type
    ordered = _ordered(request)
    if (not ordered or any(_on_resources(c) for c in ordered) or ordered[0].modifier == "not"
            or (len(ordered) == 1 and ordered[0].param.type in RANGE_TYPES)):
        # A lone range criterion: an IN list over its index removes duplicate rows more cheaply
        # than DISTINCT, which SQLite would answer by reading a whole owner index in order.
        return select(ResourceRow.res_id).where(*where_clause(request))
    driver, others = ordered[0], ordered[1:]
    rows, conditions = _driver_rows(request, driver)
    ids = select(rows.c.res_id)
    for criterion in others:
        other = INDEX_TABLES[criterion.param.type].__table__.alias()
        matches = and_(other.c.res_type == t, other.c.res_id == rows.c.res_id, _matches(criterion, other.c))
        if criterion.modifier == "not":
            conditions.append(not_(exists().where(matches)))
        elif joins:
            ids = ids.join(other, matches)
        else:
            conditions.append(exists().where(matches))
    ids = ids.where(*conditions)
    return ids.distinct() if distinct else ids


def ids_statement(request: SearchRequest, limit: int, dialect: str, distinct: bool = False) -> Select:
    """The ids of up to limit + 1 matches, in no order: when there are at most `limit`, they give
    both the total and the page, in one pass over the index tables instead of two. Without
    DISTINCT, which PostgreSQL answers by sorting every match before the first row comes out,
    the scan stops at the limit; the caller removes repeated ids. SQLite runs each correlated
    EXISTS as a subroutine call, three times the cost of a join step; PostgreSQL plans EXISTS as
    a semi-join, faster there than a join."""
    # A date window starts as a UNION ALL, which SQLite would join branch by branch from the
    # other criterion's index instead: there it keeps EXISTS.
    window_driven = request.driver is not None and request.driver.param.type == "date"
    joins = dialect == "sqlite" and not distinct and not window_driven
    return _matching_ids(request, distinct, joins).limit(limit + 1)


def count_statement(request: SearchRequest, limit: int | None = None) -> Select:
    """COUNT of the matches; with `limit`, counting stops after limit + 1 of them."""
    ids = _matching_ids(request)
    if limit is not None:
        ids = ids.limit(limit + 1)
    return select(func.count()).select_from(ids.subquery())

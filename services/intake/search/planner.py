"""FHIR search, second step: a SearchRequest planned as SQL over the index tables.

Each criterion becomes `res_id IN (select from one index table)` or an EXISTS probe of it, which
lets the database drive the query from the most selective index; which criterion drives is
chosen by parameter type, or by counting (executor.py). The statements for a page, the ids of
up to a limit of matches, and counts are built here; the executor runs them.
"""

from sqlalchemy import ColumnElement, and_, exists, false, func, not_, or_, select, true
from sqlalchemy.sql import Select
from sqlmodel import col

from services.intake.fhir.registry import combos, counted, search_parameters
from services.intake.search import predicates
from services.intake.search.parsing import Criterion, SearchRequest, prefixed
from services.intake.search.predicates.date import interval_condition, window, window_branches
from services.intake.storage.counts import CountKey
from services.intake.storage.indexing import param_filter
from services.intake.storage.models import INDEX_TABLES, POINT_MS, ComboIndex, DateIndex, ResourceRow, TokenIndex
from services.intake.storage.names import number
from shared.database import table_of


def _driver_rows(request: SearchRequest, criterion: Criterion):
    """The index rows that start a query, as a FROM item with res_id. A date window is read as
    two index ranges (points, longer intervals) in UNION ALL: as an OR, PostgreSQL visits the
    table for each row and misjudges how many there are."""
    table = table_of(INDEX_TABLES[criterion.param.type])
    own = [table.c.res_type == number(request.resource_type), predicates.matches(criterion, table.c)]
    branches = window_branches(table.c, *window(criterion)) if criterion.param.type == "date" else None
    if branches is None:
        return table, own
    values = (or_(*(predicates.value_condition(criterion, table.c, v) for v in g)) for g in criterion.groups)
    own = own[:1] + [param_filter(table.c, criterion.param), *values]
    rows = select(table.c.res_id).where(*own, branches[0]).union_all(select(table.c.res_id).where(*own, branches[1]))
    return rows.subquery("window"), []


def combined(request: SearchRequest) -> tuple[Criterion, Criterion] | None:
    """The token and date criteria that the combined index answers together (ComboIndex: a code
    and its date in one row), when they should start the query: a plain token criterion and a
    date criterion bounded on at least one side, on a pair of parameters the type combines. Not
    when a reference or the id names the resources (a patient's rows are fewer than a code's in a
    window), nor for modifiers (:not, :missing, :text), nor for a parameter given twice."""
    pairs = combos().get(request.resource_type)
    if not pairs or any(c.param.type == "reference" or _on_resources(c) for c in request.criteria):
        return None
    for token_name, date_name in pairs:
        tokens = [c for c in request.criteria if c.param.name == token_name]
        dates = [c for c in request.criteria if c.param.name == date_name]
        if (len(tokens) == 1 and len(dates) == 1 and tokens[0].modifier is None and dates[0].modifier is None
                and window(dates[0]) != (None, None)):
            return tokens[0], dates[0]
    return None


def _combo_rows(request: SearchRequest, token: Criterion, date: Criterion):
    """The combined rows of a code and a date window, as a FROM item with res_id: the window's
    points of the code are one range of ix_combo_lookup, the longer intervals another (as
    _driver_rows reads a window), each value of both criteria tested on the one row."""
    table = table_of(ComboIndex)
    c = table.c
    own = [c.res_type == number(request.resource_type), c.param == number(token.param.name),
           c.date_param == number(date.param.name)]
    own += [or_(*(predicates.value_condition(criterion, c, v) for v in group))
            for criterion in (token, date) for group in criterion.groups]
    branches = window_branches(c, *window(date))
    assert branches is not None  # combined() takes bounded windows only
    rows = select(c.res_id).where(*own, branches[0]).union_all(select(c.res_id).where(*own, branches[1]))
    return rows.subquery("combo")


# Which criterion drives a query: the likeliest to match few rows first, as HAPI orders them.
_SELECTIVITY = {"reference": 0, "token": 1, "string": 2, "quantity": 3, "date": 4}


def _criterion_condition(resource_type: str, criterion: Criterion, drives: bool) -> ColumnElement:
    """The driving criterion is an IN over its index table, so that the database starts there;
    the others are correlated EXISTS probes of the owner index. Both plans stay fast even when
    the planner has no statistics yet (a freshly loaded PostgreSQL table)."""
    r = ResourceRow
    name = criterion.param.name
    if _on_resources(criterion) and criterion.presence:  # every resource has an id and a lastUpdated
        return false() if criterion.negated else true()
    if name == "_id":
        ids = list(criterion.values)
        return col(r.res_id).not_in(ids) if criterion.modifier == "not" else col(r.res_id).in_(ids)
    if name == "_lastUpdated":
        # A stored instant covers its millisecond.
        return or_(*(interval_condition(*prefixed(v), col(r.last_updated_ms), col(r.last_updated_ms) + 1)
                     for v in criterion.values))
    table = INDEX_TABLES[criterion.param.type]
    matches = predicates.matches(criterion, table)
    own = number(resource_type)  # the resources' type: they are of the request's (where_clause)
    if drives and not criterion.negated:
        return col(r.res_id).in_(select(col(table.res_id)).where(col(table.res_type) == own, matches))
    probe = exists().where(col(table.res_type) == own, col(table.res_id) == col(r.res_id), matches)
    return not_(probe) if criterion.negated else probe


def _sort_key(resource_type: str, name: str, descending: bool):
    r = ResourceRow
    if name == "_id":
        return col(r.res_id)
    if name == "_lastUpdated":
        return col(r.last_updated_ms)
    param = search_parameters()[resource_type][name]
    table = INDEX_TABLES[param.type]
    column = {"date": "low_ms" if not descending else "high_ms", "string": "value", "token": "code",
              "quantity": "value"}[param.type]
    aggregate = func.max if descending else func.min
    return (
        select(aggregate(getattr(table, column)))
        .where(col(table.res_type) == number(resource_type), col(table.res_id) == col(r.res_id),
               col(table.param) == number(name))
        .scalar_subquery()
    )


def where_clause(request: SearchRequest, driven: bool = True) -> list[ColumnElement]:
    """driven=False probes every criterion per resource, in storage order: the better plan for a
    page of a broad search without a sort, where the first rows read soon fill the page."""
    r = ResourceRow
    conditions = [col(r.res_type) == request.resource_type, col(r.deleted) == false()]
    ordered = _ordered(request)
    pair = combined(request) if driven else None
    if pair is not None:  # the code and the window start the query together
        conditions.append(col(r.res_id).in_(select(_combo_rows(request, *pair).c.res_id)))
        ordered = [c for c in ordered if c not in pair]
        driven = False
    conditions += [_criterion_condition(request.resource_type, c, drives=driven and i == 0)
                   for i, c in enumerate(ordered)]
    return conditions


def page_statement(request: SearchRequest, broad: bool = False, among: list[str] | None = None,
                   by_id: bool = False) -> Select:
    """One page of matches; `broad` when they are known to be many (more than the total limit);
    `among`: the ids of all the matches, when already read (a few: the search is not run again).
    Without a sort the pages follow storage order, or with `by_id` the ids' order: a broad page
    is then found by walking the resources' (type, id) index, which PostgreSQL merges with the
    index rows of the criteria (the owner indexes and the driver's rows sorted by id) instead of
    probing them once per resource (docs/decisions.md, Intake 51)."""
    r = ResourceRow
    order = []
    for name, descending in request.sort:
        key = _sort_key(request.resource_type, name, descending)
        order.append(key.desc().nulls_last() if descending else key.asc().nulls_last())
    # A total order, so that pages never overlap or skip: (type, id) is unique.
    order.append(col(r.res_id) if by_id and not request.sort else col(r.pk))
    if among is not None:
        conditions = [col(r.res_type) == request.resource_type, col(r.deleted) == false(), col(r.res_id).in_(among)]
    else:
        conditions = where_clause(request, driven=not (broad and not request.sort))
    return select(col(r.res_id), col(r.content)).where(*conditions).order_by(*order).limit(request.count).offset(request.offset)


def _ordered(request: SearchRequest) -> list[Criterion]:
    # :missing tells little apart (most resources have a value, or most have none): it never drives.
    return sorted(request.criteria, key=lambda c: (c is not request.driver, c.presence, c.param.name != "_id",
                                                   _SELECTIVITY[c.param.type]))


def driver_candidates(request: SearchRequest) -> list[Criterion]:
    """The criteria worth counting before choosing where a query starts: the likeliest by
    parameter type, and any date window bounded on both sides, which may hold far fewer rows
    (code=X&date=ge2019-01&date=lt2019-03) or far more."""
    ordered = _ordered(request)
    if len(ordered) < 2 or any(_on_resources(c) or c.negated or c.presence for c in ordered) or combined(request):
        return []
    windows = [c for c in ordered[1:] if c.param.type == "date" and None not in window(c)]
    return [ordered[0], *windows] if windows else []


def bounded_count_statement(request: SearchRequest, criterion: Criterion, limit: int) -> Select:
    """About how many index rows one criterion matches, counting no further than `limit`: a
    date window counts its points only, one range of the window index (an OR of both kinds
    would make the planner scan the table in hope of an early stop)."""
    return select(func.count()).select_from(criterion_rows_statement(request, criterion).limit(limit).subquery())


def criterion_rows_statement(request: SearchRequest, criterion: Criterion) -> Select:
    """The index rows a driver candidate counts (bounded_count_statement); unbounded, for the
    database's estimate of how many there are when counting could not tell them apart."""
    table = INDEX_TABLES[criterion.param.type]
    if criterion.param.type == "date":  # table is DateIndex
        low, high = window(criterion)
        assert low is not None and high is not None  # driver_candidates counts bounded windows only
        matches = and_(param_filter(DateIndex, criterion.param), col(DateIndex.point) == true(),
                       col(DateIndex.low_ms) > low - POINT_MS, col(DateIndex.low_ms) < high)
    else:
        matches = predicates.matches(criterion, table)
    return select(col(table.res_id)).where(col(table.res_type) == number(request.resource_type), matches)


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
    if (not ordered or any(_on_resources(c) for c in ordered) or ordered[0].negated
            or (distinct and len(ordered) == 1 and ordered[0].param.type in RANGE_TYPES)):
        # A lone range criterion, counted: an IN list over its index removes duplicate rows more
        # cheaply than DISTINCT, which SQLite would answer by reading a whole owner index in order.
        # Not for the first ids (distinct=False): PostgreSQL hashed every match of the IN list
        # before the limit could stop it (126 ms for value-quantity=gt14.5 at 1,000,000).
        return select(col(ResourceRow.res_id)).where(*where_clause(request))
    pair = combined(request)
    if pair is not None:  # the code and the window in one range of the combined index
        rows, conditions = _combo_rows(request, *pair), []
        others = [c for c in ordered if c not in pair]
    else:
        driver, others = ordered[0], ordered[1:]
        rows, conditions = _driver_rows(request, driver)
    ids = select(rows.c.res_id)
    for criterion in others:
        other = table_of(INDEX_TABLES[criterion.param.type]).alias()
        matches = and_(other.c.res_type == number(t), other.c.res_id == rows.c.res_id,
                       predicates.matches(criterion, other.c))
        if criterion.negated:
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
    window_driven = (request.driver is not None and request.driver.param.type == "date") or combined(request) is not None
    joins = dialect == "sqlite" and not distinct and not window_driven
    return _matching_ids(request, distinct, joins).limit(limit + 1)


def narrowable_code(criterion: Criterion) -> str | None:
    """The code of a plain token criterion that names no system (code=X), the kind that a
    system can narrow (systems_statement); None for any other."""
    if (criterion.param.type != "token" or criterion.modifier or criterion.also or len(criterion.values) != 1
            or "|" in criterion.values[0]):
        return None
    return criterion.values[0]


def systems_statement(request: SearchRequest, criterion: Criterion, code: str) -> Select:
    """The lowest and the highest system of a code's index rows, and whether a row has none:
    three index probes. When they show one system, code=X reads as system|X, whose rows the
    token index keeps in resource order, so that counting them removes repeated ids as it reads
    instead of hashing them all (166,000 ids for one code at 1,000,000 Observations)."""
    def rows(*more: ColumnElement) -> list[ColumnElement]:
        return [col(TokenIndex.res_type) == number(request.resource_type), param_filter(TokenIndex, criterion.param),
                col(TokenIndex.code) == code, *more]
    return select(select(func.min(TokenIndex.system)).where(*rows()).scalar_subquery(),
                  select(func.max(TokenIndex.system)).where(*rows()).scalar_subquery(),
                  exists().where(*rows(col(TokenIndex.system).is_(None))))


def _one_row_each(request: SearchRequest) -> bool:
    """Whether the matches are index rows of which each resource has at most one: a lone
    `system|code` token criterion (the lookup index is unique; migration 0005). A NULL system
    is not held unique by the index, so `|code` and `code` are not among them."""
    if len(request.criteria) != 1:
        return False
    criterion = request.criteria[0]
    if (criterion.param.type != "token" or criterion.modifier or criterion.also or len(criterion.values) != 1
            or _on_resources(criterion)):
        return False
    system, bar, code = criterion.values[0].partition("|")
    return bool(bar and system and code)


def count_statement(request: SearchRequest) -> Select:
    """COUNT of the matches. Of a lone system|code, COUNT of its index entries: they are unique
    per resource, so no repeated ids are to be removed (166,000 for one code at 1,000,000)."""
    if _one_row_each(request):
        criterion = request.criteria[0]
        return select(func.count()).select_from(TokenIndex).where(
            col(TokenIndex.res_type) == number(request.resource_type), predicates.matches(criterion, TokenIndex))
    return select(func.count()).select_from(_matching_ids(request).subquery())


def counted_key(request: SearchRequest) -> CountKey | None:
    """The key of the kept counts (storage/counts.py) whose sum is the number of matches, when
    there is one: a lone plain token criterion of a counted parameter with one value, `code`
    (any system), `|code` (no system) or `system|code`. None for anything else (modifiers, several
    values or criteria, `system|` alone), which count_statement counts from the index."""
    if len(request.criteria) != 1:
        return None
    criterion = request.criteria[0]
    if (criterion.param.type != "token" or criterion.modifier or criterion.also or len(criterion.values) != 1
            or (request.resource_type, criterion.param.name) not in counted()):
        return None
    system, bar, code = criterion.values[0].partition("|")
    if not bar:
        return request.resource_type, criterion.param.name, None, system, True
    if not code:
        return None
    return request.resource_type, criterion.param.name, system or None, code, False

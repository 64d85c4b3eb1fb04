"""Date search ([prefix]date, dateTime or instant): on the date index, where every value is an
interval [low, high) of epoch milliseconds; the conditions follow the FHIR prefixes' definitions
on intervals. A criterion's window (`window`) bounds the index range a query reads."""

from sqlalchemy import ColumnElement, and_, false, not_, or_, true

from services.intake.fhir.dates import DateFormatError, date_range
from services.intake.search.parsing import Criterion, invalid, prefixed
from services.intake.storage.models import POINT_MS


def condition(criterion: Criterion, table, value: str) -> ColumnElement:
    prefix, text = prefixed(value)
    return interval_condition(prefix, text, table.low_ms, table.high_ms)


def interval_condition(prefix: str, value: str, low, high) -> ColumnElement:
    try:
        p_low, p_high = date_range(value)
    except DateFormatError as exc:
        raise invalid(str(exc)) from None
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


def _bounds(prefix: str, value: str) -> tuple[int | None, int | None]:
    """(L, U): every interval [low, high) matching `prefix value` has high > L and low < U
    (None: no such bound). Implied by interval_condition; used to narrow the index range read."""
    try:
        p_low, p_high = date_range(value)
    except DateFormatError:
        return None, None  # reported as a 400 when the condition itself is built
    return {
        "eq": (p_low, p_high), "ap": (p_low, p_high), "ge": (p_low, None), "gt": (p_high, None),
        "sa": (p_high, None), "le": (None, p_high), "lt": (None, p_low), "eb": (None, p_low),
    }.get(prefix, (None, None))


def window(criterion: Criterion) -> tuple[int | None, int | None]:
    """The bounds every match of a date criterion keeps: the loosest of ORed values, the
    tightest of ANDed ones."""
    if criterion.presence:  # :missing bounds nothing
        return None, None
    lows: list[int] = []
    highs: list[int] = []
    for group in criterion.groups:
        bounds = [_bounds(*prefixed(v)) for v in group]
        group_lows = [low for low, _ in bounds if low is not None]
        group_highs = [high for _, high in bounds if high is not None]
        if len(group_lows) == len(bounds):  # every value bounded below
            lows.append(min(group_lows))
        if len(group_highs) == len(bounds):
            highs.append(max(group_highs))
    return (max(lows) if lows else None), (min(highs) if highs else None)


def window_branches(table, low: int | None, high: int | None) -> tuple[ColumnElement, ColumnElement] | None:
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

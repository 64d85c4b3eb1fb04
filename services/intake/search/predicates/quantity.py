"""Quantity search ([prefix]number, optionally |system|code or ||code): on the quantity index."""

from decimal import Decimal, InvalidOperation

from sqlalchemy import ColumnElement, and_, or_

from services.intake.search.parsing import Criterion, invalid, prefixed


def condition(criterion: Criterion, table, value: str) -> ColumnElement:
    number, _, unit = value.partition("|")
    prefix, text = prefixed(number)
    result = number_condition(prefix, text, table.value)
    if unit:
        system, _, code = unit.partition("|")
        if not code:  # number|code is not valid; number||code is
            raise invalid(f"Quantity '{value}' must be [prefix]number|system|code or number||code")
        result = and_(result, table.code == code)
        if system:
            result = and_(result, table.system == system)
    return result


def number_condition(prefix: str, text: str, column) -> ColumnElement:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise invalid(f"'{text}' is not a number") from None
    if not number.is_finite():
        raise invalid(f"'{text}' is not a finite number")
    # Precision is implied by the digits given: 5.4 means [5.35, 5.45).
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number's exponent
    half = Decimal(5) * Decimal(10) ** (exponent - 1)
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

"""Token search (code, system|code, |code, system|): on the token index."""

from sqlalchemy import ColumnElement, and_

from services.intake.search.parsing import Criterion


def condition(criterion: Criterion, table, value: str) -> ColumnElement:
    if "|" not in value:
        return table.code == value
    system, code = value.split("|", 1)
    if system == "":
        return and_(table.system.is_(None), table.code == code)
    if code == "":
        return table.system == system
    return and_(table.system == system, table.code == code)

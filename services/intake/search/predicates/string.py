"""String search: starts with (case and accents folded), :contains, :exact; on the string index."""

from sqlalchemy import ColumnElement

from services.intake.search.parsing import Criterion
from services.intake.storage.indexing import normalize_string


def condition(criterion: Criterion, table, value: str) -> ColumnElement:
    if criterion.modifier == "exact":
        return table.exact == value
    pattern = _like_escape(normalize_string(value))
    if criterion.modifier == "contains":
        return table.value.like(f"%{pattern}%", escape="\\")
    return table.value.like(f"{pattern}%", escape="\\")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

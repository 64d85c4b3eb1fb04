"""Reference search (Type/id, an absolute URL, or an id with an optional :Type modifier): on the
reference index, which holds each reference's target type and id."""

from sqlalchemy import ColumnElement, and_

from services.intake.fhir.elements import ABSOLUTE_REFERENCE, ID_PATTERN, RELATIVE_REFERENCE
from services.intake.search.parsing import Criterion, invalid
from services.intake.storage.names import number


def condition(criterion: Criterion, table, value: str) -> ColumnElement:
    param, modifier = criterion.param, criterion.modifier
    match = RELATIVE_REFERENCE.match(value) or ABSOLUTE_REFERENCE.match(value)
    if match:
        target_type, target_id = match["type"], match["id"]
        if modifier and modifier != target_type:
            raise invalid(f"{param.name}:{modifier}={value} names two different types")
    elif ID_PATTERN.match(value):
        target_type, target_id = modifier, value
    else:
        raise invalid(f"'{value}' is not a reference (Type/id or id)")
    same_target = table.target_id == target_id
    return and_(same_target, table.target_type == number(target_type)) if target_type else same_target

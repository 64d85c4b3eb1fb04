"""Predicates per search parameter type, as HAPI FHIR's predicate builders: each module turns one
value of a criterion into a condition on its index table (`condition(criterion, table, value)`);
`matches` combines them into the index rows a whole criterion matches."""

from sqlalchemy import ColumnElement, and_, or_

from services.intake.search.parsing import Criterion
from services.intake.search.predicates import date, quantity, reference, string, token
from services.intake.storage.indexing import param_filter

CONDITIONS = {"token": token.condition, "string": string.condition, "date": date.condition,
              "reference": reference.condition, "quantity": quantity.condition}


def value_condition(criterion: Criterion, table, value: str) -> ColumnElement:
    return CONDITIONS[criterion.param.type](criterion, table, value)


def matches(criterion: Criterion, table) -> ColumnElement:
    """The index rows of one criterion (its :not aside): its parameter, and any of its values;
    for :missing, every row of its parameter (the planner asks whether there is one)."""
    conditions = [param_filter(table, criterion.param)]
    if criterion.presence:
        return and_(*conditions)
    conditions += [or_(*(value_condition(criterion, table, v) for v in group)) for group in criterion.groups]
    branches = date.window_branches(table, *date.window(criterion)) if criterion.param.type == "date" else None
    if branches is not None:
        conditions.append(or_(*branches))
    return and_(*conditions)

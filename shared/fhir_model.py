"""Checking a FHIR JSON resource against the fhir.resources R4B models (R4 JSON)."""

import decimal
import types
import typing
from functools import cache
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from shared.errors import Issue

UNKNOWN_ELEMENT = "Unknown element"  # how an element the model does not define is reported


def _location(resource_type: str, loc: tuple) -> str:
    path = resource_type
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def model_issues(body: dict, resource_type: str, prefix: str = "", json_types: bool = True) -> list[Issue]:
    """What the fhir.resources model finds wrong: datatypes, cardinality, unknown elements.
    `json_types=False` when the caller checks the JSON types of primitives itself (intake's R4 layer)."""
    issues = json_type_issues(body, resource_type, prefix) if json_types else []
    reported = {issue.expression for issue in issues}
    try:
        get_fhir_model_class(resource_type).model_validate(body)
    except ValidationError as exc:
        for err in exc.errors():
            location = _location(resource_type, err["loc"])
            unknown = err["type"] == "extra_forbidden"
            if (location,) in reported:  # a JSON type already named, which the model then could not read
                continue
            issues.append(Issue(
                "structure" if unknown else "value",
                f"{prefix}{location}: {UNKNOWN_ELEMENT if unknown else err['msg']}",
                expression=(location,),
            ))
    # AttributeError: fhir_core's url type calls .startswith on what it was given, a boolean too
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # an unknown type, or a contained resource of one
        issues.append(Issue("structure", f"{prefix}Cannot parse the resource: {exc}", expression=(resource_type,)))
    return issues


# --- JSON types of primitives ------------------------------------------------------------------
# The models coerce in lax mode ("true" becomes True, "5.4" a Decimal), so they cannot tell a
# string from the boolean or number FHIR JSON requires. This walk checks the JSON type of every
# boolean, integer (integer, positiveInt, unsignedInt) and decimal element, in every datatype and
# contained resource, against the same models' field types.

_BOOLEAN, _INTEGER, _DECIMAL = "boolean", "integer", "decimal"
_JSON_TYPE_NAMES = {_BOOLEAN: "true or false", _INTEGER: "a JSON number without a fraction or exponent",
                    _DECIMAL: "a JSON number", "string": "a JSON string"}
_RESOURCE = object()  # a field that holds a whole resource (contained, Bundle.entry.resource)


def _base_type(annotation: Any) -> Any:
    """The element type below Optional, List and Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType, list, typing.List):  # noqa: UP006
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        else:
            return annotation


@cache
def _element_kinds(model: Any) -> dict[str, Any]:
    """JSON key -> "boolean" | "integer" | "decimal" | a nested model class | _RESOURCE, for the
    elements of one model whose JSON type the walk checks or descends into."""
    kinds: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        base = _base_type(field.annotation)
        if base is bool:
            kinds[key] = _BOOLEAN
        elif base is int:
            kinds[key] = _INTEGER
        elif base is decimal.Decimal:
            kinds[key] = _DECIMAL
        elif isinstance(base, type) and base.__name__ == "ResourceType":
            kinds[key] = _RESOURCE
        elif isinstance(base, type) and hasattr(base, "get_model_klass"):
            kinds[key] = base  # resolved lazily: the datatypes refer to each other
    return kinds


def _model_of(kind: Any) -> type | None:
    try:
        return kind.get_model_klass()
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def _json_type_ok(kind: str, value: Any) -> bool:
    if kind == _BOOLEAN:
        return value is True or value is False
    if kind == _INTEGER:
        return type(value) is int
    return type(value) in (int, float, decimal.Decimal)  # a decimal: any JSON number


def json_type_issues(body: Any, resource_type: str, prefix: str = "", location: str | None = None) -> list[Issue]:
    """Booleans, integers and decimals that are not of their JSON type, e.g. `"active": "true"`.
    `location`: where the resource is (a contained one), when not at the root."""
    issues: list[Issue] = []
    try:
        root = get_fhir_model_class(resource_type)
    except (KeyError, TypeError, ValueError):
        return issues
    stack: list[tuple[Any, type, str]] = [(body, root, location or resource_type)]
    while stack:
        node, model, location = stack.pop()
        if not isinstance(node, dict):
            continue
        kinds = _element_kinds(model)
        for key, value in node.items():
            kind = kinds.get(key)
            if kind is None:
                continue
            where = f"{location}.{key}"
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                here = where if index is None else f"{where}[{index}]"
                if isinstance(kind, str):
                    if item is not None and not _json_type_ok(kind, item):
                        issues.append(json_type_issue(kind, item, here, prefix))
                elif kind is _RESOURCE:
                    inner_type = item.get("resourceType") if isinstance(item, dict) else None
                    try:
                        inner = get_fhir_model_class(inner_type) if isinstance(inner_type, str) else None
                    except (KeyError, TypeError, ValueError):
                        inner = None
                    if inner is not None:
                        stack.append((item, inner, here))
                elif isinstance(item, dict):
                    nested = _model_of(kind)
                    if nested is not None:
                        stack.append((item, nested, here))
    return sorted(issues, key=lambda i: i.expression)


def json_type_issue(kind: str, value: Any, location: str, prefix: str = "", type_name: str = "") -> Issue:
    """A primitive of `kind` (boolean, integer, decimal, string) written as the wrong JSON type;
    `type_name`: the FHIR type, when not `kind` itself (dateTime is written as a string)."""
    return Issue("structure", f"{prefix}{location}: a FHIR {type_name or kind} is written in JSON as "
                 f"{_JSON_TYPE_NAMES[kind]}, not {_json_name(value)}", expression=(location,))


def _json_name(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if value is True or value is False:
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, dict | list):
        return "an object" if isinstance(value, dict) else "an array"
    return f"the number {value}"

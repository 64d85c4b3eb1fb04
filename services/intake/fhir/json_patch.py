"""JSON Patch (RFC 6902) applied to a resource, for the FHIR PATCH interaction.

A patch that cannot be applied (malformed, a path that does not exist, a failed `test`) is a 400
whose issue names the operation; whether the patched resource is valid FHIR is the update's
question, not this module's.
"""

import copy
from decimal import Decimal
from typing import Any

from shared.errors import FHIRError

OPERATIONS = ("add", "remove", "replace", "move", "copy", "test")


def _bad(index: int, message: str) -> FHIRError:
    return FHIRError.of(400, "invalid", f"JSON Patch operation {index}: {message}")


def _pointer(index: int, text: Any, member: str) -> list[str]:
    """RFC 6901: '' is the whole document, '/a/b' its tokens, ~1 for '/' and ~0 for '~'."""
    if not isinstance(text, str):
        raise _bad(index, f"'{member}' must be a JSON Pointer string")
    if text == "":
        return []
    if not text.startswith("/"):
        raise _bad(index, f"'{member}' {text!r} is not a JSON Pointer (it must start with '/')")
    return [token.replace("~1", "/").replace("~0", "~") for token in text[1:].split("/")]


def _array_index(index: int, container: list, token: str, for_add: bool) -> int:
    if token == "-" and for_add:
        return len(container)
    if not token.isascii() or not token.isdigit() or (token != "0" and token.startswith("0")):
        raise _bad(index, f"'{token}' is not an array index")
    position = int(token)
    if position > len(container) or (position == len(container) and not for_add):
        raise _bad(index, f"array index {position} is out of range (the array has {len(container)} items)")
    return position


def _parent(index: int, document: Any, tokens: list[str], path: str) -> Any:
    target = document
    for token in tokens[:-1]:
        if isinstance(target, dict) and token in target:
            target = target[token]
        elif isinstance(target, list):
            target = target[_array_index(index, target, token, for_add=False)]
        else:
            raise _bad(index, f"path {path} does not exist")
    return target


def _get(index: int, document: Any, tokens: list[str], path: str) -> Any:
    if not tokens:
        return document
    parent, last = _parent(index, document, tokens, path), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _bad(index, f"path {path} does not exist")
        return parent[last]
    if isinstance(parent, list):
        return parent[_array_index(index, parent, last, for_add=False)]
    raise _bad(index, f"path {path} does not exist")


def _add(index: int, document: Any, tokens: list[str], value: Any, path: str) -> Any:
    if not tokens:
        return value
    parent, last = _parent(index, document, tokens, path), tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_array_index(index, parent, last, for_add=True), value)
    else:
        raise _bad(index, f"the parent of {path} is neither an object nor an array")
    return document


def _remove(index: int, document: Any, tokens: list[str], path: str) -> Any:
    if not tokens:
        raise _bad(index, "cannot remove the whole resource")
    parent, last = _parent(index, document, tokens, path), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _bad(index, f"path {path} does not exist")
        return parent.pop(last)
    if isinstance(parent, list):
        return parent.pop(_array_index(index, parent, last, for_add=False))
    raise _bad(index, f"path {path} does not exist")


def _equal(a: Any, b: Any) -> bool:
    """RFC 6902 4.6: numbers by value, objects without regard to order, arrays item by item;
    a boolean is not the number 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        return a == b
    return type(a) is type(b) and a == b


def apply_patch(document: dict, patch: Any) -> Any:
    """The document with every operation applied, in order; the document given is left as it was."""
    if not isinstance(patch, list):
        raise FHIRError.of(400, "invalid", "A JSON Patch document is a JSON array of operations")
    result: Any = copy.deepcopy(document)
    for index, operation in enumerate(patch):
        if not isinstance(operation, dict):
            raise _bad(index, "must be a JSON object")
        op = operation.get("op")
        if op not in OPERATIONS:
            raise _bad(index, f"'op' must be one of {', '.join(OPERATIONS)}, not {op!r}")
        tokens = _pointer(index, operation.get("path"), "path")
        path = str(operation["path"])  # a string: _pointer checked it
        if op in ("add", "replace", "test") and "value" not in operation:
            raise _bad(index, f"'{op}' needs a 'value'")
        value = copy.deepcopy(operation.get("value"))
        match op:
            case "add":
                result = _add(index, result, tokens, value, path)
            case "remove":
                _remove(index, result, tokens, path)
            case "replace":
                _get(index, result, tokens, path)  # must exist
                if tokens:
                    _remove(index, result, tokens, path)
                result = _add(index, result, tokens, value, path)
            case "test":
                if not _equal(_get(index, result, tokens, path), value):
                    raise FHIRError.of(400, "invalid", f"JSON Patch operation {index}: test failed, {path} does not "
                                       "hold the given value")
            case "move" | "copy":
                source = _pointer(index, operation.get("from"), "from")
                origin = str(operation["from"])
                if op == "move" and tokens[:len(source)] == source and len(tokens) > len(source):
                    raise _bad(index, "cannot move a value into itself")
                moved = copy.deepcopy(_get(index, result, source, origin))
                if op == "move":
                    _remove(index, result, source, origin)
                result = _add(index, result, tokens, moved, path)
    return result

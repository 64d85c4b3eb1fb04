"""Walking FHIR JSON by element path, lists included (a tiny subset of FHIRPath)."""

import re
from functools import cache
from typing import Any

# Type/id or Type/id/_history/vid, relative to this server's base.
RELATIVE_REFERENCE = re.compile(
    r"^(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/(?P<version>[A-Za-z0-9\-.]{1,64}))?$"
)
ABSOLUTE_REFERENCE = re.compile(
    r"^(?P<base>https?://\S+?)/(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/[A-Za-z0-9\-.]{1,64})?$"
)
ID_PATTERN = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def values_at(node: Any, path: str) -> list[Any]:
    """The values at a dotted path below `node`, flattening lists on the way."""
    current = node if isinstance(node, list) else [node]
    for step in _steps(path):
        found: list[Any] = []
        for item in current:
            if isinstance(item, dict) and step in item:
                value = item[step]
                found.extend(value if isinstance(value, list) else [value])
        if not found:
            return found
        current = found
    return current


@cache
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split(".")) if path else ()


def scan(resource: dict, resource_type: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, dict]]]:
    """One pass over a resource, since ingest speed depends on it.

    Returns the empty values FHIR JSON forbids, as (location, what), and every Reference
    as (element path, indexed location, the Reference dict, which callers may rewrite).
    References inside contained resources are not collected: they belong to those resources.
    """
    empties: list[tuple[str, str]] = []
    references: list[tuple[str, str, dict]] = []
    stack: list[tuple[Any, str, str, bool]] = [(resource, resource_type, resource_type, True)]
    pop, push = stack.pop, stack.append
    # Most values are strings, so they are tested first, by exact type; `not v or v.isspace()` is
    # `not v.strip()` without building the stripped copy. Parsed JSON holds exact dicts and lists,
    # but a subclass takes the slower tests below.
    while stack:
        node, path, location, collect = pop()
        if isinstance(node, dict):
            if not node:
                empties.append((location, "Empty objects"))
                continue
            if collect and isinstance(node.get("reference"), str):
                references.append((path, location, node))
            for key, value in node.items():
                if type(value) is str:
                    if not value or value.isspace():
                        empties.append((f"{location}.{key}", "Empty or blank strings"))
                elif isinstance(value, (dict, list)):
                    inner = collect and not (key == "contained" and path == resource_type)
                    push((value, f"{path}.{key}", f"{location}.{key}", inner))
                elif value is None:
                    empties.append((f"{location}.{key}", "null"))
                elif isinstance(value, str) and not value.strip():
                    empties.append((f"{location}.{key}", "Empty or blank strings"))
        else:
            if not node:
                empties.append((location, "Empty arrays"))
            for index, item in enumerate(node):
                if type(item) is str:
                    if not item or item.isspace():
                        empties.append((f"{location}[{index}]", "Empty or blank strings"))
                elif isinstance(item, (dict, list)):
                    push((item, path, f"{location}[{index}]", collect))
                elif isinstance(item, str) and not item.strip():
                    empties.append((f"{location}[{index}]", "Empty or blank strings"))
    return empties, references

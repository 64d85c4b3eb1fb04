"""Walking FHIR JSON by element path, lists included (a tiny subset of FHIRPath)."""

import re
from collections.abc import Iterator
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
    for step in path.split(".") if path else ():
        found: list[Any] = []
        for item in current:
            if isinstance(item, dict) and step in item:
                value = item[step]
                found.extend(value if isinstance(value, list) else [value])
        current = found
    return current


def iter_references(resource: dict, resource_type: str) -> Iterator[tuple[str, str, dict]]:
    """Every Reference in a resource as (element path, indexed location, the Reference dict).

    Contained resources are skipped: their references are walked with their own type.
    """

    def walk(node: Any, path: str, location: str) -> Iterator[tuple[str, str, dict]]:
        if isinstance(node, dict):
            if isinstance(node.get("reference"), str):
                yield path, location, node
            for key, value in node.items():
                if key == "contained" and path == resource_type:
                    continue
                yield from walk(value, f"{path}.{key}", f"{location}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, path, f"{location}[{i}]")

    yield from walk(resource, resource_type, resource_type)

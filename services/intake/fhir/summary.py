"""`_summary` and `_elements`: a resource cut down to part of its elements, as the R4 search
specification defines them (3.1.1.5.7-8), and tagged SUBSETTED.

Which elements are summary elements and which are mandatory comes from the R4 definitions
(definitions/summary_elements.json, derived by scripts/derive_summary_elements.py).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shared.errors import FHIRError

_DEFINITIONS = Path(__file__).parent.parent / "definitions" / "summary_elements.json"
SUBSETTED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED",
             "display": "subsetted"}
SUMMARY_MODES = ("true", "text", "data", "count", "false")
ALWAYS = ("resourceType", "id", "meta")


@cache
def _levels() -> dict[str, dict]:
    with open(_DEFINITIONS, encoding="utf-8") as f:
        return json.load(f)["types"]


@dataclass(frozen=True)
class Subset:
    """What to keep of each resource: a summary mode (true | text | data), or top-level elements."""

    summary: str | None = None
    elements: frozenset[str] | None = None

    def apply(self, resource: dict) -> dict:
        """A subsetted copy of `resource` (the stored one is never changed), tagged SUBSETTED."""
        level = _levels().get(resource.get("resourceType", ""))
        if level is None:  # a type the definitions do not know (none today): whole, as stored
            return resource
        if self.summary == "true":
            kept = _summarized(resource, level)
        elif self.summary == "text":
            kept = _top_level(resource, level, {"text"})
        elif self.summary == "data":
            kept = {k: v for k, v in resource.items() if k not in ("text", "_text")}
        else:
            assert self.elements is not None
            kept = _top_level(resource, level, _element_names(self.elements, resource["resourceType"], level))
        return _tagged(kept)


def parse_subset(pairs: list[tuple[str, str]], resource_type: str, allow_count: bool) -> Subset | None:
    """The subset asked for by `_summary` / `_elements` (None: the whole resource), or a 400."""
    summaries = [v for k, v in pairs if k == "_summary"]
    elements = [v for k, v in pairs if k == "_elements"]
    if len(summaries) > 1 or len(elements) > 1:
        raise FHIRError.of(400, "invalid", "_summary and _elements may each be given once")
    summary = summaries[0] if summaries else None
    if summary is not None and summary not in SUMMARY_MODES:
        raise FHIRError.of(400, "invalid", f"_summary must be one of {', '.join(SUMMARY_MODES)}, not '{summary}'")
    if summary == "count" and not allow_count:
        raise FHIRError.of(400, "invalid", "_summary=count applies to searches only")
    if elements and summary not in (None, "false"):
        raise FHIRError.of(400, "invalid", "_elements cannot be combined with _summary (other than false); use one")
    if elements:
        names = frozenset(n.strip() for n in elements[0].split(",") if n.strip())
        if not names:
            raise FHIRError.of(400, "invalid", "_elements names no element")
        return Subset(elements=names)
    if summary in ("true", "text", "data"):
        return Subset(summary=summary)
    return None


def _element_names(names: frozenset[str], resource_type: str, level: dict) -> set[str]:
    """The JSON names `_elements` asks for: `name` or `Type.name`; a choice element by its base
    name (`value` is valueQuantity, valueString, ...) or by one of its JSON names."""
    wanted = set()
    for name in names:
        if "." in name:
            prefix, _, name = name.partition(".")
            if prefix not in (resource_type, "*") or "." in name:
                continue  # another type's element, or a nested path: top-level elements only (R4)
        wanted.add(name)
    known = _known_names(level)
    for name in list(wanted):
        wanted |= {k for k in known if k.startswith(name) and k[len(name):len(name) + 1].isupper()}
    return wanted


def _known_names(level: dict) -> set[str]:
    return {*level["summary"], *level["mandatory"], *level.get("children", {}), *level.get("attachments", ())}


def _top_level(resource: dict, level: dict, extra: set[str]) -> dict:
    """The elements asked for, the mandatory ones and id/meta, with their primitive extensions."""
    keep = {*ALWAYS, *level["mandatory"], "modifierExtension", "implicitRules", *extra}
    return {k: v for k, v in resource.items() if k in keep or (k.startswith("_") and k[1:] in keep)}


def _summarized(value: dict, level: dict) -> dict:
    """The summary elements (and mandatory ones) of a resource or backbone element, recursively;
    a datatype keeps every element but Attachment.data."""
    keep = {*ALWAYS, *level["summary"], *level["mandatory"]}
    children, attachments = level.get("children", {}), set(level.get("attachments", ()))
    result: dict[str, Any] = {}
    for key, item in value.items():
        name = key[1:] if key.startswith("_") else key
        if name not in keep:
            continue
        if key in children:
            item = _each(item, lambda v, sub=children[key]: _summarized(v, sub))
        elif key in attachments:
            item = _each(item, lambda v: {k: x for k, x in v.items() if k not in ("data", "_data")})
        result[key] = item
    return result


def _each(item: Any, change) -> Any:
    if isinstance(item, list):
        return [change(v) if isinstance(v, dict) else v for v in item]
    return change(item) if isinstance(item, dict) else item


def _tagged(resource: dict) -> dict:
    meta = dict(resource.get("meta") or {})
    tags = list(meta.get("tag", []))
    if not any(t.get("system") == SUBSETTED["system"] and t.get("code") == "SUBSETTED" for t in tags):
        tags.append(SUBSETTED)
    meta["tag"] = tags
    return {**resource, "meta": meta}

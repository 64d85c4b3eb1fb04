"""What a FHIR request needs of the caller's scopes: the one rule for single requests and for
each entry of a transaction or batch alike (decisions Security 1 and 14).

A request is described as it arrives, before anything runs: method, the path below the FHIR base
(`Patient/123/_history/2`), its query or form parameters, its If-None-Exist query and its
resource as parsed. The answer is every (resource type, interaction) it would perform, the
types an `_include` or `_revinclude` may add, the searches an If-None-Exist or a conditional
reference make, and nothing that depends on what happens to be stored (a check that depends on
the data would itself tell the data).
"""

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES, search_parameters
from shared.fhir_json import dumps

Need = tuple[str, str]  # (resource type, interaction: create | read | update | delete | search)
_WRITES = {"POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete"}
_ABSOLUTE = ("http:", "https:", "urn:")


def needs(method: str, path: str, pairs: Sequence[tuple[str, str]] = (), if_none_exist: str | None = None,
          resource: Any = None) -> set[Need]:
    """Everything a request would do, as (type, interaction). `path` is relative to the FHIR base,
    without a query; malformed requests need what their shape suggests, and are refused later by
    the code that serves them."""
    parts = [p for p in path.strip("/").split("/") if p]
    found: set[Need] = set()
    if not parts or parts[0] == "_history":  # the system history reads every type
        return {(t, "search") for t in SUPPORTED_TYPES} if parts else found
    resource_type, rest = parts[0], parts[1:]
    if method in ("GET", "HEAD") or rest[-1:] == ["_search"]:
        if not rest or rest == ["_search"] or rest == ["_history"]:
            found.add((resource_type, "search"))
            found |= _include_needs(resource_type, pairs)
        else:  # read, vread, instance history
            found.add((resource_type, "read"))
    elif rest[-1:] == ["$validate"]:  # as the create or update it tries out
        found.add((resource_type, "create" if len(rest) == 1 else "update"))
    elif method in _WRITES:
        found.add((resource_type, _WRITES[method]))
        if pairs and method != "POST" and not rest:  # a conditional update or delete (Type?query) searches
            found.add((resource_type, "search"))
    if if_none_exist:
        found.add((resource_type, "search"))
    found |= {(t, "search") for t in conditional_reference_types(resource)}
    return found


# A resource's JSON text by its entry's index, with the very dict it was written from: made by the
# scope check for its `?` test and reused as the validation worker's text (one serialisation less).
ResourceTexts = dict[int, tuple[Any, bytes]]


def bundle_needs(bundle: Any, texts: ResourceTexts | None = None) -> set[Need]:
    """What every entry of a transaction or batch needs, each as if sent alone. Each resource's
    JSON text, made for the `?` test, is kept in `texts` when given."""
    found: set[Need] = set()
    shapes: set[tuple[str, str, str | None]] = set()
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        request = entry.get("request") if isinstance(entry, dict) else None
        if not isinstance(request, dict) or not isinstance(request.get("url"), str):
            continue  # the processor says what is wrong with it
        if_none_exist = request.get("ifNoneExist")
        shape = (str(request.get("method")), request["url"], if_none_exist if isinstance(if_none_exist, str) else None)
        if shape not in shapes:  # what the request asks is its shape's: worked out once per shape (1000
            shapes.add(shape)  # POST Observation entries are one), what its resource's references ask per entry
            path, _, query = shape[1].partition("?")
            found |= needs(shape[0], path, parse_qsl(query, keep_blank_values=True), shape[2])
        resource = entry.get("resource")
        text = _json_text(resource)
        if texts is not None and text is not None:
            texts[index] = (resource, text)
        found |= {(t, "search") for t in _conditional_types(resource, text)}
    return found


def _include_needs(resource_type: str, pairs: Sequence[tuple[str, str]]) -> set[Need]:
    """Read of every stored type an _include may add (what it names, or every target of its
    reference), and of the source type of a _revinclude."""
    found: set[Need] = set()
    for key, value in pairs:
        name = key.partition(":")[0]
        source, _, rest = value.partition(":")
        param_name, _, target = rest.partition(":")
        if name == "_include":
            param = search_parameters().get(source, {}).get(param_name)
            targets = (target,) if target else (param.targets if param else ())
            found |= {(t, "read") for t in targets if t in SUPPORTED_TYPES}
        elif name == "_revinclude" and source in SUPPORTED_TYPES:
            found.add((source, "read"))
    return found


def _references(node: Any) -> list[str]:
    """Every Reference.reference anywhere in a parsed resource, contained resources too. Every
    entry of a transaction is walked here before anything runs: plain loops, no generators
    (a third of the time; tests/intake/test_fast_paths.py)."""
    found: list[str] = []
    stack = [node]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if isinstance(item, dict):
            reference = item.get("reference")
            if isinstance(reference, str):
                found.append(reference)
            for value in item.values():
                if isinstance(value, dict | list):
                    push(value)
        elif isinstance(item, list):
            for value in item:
                if isinstance(value, dict | list):
                    push(value)
    return found


def _json_text(node: Any) -> bytes | None:
    """`node`'s JSON text, or None for what is not JSON (walked instead)."""
    try:
        return dumps(node)
    except TypeError:  # orjson.JSONEncodeError too
        return None


def conditional_reference_types(resource: Any) -> set[str]:
    """The types conditional references (`Patient?identifier=...`) in a resource search, decided
    on the parsed JSON, so that no escape hides one."""
    return _conditional_types(resource, _json_text(resource))


def _conditional_types(resource: Any, text: bytes | None) -> set[str]:
    # No `?` in its JSON text (orjson writes `?` as itself, never escaped): no string holds one, so
    # no reference is conditional. A quarter of the walk's time, for every entry of a transaction.
    if text is not None and b"?" not in text:
        return set()
    return {reference.partition("?")[0] for reference in _references(resource)
            if is_conditional(reference) and reference.partition("?")[0] in SUPPORTED_TYPES}


def is_conditional(reference: str) -> bool:
    return "?" in reference and not reference.startswith(_ABSOLUTE)


def unresolvable(resource_type: str) -> str | None:
    """Why conditional references to a type are not resolved, or None when they are. They resolve
    against clinical data only: the audit trail is no search oracle (a client could learn from
    200 or 412 who was audited for what)."""
    if resource_type not in SUPPORTED_TYPES:
        return f"{resource_type} is not a type this server stores"
    if resource_type in READ_ONLY_TYPES:
        return f"{resource_type} records are the server's own and are not searched this way"
    return None

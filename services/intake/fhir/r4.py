"""The R4 layer: a resource checked against the FHIR R4 (4.0.1) definitions themselves (decision Intake 23).

`definitions/r4.json` is derived from the specification's StructureDefinitions
(scripts/generate_r4_definitions.py). One walk over the JSON, with the definition of each element
in hand, finds:
- structure (400): elements R4 does not define (R4B-only names, `fhir_comments`), a single value
  where R4 wants an array or the reverse, missing required elements, primitive values that break
  their type's regex (an id over 64 characters, a space in a uri), `_x` arrays not aligned with `x`;
- rules (422): codes outside a required binding, and every error-severity constraint
  (invariant) of the elements present, evaluated with FHIRPath (fhirpathpy), expressions
  compiled once. Element ids must be unique within a resource.

Speed matters (every ingested resource passes here): a constraint is evaluated only on an element
that is present, not when an element it needs is absent (a guard read from its expression:
`dataAbsentReason.empty() or ...` holds without dataAbsentReason), expressions made of element
presence alone (`low.exists() or high.exists()`) are evaluated in Python, and the few constraints
fhirpathpy cannot evaluate, or that every element carries, are implemented here (NATIVE).
"""

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from fhirpathpy import apply_parsed_path
from fhirpathpy.engine.nodes import ResourceNode
from fhirpathpy.models import models
from fhirpathpy.parser import parse

from services.intake.fhir.compiled import CALENDAR_TYPES, CalendarPattern
from services.intake.fhir.dates import DateFormatError, date_range
from services.intake.fhir.narrative import narrative_problems
from shared.errors import Issue
from shared.fhir_model import json_type_issue, json_type_issues

log = logging.getLogger(__name__)
_NUMBER = (int, float, Decimal)

_DEFINITIONS = Path(__file__).parent.parent / "definitions" / "r4.json"
RESOURCE = "Resource"
# The primitives that are not JSON strings, by the JSON type each needs (the others have a regex).
_JSON_KINDS = {"boolean": "boolean", "integer": "integer", "positiveInt": "integer", "unsignedInt": "integer",
               "decimal": "decimal"}
_NUMERIC_OR_BOOLEAN = frozenset(_JSON_KINDS)

# A constraint is given the element it applies to, the location's base path (for fhirpathpy's
# choice types), %resource and %rootResource, and answers whether it holds.
Check = Callable[[Any, str, dict, dict], bool]


@dataclass(frozen=True, slots=True)
class Constraint:
    key: str
    human: str
    expression: str
    check: Check
    native: bool = False  # implemented here, not by fhirpathpy (the only kind evaluated on primitives)
    guards: tuple[tuple[str, ...], ...] = ()  # JSON keys per element: when none of one group is present, it holds


@dataclass(slots=True)
class Child:
    name: str  # the element's name (a choice's base name)
    key: str  # its JSON key (valueQuantity)
    type: str  # the type code of this key; "" for a backbone element
    many: bool
    primitive: bool
    spec: "PathSpec | None" = None  # children of a complex type or backbone element
    resource: bool = False  # holds a whole resource (contained, Bundle.entry.resource)
    regex: re.Pattern | CalendarPattern | None = None
    json_kind: str = ""  # boolean | integer | decimal: a primitive that is not a JSON string
    codes: frozenset[str] | None = None
    value_set: str = ""
    constraints: tuple[Constraint, ...] = ()
    base: str = ""  # FHIRPath type base for the element's own constraints


@dataclass(slots=True)
class PathSpec:
    path: str
    children: dict[str, Child] = field(default_factory=dict)
    required: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (element name, its JSON keys)
    constraints: tuple[Constraint, ...] = ()
    is_resource: bool = False


class Definitions:
    """The R4 definitions, compiled: every spec, regex and FHIRPath expression built once."""

    def __init__(self, raw: dict) -> None:
        self.version: str = raw["fhirVersion"]
        self._raw_paths: dict[str, dict] = raw["paths"]
        self._regex: dict[str, re.Pattern | CalendarPattern | None] = {
            t: re.compile(r) if r else None for t, r in raw["primitives"].items()}
        for t in CALENDAR_TYPES:  # the regexes take 2021-02-29; the day must exist
            pattern = self._regex.get(t)
            if isinstance(pattern, re.Pattern):
                self._regex[t] = CalendarPattern(pattern)
        self.specs: dict[str, PathSpec] = {}
        for path in self._raw_paths:
            self.specs[path] = PathSpec(path)
        presences = {path: self._build(self.specs[path], raw_spec) for path, raw_spec in self._raw_paths.items()}
        # Constraints once every spec has its children: a constraint on an element reads its type's.
        for path, raw_spec in self._raw_paths.items():
            self._build_constraints(self.specs[path], raw_spec, presences[path])

    def resource_spec(self, resource_type: str) -> PathSpec | None:
        spec = self.specs.get(resource_type)
        return spec if spec is not None and spec.is_resource else None

    def _build(self, spec: PathSpec, raw: dict) -> dict[str, tuple[str, ...]]:
        """The children of one path; returns each element's JSON keys."""
        # A resource type: a root path with Resource's elements (Resource and DomainResource are abstract).
        spec.is_resource = "." not in spec.path and "implicitRules" in raw["children"] \
            and spec.path not in ("Resource", "DomainResource")
        required = []
        presence: dict[str, tuple[str, ...]] = {}
        for name, element in raw["children"].items():
            many = element["max"] != "1"
            if "ref" in element:
                target = self.specs[element["ref"]]
                spec.children[name] = Child(name, name, "", many, False, spec=target, base=target.path)
                presence[name] = (name,)
            else:
                keys = []
                for code in element["types"]:
                    key = name + code[0].upper() + code[1:] if element.get("choice") else name
                    primitive = code in self._regex
                    child = Child(
                        name, key, code, many, primitive,
                        spec=None if primitive or code == RESOURCE else self.specs.get(code),
                        resource=code == RESOURCE,
                        regex=None if code in _NUMERIC_OR_BOOLEAN else self._regex.get(code),
                        json_kind=_JSON_KINDS.get(code, ""),
                        codes=frozenset(c.partition("|")[2] for c in element["codes"]) if "codes" in element else None,
                        value_set=element.get("valueSet", ""), base=code,
                    )
                    spec.children[key] = child
                    keys += [key, f"_{key}"] if primitive else [key]
                presence[name] = tuple(keys)
            if element["min"] > 0:
                required.append((name, presence[name]))
        spec.required = tuple(required)
        return presence

    def _build_constraints(self, spec: PathSpec, raw: dict, presence: dict[str, tuple[str, ...]]) -> None:
        spec.constraints = tuple(self._constraint(c, spec.path, presence) for c in raw.get("constraints", []))
        for name, element in raw["children"].items():
            if element.get("constraints"):
                for child in spec.children.values():
                    if child.name == name:
                        inner = child.spec.children if child.spec else {}
                        inner_presence: dict[str, tuple[str, ...]] = {c.name: (c.key,) for c in inner.values()}
                        for c in inner.values():
                            inner_presence[c.name] = tuple({*inner_presence.get(c.name, ()), c.key,
                                                            *((f"_{c.key}",) if c.primitive else ())})
                        child.constraints = tuple(self._constraint(c, child.base, inner_presence)
                                                  for c in element["constraints"])

    def _constraint(self, raw: list[str], base: str, presence: dict[str, tuple[str, ...]]) -> Constraint:
        key, human, expression = raw
        native = NATIVE.get(key)
        if native is not None:
            return Constraint(key, human, expression, native, native=True, guards=NATIVE_GUARDS.get(key, ()))
        simple = _presence_expression(expression, presence)
        if simple is not None:
            return Constraint(key, human, expression, simple)
        guards = tuple(presence[name] for name in _guards(expression) if name in presence)
        return Constraint(key, human, expression, _fhirpath(expression), guards=guards)


# --- FHIRPath ----------------------------------------------------------------------------------

def _has_value(inputs: list) -> list[bool]:
    """FHIRPath hasValue(), which fhirpathpy lacks: a single primitive with a value."""
    return [len(inputs) == 1 and not isinstance(inputs[0], dict | list)]


_OPTIONS = {"userInvocationTable": {"hasValue": {"fn": _has_value, "arity": {0: []}}}}


def _fhirpath(expression: str) -> Check:
    parsed = parse(expression)
    model = models["r4"]

    def check(node: Any, base: str, resource: dict, root: dict) -> bool:
        result = apply_parsed_path(ResourceNode.create_node(node, base), parsed,
                                   {"resource": resource, "rootResource": root}, model, _OPTIONS)
        # An empty result is not a failure: the specification's constraints are written to be
        # true, not empty, when what they test is absent, and engines differ on empty collections.
        return result != [False]

    return check


_TOKEN = re.compile(r"\s*(\(|\)|\bor\b|\band\b|\bxor\b|([A-Za-z]\w*)\.(empty|exists)\(\)(\.not\(\))?)")


def _presence_expression(expression: str, presence: dict[str, tuple[str, ...]]) -> Check | None:
    """A Python function for an expression made only of `name.exists()`, `name.empty()` (and
    `.not()`) joined by and, or, xor and parentheses; None for anything else."""
    tokens: list[Any] = []
    position = 0
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if match is None:
            if expression[position:].strip():
                return None
            break
        position = match.end()
        if match[2]:
            if match[2] not in presence:
                return None
            keys, wants = presence[match[2]], (match[3] == "exists") != bool(match[4])
            tokens.append((keys, wants))
        else:
            tokens.append(match[1])
    try:
        parsed, rest = _parse_or(tokens)
    except (IndexError, ValueError):
        return None
    if rest:
        return None
    return lambda node, base, resource, root: parsed(node)


def _parse_or(tokens: list) -> tuple[Callable[[dict], bool], list]:
    left, tokens = _parse_and(tokens)
    while tokens and tokens[0] in ("or", "xor"):
        op = tokens[0]
        right, tokens = _parse_and(tokens[1:])
        left = (lambda a, b: lambda n: a(n) or b(n))(left, right) if op == "or" else \
            (lambda a, b: lambda n: a(n) != b(n))(left, right)
    return left, tokens


def _parse_and(tokens: list) -> tuple[Callable[[dict], bool], list]:
    left, tokens = _parse_primary(tokens)
    while tokens and tokens[0] == "and":
        right, tokens = _parse_primary(tokens[1:])
        left = (lambda a, b: lambda n: a(n) and b(n))(left, right)
    return left, tokens


def _parse_primary(tokens: list) -> tuple[Callable[[dict], bool], list]:
    head = tokens[0]
    if head == "(":
        inner, rest = _parse_or(tokens[1:])
        if not rest or rest[0] != ")":
            raise ValueError("unbalanced")
        return inner, rest[1:]
    if isinstance(head, tuple):
        keys, wants = head
        return (lambda n: n.keys().isdisjoint(keys) != wants), tokens[1:]
    raise ValueError(f"unexpected {head}")


def _split_top(expression: str, word: str) -> list[str]:
    """`expression` split at ` word ` outside parentheses and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    token = f" {word} "
    i = 0
    while i < len(expression):
        c = expression[i]
        if c == "'":
            quoted = not quoted
        elif not quoted and c == "(":
            depth += 1
        elif not quoted and c == ")":
            depth -= 1
        elif not quoted and depth == 0 and expression.startswith(token, i):
            parts.append(expression[start:i])
            i += len(token)
            start = i
            continue
        i += 1
    parts.append(expression[start:])
    return [p.strip() for p in parts]


_EMPTY_PATH = re.compile(r"^\(?([a-z]\w*)(\.[a-z]\w*)*(\.where\(.*\))?\.empty\(\)\)?$")
_EXISTS_PATH = re.compile(r"^\(?([a-z]\w*)(\.[a-z]\w*)*(\.exists\(\)| is [A-Za-z]+)\)?$")


def _guards(expression: str) -> set[str]:
    """Element names such that, when one of them is absent, the expression holds: from a
    disjunct `name....empty()`, or an antecedent `name.exists() implies ...`."""
    found: set[str] = set()
    for disjunct in _split_top(expression, "or"):
        conjuncts = _split_top(disjunct, "and")
        names: set[str] = set()
        for part in conjuncts:
            implication = _split_top(part, "implies")
            match = _EXISTS_PATH.match(implication[0]) if len(implication) == 2 else _EMPTY_PATH.match(part)
            if match is None or " or " in part and len(implication) != 2:
                names = set()
                break
            names.add(match[1])
        if len(names) == 1:  # every conjunct holds when this one element is absent
            found |= names
    return found


# --- constraints implemented here --------------------------------------------------------------

def _ext_1(node: Any, base: str, resource: dict, root: dict) -> bool:
    has_value = any(k.startswith("value") for k in node)
    return ("extension" in node) != has_value


def _ref_1(node: Any, base: str, resource: dict, root: dict) -> bool:
    reference = node.get("reference")
    if not isinstance(reference, str) or not reference.startswith("#"):
        return True
    return any(isinstance(c, dict) and c.get("id") == reference[1:] for c in root.get("contained", ()))


def _dom_3(node: Any, base: str, resource: dict, root: dict) -> bool:
    contained = node.get("contained")
    if not contained:
        return True
    references = set()
    stack: list[Any] = [{k: v for k, v in node.items() if k != "contained"}, *contained]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and item.startswith("#"):
            references.add(item)
    if "#" in references:  # a contained resource refers to its container: all count as referred to
        return True
    return all(isinstance(c, dict) and f"#{c.get('id')}" in references for c in contained)


def _per_1(node: Any, base: str, resource: dict, root: dict) -> bool:
    start, end = node.get("start"), node.get("end")
    if not isinstance(start, str) or not isinstance(end, str):
        return True
    try:  # each stands for its whole precision: the start's beginning may not follow the end's end
        return date_range(start)[0] < date_range(end)[1]  # ranges are half-open
    except DateFormatError:
        return True  # a malformed date is reported by its own check


def _txt_1(node: Any, base: str, resource: dict, root: dict) -> bool:
    return not isinstance(node, str) or narrative_problems(node)[0] is None


def _txt_2(node: Any, base: str, resource: dict, root: dict) -> bool:
    return not isinstance(node, str) or narrative_problems(node)[1] is None


# The elements without which a native constraint holds (as `_guards` finds them for the others).
NATIVE_GUARDS = {"dom-3": (("contained",),), "ref-1": (("reference",),), "per-1": (("start",), ("end",))}
NATIVE: dict[str, Check] = {"ext-1": _ext_1, "ref-1": _ref_1, "dom-3": _dom_3, "per-1": _per_1,
                            "txt-1": _txt_1, "txt-2": _txt_2}


# --- the walk ----------------------------------------------------------------------------------

@cache
def definitions() -> Definitions:
    with open(_DEFINITIONS, encoding="utf-8") as f:
        return Definitions(json.load(f))


@dataclass(slots=True)
class Findings:
    structure: list[Issue] = field(default_factory=list)  # 400
    rules: list[Issue] = field(default_factory=list)  # 422


def check_resource(body: dict, resource_type: str, prefix: str = "", descend: bool = True) -> Findings | None:
    """What R4 finds wrong with a resource; None when intake has no R4 definition of its type.
    `descend`: into the resources it holds whole (a Bundle's entries), else only contained ones."""
    spec = definitions().resource_spec(resource_type)
    if spec is None:
        return None
    walker = _Walker(prefix, descend)
    walker.resource(body, spec, resource_type, body)
    return walker.findings


def knows(body: dict, resource_type: str, location: str) -> bool:
    """Whether R4 defines the element at `location` (e.g. Patient.extension[0].valueMeta) of `body`."""
    spec = definitions().resource_spec(resource_type)
    node: Any = body
    steps = location.split(".")[1:]
    for i, step in enumerate(steps):
        name, _, index = step.partition("[")
        if spec is None or not isinstance(node, dict):
            return False
        child = spec.children.get(name)
        if child is None:
            return False
        if i == len(steps) - 1:
            return True
        node = node.get(name)
        if index:
            if not isinstance(node, list) or int(index.rstrip("]")) >= len(node):
                return False
            node = node[int(index.rstrip("]"))]
        spec = definitions().resource_spec(node.get("resourceType", "")) if child.resource and isinstance(node, dict) \
            else child.spec
    return False


class _Walker:
    def __init__(self, prefix: str, descend: bool = True) -> None:
        self.prefix = prefix
        self.descend = descend
        self.findings = Findings()
        self.element_ids: dict[str, str] = {}

    def _structure(self, code: str, location: "Loc", message: str) -> None:
        where = render(location)
        self.findings.structure.append(Issue(code, f"{self.prefix}{where}: {message}", expression=(where,)))

    def _rule(self, code: str, location: "Loc", message: str) -> None:
        where = render(location)
        self.findings.rules.append(Issue(code, f"{self.prefix}{where}: {message}", expression=(where,)))

    def resource(self, node: dict, spec: PathSpec, location: "Loc", root: dict) -> None:
        outer_ids = self.element_ids
        self.element_ids = {}  # element ids are unique within each resource
        self.element(node, spec, location, node, root)
        self.element_ids = outer_ids

    def _evaluate(self, constraints: tuple[Constraint, ...], node: Any, base: str, location: "Loc",
                  resource: dict, root: dict) -> None:
        for constraint in constraints:
            if constraint.guards and isinstance(node, dict) and \
                    any(node.keys().isdisjoint(keys) for keys in constraint.guards):
                continue
            try:
                holds = constraint.check(node, base, resource, root)
            except Exception as exc:  # an engine's failure is not the client's: log it (briefly), refuse nothing
                log.warning("constraint %s could not be evaluated on a %s: %s: %s", constraint.key, base,
                            type(exc).__name__, exc)
                continue
            if not holds:
                self._rule("invariant", location, f"Constraint failed: {constraint.key}: '{constraint.human}' "
                           f"(expression: {constraint.expression})")

    def element(self, node: dict, spec: PathSpec, location: "Loc", resource: dict, root: dict) -> None:
        # Locations are built as (parent, key, index) tuples and written out only for an issue:
        # formatting one for every element cost a third of the walk.
        children = spec.children
        choices: set[str] | None = None
        for key, value in node.items():
            child = children.get(key)
            if child is None:
                if key == "resourceType" and spec.is_resource:
                    continue
                if key.startswith("_") and (base := children.get(key[1:])) is not None and base.primitive:
                    self._primitive_extension(node, key[1:], value, (location, key, None), resource, root)
                    continue
                if key == "id" and not spec.is_resource:
                    continue
                self._structure("structure", (location, key, None), "Unknown element (not defined in FHIR R4)")
                continue
            if child.key != child.name:
                if choices is None:
                    choices = set()
                elif child.name in choices:
                    self._structure("structure", (location, key, None), f"only one of {child.name}[x] may be present")
                    continue
                choices.add(child.name)
            if isinstance(value, list):
                if not child.many:
                    self._structure("structure", (location, key, None),
                                    "must be a single value, not an array (cardinality 0..1)")
                    continue
                items: Any = enumerate(value)
            elif child.many:
                self._structure("structure", (location, key, None), "must be an array (the element repeats)")
                continue
            else:
                items = ((None, value),)
            for index, item in items:
                if item is None:
                    # null only holds the place of a primitive whose id or extensions are in `_key`
                    extra = node.get(f"_{key}")
                    if not (child.primitive and index is not None and isinstance(extra, list)
                            and len(extra) == len(value) and extra[index] is not None):
                        self._structure("structure", (location, key, index), "null is not allowed here")
                    continue
                if child.primitive:
                    if child.json_kind:
                        kind = child.json_kind
                        if not (item is True or item is False if kind == "boolean" else
                                type(item) is int if kind == "integer" else type(item) in _NUMBER):
                            self.findings.structure.append(json_type_issue(kind, item, render((location, key, index)),
                                                                           self.prefix))
                    elif not isinstance(item, str):  # the models would read 2020 as the date "2020"
                        self.findings.structure.append(json_type_issue(
                            "string", item, render((location, key, index)), self.prefix, child.type))
                    elif child.regex is not None and not child.regex.fullmatch(item):
                        self._structure("value", (location, key, index), f"'{item[:100]}' is not a valid {child.type}")
                    elif child.codes is not None and item not in child.codes:
                        self._rule("code-invalid", (location, key, index),
                                   f"'{item[:100]}' is not in the required value set "
                                   f"{child.value_set} ({', '.join(sorted(child.codes))})")
                    if child.constraints:
                        self._evaluate(tuple(c for c in child.constraints if c.native), item, child.base,
                                       (location, key, index), resource, root)
                elif not isinstance(item, dict):
                    continue  # a JSON type the models report
                elif child.resource:
                    if key != "contained" and not self.descend:
                        continue
                    inner_type = item.get("resourceType")
                    inner = definitions().resource_spec(inner_type) if isinstance(inner_type, str) else None
                    if inner is not None:
                        # a contained resource is its own %resource; %rootResource stays the container
                        self.resource(item, inner, (location, key, index), root if key == "contained" else item)
                    elif isinstance(inner_type, str):  # a type R4 is not loaded for: the JSON types from the models
                        self.findings.structure += json_type_issues(item, inner_type, self.prefix,
                                                                    render((location, key, index)))
                elif child.spec is not None:
                    here = (location, key, index)
                    if item.keys() <= {"id"}:
                        self._rule("invariant", here, "Constraint failed: ele-1: 'All FHIR elements must have a "
                                   "@value or children'")
                    self.element(item, child.spec, here, resource, root)
                    if child.constraints:
                        self._evaluate(child.constraints, item, child.base, here, resource, root)
        if "id" in node and not spec.is_resource and isinstance(node["id"], str):
            where = render(location)
            first = self.element_ids.setdefault(node["id"], where)
            if first != where:
                self._rule("invalid", location, f"Duplicate element id '{node['id']}' (also at {first})")
        for name, keys in spec.required:
            if node.keys().isdisjoint(keys):
                self._structure("required", (location, name, None),
                                f"the element {name} is required (minimum cardinality 1) and missing")
        if spec.constraints:
            self._evaluate(spec.constraints, node, spec.path, location, resource, root)

    def _primitive_extension(self, node: dict, key: str, value: Any, where: "Loc", resource: dict, root: dict) -> None:
        """`_given` beside `given`: the primitive's id and extensions, aligned item by item."""
        element = definitions().specs["Element"]
        primitive = node.get(key)
        assert isinstance(where, tuple)  # an element's `_key`, never a resource
        parent, extension_key, _ = where
        if isinstance(primitive, list) or isinstance(value, list):
            if not (isinstance(primitive, list) or key not in node) or not isinstance(value, list) or \
                    (primitive is not None and len(primitive) != len(value)):
                self._structure("structure", where, f"must be an array as long as {key}, aligned item by item")
                return
            for i, item in enumerate(value):
                if item is None:
                    if primitive is None or primitive[i] is None:
                        self._structure("structure", (parent, extension_key, i), f"null here and in {key}[{i}]: no value at all")
                elif isinstance(item, dict):
                    self.element(item, element, (parent, extension_key, i), resource, root)
        elif isinstance(value, dict):
            self.element(value, element, where, resource, root)


# A location: the resource type, or (parent location, key, index or None), written out by render().
Loc = str | tuple


def render(location: Loc) -> str:
    parts: list[str] = []
    while isinstance(location, tuple):
        location, key, index = location
        parts.append(f".{key}" if index is None else f".{key}[{index}]")
    parts.append(location)
    return "".join(reversed(parts))

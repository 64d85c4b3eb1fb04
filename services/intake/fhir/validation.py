"""Validation of incoming resources, in two layers as a FHIR server does it.

`check_structure`: can this be parsed as a FHIR R4 resource of the expected type at
all (JSON shape, datatypes, cardinality, unknown elements)? Failure is 400.
`rule_issues`: does a parsed resource keep the base specification's rules (required bindings,
invariants, reference format and target types)? Failure is 422 (see docs/decisions.md).

Two judges: the fhir.resources models (R4B) and the R4 layer (r4.py, generated from the R4
definitions). Where they disagree on an element's existence (R4's `Extension.valueMeta`, R4B's
`valueCodeableReference`), R4 decides: this is an R4 server.
"""

from dataclasses import dataclass, field
from typing import Any

from services.intake.fhir.compiled import AVAILABLE as COMPILED
from services.intake.fhir.compiled import compiled_issues
from services.intake.fhir.elements import ABSOLUTE_REFERENCE, ID_PATTERN, RELATIVE_REFERENCE, scan
from services.intake.fhir.r4 import check_resource, knows
from services.intake.fhir.registry import SUPPORTED_TYPES, rules
from shared.errors import FHIRError, Issue
from shared.fhir_model import UNKNOWN_ELEMENT, model_issues


@dataclass
class Incoming:
    """A resource that passed the structural check, with its References found once."""

    resource_type: str
    resource: dict
    references: list[tuple[str, str, dict]]  # element path, location, the Reference dict
    where: str = ""  # e.g. Bundle.entry[3], for messages
    r4_rules: list[Issue] = field(default_factory=list)  # required bindings and invariants the R4 layer found broken

    def local_references(self) -> dict[tuple[str, str], str]:
        """(type, id) of each relative reference to a resource type this server stores, with the
        location of its first reference (for an issue's expression)."""
        found: dict[tuple[str, str], str] = {}
        for _, location, ref in self.references:
            match = RELATIVE_REFERENCE.match(ref["reference"])
            if match and match["type"] in SUPPORTED_TYPES:
                found.setdefault((match["type"], match["id"]), location)
        return found


# What the models and the R4 layer find in one resource: (structure issues: 400, rule issues: 422).
Verdict = tuple[list[Issue], list[Issue]]
# For a check that leaves both to a worker which judges the same resource meanwhile (transactions).
JUDGED_ELSEWHERE: Verdict = ([], [])


def resource_verdict(body: dict, resource_type: str, prefix: str = "", models: bool = not COMPILED,
                     text: bytes | None = None) -> Verdict:
    """The datatype judge's and the R4 layer's findings; R4 decides which elements exist. The
    judge is fhirkit-rs beside the R4 walk (compiled.py), the fhir.resources models with
    `models=True` or for a type the R4 layer does not walk. `text`: `body` as JSON, when the
    caller has it (fhirkit-rs judges the text faster than the dict)."""
    r4 = check_resource(body, resource_type, prefix)
    structure = list(r4.structure) if r4 is not None else []
    reported = [location for issue in structure for location in issue.expression]
    # The R4 walk checks the JSON types of primitives itself; the models' own walk only without it.
    judged = compiled_issues(body if text is None else text, resource_type, prefix) if r4 is not None and not models \
        else model_issues(body, resource_type, prefix, json_types=r4 is None)
    for issue in judged:
        if any(_related(location, known) for location in issue.expression for known in reported):
            continue  # the element R4 found wrong, seen again from inside or outside: one fault, one issue
        if r4 is not None and issue.diagnostics.endswith(UNKNOWN_ELEMENT) and knows(body, resource_type, issue.expression[0]):
            continue  # an element R4 defines and the R4B models do not know (Extension.valueMeta)
        structure.append(issue)
    return structure, r4.rules if r4 is not None else []


def _related(a: str, b: str) -> bool:
    """Whether one location is the other or lies within it (Patient.x, Patient.x[1].y)."""
    if len(a) > len(b):
        a, b = b, a
    return b.startswith(a) and (len(b) == len(a) or b[len(a)] in ".[")


def check_structure(body: Any, expected_type: str | None, where: str = "", verdict: Verdict | None = None) -> Incoming:
    """Raise a 400 FHIRError unless `body` is a resource of `expected_type` (any supported type when None).

    `verdict`: what `resource_verdict` found, when a worker process already ran it (or will:
    JUDGED_ELSEWHERE); its rule issues travel with the result, for `rule_issues`.
    """
    prefix = f"{where}: " if where else ""
    if not isinstance(body, dict):
        root = where or expected_type  # the place the resource should have been
        raise FHIRError.of(400, "structure", f"{prefix}A FHIR resource must be a JSON object.", *([root] if root else []))
    resource_type = body.get("resourceType")
    if not isinstance(resource_type, str):
        raise FHIRError.of(400, "required", f"{prefix}The resource has no resourceType.", "resourceType")
    if expected_type and resource_type != expected_type:
        raise FHIRError.of(
            400, "invalid",
            f"{prefix}The resource is a {resource_type} but this endpoint takes {expected_type}.", "resourceType",
        )
    if resource_type not in SUPPORTED_TYPES:
        raise FHIRError.of(400, "not-supported", f"{prefix}Resource type {resource_type} is not supported by this server.",
                           "resourceType")
    empties, references = scan(body, resource_type)
    issues = [Issue("structure", f"{prefix}{location}: {what} are not allowed in FHIR JSON", expression=(location,))
              for location, what in empties]
    structure, rules = resource_verdict(body, resource_type, prefix) if verdict is None else verdict
    reported = {issue.expression for issue in issues}
    issues += [issue for issue in structure if issue.expression not in reported]
    if issues:
        raise FHIRError(400, issues)
    return Incoming(resource_type, body, references, where, rules)


def rule_issues(incoming: Incoming, resolvable: frozenset[str] = frozenset()) -> list[Issue]:
    """`resolvable`: references that name something the caller knows (a Bundle's fullUrls)."""
    resource = incoming.resource
    prefix = f"{incoming.where}: " if incoming.where else ""
    issues: list[Issue] = list(incoming.r4_rules)
    r = rules()
    contained_ids = {c.get("id") for c in resource.get("contained", []) if isinstance(c, dict)}
    for path, location, ref in incoming.references:
        if ref["reference"] in resolvable:
            continue
        issues += _reference_issues(ref["reference"], path, location, contained_ids, r.reference_targets, prefix)
    return issues


def _reference_issues(
    reference: str, path: str, location: str, contained_ids: set, targets: dict[str, frozenset[str]], prefix: str,
) -> list[Issue]:
    if reference.startswith("#"):
        if reference[1:] not in contained_ids:
            return [Issue("invalid", f"{prefix}{reference} names no contained resource", expression=(location,))]
        return []
    match = RELATIVE_REFERENCE.match(reference) or ABSOLUTE_REFERENCE.match(reference)
    if match is None:
        if reference.startswith("urn:"):
            detail = "urn: references are only resolvable inside a transaction Bundle that holds their target"
        else:
            detail = "a reference must be Type/id, an absolute URL ending in Type/id, or #contained-id"
        return [Issue("invalid", f"{prefix}Invalid reference '{reference}': {detail}", expression=(location,))]
    allowed = targets.get(path)
    if allowed is not None and match["type"] not in allowed:
        return [Issue(
            "invalid",
            f"{prefix}{path} may not refer to a {match['type']} (allowed: {', '.join(sorted(allowed))})",
            expression=(location,),
        )]
    return []


def check_id(resource_id: str) -> None:
    if not ID_PATTERN.match(resource_id):
        raise FHIRError.of(400, "invalid", f"'{resource_id}' is not a valid FHIR id ([A-Za-z0-9-.]{{1,64}}).")

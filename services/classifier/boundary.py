"""The classifier's input boundary: a lean typed check of exactly the elements it reads.

docs/decisions.md, "Classifier": small pydantic models of Patient and Observation (other elements
are allowed and not checked). An Observation whose used elements are malformed is reported (error
issue naming it and the element) and left out; a malformed element of the Patient is reported and
treated as unknown. A body that is not a Bundle of resource objects is refused (400).
"""

import re
import types
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import AfterValidator, BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from Python 3.12

from services.classifier.issues import resource_label
from shared.errors import FHIRError, Issue

# FHIR R4 primitive formats (http://hl7.org/fhir/R4/datatypes.html)
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_DATE = re.compile(r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?")
_DATETIME = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?)?)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)?)?)?"
)


def _fhir_id(text: str) -> str:
    if not _ID.fullmatch(text):
        raise PydanticCustomError("fhir_id", "not a FHIR id (1-64 of A-Z a-z 0-9 - .)")
    return text


def _calendar_day(text: str) -> None:
    """The formats allow 2023-02-30; the calendar does not."""
    if len(text) >= 10:
        try:
            date.fromisoformat(text[:10])
        except ValueError:
            raise PydanticCustomError("fhir_date", "{text} is not a calendar date", {"text": text[:10]}) from None


def _fhir_date(text: str) -> str:
    if not _DATE.fullmatch(text):
        raise PydanticCustomError("fhir_date", "not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _calendar_day(text)
    return text


def _fhir_datetime(text: str) -> str:
    if not _DATETIME.fullmatch(text):
        raise PydanticCustomError("fhir_datetime", "not a FHIR dateTime (YYYY-MM-DD, or with time and zone)")
    _calendar_day(text)
    return text


Id = Annotated[str, AfterValidator(_fhir_id)]
Date = Annotated[str, AfterValidator(_fhir_date)]
DateTime = Annotated[str, AfterValidator(_fhir_datetime)]


class Element(BaseModel):
    # strict: JSON types as FHIR JSON has them ("5" is not a decimal, 1 is not a boolean).
    # Other elements are allowed and not checked: not the classifier's business. "ignore" rather
    # than "allow" only because nothing reads the model back and copying them costs time.
    model_config = ConfigDict(extra="ignore", strict=True, allow_inf_nan=False)


class Coding(Element):
    system: str | None = None
    code: str | None = None
    display: str | None = None  # a gene may come as its symbol only (genomics.py)


class CodeableConcept(Element):
    coding: list[Coding] | None = None
    text: str | None = None


class Quantity(Element):
    value: float | None = None
    unit: str | None = None
    code: str | None = None


class Reference(Element):
    reference: str | None = None


class Period(Element):
    start: DateTime | None = None


class ReferenceRange(Element):
    low: Quantity | None = None
    high: Quantity | None = None


class Component(Element):
    code: CodeableConcept | None = None
    valueQuantity: Quantity | None = None
    valueCodeableConcept: CodeableConcept | None = None
    valueBoolean: bool | None = None
    valueInteger: int | None = None


class Observation(Element):
    id: Id | None = None
    status: Literal["registered", "preliminary", "final", "amended", "corrected", "cancelled",
                    "entered-in-error", "unknown"] | None = None
    code: CodeableConcept | None = None
    subject: Reference | None = None
    effectiveDateTime: DateTime | None = None
    effectivePeriod: Period | None = None
    valueQuantity: Quantity | None = None
    valueBoolean: bool | None = None
    valueCodeableConcept: CodeableConcept | None = None  # histology, genetic results
    interpretation: list[CodeableConcept] | None = None
    referenceRange: list[ReferenceRange] | None = None
    bodySite: CodeableConcept | None = None
    component: list[Component] | None = None


class Patient(Element):
    id: Id | None = None
    birthDate: Date | None = None
    gender: Literal["male", "female", "other", "unknown"] | None = None


MODELS: dict[str, type[Element]] = {"Patient": Patient, "Observation": Observation}


def _lean(annotation: Any) -> Any:
    """The annotation with each model in it replaced by its _as_typed_dict."""
    if isinstance(annotation, type) and issubclass(annotation, Element):
        return _as_typed_dict(annotation)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return Union[tuple(_lean(arg) for arg in get_args(annotation))]  # noqa: UP007 (a tuple of arguments)
    if origin is list:
        return list[_lean(get_args(annotation)[0])]  # type: ignore[misc]
    return annotation  # str, float, a Literal, an Annotated format check: the same validation


def _as_typed_dict(model: type[Element]) -> Any:
    """The same checks as `model`, validated into plain dicts: every field optional (each defaults to
    None), the same types, formats and config. Pydantic builds no model instance for it, which made most
    of the screen's time (about 0.14 ms of 0.24 for the benchmark's 49 Observations)."""
    hints = get_type_hints(model, include_extras=True)
    assert all(field.default is None for field in model.model_fields.values()), "a required field: not lean"
    fields = {name: _lean(hints[name]) for name in model.model_fields}
    lean: Any = TypedDict(f"Lean{model.__name__}", fields, total=False)  # type: ignore[misc]
    lean.__pydantic_config__ = Element.model_config  # type: ignore[attr-defined]
    return lean


# A resource that these accept is well formed and costs no model instance; one they refuse is validated
# again by its model, whose errors word the issues (the two accept the same resources:
# tests/classifier/test_boundary.py checks that element by element).
LEAN_CHECKS: dict[str, TypeAdapter] = {kind: TypeAdapter(_as_typed_dict(model)) for kind, model in MODELS.items()}


@dataclass(frozen=True)
class Screened:
    bundle: dict  # the input Bundle, with malformed Patient elements removed
    left_out: frozenset[int]  # entry indices of the Observations left out
    issues: list[Issue]


def _element_path(resource_type: str, loc: tuple) -> str:
    path = resource_type
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _issue_code(error_type: str) -> str:
    if error_type == "literal_error":
        return "code-invalid"
    if error_type in ("model_type", "list_type", "dict_type"):
        return "structure"
    return "value"


def _entries(payload: Any) -> list:
    """Refuses (400) what cannot be read as a Bundle of resource objects at all."""
    if not isinstance(payload, dict) or payload.get("resourceType") != "Bundle":
        raise FHIRError.of(400, "invalid", "The body must be a FHIR Bundle holding one Patient and its Observations")
    entries = payload.get("entry")
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise FHIRError.of(400, "structure", "Bundle.entry must be a list", "Bundle.entry")
    for index, entry in enumerate(entries):
        where = f"Bundle.entry[{index}]"
        if not isinstance(entry, dict):
            raise FHIRError.of(400, "structure", f"{where} is not an object", where)
        if "resource" in entry and not isinstance(entry["resource"], dict):
            raise FHIRError.of(400, "structure", f"{where}.resource is not a resource object", f"{where}.resource")
        if "fullUrl" in entry and not isinstance(entry["fullUrl"], str):
            raise FHIRError.of(400, "structure", f"{where}.fullUrl is not a uri", f"{where}.fullUrl")
    return entries


def _errors(kind: str, resource: dict) -> list:
    """The R4 model's errors of a resource; [] when valid (the lean check first: most inputs are)."""
    try:
        LEAN_CHECKS[kind].validate_python(resource)
        return []
    except ValidationError:
        pass
    try:
        MODELS[kind].model_validate(resource)
        return []
    except ValidationError as exc:
        return exc.errors(include_url=False, include_context=False, include_input=False)


def _screen_contained(report: dict, index: int, issues: list[Issue]) -> dict:
    """A DiagnosticReport's contained Observations (its lesions; fhir_input reads them) screened as entries are:
    an invalid one is left out with its issues."""
    kept = []
    for position, contained in enumerate(report["contained"]):
        if not isinstance(contained, dict) or contained.get("resourceType") != "Observation":
            kept.append(contained)
            continue
        errors = _errors("Observation", contained)
        if not errors:
            kept.append(contained)
            continue
        issues += _error_issues("Observation", errors, f"{resource_label(report)}#{contained.get('id')}",
                                "the Observation is not used", f"Bundle.entry[{index}].resource.contained[{position}]")
    return {**report, "contained": kept}


def _error_issues(kind: str, errors: list, label: str, consequence: str, located: str) -> list[Issue]:
    """One issue per model error of a `kind` resource at the FHIRPath `located`."""
    issues = []
    for error in errors:
        element = _element_path(kind, error["loc"])
        issues.append(Issue(_issue_code(error["type"]), f"{label}: {element}: {error['msg']}; {consequence}",
                            expression=(f"{located}{element[len(kind):]}",)))
    return issues


def screen(payload: Any) -> Screened:
    """Checks the elements the classifier reads; raises FHIRError (400) for an unreadable Bundle.

    An entry without a resource, a resource without resourceType, no Patient or two Patients are
    left to the pipeline, which answers them (422) as before."""
    entries = _entries(payload)
    cleaned, left_out = list(entries), set()
    issues: list[Issue] = []
    for index, entry in enumerate(entries):
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType")
        if kind == "DiagnosticReport" and isinstance(resource.get("contained"), list):
            cleaned[index] = {**entry, "resource": _screen_contained(resource, index, issues)}
            continue
        if not isinstance(kind, str) or kind not in MODELS:
            continue
        errors = _errors(kind, resource)
        if not errors:
            continue
        consequence = "the element is treated as unknown" if kind == "Patient" else "the Observation is not used"
        issues += _error_issues(kind, errors, resource_label(resource), consequence, f"Bundle.entry[{index}].resource")
        if kind == "Patient":  # the Patient is needed: drop its bad top-level elements, keep the rest
            bad = {error["loc"][0] for error in errors if error["loc"]}
            cleaned[index] = {**entry, "resource": {k: v for k, v in resource.items() if k not in bad}}
        else:
            left_out.add(index)
    bundle = {**payload, "entry": cleaned} if entries else payload
    return Screened(bundle, frozenset(left_out), issues)

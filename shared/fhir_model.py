"""Checking a FHIR JSON resource against the fhir.resources R4B models (R4 JSON)."""

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from shared.errors import Issue


def _location(resource_type: str, loc: tuple) -> str:
    path = resource_type
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def model_issues(body: dict, resource_type: str, prefix: str = "") -> list[Issue]:
    """What the fhir.resources model finds wrong: datatypes, cardinality, unknown elements."""
    issues: list[Issue] = []
    try:
        get_fhir_model_class(resource_type).model_validate(body)
    except ValidationError as exc:
        for err in exc.errors():
            location = _location(resource_type, err["loc"])
            unknown = err["type"] == "extra_forbidden"
            issues.append(Issue(
                "structure" if unknown else "value",
                f"{prefix}{location}: {'Unknown element' if unknown else err['msg']}",
                expression=(location,),
            ))
    except (KeyError, TypeError, ValueError) as exc:  # an unknown type, or a contained resource of one
        issues.append(Issue("structure", f"{prefix}Cannot parse the resource: {exc}"))
    return issues

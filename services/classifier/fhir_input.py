"""Splits the caller's input (a Bundle, or {patient, observations}) into one Patient and its Observations."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from services.classifier.issues import ClassifierInputError, resource_label
from shared.errors import Issue

FINDING_SYSTEM_SUFFIX = "/CodeSystem/calcinosis-finding"
SITE_SYSTEM_SUFFIX = "/CodeSystem/calcinosis-site"
LOINC = "http://loinc.org"
INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
# the same H / L / N codes under the v2 table 0078 and the pre-R4 URLs of both: the contract honours H, L and N
# whatever the sender's FHIR version (decisions.md Classifier 124)
INTERPRETATION_SYSTEMS = frozenset({INTERPRETATION_SYSTEM, "http://terminology.hl7.org/CodeSystem/v2-0078",
                                    "http://hl7.org/fhir/v3/ObservationInterpretation", "http://hl7.org/fhir/v2/0078"})
IGNORED_STATUSES = {"entered-in-error", "cancelled"}


@dataclass(frozen=True)
class InputResources:
    patient: dict
    observations: list[dict]
    references: dict[int, str]  # id(resource) -> reference usable in basis (Observation/x or urn:uuid:...)
    issues: list[Issue]


def _error(message: str, expression: str = "Bundle") -> ClassifierInputError:
    return ClassifierInputError([Issue("invalid", message, expression=(expression,))])


def _entries(payload: dict) -> list[tuple[dict, str | None]]:
    if payload.get("resourceType") == "Bundle":
        entries = payload.get("entry") or []
        if not isinstance(entries, list):
            raise _error("Bundle.entry must be a list", "Bundle.entry")
        result = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("resource"), dict):
                raise _error(f"Bundle.entry[{index}] has no resource object", f"Bundle.entry[{index}]")
            result.append((entry["resource"], entry.get("fullUrl")))
        return result
    if "patient" in payload or "observations" in payload:
        observations = payload.get("observations") or []
        if not isinstance(observations, list):
            raise _error("'observations' must be a list", "observations")
        resources = ([payload["patient"]] if payload.get("patient") is not None else []) + observations
        return [(resource, None) for resource in resources]
    raise _error("input must be a FHIR Bundle (or an object with 'patient' and 'observations')", "resourceType")


def split_input(payload: dict, left_out: Collection[int] = ()) -> InputResources:
    """Raises ClassifierInputError when there is not exactly one Patient or the shape is wrong.

    `left_out`: entry indices to skip (already reported by the caller, e.g. the boundary check)."""
    if not isinstance(payload, dict):
        raise _error("input must be a JSON object")
    patients, observations, references, issues = [], [], {}, []
    for index, (resource, full_url) in enumerate(_entries(payload)):
        if index in left_out:
            continue
        if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
            raise _error(f"entry {index} is not a FHIR resource (no resourceType)", f"Bundle.entry[{index}].resource")
        kind = resource["resourceType"]
        if resource.get("id"):
            references[id(resource)] = f"{kind}/{resource['id']}"
        elif full_url:
            references[id(resource)] = full_url
        if kind == "Patient":
            patients.append(resource)
        elif kind == "Observation":
            if resource.get("status") in IGNORED_STATUSES:
                issues.append(Issue("informational", f"{resource_label(resource)}: status {resource['status']}, not used",
                                    "information", (f"Bundle.entry[{index}].resource.status",)))
                continue
            observations.append(resource)
        elif kind == "DiagnosticReport" and _contained_observations(resource):
            # a report that carries its lesions as contained Observations (a self-contained imaging report): the
            # lesions are read, the report itself is not evidence (decisions.md Classifier 124)
            report = references.get(id(resource), resource_label(resource))
            read = 0
            for position, contained in _contained_observations(resource):
                where = f"Bundle.entry[{index}].resource.contained[{position}]"
                if contained.get("status") in IGNORED_STATUSES:
                    issues.append(Issue("informational", f"{report}#{contained.get('id')}: status "
                                        f"{contained['status']}, not used", "information", (f"{where}.status",)))
                    continue
                references[id(contained)] = report  # the basis cites the report: a contained resource has no URL
                observations.append(contained)
                read += 1
            issues.append(Issue("informational", f"{resource_label(resource)}: DiagnosticReport is not used by the "
                                f"classifier; its {read} contained Observation(s) are", "information",
                                (f"Bundle.entry[{index}].resource",)))
        else:
            issues.append(Issue("not-supported", f"{resource_label(resource)}: {kind} is not used by the classifier",
                                "information", (f"Bundle.entry[{index}].resource",)))
    if not patients:
        raise _error("the input holds no Patient")
    if len(patients) > 1:
        raise _error(f"the input holds {len(patients)} Patients; exactly one is expected")
    return InputResources(patients[0], observations, references, issues)


def _contained_observations(resource: dict) -> list[tuple[int, dict]]:
    """(position, Observation) for each contained Observation of a resource (FHIR contained: no Bundle entry)."""
    contained = resource.get("contained")
    if not isinstance(contained, list):
        return []
    return [(position, item) for position, item in enumerate(contained)
            if isinstance(item, dict) and item.get("resourceType") == "Observation"]


def parse_date(text: object) -> date | None:
    """FHIR date or dateTime (partial dates resolve to their first day) -> date; None when malformed."""
    if not isinstance(text, str) or not text:
        return None
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def age_in_years(birth: date, at: date) -> float:
    """Age in years as people count it: whole years at each birthday (a child is 13 on their 13th
    birthday, not 12.9993 as days / 365.25 made it), plus the fraction of the year since the last one.
    Before birth, negative (days / 365.25)."""
    if at < birth:
        return (at - birth).days / 365.25
    years = at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))
    last = _anniversary(birth, birth.year + years)
    following = _anniversary(birth, birth.year + years + 1)
    return years + (at - last).days / (following - last).days


def _anniversary(birth: date, year: int) -> date:
    """The birthday in `year` (28 February for 29 February in a common year)."""
    try:
        return birth.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def codings(concept: object) -> list[dict]:
    if not isinstance(concept, dict):
        return []
    return [c for c in concept.get("coding") or [] if isinstance(c, dict)]


def finding_code(concept: object) -> str | None:
    """The calcinosis-finding code of a CodeableConcept, whatever the caller's {BASE}."""
    for coding in codings(concept):
        if str(coding.get("system", "")).endswith(FINDING_SYSTEM_SUFFIX):
            return coding.get("code")
    return None


def site_code(concept: object) -> str | None:
    for coding in codings(concept):
        if str(coding.get("system", "")).endswith(SITE_SYSTEM_SUFFIX):
            return coding.get("code")
    return None

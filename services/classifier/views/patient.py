"""What the patient page shows, from the classifier's result Bundle and the patient's record in
intake (Observations, imaging DiagnosticReports): plain data for templates/patient.html, testable
without a browser or a server."""

from dataclasses import dataclass, field
from datetime import datetime

from services.classifier.cds_hooks import notes_by_kind
from services.classifier.fhir_input import finding_code, site_code
from services.classifier.probability import format_probability
from services.classifier.schema import NONE_FITS

# The identifier imaging gives each report it writes back (services/imaging/writeback.py):
# `urn:calcinosis:imaging-analysis|<analysis id>`, the analysis whose page shows its images.
ANALYSIS_IDENTIFIER = "urn:calcinosis:imaging-analysis"
WITHDRAWN = ("entered-in-error", "cancelled")
MAX_BARS = 10         # the leading candidates; the rest are each below the last shown
MIN_BAR_PROBABILITY = 0.01


@dataclass(frozen=True)
class Bar:
    rank: int
    code: str
    name: str
    probability: float
    text: str          # as the CDS card words it (format_probability)
    rationale: str
    none_fits: bool


@dataclass(frozen=True)
class LesionLine:
    reference: str     # Observation/{id}
    site: str
    side: str
    volume_ml: float | None
    fluid_ml: float | None
    largest_mm: float | None
    pattern: str
    fluid_level: bool | None
    bone_contact: bool | None
    status: str

    @property
    def key(self) -> tuple[str, str]:
        return self.site, self.side


@dataclass
class Study:
    title: str
    date: str | None           # the scan's date (effective), else when it was analysed
    dated_by: str              # "scanned" | "analysed" | "recorded" | "undated"
    conclusion: str | None
    status: str | None
    report: str | None         # DiagnosticReport/{id}
    analysis_id: str | None    # the imaging analysis that made it
    lesions: list[LesionLine] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    label: str
    points: list[tuple[str, float]]   # (study date, calcified volume mL), oldest first

    @property
    def summary(self) -> str:
        if len(self.points) < 2:
            return "one study"
        first, last = self.points[0][1], self.points[-1][1]
        change = last - first
        percent = f" ({change / first:+.0%})" if first else ""
        return f"{first:g} mL to {last:g} mL: {change:+.1f} mL{percent}"


@dataclass
class PatientPage:
    patient_id: str
    name: str
    bars: list[Bar]
    typing: str | None
    mechanism: str | None
    alarms: list[str]
    cant_miss_checks: list[str]
    none_fits: str | None
    next_tests: list[str]
    suggested_tests: list[str]
    management: list[str]
    studies: list[Study]
    changes: list[Change]


def _observation_value(result: dict, code: str) -> str | None:
    for entry in result.get("entry", []):
        resource = entry["resource"]
        if resource["resourceType"] == "Observation" and finding_code(resource.get("code")) == code:
            return resource.get("valueCodeableConcept", {}).get("text")
    return None


def differential(assessment: dict) -> list[Bar]:
    """The ranked predictions as bars: the leading MAX_BARS above MIN_BAR_PROBABILITY (at least
    the first three), in the order the classifier ranks them."""
    bars = []
    for rank, prediction in enumerate(assessment.get("prediction", []), start=1):
        p = float(prediction["probabilityDecimal"])
        if rank > 3 and (rank > MAX_BARS or p < MIN_BAR_PROBABILITY):
            break
        coding = prediction["outcome"]["coding"][0]
        bars.append(Bar(rank, coding["code"], prediction["outcome"].get("text") or coding.get("display", coding["code"]),
                        p, format_probability(p), prediction.get("rationale", ""), coding["code"] == NONE_FITS))
    return bars


def _patient_name(patient: dict) -> str:
    for name in patient.get("name") or []:
        if name.get("text"):
            return name["text"]
        parts = [*name.get("given", []), name.get("family", "")]
        if any(parts):
            return " ".join(p for p in parts if p)
    return f"Patient/{patient.get('id', '')}"


def lesion_line(observation: dict) -> LesionLine:
    values: dict[str, object] = {}
    for component in observation.get("component") or []:
        code = finding_code(component.get("code"))
        if code is None:
            continue
        if "valueQuantity" in component:
            values[code] = (component["valueQuantity"] or {}).get("value")
        elif "valueBoolean" in component:
            values[code] = component["valueBoolean"]
        elif "valueCodeableConcept" in component:
            values[code] = finding_code(component["valueCodeableConcept"])

    def number(code: str) -> float | None:
        value = values.get(code)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def flag(code: str) -> bool | None:
        value = values.get(code)
        return value if isinstance(value, bool) else None

    return LesionLine(
        reference=f"Observation/{observation.get('id')}", site=site_code(observation.get("bodySite")) or "site not stated",
        side=str(values.get("laterality") or "side not stated"), volume_ml=number("volume"),
        fluid_ml=number("fluid-volume"), largest_mm=number("largest-diameter"),
        pattern=str(values.get("pattern") or "not stated"), fluid_level=flag("fluid-calcium-level"),
        bone_contact=flag("bone-contact"), status=observation.get("status", ""))


def _date_of(resource: dict) -> tuple[str | None, str]:
    effective = resource.get("effectiveDateTime") or (resource.get("effectivePeriod") or {}).get("start")
    if effective:
        return effective, "scanned"
    if resource.get("issued"):
        return resource["issued"], "analysed"
    if (resource.get("meta") or {}).get("lastUpdated"):
        return resource["meta"]["lastUpdated"], "recorded"
    return None, "undated"


def _sort_key(date: str | None) -> tuple[int, datetime | None]:
    if date is None:
        return 1, None
    try:
        parsed = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return 1, None
    return 0, parsed if parsed.tzinfo else parsed.astimezone()


def _analysis_id(report: dict) -> str | None:
    for identifier in report.get("identifier") or []:
        if identifier.get("system") == ANALYSIS_IDENTIFIER and identifier.get("value"):
            return identifier["value"]
    return None


def studies(observations: list[dict], reports: list[dict]) -> list[Study]:
    """Each imaging DiagnosticReport with its lesion Observations (`result`), oldest first; lesion
    Observations no report names form a study of their own per date. Withdrawn ones are left out."""
    lesions = {f"Observation/{o.get('id')}": o for o in observations
               if finding_code(o.get("code")) == "calcified-mass" and o.get("status") not in WITHDRAWN}
    found: list[Study] = []
    claimed: set[str] = set()
    for report in reports:
        if report.get("status") in WITHDRAWN or finding_code(report.get("code")) != "ct-calcification-analysis":
            continue
        date, dated_by = _date_of(report)
        names = [r.get("reference", "") for r in report.get("result") or []]
        lines = [lesion_line(lesions[n]) for n in names if n in lesions]
        claimed.update(names)
        found.append(Study(title=(report.get("code") or {}).get("text") or "CT calcification analysis", date=date,
                           dated_by=dated_by, conclusion=report.get("conclusion"), status=report.get("status"),
                           report=f"DiagnosticReport/{report.get('id')}", analysis_id=_analysis_id(report),
                           lesions=lines))
    loose: dict[str | None, Study] = {}
    for reference, observation in lesions.items():
        if reference in claimed:
            continue
        date, dated_by = _date_of(observation)
        study = loose.setdefault(date, Study(title="Lesion findings outside an imaging report", date=date,
                                             dated_by=dated_by, conclusion=None, status=None, report=None,
                                             analysis_id=None))
        study.lesions.append(lesion_line(observation))
    found += loose.values()
    found.sort(key=lambda s: _sort_key(s.date))
    return found


def volume_changes(found: list[Study]) -> list[Change]:
    """Per site and side, the calcified volume in each study that measured one there (lesions of
    one site and side in one study are added up: a mass is not tracked from study to study)."""
    series: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for study in found:
        if study.date is None:
            continue
        totals: dict[tuple[str, str], float] = {}
        for lesion in study.lesions:
            if lesion.volume_ml is not None:
                totals[lesion.key] = totals.get(lesion.key, 0.0) + lesion.volume_ml
        for key, total in totals.items():
            series.setdefault(key, []).append((study.date, round(total, 1)))
    return [Change(f"{side} {site}".replace("-", " "), points) for (site, side), points in sorted(series.items())]


def patient_page(patient_id: str, record: dict, reports: list[dict], result: dict) -> PatientPage:
    assessment = next(e["resource"] for e in result["entry"] if e["resource"]["resourceType"] == "RiskAssessment")
    notes = notes_by_kind(assessment)
    found = studies(record["observations"], reports)
    return PatientPage(
        patient_id=patient_id, name=_patient_name(record["patient"]), bars=differential(assessment),
        typing=_observation_value(result, "calcinosis-typing"), mechanism=_observation_value(result, "calcinosis-mechanism"),
        alarms=notes.get("alert", []), cant_miss_checks=notes.get("cant-miss-check", []),
        none_fits=next(iter(notes.get("none-fits", [])), None),
        next_tests=[*notes.get("next-best-test", []), *notes.get("also-informative", [])],
        suggested_tests=notes.get("suggested-test", []), management=notes.get("management", []),
        studies=found, changes=volume_changes(found))

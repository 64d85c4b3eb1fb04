"""CDS Hooks 2.0: the discovery document, the patient-view request and the card we answer with.

Specification: https://cds-hooks.hl7.org/2.0/
"""

import re
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.classifier.explanation import explanation_url
from services.classifier.output import ALERT_PREFIX, NOTE_KIND
from services.classifier.probability import format_probability
from services.classifier.schema import NONE_FITS

SERVICE_ID = "calcinosis-differential"
PATIENT_PAGE = "/patients/{patient_id}/view"  # services/classifier/views
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "observations": "Observation?patient={{context.patientId}}&_count=500",
}


class FhirAuthorization(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int | None = None
    scope: str | None = None
    subject: str | None = None


class PatientViewContext(BaseModel):
    userId: str
    patientId: str = Field(pattern=r"^[A-Za-z0-9\-.]{1,64}$")
    encounterId: str | None = None


class HookRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # the specification allows extension members
    hook: Literal["patient-view"]
    hookInstance: str
    fhirServer: str | None = None
    fhirAuthorization: FhirAuthorization | None = None
    context: PatientViewContext
    prefetch: dict[str, Any] | None = None


class Source(BaseModel):
    label: str
    url: str | None = None
    topic: dict | None = None


class Link(BaseModel):
    label: str
    url: str
    type: Literal["absolute", "smart"] = "absolute"


class Card(BaseModel):
    uuid: str
    summary: str = Field(max_length=140)
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: Source
    links: list[Link] | None = None


class CardsResponse(BaseModel):
    cards: list[Card]


class ServiceDescription(BaseModel):
    hook: str
    id: str
    title: str
    description: str
    prefetch: dict[str, str]
    usageRequirements: str | None = None


class Discovery(BaseModel):
    services: list[ServiceDescription]


def discovery() -> Discovery:
    return Discovery(services=[ServiceDescription(
        hook="patient-view", id=SERVICE_ID, title="Tumoral calcinosis differential diagnosis",
        description="Ranks the differential of a soft-tissue calcinosis from the patient's labs, findings and "
                    "imaging, gives the tumoral calcinosis typing and the test that would best separate the "
                    "leading candidates.",
        prefetch=PREFETCH,
        usageRequirements="Needs read access to the patient's Patient and Observation resources, by prefetch "
                          "or through fhirServer with fhirAuthorization.",
    )])


def _first(bundle: dict, resource_type: str, code: str | None = None) -> dict | None:
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        if resource["resourceType"] == resource_type and (
            code is None or any(c.get("code") == code for c in resource.get("code", {}).get("coding", []))
        ):
            return resource
    return None


ALERT = re.compile(rf"^{ALERT_PREFIX} \((warning|critical)\): (.*)$", re.DOTALL)


def notes_by_kind(assessment: dict) -> dict[str | None, list[str]]:
    """The texts of a RiskAssessment's notes by the kind output.py gave each (NOTE_KIND), in order."""
    kinds: dict[str | None, list[str]] = {}
    for note in assessment.get("note", []):
        kind = next((e.get("valueCode") for e in note.get("extension", []) if e.get("url") == NOTE_KIND), None)
        kinds.setdefault(kind, []).append(note["text"])
    return kinds


def card_from_result(result: dict, service_base: str | None = None, patient_id: str | None = None) -> Card:
    """The one card of a patient-view call, read from the classifier's result Bundle.

    Its source links to the explanation of the model (GET /explanation of this service, at the
    leading diagnosis: its prior and likelihood ratios with their sources), when the service's
    base URL is known; its topic is the leading diagnosis. With the base URL and the patient, the
    card links (an `absolute` link) to the patient's page (GET /patients/{id}/view).

    Indicator: the can't-miss alarm's level when there is one (the most severe leads the card: its
    summary opens it); otherwise 'warning' when none of the modelled diagnoses fits well (its note
    leads the summary), when a current treatment is to be stopped or when a tumoral calcinosis
    diagnosis leads, else 'info'. Probabilities are shown as format_probability words them.
    """
    assessment = _first(result, "RiskAssessment")
    assert assessment is not None  # every result holds its RiskAssessment
    typing = _first(result, "Observation", "calcinosis-typing")
    leading = assessment["prediction"][0]
    name = leading["outcome"]["text"]
    probability = format_probability(leading["probabilityDecimal"])
    typing_text = typing["valueCodeableConcept"]["text"] if typing else "unknown"
    notes = notes_by_kind(assessment)
    alarms = [m for m in map(ALERT.match, notes.get("alert", [])) if m]
    alarm = alarms[0] if alarms else None
    none_fits = next(iter(notes.get("none-fits", [])), None)
    next_test = next(iter(notes.get("next-best-test", [])), None)
    management = notes.get("management", [])
    stops = [n for n in management if "[STOP]" in n]
    others = ", ".join(f"{p['outcome']['text']} ({format_probability(p['probabilityDecimal'])})"
                       for p in assessment["prediction"][1:4])
    if alarm:
        indicator, summary = alarm.group(1), alarm.group(2)
    elif none_fits:
        indicator = "warning"
        by_code = {p["outcome"]["coding"][0]["code"]: p for p in assessment["prediction"]}
        best = next(p for code, p in by_code.items() if code != NONE_FITS)
        summary = (f"No modelled diagnosis fits well ({format_probability(by_code[NONE_FITS]['probabilityDecimal'])}); best: "
                   f"{best['outcome']['text']} ({format_probability(best['probabilityDecimal'])}); review before treating")
    else:
        tumoral = leading["outcome"]["coding"][0]["code"].startswith("tc-")
        indicator = "warning" if (tumoral or stops) else "info"
        summary = f"Calcinosis: {name} most likely ({probability})"
        if stops:
            summary += f"; {len(stops)} current treatment{'s' if len(stops) > 1 else ''} to stop"
    if len(summary) > 140:
        summary = summary[:137] + "..."
    detail = []
    if alarm:
        detail += [f"**{m.group(2)}**" for m in alarms] + [f"**{n}**" for n in notes.get("cant-miss-check", [])]
    if none_fits:
        detail.append(f"**{none_fits}**")
    detail += [f"**Leading diagnosis:** {name} ({probability})", f"**Typing:** {typing_text}",
               f"**Why:** {leading.get('rationale', '')}"]
    if others:
        detail.append(f"**Next candidates:** {others}")
    if next_test and not alarm:
        detail.append(f"**{next_test}**")
    detail += [f"- {n}" for n in notes.get("suggested-test", [])]
    detail += [f"- {n}" for n in management]
    coding = leading["outcome"]["coding"][0]
    source = Source(label="Calcinosis classifier (likelihood-ratio model, knowledge files with sources)",
                    url=explanation_url(service_base, coding["code"]) if service_base else None,
                    topic={key: coding[key] for key in ("system", "code", "display") if key in coding})
    links = [Link(label="Calcinosis page of this patient: differential, imaging and lesion volumes",
                  url=f"{service_base.rstrip('/')}{PATIENT_PAGE.format(patient_id=patient_id)}", type="absolute")
             ] if service_base and patient_id else None
    return Card(uuid=str(uuid.uuid4()), summary=summary, detail="\n\n".join(detail), indicator=indicator, source=source,
                links=links)

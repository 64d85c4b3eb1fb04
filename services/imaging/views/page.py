"""What the analysis page shows, read from the analysis's report Bundle and the stored volume:
plain data for the template (templates/analysis.html), testable without a browser."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from services.imaging.models import AnalysisJob
from services.imaging.views.slices import WINDOW_NAMES
from services.imaging.views.volume_store import PLANES, StoredVolume

DEFAULT_WINDOW = "soft-tissue"


@dataclass
class LesionRow:
    number: int
    observation: dict
    values: dict[str, object]   # component code -> its value, as the report gives it

    def text(self, code: str) -> str:
        value = self.values.get(code)
        if value is None:
            return "not measured"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, dict):  # a Quantity
            return f"{value.get('value')} {value.get('unit', '')}".strip()
        return str(value).replace("-", " ")

    @property
    def site(self) -> str:
        codings = self.observation.get("bodySite", {}).get("coding", [])
        names = [c.get("display") or c.get("code", "") for c in codings]
        return " / ".join(n.replace("-", " ") for n in names if n) or "not stated"


@dataclass
class PlaneView:
    plane: str
    index: int
    first: int
    last: int
    image: str             # URL of the PNG
    previous: str | None   # page URL one slice back (the viewer without a script)
    next: str | None


@dataclass
class LesionViewer:
    number: int
    planes: list[PlaneView] = field(default_factory=list)


def component_values(observation: dict) -> dict[str, object]:
    values: dict[str, object] = {}
    for component in observation.get("component", []):
        code = next((c.get("code") for c in component.get("code", {}).get("coding", [])), None)
        for key in ("valueQuantity", "valueBoolean", "valueInteger", "valueString"):
            if key in component:
                values[code or ""] = component[key]
        if "valueCodeableConcept" in component:
            concept = component["valueCodeableConcept"]
            values[code or ""] = concept.get("text") or next(
                (c.get("display") or c.get("code") for c in concept.get("coding", [])), None)
    return values


def report_parts(job: AnalysisJob) -> tuple[dict | None, list[LesionRow]]:
    """The DiagnosticReport and its lesions, numbered as the report lists them (largest first:
    lesion n is label n of the mask)."""
    entries = (job.report or {}).get("entry", [])
    resources = [e.get("resource", {}) for e in entries]
    report = next((r for r in resources if r.get("resourceType") == "DiagnosticReport"), None)
    observations = [r for r in resources if r.get("resourceType") == "Observation"]
    return report, [LesionRow(n, o, component_values(o)) for n, o in enumerate(observations, start=1)]


def viewers(job_id: str, stored: StoredVolume, query: dict[str, str], window: str) -> list[LesionViewer]:
    """For each lesion, the slice each plane shows now: its centre, or the slice the query asks
    for (`lesion=n&axial=k...`: the page's own links, which work without a script)."""
    focused = query.get("lesion")
    result = []
    for extent in stored.lesions:
        viewer = LesionViewer(extent.number)
        current = {}
        for plane in PLANES:
            first, last = extent.ranges[plane]
            wanted = query.get(plane) if focused == str(extent.number) else None
            index = int(wanted) if wanted is not None and wanted.isdigit() else extent.centre[stored.normals[plane]]
            current[plane] = min(max(index, first), last)
        for plane in PLANES:
            first, last = extent.ranges[plane]
            index = current[plane]
            viewer.planes.append(PlaneView(
                plane=plane, index=index, first=first, last=last,
                image=slice_url(job_id, plane, index, window),
                previous=_step(extent.number, current, plane, index - 1, window) if index > first else None,
                next=_step(extent.number, current, plane, index + 1, window) if index < last else None))
        result.append(viewer)
    return result


def _step(number: int, current: dict[str, int], plane: str, to: int, window: str) -> str:
    """The page showing lesion `number` with `plane` at slice `to` and its other planes as now;
    relative to the page (/analyses/{id}/view), so that a proxy's path prefix keeps working."""
    params = {"lesion": number, **current, plane: to, "window": window}
    return f"view?{urlencode(params)}#lesion-{number}"


def slice_url(job_id: str, plane: str, index: int, window: str) -> str:
    """Relative to the page, as its links are."""
    return f"view/{plane}/{index}.png?{urlencode({'window': window})}"


def window_or_default(value: str | None) -> str:
    return value if value in WINDOW_NAMES else DEFAULT_WINDOW

"""The patient page (GET /patients/{id}/view) from a live intake, and the pieces it is built from."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from services.classifier.main import create_app
from services.classifier.views.chart import volume_chart
from services.classifier.views.patient import Change, differential, studies, volume_changes
from shared.settings import Settings
from tests.classifier.imaging_reports import imaging_history, lesion, report_entries, vignette_entries
from tests.support.processes import uvicorn_service

CASES = Path(__file__).parent / "cases"
FHIR = {"Content-Type": "application/fhir+json"}


@pytest.fixture(scope="module")
def intake_with_imaging(tmp_path_factory):
    work = tmp_path_factory.mktemp("intake")
    env = {"DATA_DIR": str(work), "DATABASE_URL": f"sqlite+aiosqlite:///{work / 'intake.sqlite3'}", "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, work / "intake.log") as url:
        entries = vignette_entries()
        patient_id = next(e["resource"]["id"] for e in entries if e["resource"]["resourceType"] == "Patient")
        response = httpx.post(f"{url}/fhir", json={"resourceType": "Bundle", "type": "transaction",
                                                   "entry": entries + imaging_history(patient_id)}, headers=FHIR)
        assert response.status_code == 200, response.text
        yield f"{url}/fhir", patient_id


@pytest.fixture
async def classifier(tmp_path, intake_with_imaging):
    settings = Settings(data_dir=tmp_path, intake_url=intake_with_imaging[0], imaging_public_url="https://imaging.example.org")
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://classifier.test") as client:
            yield client


class Text(HTMLParser):
    """The text of each element with an id, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.by_id: dict[str, str] = {}
        self.links: list[str] = []
        self.candidates: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "li" and "candidate" in (attributes.get("class") or ""):
            self.candidates.append(attributes["data-code"])
        self.stack.append(attributes.get("id"))
        if attributes.get("id"):
            self.by_id[attributes["id"]] = ""

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for element in self.stack:
            if element:
                self.by_id[element] += data


def parse(html: str) -> Text:
    parser = Text()
    parser.feed(html)
    return parser


async def test_the_patient_page_shows_the_differential_and_the_lesions_over_time(classifier, intake_with_imaging):
    _, patient_id = intake_with_imaging
    response = await classifier.get(f"/patients/{patient_id}/view")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = parse(response.text)
    # the bars in the classifier's order, the expected diagnosis first, probabilities as the card words them
    result = (await classifier.post(f"/classify/Patient/{patient_id}")).json()
    ranked = [p["outcome"]["coding"][0]["code"] for p in result["entry"][0]["resource"]["prediction"]]
    assert page.candidates == ranked[:len(page.candidates)] and len(page.candidates) >= 3
    assert page.candidates[0] == "tc-primary-hyperphosphatemic"
    assert ">99%" in page.by_id["differential"] or "%" in page.by_id["differential"]
    assert "100.0%" not in response.text and "0.0%" not in response.text
    assert "Primary hyperphosphatemic" in page.by_id["typing"]
    assert page.by_id["next-tests"].strip()
    # two studies, oldest first; the rejected lesion is not shown
    assert response.text.index("2024-01-15") < response.text.index("2025-01-15")
    assert "99 mL" not in response.text
    changes = page.by_id["volume-changes"]
    assert "right hip gluteal" in changes and "10 mL to 14 mL: +4.0 mL (+40%)" in changes
    assert "left hip gluteal" in changes and "one study" in changes
    assert "https://imaging.example.org/analyses/analysis-2024/view" in page.links
    assert "https://imaging.example.org/analyses/analysis-2025/view" in page.links


async def test_an_unknown_patient_is_a_404_outcome(classifier):
    response = await classifier.get("/patients/nobody/view")
    assert response.status_code == 404 and response.json()["resourceType"] == "OperationOutcome"
    bad = await classifier.get("/patients/not*an*id/view")
    assert bad.status_code == 400 and bad.json()["resourceType"] == "OperationOutcome"


def test_studies_are_dated_by_the_scan_else_by_the_analysis_and_ordered():
    early = report_entries("p1", "2023-05-01", [lesion("p1", "hip-gluteal", "right", 4.0, "2023-05-01")])
    undated = report_entries("p1", None, [lesion("p1", "hip-gluteal", "right", 6.0, None)])
    resources = []
    for number, entry in enumerate(early + undated):
        resource = {**entry["resource"], "id": f"r{number}"}
        resources.append((entry["fullUrl"], resource))
    ids = {url: f"{r['resourceType']}/{r['id']}" for url, r in resources}
    for _, resource in resources:
        for result in resource.get("result", []):
            result["reference"] = ids[result["reference"]]
    reports = [r for _, r in resources if r["resourceType"] == "DiagnosticReport"]
    observations = [r for _, r in resources if r["resourceType"] == "Observation"]
    found = studies(observations, list(reversed(reports)))
    assert [s.dated_by for s in found] == ["scanned", "analysed"]  # 2023-05-01, then issued 2025-01-10
    assert [len(s.lesions) for s in found] == [1, 1]
    assert volume_changes(found) == [Change("right hip gluteal", [("2023-05-01", 4.0), ("2025-01-10T09:00:00Z", 6.0)])]


def test_bars_keep_the_ranking_and_stop_below_one_percent():
    def prediction(code, p):
        return {"outcome": {"coding": [{"code": code}], "text": code}, "probabilityDecimal": p, "rationale": f"why {code}"}

    bars = differential({"prediction": [prediction("a", 0.7), prediction("b", 0.2), prediction("c", 0.005),
                                        prediction("d", 0.05), prediction("e", 0.004), prediction("none-fits", 0.001)]})
    assert [b.code for b in bars] == ["a", "b", "c", "d"]  # the first three always, then while >= 1%
    assert [b.text for b in bars] == ["70%", "20%", "<1%", "5%"]
    assert bars[0].rationale == "why a"


def test_the_chart_puts_later_studies_right_and_bigger_volumes_higher():
    chart = volume_chart([Change("right hip gluteal", [("2024-01-15", 10.0), ("2025-01-15", 14.0)]),
                          Change("left hip gluteal", [("2025-01-15", 3.0)])])
    assert chart is not None
    right, left = chart.lines
    assert right.points[0].x < right.points[1].x and right.points[0].y > right.points[1].y  # SVG y grows downwards
    assert left.points[0].x == right.points[1].x and left.points[0].y > right.points[1].y
    assert chart.top <= min(p.y for line in chart.lines for p in line.points) and max(p.y for p in right.points) < chart.bottom
    assert [t.text for t in chart.x_ticks] == ["2024-01-15", "2025-01-15"]
    assert volume_chart([]) is None
    assert re.fullmatch(r"[\d.]+,[\d.]+ [\d.]+,[\d.]+", right.path)


def test_a_cant_miss_alarm_leads_the_page():
    from services.classifier.service import classify_bundle
    from services.classifier.views.patient import patient_page
    from services.classifier.views.routes import BAR_WIDTH, TEMPLATES

    vignette = json.loads((CASES / "extraskeletal-osteosarcoma-thigh.json").read_text())
    resources = [e["resource"] for e in vignette["entry"]]
    record = {"patient": resources[0], "observations": resources[1:]}
    result = classify_bundle(vignette, "http://calcinosis.example.org/fhir")
    model = patient_page(resources[0]["id"], record, [], result)
    assert model.alarms and model.alarms[0].startswith("ALERT (")
    html = TEMPLATES.env.get_template("patient.html").render(page=model, chart=None, bar_width=BAR_WIDTH, imaging_base="")
    page = parse(html)
    assert model.alarms[0] in page.by_id["cant-miss"] and html.index('id="cant-miss"') < html.index('id="differential"')
    # the vignette's mass was described without an imaging report: it is shown on its own
    masses = [r for r in resources if r.get("code", {}).get("coding", [{}])[0].get("code") == "calcified-mass"]
    assert masses and "Lesion findings outside an imaging report" in html

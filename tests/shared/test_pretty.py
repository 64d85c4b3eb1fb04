"""_pretty=true (FHIR's general parameter) indents the JSON of all three services; only the
whitespace changes (decimals stay as sent), and without it the answer stays compact."""

import json
from contextlib import asynccontextmanager

import httpx

from services.classifier.main import create_app as create_classifier
from services.imaging.main import create_app as create_imaging
from services.intake.main import create_app as create_intake
from shared.settings import Settings
from tests.intake.fhir_data import FHIR, patient


@asynccontextmanager
async def serving(app, base_url: str):
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield client


def assert_pretty(pretty: httpx.Response, compact: httpx.Response, *varying: str) -> None:
    """varying: members that differ from one answer to the next (a searchset's id)."""
    assert pretty.status_code == compact.status_code
    assert pretty.text.startswith('{\n  "') and "\n" not in compact.text
    same = [{k: v for k, v in json.loads(r.text).items() if k not in varying} for r in (pretty, compact)]
    assert same[0] == same[1]
    assert int(pretty.headers["content-length"]) == len(pretty.content)
    assert pretty.headers["content-type"] == compact.headers["content-type"]


async def test_pretty_on_intake_keeps_decimals_as_sent(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'intake.sqlite3'}",
                        validation_workers=0)
    async with serving(create_intake(settings), "http://intake.test") as intake:
        pid = (await intake.post("/fhir/Patient", json=patient(), headers=FHIR)).json()["id"]
        body = ('{"resourceType": "Observation", "status": "final", "code": {"text": "phosphate"}, '
                f'"subject": {{"reference": "Patient/{pid}"}}, "valueQuantity": {{"value": 6.80, "unit": "mg/dL"}}}}')
        oid = (await intake.post("/fhir/Observation", content=body, headers=FHIR)).json()["id"]
        pretty = await intake.get(f"/fhir/Observation/{oid}", params={"_pretty": "true"})
        assert_pretty(pretty, await intake.get(f"/fhir/Observation/{oid}"))
        assert '"value": 6.80' in pretty.text
        search = {"patient": pid, "_pretty": "true"}
        assert_pretty(await intake.get("/fhir/Observation", params=search),
                      await intake.get("/fhir/Observation", params={"patient": pid}), "id", "meta", "link")
        compact = await intake.get(f"/fhir/Observation/{oid}", params={"_pretty": "false"})
        assert "\n" not in compact.text


async def test_pretty_on_the_classifier_and_imaging_answers_and_errors(tmp_path):
    async with serving(create_classifier(Settings(data_dir=tmp_path, intake_url="http://127.0.0.1:9/fhir")),
                       "http://classifier.test") as classifier:
        for path in ("/fhir/CodeSystem/calcinosis-typing", "/fhir/CodeSystem/nonsense", "/cds-services"):
            assert_pretty(await classifier.get(path, params={"_pretty": "true"}), await classifier.get(path))
        page = await classifier.get("/explanation", params={"_pretty": "true"})
        assert page.headers["content-type"].startswith("text/html")  # not JSON: untouched
    imaging_settings = Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}")
    async with serving(create_imaging(imaging_settings), "http://imaging.test") as imaging:
        missing = "/analyses/00000000-0000-4000-8000-000000000000"
        pretty = await imaging.get(missing, params={"_pretty": "true"})
        assert pretty.status_code == 404 and pretty.json()["resourceType"] == "OperationOutcome"
        assert_pretty(pretty, await imaging.get(missing))

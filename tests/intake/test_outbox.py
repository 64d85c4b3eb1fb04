"""The outbox: an ImagingStudy naming a CT series on a DICOMweb server asks the imaging service
for an analysis, recorded with the study in one transaction and delivered until accepted."""

import json

import httpx
import pytest
from sqlalchemy import select

from services.intake.outbox.handover import analysis_requests
from services.intake.outbox.models import OutboxMessage
from tests.intake.fhir_data import FHIR, create, patient, phosphate, post_entry, transaction
from tests.support.processes import free_port, uvicorn_service

STUDY_UID = "1.2.826.0.1.3680043.8.498.1"
WADO = "http://pacs.example.org/dicom-web"


def endpoint(address: str = WADO, ident: str = "pacs") -> dict:
    return {"resourceType": "Endpoint", "id": ident, "status": "active",
            "connectionType": {"system": "http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
                               "code": "dicom-wado-rs"},
            "payloadType": [{"text": "DICOM"}], "address": address}


def ct_study(subject: str, address: str = WADO, modalities=("CT",), on_series: bool = False) -> dict:
    series = [{"uid": f"{STUDY_UID}.{i}", "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM",
                                                       "code": m}} for i, m in enumerate(modalities, 1)]
    study = {"resourceType": "ImagingStudy", "status": "available", "subject": {"reference": subject},
             "identifier": [{"system": "urn:dicom:uid", "value": f"urn:oid:{STUDY_UID}"}],
             "contained": [endpoint(address)], "series": series}
    if on_series:
        for s in series:
            s["endpoint"] = [{"reference": "#pacs"}]
    else:
        study["endpoint"] = [{"reference": "#pacs"}]
    return study


def test_which_studies_ask_for_an_analysis():
    study = ct_study("Patient/p1", modalities=("CT", "MR", "CT"))
    requests = analysis_requests(study, "s1")
    assert [key for key, _ in requests] == [f"{STUDY_UID}/{STUDY_UID}.1", f"{STUDY_UID}/{STUDY_UID}.3"]
    assert requests[0][1] == {"dicomweb": {"url": WADO, "studyInstanceUid": STUDY_UID,
                                           "seriesInstanceUid": f"{STUDY_UID}.1"},
                              "imagingStudy": "ImagingStudy/s1", "subject": "Patient/p1"}
    assert len(analysis_requests(ct_study("Patient/p1", on_series=True), "s1")) == 1
    no_endpoint = ct_study("Patient/p1")
    del no_endpoint["endpoint"]
    cancelled = {**ct_study("Patient/p1"), "status": "cancelled"}
    not_wado = ct_study("Patient/p1")
    not_wado["contained"][0]["connectionType"]["code"] = "dicom-qido-rs"
    no_uid = {**ct_study("Patient/p1"), "identifier": []}
    for study in (no_endpoint, cancelled, not_wado, no_uid, ct_study("Group/g1")):
        assert analysis_requests(study, "s1") == []


@pytest.fixture
async def intake_app(settings):
    """The intake app with its relay idle (poll once an hour): each test delivers by hand."""
    from services.intake.main import create_app

    settings.outbox_poll_seconds = 3600
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            yield app, client


async def messages(app) -> list[OutboxMessage]:
    async with app.state.db.sessions() as session:
        return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def test_recorded_with_the_study_once_and_never_for_a_rolled_back_one(intake_app):
    app, client = intake_app
    ada = await create(client, patient())
    failing = transaction(
        post_entry(ct_study("urn:uuid:3b1c0000-0000-4000-8000-000000000001")),
        post_entry(patient(), "urn:uuid:3b1c0000-0000-4000-8000-000000000001"),
        post_entry({**phosphate("Patient/" + ada["id"]), "status": "done"}),  # 422: nothing is stored
    )
    assert (await client.post("/fhir", json=failing, headers=FHIR)).status_code == 422
    assert await messages(app) == []

    study = await create(client, ct_study(f"Patient/{ada['id']}"))
    updated = await client.put(f"/fhir/ImagingStudy/{study['id']}", json={**study, "description": "again"}, headers=FHIR)
    assert updated.status_code == 200
    again = await client.post("/fhir", json=transaction(post_entry(ct_study(f"Patient/{ada['id']}"))), headers=FHIR)
    assert again.status_code == 200
    [message] = await messages(app)
    assert message.key == f"{STUDY_UID}/{STUDY_UID}.1" and message.payload["imagingStudy"] == f"ImagingStudy/{study['id']}"
    assert message.delivered_ms is None and message.attempts == 0


async def test_delivered_once_the_imaging_service_is_up(intake_app, tmp_path):
    app, client = intake_app
    port = free_port()
    app.state.settings.imaging_url = f"http://127.0.0.1:{port}"
    relay = app.state.outbox
    await relay.stop()
    await relay.start()  # its client now points at the port where imaging will listen
    ada = await create(client, patient())
    await create(client, ct_study(f"Patient/{ada['id']}"))

    assert await relay.deliver_due() == 1  # imaging is down: the message waits, with back-off
    [waiting] = await messages(app)
    assert waiting.delivered_ms is None and waiting.attempts == 1 and "ConnectError" in waiting.outcome
    assert await relay.deliver_due() == 0  # not due again yet
    assert 'outbox_backlog{topic="imaging-analysis"} 1.0' in (await client.get("/metrics")).text
    async with app.state.db.transaction() as session:  # time passes
        (await session.get(OutboxMessage, waiting.id)).next_attempt_ms = 0

    env = {"DATA_DIR": str(tmp_path / "imaging"), "LOG_LEVEL": "WARNING", "DICOMWEB_ALLOWED_URLS": json.dumps([WADO])}
    with uvicorn_service("imaging", env, tmp_path / "imaging.log", port=port) as imaging_url:
        assert await relay.deliver_due() == 1
        [delivered] = await messages(app)
        assert delivered.delivered_ms is not None and delivered.attempts == 2
        location = delivered.outcome.split(" ", 1)[1]
        job = httpx.get(imaging_url + location).json()
        assert job["imagingStudy"].startswith("ImagingStudy/") and job["inputKind"] == "dicomweb"
    metrics = (await client.get("/metrics")).text
    assert 'outbox_deliveries_total{outcome="delivered",topic="imaging-analysis"} 1.0' in metrics
    assert 'outbox_deliveries_total{outcome="retry",topic="imaging-analysis"} 1.0' in metrics
    assert 'outbox_backlog{topic="imaging-analysis"} 0.0' in metrics


async def test_a_patch_hands_over_as_an_update_does(intake_app):
    """PATCH stores through the update path: a study patched to name a CT series asks for its analysis."""
    app, client = intake_app
    ada = await create(client, patient())
    study = await create(client, ct_study(f"Patient/{ada['id']}", modalities=("MR",)))
    assert await messages(app) == []
    patch = b'[{"op": "replace", "path": "/series/0/modality/code", "value": "CT"}]'
    patched = await client.patch(f"/fhir/ImagingStudy/{study['id']}", content=patch,
                                 headers={"Content-Type": "application/json-patch+json"})
    assert patched.status_code == 200, patched.text
    [message] = await messages(app)
    assert message.key == f"{STUDY_UID}/{STUDY_UID}.1" and message.payload["imagingStudy"] == f"ImagingStudy/{study['id']}"


async def test_a_study_naming_a_dicomweb_server_imaging_does_not_allow_reaches_no_server(intake_app, tmp_path):
    """Issue 15: an ImagingStudy's contained Endpoint (ImagingStudy.c is all it takes) is no way to
    make imaging fetch a URL of the caller's choosing: imaging refuses the hand-over at submission
    (422), and nothing ever connects to the address."""
    from tests.imaging.test_dicomweb_security import tcp_server

    connections: list[int] = []
    app, client = intake_app
    port = free_port()
    app.state.settings.imaging_url = f"http://127.0.0.1:{port}"
    relay = app.state.outbox
    await relay.stop()
    await relay.start()
    with tcp_server(lambda connection, stop: connections.append(1)) as target_port:
        target = f"http://127.0.0.1:{target_port}/dicom-web"
        ada = await create(client, patient())
        await create(client, ct_study(f"Patient/{ada['id']}", address=target))
        env = {"DATA_DIR": str(tmp_path / "imaging"), "LOG_LEVEL": "WARNING", "DICOMWEB_ALLOWED_URLS": json.dumps([WADO])}
        with uvicorn_service("imaging", env, tmp_path / "imaging.log", port=port) as imaging_url:
            assert await relay.deliver_due() == 1
            [refused] = await messages(app)
            assert "422" in refused.outcome, refused.outcome
            assert 'imaging_analyses{state="queued"} 0.0' in httpx.get(f"{imaging_url}/metrics").text
    assert connections == []
    assert 'outbox_deliveries_total{outcome="refused",topic="imaging-analysis"} 1.0' in (await client.get("/metrics")).text

"""Imaging's audit trail (issue 15, finding 6): reading an analysis or downloading its mask is a
read of patient data and leaves an AuditEvent naming the patient, the client and the outcome;
submissions and refused reads too."""

import pytest
from fhir.resources.R4B import get_fhir_model_class

from services.imaging.main import create_app
from shared.settings import Settings
from tests.imaging.fixtures import NIFTI
from tests.imaging.test_api import finished
from tests.support.asgi import asgi_client


@pytest.fixture
async def imaging(database_url, tmp_path):
    app = create_app(Settings(data_dir=tmp_path, database_url=database_url))
    async with asgi_client(app, "http://imaging.test", timeout=60, client=("10.1.2.3", 50000)) as client:
        yield client


def codes(event: dict) -> tuple[str, str, str]:
    return event["subtype"][0]["code"], event["action"], event["outcome"]


async def test_every_read_of_an_analysis_leaves_an_audit_event(imaging):
    submitted = await imaging.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())},
                                   data={"subject": "Patient/p-audit"})
    assert submitted.status_code == 202
    location = submitted.headers["location"]
    analysis = submitted.json()["id"]
    await finished(imaging, location)  # polls: reads, each audited
    assert (await imaging.get(f"{location}/mask")).status_code == 404  # no lesion: refused, audited too
    assert (await imaging.get("/analyses/no-such-analysis")).status_code == 404

    trail = await imaging.get("/AuditEvent", params={"patient": "Patient/p-audit"})
    assert trail.status_code == 200, trail.text
    bundle = trail.json()
    get_fhir_model_class("Bundle").model_validate(bundle)
    events = [entry["resource"] for entry in bundle["entry"]]
    for event in events:
        get_fhir_model_class("AuditEvent").model_validate(event)
        assert {"reference": "Patient/p-audit"} in [e["what"] for e in event["entity"]]
        assert {"identifier": {"system": "urn:calcinosis:imaging-analysis", "value": analysis}} in \
            [e["what"] for e in event["entity"]]
        who = event["agent"][0]
        assert who["requestor"] and who["network"]["address"] == "10.1.2.3" and who["altId"]
    kinds = [codes(event) for event in reversed(events)]  # oldest first
    assert kinds[0] == ("create", "C", "0")
    assert ("read", "R", "0") in kinds[1:]  # the reads of the analysis
    assert kinds[-1] == ("read", "R", "4")  # the mask: none, 404
    assert [e["description"] for e in events[0]["entity"] if "description" in e][0] == "mask"

    # the read of an analysis that does not exist names what was asked for, with no patient
    unknown = (await imaging.get("/AuditEvent", params={"analysis": "no-such-analysis"})).json()["entry"]
    assert len(unknown) == 1 and codes(unknown[0]["resource"]) == ("read", "R", "4")
    assert not any("reference" in e["what"] for e in unknown[0]["resource"]["entity"])
    assert (await imaging.get("/AuditEvent")).status_code == 400


async def test_the_end_client_a_calling_service_names_is_recorded_beside_it(imaging):
    """A gateway or the classifier calling for a user names that user in X-On-Behalf-Of: the trail
    keeps both, the caller first; a malformed header names nobody."""
    submitted = await imaging.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())},
                                   data={"subject": "Patient/p-behalf"})
    location = submitted.headers["location"]
    await finished(imaging, location)
    assert (await imaging.get(location, headers={"X-On-Behalf-Of": "https://idp.example|dr-who"})).status_code == 200
    assert (await imaging.get(location, headers={"X-On-Behalf-Of": "no separator"})).status_code == 200
    events = [e["resource"] for e in (await imaging.get("/AuditEvent", params={"patient": "Patient/p-behalf"})).json()["entry"]]
    malformed, named = events[0], events[1]  # newest first
    assert [a.get("altId") for a in named["agent"]][1:] == ["dr-who"]
    assert named["agent"][1]["who"] == {"identifier": {"system": "https://idp.example", "value": "dr-who"}}
    assert named["agent"][0]["network"]["address"] == "10.1.2.3"  # the caller stays the first agent
    assert len(malformed["agent"]) == 1
    for event in events:
        get_fhir_model_class("AuditEvent").model_validate(event)

"""A real FHIR client library (fhirpy) against the intake service running under uvicorn."""

import pytest
from fhirpy import AsyncFHIRClient

from tests.intake.fhir_data import LOINC, MRN, patient, phosphate
from tests.support.processes import uvicorn_service


@pytest.fixture
def live_intake(database_url, tmp_path):
    env = {"DATABASE_URL": database_url, "DATA_DIR": str(tmp_path)}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as url:
        yield url


async def test_fhirpy_round_trip(live_intake):
    # fhirpy adds its own _totalMethod parameter to counts: lenient handling ignores it (docs/decisions.md).
    client = AsyncFHIRClient(f"{live_intake}/fhir", extra_headers={"Content-Type": "application/fhir+json",
                                                                   "Prefer": "handling=lenient"})
    ada = client.resource("Patient", **{k: v for k, v in patient(mrn="fp-1").items() if k != "resourceType"})
    await ada.save()
    assert ada.id and ada["meta"]["versionId"] == "1"

    for value, when in [(5.1, "2024-01-01"), (7.2, "2024-02-01")]:
        obs = phosphate(f"Patient/{ada.id}", value, when)
        await client.resource("Observation", **{k: v for k, v in obs.items() if k != "resourceType"}).save()

    found = await client.resources("Patient").search(identifier=f"{MRN}|fp-1").fetch_all()
    assert [p.id for p in found] == [ada.id]

    labs = await client.resources("Observation").search(patient=ada.id, code=f"{LOINC}|2777-1") \
        .sort("-date").limit(1).fetch_all()  # fetch_all follows the paging links
    assert [o["valueQuantity"]["value"] for o in labs] == [7.2, 5.1]
    assert await client.resources("Observation").search(**{"value-quantity": "gt6"}).count() == 1

    ada["gender"] = "male"
    await ada.save()
    fetched = await client.reference("Patient", ada.id).to_resource()
    assert fetched["gender"] == "male" and fetched["meta"]["versionId"] == "2"

"""Transaction (all or nothing) and batch Bundles posted to the base."""

import json

import pytest

from tests.intake.fhir_data import (
    FHIR,
    MRN,
    create,
    imaging_study,
    issues,
    patient,
    phosphate,
    post_entry,
    transaction,
)


async def post_bundle(intake, bundle, headers=None):
    return await intake.post("/fhir", content=json.dumps(bundle), headers={**FHIR, **(headers or {})})


async def count(intake, resource_type):
    return (await intake.get(f"/fhir/{resource_type}", params={"_summary": "count"})).json()["total"]


async def test_transaction_rewrites_urn_uuid_references(intake):
    bundle = transaction(
        post_entry(phosphate("urn:uuid:7f1b6f2e-0000-4000-8000-000000000001"), "urn:uuid:7f1b6f2e-0000-4000-8000-000000000002"),
        post_entry(patient(), "urn:uuid:7f1b6f2e-0000-4000-8000-000000000001"),
        post_entry(imaging_study("urn:uuid:7f1b6f2e-0000-4000-8000-000000000001")),
    )
    response = await post_bundle(intake, bundle)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["type"] == "transaction-response"
    statuses = [e["response"]["status"] for e in result["entry"]]
    assert statuses == ["201 Created"] * 3
    locations = [e["response"]["location"] for e in result["entry"]]
    assert locations[1].startswith("Patient/") and locations[1].endswith("/_history/1")
    patient_id = locations[1].split("/")[1]
    observation = (await intake.get("/fhir/" + locations[0].rsplit("/_history", 1)[0])).json()
    assert observation["subject"]["reference"] == f"Patient/{patient_id}"
    assert (await intake.get("/fhir/ImagingStudy", params={"patient": patient_id})).json()["total"] == 1


async def test_transaction_is_all_or_nothing(intake):
    existing = await create(intake, patient(mrn="keep"))
    bundle = transaction(
        post_entry(patient(mrn="new"), "urn:uuid:1"),
        post_entry(phosphate("urn:uuid:1")),
        {"resource": {**existing, "gender": "male"}, "request": {"method": "PUT", "url": f"Patient/{existing['id']}"}},
        post_entry(phosphate("Patient/does-not-exist")),  # the failing entry
    )
    response = await post_bundle(intake, bundle)
    assert response.status_code == 422
    assert "Bundle.entry[3]" in issues(response)[0] and "does-not-exist" in issues(response)[0]
    assert await count(intake, "Patient") == 1 and await count(intake, "Observation") == 0
    assert (await intake.get(f"/fhir/Patient/{existing['id']}")).json()["gender"] == "female"


async def test_transaction_failing_late_in_processing_rolls_back(intake):
    existing = await create(intake, patient(mrn="keep"))
    bundle = transaction(
        post_entry(patient(mrn="new")),
        {"resource": {**existing, "gender": "male"}, "request": {"method": "PUT", "url": f"Patient/{existing['id']}",
                                                                  "ifMatch": 'W/"9"'}},
    )
    response = await post_bundle(intake, bundle)
    assert response.status_code == 412 and "Bundle.entry[1]" in issues(response)[0]
    assert await count(intake, "Patient") == 1


async def test_transaction_conditional_create_and_conditional_reference(intake):
    known = await create(intake, patient(mrn="900"))
    bundle = transaction(
        post_entry(patient(mrn="900"), "urn:uuid:p", if_none_exist=f"identifier={MRN}|900"),
        post_entry(phosphate("urn:uuid:p")),
        post_entry(phosphate(f"Patient?identifier={MRN}|900")),
    )
    result = (await post_bundle(intake, bundle)).json()
    assert [e["response"]["status"] for e in result["entry"]] == ["200 OK", "201 Created", "201 Created"]
    assert result["entry"][0]["response"]["location"].startswith(f"Patient/{known['id']}/")
    observations = (await intake.get("/fhir/Observation", params={"patient": known["id"]})).json()
    assert observations["total"] == 2
    assert await count(intake, "Patient") == 1


async def test_conditional_reference_must_match_exactly_one(intake):
    nothing = await post_bundle(intake, transaction(post_entry(phosphate(f"Patient?identifier={MRN}|none"))))
    assert nothing.status_code == 412
    await create(intake, patient(mrn="dup"))
    await create(intake, patient(mrn="dup"))
    several = await post_bundle(intake, transaction(post_entry(phosphate(f"Patient?identifier={MRN}|dup"))))
    assert several.status_code == 412
    assert await count(intake, "Observation") == 0


async def test_transaction_order_delete_put_get(intake):
    doomed = await create(intake, patient(mrn="old"))
    bundle = transaction(
        {"request": {"method": "GET", "url": "Patient/fixed-id"}},
        {"resource": patient(mrn="fixed", id="fixed-id"), "request": {"method": "PUT", "url": "Patient/fixed-id"}},
        {"request": {"method": "DELETE", "url": f"Patient/{doomed['id']}"}},
    )
    response = await post_bundle(intake, bundle)
    assert response.status_code == 200, response.text
    entries = response.json()["entry"]
    assert entries[0]["resource"]["id"] == "fixed-id"  # GET runs after PUT
    assert entries[1]["response"]["status"] == "201 Created"
    assert entries[2]["response"]["status"] == "204 No Content"
    assert (await intake.get(f"/fhir/Patient/{doomed['id']}")).status_code == 410


async def test_transaction_rejects_duplicates_and_bad_entries(intake):
    dup = transaction(post_entry(patient(), "urn:uuid:a"), post_entry(patient(), "urn:uuid:a"))
    assert (await post_bundle(intake, dup)).status_code == 400
    no_request = transaction({"resource": patient()})
    response = await post_bundle(intake, no_request)
    assert response.status_code == 400 and "Bundle.entry[0]" in issues(response)[0]
    bad_resource = transaction(post_entry({"resourceType": "Patient", "gender": "female", "colour": "blue"}))
    response = await post_bundle(intake, bad_resource)
    assert response.status_code == 400 and "Unknown element" in issues(response)[0]
    wrong_type = transaction({"resource": patient(), "request": {"method": "POST", "url": "Observation"}})
    assert (await post_bundle(intake, wrong_type)).status_code == 400
    unresolved = transaction(post_entry(phosphate("urn:uuid:nobody")))
    response = await post_bundle(intake, unresolved)
    assert response.status_code == 422 and "urn:" in issues(response)[0]
    assert await count(intake, "Patient") == 0


async def test_batch_runs_each_entry_on_its_own(intake):
    pid = (await create(intake, patient()))["id"]
    bundle = transaction(
        post_entry(phosphate(f"Patient/{pid}")),
        post_entry(phosphate("Patient/missing")),
        {"request": {"method": "GET", "url": f"Patient/{pid}"}},
        {"request": {"method": "GET", "url": f"Observation?patient={pid}"}},
        {"request": {"method": "GET", "url": "Patient/missing"}},
        kind="batch",
    )
    response = await post_bundle(intake, bundle)
    assert response.status_code == 200
    result = response.json()
    assert result["type"] == "batch-response"
    statuses = [e["response"]["status"] for e in result["entry"]]
    assert statuses == ["201 Created", "422 Unprocessable Entity", "200 OK", "200 OK", "404 Not Found"]
    assert result["entry"][1]["response"]["outcome"]["resourceType"] == "OperationOutcome"
    assert result["entry"][3]["resource"]["total"] == 1
    assert await count(intake, "Observation") == 1


async def test_bundle_envelope_errors(intake):
    assert (await post_bundle(intake, patient())).status_code == 400
    assert (await post_bundle(intake, {"resourceType": "Bundle", "type": "collection"})).status_code == 400
    too_many = transaction(*[post_entry(patient(mrn=str(i))) for i in range(101)])
    response = await post_bundle(intake, too_many)
    assert response.status_code == 413 and "101 entries" in issues(response)[0]
    assert await count(intake, "Patient") == 0


async def test_prefer_representation_returns_resources(intake):
    response = await post_bundle(intake, transaction(post_entry(patient())), {"Prefer": "return=representation"})
    entry = response.json()["entry"][0]
    assert entry["resource"]["resourceType"] == "Patient" and entry["resource"]["meta"]["versionId"] == "1"


@pytest.mark.parametrize("workers", [0, 1])
async def test_large_transactions_validate_in_chunks(settings, workers):
    """Above one chunk, models are checked ahead (in a worker process when configured):
    a bad entry deep in the Bundle still fails the whole transaction, naming the entry."""
    import httpx

    from services.intake.interactions.bundles import CHUNK
    from services.intake.main import create_app

    big = settings.model_copy(update={"validation_workers": workers, "max_bundle_entries": 5000,
                                      "max_body_bytes": 20_000_000})
    app = create_app(big)
    size = 2 * CHUNK + 50
    entries = [post_entry(patient(mrn="chunk"), "urn:uuid:p")]
    entries += [post_entry(phosphate("urn:uuid:p", 1 + i / 100)) for i in range(size)]
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            bad = json.loads(json.dumps(entries))
            bad[size - 5]["resource"]["valueQuantity"]["value"] = "lots"
            response = await post_bundle(client, transaction(*bad))
            assert response.status_code == 400
            assert f"Bundle.entry[{size - 5}]" in issues(response)[0]
            assert await count(client, "Observation") == 0 and await count(client, "Patient") == 0
            response = await post_bundle(client, transaction(*entries))
            assert response.status_code == 200, response.text
            assert await count(client, "Observation") == size


@pytest.mark.parametrize("workers", [0, 1])
async def test_model_verdicts_arrive_late_but_answer_in_bundle_order(settings, workers):
    """The models' verdicts are awaited only before commit, while the service already checks,
    rewrites and writes the chunks: the answer is still the one of checking chunk after chunk (a
    model error before a rule error is 400, after it 422), a resource the model refuses is 400
    even where it trips the service's own index extraction first, and nothing is stored."""
    import httpx

    from services.intake.interactions.bundles import CHUNK
    from services.intake.main import create_app

    big = settings.model_copy(update={"validation_workers": workers, "max_bundle_entries": 5000,
                                      "max_body_bytes": 20_000_000})
    app = create_app(big)
    size = 3 * CHUNK
    entries = [post_entry(patient(mrn="order"), "urn:uuid:p")]
    entries += [post_entry(phosphate("urn:uuid:p", 1 + i / 100)) for i in range(size)]
    early, late = 7, 2 * CHUNK + 20  # in the first chunk, in the third

    def spoiled(**changes) -> dict:
        bad = json.loads(json.dumps(entries))
        for index, (element, value) in changes.items():
            bad[int(index.removeprefix("e"))]["resource"][element] = value
        return transaction(*bad)

    model_error, rule_error = ("issued", "last tuesday"), ("status", "done")  # 400 / 422 (required binding)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await post_bundle(client, spoiled(**{f"e{early}": model_error, f"e{late}": rule_error}))
            assert response.status_code == 400 and f"Bundle.entry[{early}]" in issues(response)[0], response.text
            response = await post_bundle(client, spoiled(**{f"e{early}": rule_error, f"e{late}": model_error}))
            assert response.status_code == 422 and f"Bundle.entry[{early}]" in issues(response)[0], response.text
            # The R4 layer's invariants are judged beside the models (in the worker), in the same order.
            invariant_error = ("dataAbsentReason", {"text": "not done"})  # obs-6: beside a value
            response = await post_bundle(client, spoiled(**{f"e{early}": invariant_error, f"e{late}": model_error}))
            assert response.status_code == 422 and f"Bundle.entry[{early}]" in issues(response)[0], response.text
            assert "obs-6" in issues(response)[0]
            response = await post_bundle(client, spoiled(**{f"e{early}": model_error, f"e{late}": invariant_error}))
            assert response.status_code == 400 and f"Bundle.entry[{early}]" in issues(response)[0], response.text
            response = await post_bundle(client, spoiled(**{f"e{late}": invariant_error}))
            assert response.status_code == 422 and f"Bundle.entry[{late}]" in issues(response)[0], response.text
            # A coding that is a string, not a list: the index extraction cannot read it, the model refuses it.
            response = await post_bundle(client, spoiled(**{f"e{late}": ("code", {"coding": "2777-1"})}))
            assert response.status_code == 400 and f"Bundle.entry[{late}]" in issues(response)[0], response.text
            assert await count(client, "Observation") == 0 and await count(client, "Patient") == 0


async def test_a_dead_validation_worker_is_replaced(settings, caplog):
    """A worker killed between requests (out of memory, say) costs no request."""
    import os
    import signal

    import httpx

    from services.intake.interactions.bundles import CHUNK
    from services.intake.main import create_app

    big = settings.model_copy(update={"validation_workers": 1, "max_bundle_entries": 5000,
                                      "max_body_bytes": 20_000_000})
    app = create_app(big)
    entries = [post_entry(patient(mrn="w"), "urn:uuid:p")]
    entries += [post_entry(phosphate("urn:uuid:p")) for _ in range(CHUNK + 10)]
    async with app.router.lifespan_context(app):
        pool = app.state.validation_pool._pool
        pid = next(iter(pool._processes)) if pool._processes else pool.submit(os.getpid).result()
        os.kill(pid, signal.SIGKILL)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await post_bundle(client, transaction(*entries))
            assert response.status_code == 200, response.text
            assert await count(client, "Observation") == CHUNK + 10
        assert any("worker process died" in r.getMessage() for r in caplog.records)
        assert app.state.validation_pool.available  # a fresh pool serves the next request

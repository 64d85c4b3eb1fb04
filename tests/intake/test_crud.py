"""Create, read, vread, update, delete, history and conditional create, over HTTP."""

import asyncio

from tests.intake.fhir_data import FHIR, MRN, body, create, issues, patient, phosphate


async def test_create_returns_201_with_location_etag_and_server_meta(intake):
    response = await intake.post("/fhir/Patient", content=body(patient(id="client-chosen")), headers=FHIR)
    assert response.status_code == 201
    created = response.json()
    assert created["id"] != "client-chosen"  # the server assigns ids on create
    assert created["meta"]["versionId"] == "1" and created["meta"]["lastUpdated"].endswith("Z")
    assert response.headers["location"] == f"http://intake.test/fhir/Patient/{created['id']}/_history/1"
    assert response.headers["etag"] == 'W/"1"'
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert "GMT" in response.headers["last-modified"]


async def test_read_and_vread(intake):
    created = await create(intake, patient())
    read = await intake.get(f"/fhir/Patient/{created['id']}")
    assert read.status_code == 200 and read.json() == created and read.headers["etag"] == 'W/"1"'
    vread = await intake.get(f"/fhir/Patient/{created['id']}/_history/1")
    assert vread.status_code == 200 and vread.json() == created
    assert (await intake.get(f"/fhir/Patient/{created['id']}/_history/7")).status_code == 404
    missing = await intake.get("/fhir/Patient/does-not-exist")
    assert missing.status_code == 404 and "not known" in issues(missing)[0]


async def test_update_versions_and_if_match(intake):
    created = await create(intake, patient())
    pid = created["id"]
    changed = {**created, "gender": "male"}
    response = await intake.put(f"/fhir/Patient/{pid}", content=body(changed), headers={**FHIR, "If-Match": 'W/"1"'})
    assert response.status_code == 200, response.text
    assert response.json()["meta"]["versionId"] == "2" and response.headers["etag"] == 'W/"2"'
    stale = await intake.put(f"/fhir/Patient/{pid}", content=body(changed), headers={**FHIR, "If-Match": 'W/"1"'})
    assert stale.status_code == 412 and "version 2" in issues(stale)[0]
    # The stale write changed nothing.
    assert (await intake.get(f"/fhir/Patient/{pid}")).json()["meta"]["versionId"] == "2"
    assert (await intake.get(f"/fhir/Patient/{pid}/_history/1")).json()["gender"] == "female"
    assert (await intake.get(f"/fhir/Patient/{pid}/_history/2")).json()["gender"] == "male"


async def test_update_creates_with_client_id(intake):
    response = await intake.put("/fhir/Patient/mrn-777", content=body(patient(id="mrn-777")), headers=FHIR)
    assert response.status_code == 201 and response.json()["id"] == "mrn-777"
    assert response.headers["location"].endswith("/fhir/Patient/mrn-777/_history/1")


async def test_update_id_mismatch_and_missing_id(intake):
    mismatch = await intake.put("/fhir/Patient/a", content=body(patient(id="b")), headers=FHIR)
    assert mismatch.status_code == 400 and "must match" in issues(mismatch)[0]
    no_id = await intake.put("/fhir/Patient/a", content=body(patient()), headers=FHIR)
    assert no_id.status_code == 400
    assert (await intake.get("/fhir/Patient/a")).status_code == 404
    bad_if_match = await intake.put("/fhir/Patient/a", content=body(patient(id="a")), headers={**FHIR, "If-Match": "yes"})
    assert bad_if_match.status_code == 400


async def test_delete_then_read_is_gone_and_history_keeps_versions(intake):
    created = await create(intake, patient())
    pid = created["id"]
    response = await intake.delete(f"/fhir/Patient/{pid}")
    assert response.status_code == 204
    gone = await intake.get(f"/fhir/Patient/{pid}")
    assert gone.status_code == 410 and gone.json()["resourceType"] == "OperationOutcome"
    assert (await intake.delete(f"/fhir/Patient/{pid}")).status_code == 204  # idempotent
    assert (await intake.get(f"/fhir/Patient/{pid}/_history/1")).status_code == 200
    assert (await intake.get(f"/fhir/Patient/{pid}/_history/2")).status_code == 410
    history = (await intake.get(f"/fhir/Patient/{pid}/_history")).json()
    assert history["type"] == "history" and history["total"] == 2
    assert [e["request"]["method"] for e in history["entry"]] == ["DELETE", "POST"]
    assert "resource" not in history["entry"][0]
    search = (await intake.get("/fhir/Patient", params={"_id": pid})).json()
    assert search["total"] == 0
    # An update brings a deleted resource back as a new version.
    again = await intake.put(f"/fhir/Patient/{pid}", content=body({**created}), headers=FHIR)
    assert again.status_code == 201 and again.json()["meta"]["versionId"] == "3"


async def test_delete_refused_while_referenced(intake):
    pid = (await create(intake, patient()))["id"]
    oid = (await create(intake, phosphate(f"Patient/{pid}")))["id"]
    refused = await intake.delete(f"/fhir/Patient/{pid}")
    assert refused.status_code == 409 and f"Observation/{oid}" in issues(refused)[0]
    assert (await intake.get(f"/fhir/Patient/{pid}")).status_code == 200
    assert (await intake.delete(f"/fhir/Observation/{oid}")).status_code == 204
    assert (await intake.delete(f"/fhir/Patient/{pid}")).status_code == 204


async def test_history_type_and_system_levels_with_paging(intake):
    pid = (await create(intake, patient()))["id"]
    for value in (5.0, 6.0, 7.0):
        await create(intake, phosphate(f"Patient/{pid}", value))
    type_history = (await intake.get("/fhir/Observation/_history", params={"_count": 2})).json()
    assert type_history["total"] == 3 and len(type_history["entry"]) == 2
    next_url = next(link["url"] for link in type_history["link"] if link["relation"] == "next")
    rest = (await intake.get(next_url)).json()
    seen = [e["resource"]["id"] for e in type_history["entry"] + rest["entry"]]
    assert len(set(seen)) == 3
    system = (await intake.get("/fhir/_history")).json()
    assert system["total"] == 4
    future = (await intake.get("/fhir/_history", params={"_since": "2999-01-01"})).json()
    assert future["total"] == 0
    assert (await intake.get("/fhir/Patient/nope/_history")).status_code == 404
    assert (await intake.get("/fhir/_history", params={"_since": "yesterday"})).status_code == 400


async def test_conditional_create(intake):
    headers = {**FHIR, "If-None-Exist": f"identifier={MRN}|555"}
    first = await intake.post("/fhir/Patient", content=body(patient(mrn="555")), headers=headers)
    assert first.status_code == 201
    second = await intake.post("/fhir/Patient", content=body(patient(mrn="555")), headers=headers)
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    await create(intake, patient(mrn="555", family="Twin"))  # a second match, unconditionally
    ambiguous = await intake.post("/fhir/Patient", content=body(patient(mrn="555")), headers=headers)
    assert ambiguous.status_code == 412
    assert (await intake.get("/fhir/Patient", params={"identifier": f"{MRN}|555"})).json()["total"] == 2


async def test_prefer_return_minimal(intake):
    response = await intake.post("/fhir/Patient", content=body(patient()),
                                 headers={**FHIR, "Prefer": "return=minimal"})
    assert response.status_code == 201 and response.content == b"" and "location" in response.headers


async def test_concurrent_updates_never_lose_a_version(intake):
    created = await create(intake, patient())
    pid = created["id"]

    async def update(gender):
        return await intake.put(f"/fhir/Patient/{pid}", content=body({**created, "gender": gender}), headers=FHIR)

    results = await asyncio.gather(*(update(g) for g in ["male", "female", "other", "unknown"] * 2))
    ok = [r for r in results if r.status_code == 200]
    assert all(r.status_code in (200, 409) for r in results)
    history = (await intake.get(f"/fhir/Patient/{pid}/_history", params={"_count": 50})).json()
    assert history["total"] == 1 + len(ok)
    versions = sorted(int(e["resource"]["meta"]["versionId"]) for e in history["entry"])
    assert versions == list(range(1, 2 + len(ok)))


async def test_every_version_reads_back_as_written(intake):
    """The current version's content is stored once (with the resource) and moves to its version
    row when superseded: whatever the path (create, update, delete, update again, transaction),
    vread and history give each version as it was written."""
    created = await create(intake, patient(family="One"))
    pid = created["id"]
    written = {1: created}
    for n, family in ((2, "Two"), (3, "Three")):
        response = await intake.put(f"/fhir/Patient/{pid}", content=body({**created, "name": [{"family": family}]}),
                                    headers=FHIR)
        written[n] = response.json()
    assert (await intake.delete(f"/fhir/Patient/{pid}")).status_code == 204  # version 4
    update = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"request": {"method": "PUT", "url": f"Patient/{pid}"},
         "resource": {**created, "name": [{"family": "Five"}]}}]}
    assert (await intake.post("/fhir", content=body(update), headers=FHIR)).status_code == 200
    written[5] = (await intake.get(f"/fhir/Patient/{pid}")).json()
    assert [written[n]["name"][0]["family"] for n in (1, 2, 3, 5)] == ["One", "Two", "Three", "Five"]
    for version, resource in written.items():
        assert (await intake.get(f"/fhir/Patient/{pid}/_history/{version}")).json() == resource, version
    assert (await intake.get(f"/fhir/Patient/{pid}/_history/4")).status_code == 410
    history = (await intake.get(f"/fhir/Patient/{pid}/_history")).json()
    by_version = {int(e["response"]["etag"].strip('W/"')): e.get("resource") for e in history["entry"]}
    assert by_version == {**written, 4: None}
    system = (await intake.get("/fhir/_history", params={"_count": 100})).json()
    assert [e["resource"] for e in system["entry"] if e.get("resource", {}).get("id") == pid] == \
        [written[n] for n in (5, 3, 2, 1)]


async def test_a_stored_resource_is_served_as_the_create_answered_it_byte_for_byte(intake):
    """Both backends keep a stored resource's JSON text as written (PostgreSQL's json column,
    migration 0008; jsonb printed its keys in an order of its own): read, vread, search and history
    serve the create's answer byte for byte, its decimals as sent."""
    subject = (await create(intake, patient()))["id"]
    sent = body(phosphate(f"Patient/{subject}", 6.8)).replace(b'"value": 6.8,', b'"value": 6.80,')
    created = await intake.post("/fhir/Observation", content=sent, headers=FHIR)
    assert created.status_code == 201 and b'"value":6.80,' in created.content
    oid = created.json()["id"]
    assert list(created.json())[0] == "resourceType"  # as sent (jsonb put it last, its key being the longest)
    for path in (f"/fhir/Observation/{oid}", f"/fhir/Observation/{oid}/_history/1"):
        assert (await intake.get(path)).content == created.content, path
    for path, params in (("/fhir/Observation", {"_id": oid}), (f"/fhir/Observation/{oid}/_history", {"_count": "5"}),
                         ("/fhir/Patient", {"_id": subject, "_revinclude": "Observation:patient"})):
        served = (await intake.get(path, params=params)).content
        assert b'"resource":' + created.content + b"," in served, path

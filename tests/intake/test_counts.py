"""The counts of a code kept beside the token index (storage/counts.py; docs/decisions.md, Intake
38): after every kind of write, on both databases, `code=X&_summary=count` answered from them is
the count the index gives, and writers of one code on PostgreSQL neither lose a count nor deadlock."""

import asyncio

import pytest
from sqlalchemy import event, func, select, text

from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import parse_search
from services.intake.search.planner import count_statement, counted_key
from services.intake.storage import counts
from services.intake.storage.models import TokenCount
from tests.intake.fhir_data import FHIR, LOINC, patient, phosphate, post_entry, transaction

LOCAL = "urn:lab:codes"
SUBJECT = "urn:uuid:7c1a0000-0000-4000-8000-0000000000c1"
# Every form the kept counts answer, over codes given in one system, in two (one resource holds
# both), with and without a system.
FORMS = ["2777-1", f"{LOINC}|2777-1", f"{LOCAL}|2777-1", "17861-6", f"{LOINC}|17861-6", "|17861-6",
         "x-local", "|x-local", "no-such-code", f"{LOCAL}|no-such-code"]


def observation(subject: str, *codings: dict, **extra) -> dict:
    obs = phosphate(subject, **extra)
    obs["code"] = {"coding": list(codings)}
    return obs


def coding(code: str, system: str | None = LOINC) -> dict:
    return {"code": code, **({"system": system} if system else {})}


async def kept_and_plain(intake, form: str) -> tuple[int, int]:
    """(the count over HTTP, answered from the kept counts; the count of the index rows, as before)."""
    found = await intake.get("/fhir/Observation", params={"code": form, "_summary": "count"})
    assert found.status_code == 200, found.text
    request = parse_search("Observation", [("code", form), ("_summary", "count")], default_count=20, max_count=1000)
    assert counted_key(request) is not None
    async with intake._transport.app.state.db.sessions() as session:
        plain = (await session.execute(count_statement(request))).scalar_one()
    return found.json()["total"], plain


async def assert_exact(intake) -> dict[str, int]:
    totals = {}
    for form in FORMS:
        kept, plain = await kept_and_plain(intake, form)
        assert kept == plain, (form, kept, plain)
        totals[form] = kept
    return totals


async def count_rows(intake) -> int:
    async with intake._transport.app.state.db.sessions() as session:
        return (await session.execute(select(func.count()).select_from(TokenCount))).scalar_one()


async def test_the_kept_counts_equal_the_index_count_after_every_kind_of_write(intake):
    both = observation(SUBJECT, coding("2777-1"), coding("2777-1", LOCAL))  # one resource, the code twice
    entries = [post_entry(patient(), SUBJECT), post_entry(observation(SUBJECT, coding("2777-1"))),
               post_entry(both), post_entry(observation(SUBJECT, coding("17861-6"))),
               post_entry(observation(SUBJECT, coding("17861-6", None))),
               post_entry(observation(SUBJECT, coding("x-local", None), coding("x-local", None)))]
    created = await intake.post("/fhir", json=transaction(*entries), headers=FHIR)
    assert created.status_code == 200, created.text
    locations = [e["response"]["location"].split("/_history")[0] for e in created.json()["entry"]]
    subject, first = locations[0], locations[1]
    assert await assert_exact(intake) == {
        "2777-1": 2, f"{LOINC}|2777-1": 2, f"{LOCAL}|2777-1": 1, "17861-6": 2, f"{LOINC}|17861-6": 1,
        "|17861-6": 1, "x-local": 1, "|x-local": 1, "no-such-code": 0, f"{LOCAL}|no-such-code": 0}

    # create
    one = await intake.post("/fhir/Observation", json=observation(subject, coding("2777-1")), headers=FHIR)
    assert one.status_code == 201
    assert (await assert_exact(intake))["2777-1"] == 3

    # PUT keeping the code: no count row written
    stored = (await intake.get(f"/fhir/{first}")).json()
    rows = await count_rows(intake)
    stored["valueQuantity"]["value"] = 7.1
    kept = await intake.put(f"/fhir/{first}", json=stored, headers=FHIR)
    assert kept.status_code == 200, kept.text
    assert await count_rows(intake) == rows
    assert (await assert_exact(intake))["2777-1"] == 3

    # PUT changing the code
    stored["code"] = {"coding": [coding("17861-6")]}
    changed = await intake.put(f"/fhir/{first}", json=stored, headers=FHIR)
    assert changed.status_code == 200, changed.text
    totals = await assert_exact(intake)
    assert (totals["2777-1"], totals["17861-6"]) == (2, 3)

    # PATCH changing the code back
    patch = [{"op": "replace", "path": "/code/coding/0/code", "value": "2777-1"}]
    patched = await intake.patch(f"/fhir/{first}", json=patch, headers={"Content-Type": "application/json-patch+json"})
    assert patched.status_code == 200, patched.text
    assert (await assert_exact(intake))["2777-1"] == 3

    # DELETE, then PUT to the deleted id (created again)
    assert (await intake.delete(f"/fhir/{first}")).status_code == 204
    assert (await intake.delete(f"/fhir/{first}")).status_code == 204  # nothing left to delete: counted once
    assert (await assert_exact(intake))["2777-1"] == 2
    stored.pop("meta")
    again = await intake.put(f"/fhir/{first}", json=stored, headers=FHIR)
    assert again.status_code in (200, 201), again.text
    assert (await assert_exact(intake))["17861-6"] == 3

    # conditional create: a match stores nothing, no match stores one
    marked = observation(subject, coding("x-local", None), identifier=[{"system": "urn:ids", "value": "c-1"}])
    for expected in (201, 200):
        conditional = await intake.post("/fhir/Observation", json=marked,
                                        headers={**FHIR, "If-None-Exist": "identifier=urn:ids|c-1"})
        assert conditional.status_code == expected, conditional.text
    assert (await assert_exact(intake))["x-local"] == 2

    # a transaction that rolls back (a stale If-Match on its PUT): none of its writes is counted
    before = await assert_exact(intake)
    rows = await count_rows(intake)
    stale = {"resource": {**stored, "id": first.split("/")[1]},
             "request": {"method": "PUT", "url": first, "ifMatch": 'W/"1"'}}
    failed = await intake.post("/fhir", json=transaction(
        post_entry(observation(subject, coding("2777-1"))), {"request": {"method": "DELETE", "url": locations[2]}},
        stale), headers=FHIR)
    assert failed.status_code == 412, failed.text
    assert await assert_exact(intake) == before and await count_rows(intake) == rows

    # a transaction of every kind of entry
    both_id = locations[2].split("/")[1]
    recoded = {**(await intake.get(f"/fhir/{locations[2]}")).json(), "code": {"coding": [coding("x-local", None)]}}
    mixed = await intake.post("/fhir", json=transaction(
        post_entry(observation(subject, coding("2777-1", LOCAL))), {"request": {"method": "DELETE", "url": locations[3]}},
        {"resource": recoded, "request": {"method": "PUT", "url": f"Observation/{both_id}"}}), headers=FHIR)
    assert mixed.status_code == 200, mixed.text
    totals = await assert_exact(intake)
    assert (totals["2777-1"], totals[f"{LOCAL}|2777-1"], totals["17861-6"], totals["x-local"]) == (2, 1, 2, 3)


async def test_a_key_read_in_many_rows_is_folded_into_one_with_the_same_count(intake):
    """Each write transaction adds a row per code; a read that sums more than FOLD_AT of them
    has them folded (deleted and summed into one, beside the requests): the count is unchanged."""
    created = await intake.post("/fhir", json=transaction(post_entry(patient(), SUBJECT)), headers=FHIR)
    subject = created.json()["entry"][0]["response"]["location"].split("/_history")[0]
    for _ in range(counts.FOLD_AT + 2):
        one = await intake.post("/fhir/Observation", json=observation(subject, coding("2777-1")), headers=FHIR)
        assert one.status_code == 201
    key = ("Observation", "code", None, "2777-1", True)
    app = intake._transport.app
    async with app.state.db.sessions() as session:
        assert tuple((await session.execute(counts.sum_statement(key))).one()) == (counts.FOLD_AT + 2, counts.FOLD_AT + 2)
    assert await kept_and_plain(intake, "2777-1") == (counts.FOLD_AT + 2,) * 2
    await app.state.interactions.counts.close()  # the fold asked for by that read
    async with app.state.db.sessions() as session:
        assert tuple((await session.execute(counts.sum_statement(key))).one()) == (counts.FOLD_AT + 2, 1)
    assert await kept_and_plain(intake, "2777-1") == (counts.FOLD_AT + 2,) * 2
    assert await assert_exact(intake)


async def test_a_fold_beside_an_uncommitted_writer_keeps_its_rows(intake, database_url):
    """A writer's rows committed after a fold began are not among those the fold deletes and sums:
    the count after both is the writer's plus what was folded (no lost count)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time: a fold waits for the writer's commit")
    app = intake._transport.app
    key = ("Observation", "code", LOINC, "2777-1", False)
    row = dict(zip(counts.COLUMNS, (*key, 1), strict=True))
    async with app.state.db.transaction() as session:
        for _ in range(3):
            await session.execute(TokenCount.__table__.insert().values(row))
    async with app.state.db.transaction() as writer:
        await writer.execute(TokenCount.__table__.insert().values({**row, "delta": 5}))  # not committed yet
        async with app.state.db.transaction() as folding:
            await counts.fold(folding, key)
        async with app.state.db.sessions() as reader:
            assert tuple((await reader.execute(counts.sum_statement(key))).one()) == (3, 1)
    async with app.state.db.sessions() as reader:
        assert tuple((await reader.execute(counts.sum_statement(key))).one()) == (8, 2)


async def test_concurrent_writers_of_one_code_lose_no_count_and_never_wait_on_each_other(intake, database_url):
    """Twenty transactions at once, each creating, updating or deleting Observations of one code,
    with counts read (and folded) between them: every request succeeds (no deadlock, no lock
    timeout) and the kept count is the index's. No count row is ever updated: the writers' only
    statements on the counts are INSERTs."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs one writer at a time")
    # 25: the second round's deletes and updates still find 18 Observations, each its own (the
    # first round's list written twice made one of them both deleted and updated at once, which
    # rightly fails one with 409 "changed concurrently", and the test failed now and then).
    created = await intake.post("/fhir", json=transaction(post_entry(patient(), SUBJECT), *(
        post_entry(observation(SUBJECT, coding("2777-1"))) for _ in range(25))), headers=FHIR)
    assert created.status_code == 200, created.text
    locations = [e["response"]["location"].split("/_history")[0] for e in created.json()["entry"]]
    subject, observations = locations[0], locations[1:]
    app = intake._transport.app
    statements: list[str] = []
    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_: statements.append(sql))

    async def write(i: int):
        if i % 4 == 0:
            return await intake.delete(f"/fhir/{observations[i]}")
        if i % 4 == 1:
            resource = (await intake.get(f"/fhir/{observations[i]}")).json()
            resource["code"] = {"coding": [coding("17861-6")]}
            return await intake.put(f"/fhir/{observations[i]}", json=resource, headers=FHIR)
        if i % 4 == 2:
            return await intake.get("/fhir/Observation", params={"code": "2777-1", "_summary": "count"})
        return await intake.post("/fhir", json=transaction(*(
            post_entry(observation(subject, coding("2777-1"), coding("2777-1", LOCAL))) for _ in range(5))),
            headers=FHIR)

    for _ in range(2):
        responses = await asyncio.wait_for(asyncio.gather(*(write(i) for i in range(20))), timeout=120)
        assert all(r.status_code in (200, 201, 204) for r in responses), [r.text for r in responses if r.status_code >= 300]
        observations = [o for i, o in enumerate(observations) if i % 4 != 0]
    await app.state.interactions.counts.close()
    totals = await assert_exact(intake)
    assert totals["2777-1"] > 0 and totals["17861-6"] > 0
    on_counts = [s for s in statements if "search_token_count" in s]
    assert on_counts and all(s.lstrip().upper().startswith(("INSERT", "SELECT", "DELETE")) for s in on_counts)
    assert not any(s.lstrip().upper().startswith("UPDATE") for s in on_counts)
    async with app.state.db.sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM search_token_count WHERE delta = 0"))).scalar_one() == 0


@pytest.mark.parametrize(("pairs", "key"), [
    ([("code", "2777-1")], ("Observation", "code", None, "2777-1", True)),
    ([("code", f"{LOINC}|2777-1")], ("Observation", "code", LOINC, "2777-1", False)),
    ([("code", "|2777-1")], ("Observation", "code", None, "2777-1", False)),
    ([("code", f"{LOINC}|")], None),  # every code of a system
    ([("code", "2777-1,1989-3")], None),
    ([("code:not", "2777-1")], None),
    ([("code", "2777-1"), ("status", "final")], None),
    ([("category", "laboratory")], None),  # not a counted parameter
])
def test_which_counts_the_kept_rows_answer(pairs, key):
    request = parse_search("Observation", [*pairs, ("_summary", "count")], default_count=20, max_count=1000)
    assert counted_key(request) == key


async def test_the_count_of_a_code_reads_the_kept_counts_not_the_token_index(intake):
    """What makes the count O(1) in the store's size: the statements a count of a code runs (in
    any of its forms) read search_token_count and never search_token; other counts still do."""
    app = intake._transport.app
    created = await intake.post("/fhir", json=transaction(post_entry(patient(), SUBJECT), post_entry(
        observation(SUBJECT, coding("2777-1")))), headers=FHIR)
    assert created.status_code == 200
    for pairs, kept in [([("code", "2777-1")], True), ([("code", f"{LOINC}|2777-1")], True),
                        ([("code", "2777-1"), ("status", "final")], False)]:
        statements: list[str] = []
        async with app.state.db.sessions() as session:
            connection = await session.connection()
            event.listen(connection.sync_connection, "before_cursor_execute",
                         lambda _c, _cur, sql, *_, into=statements: into.append(sql))
            request = parse_search("Observation", [*pairs, ("_summary", "count")], default_count=20, max_count=1000)
            _, total = await SearchExecutor(session).search(request)
        assert total == 1
        assert any("search_token_count" in s for s in statements) == kept, statements
        assert any("search_token " in s or "search_token\n" in s or "search_token AS" in s
                   for s in statements) == (not kept), statements

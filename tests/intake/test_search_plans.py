"""How searches are planned at scale (docs/performance.md, 1,000,000 Observations): the
statements' shape, and which criterion starts a query when counting cannot tell."""

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import parse_search
from services.intake.search.planner import count_statement, driver_candidates, ids_statement, page_statement
from shared.settings import Settings
from tests.intake.fhir_data import FHIR, LOINC, patient, phosphate, post_entry, transaction


@pytest.mark.parametrize("dialect", [postgresql.dialect(), sqlite.dialect()], ids=["postgresql", "sqlite"])
@pytest.mark.parametrize("pairs", [[("value-quantity", "gt14.5")], [("date", "ge2020-01-01")], [("name", "oka")]])
def test_the_first_ids_of_a_lone_range_criterion_come_from_its_index_alone(dialect, pairs):
    """Read as an IN list over the resources, PostgreSQL hashed all 34,000 matches of
    value-quantity=gt14.5 before LIMIT could stop it (126 ms); from the index, 1,001 entries."""
    resource_type = "Patient" if pairs[0][0] == "name" else "Observation"
    request = parse_search(resource_type, pairs, default_count=20, max_count=1000)
    sql = str(ids_statement(request, 1000, dialect.name).compile(dialect=dialect))
    assert "FROM resources" not in sql and "LIMIT" in sql


@pytest.mark.parametrize("dialect", [postgresql.dialect(), sqlite.dialect()], ids=["postgresql", "sqlite"])
@pytest.mark.parametrize(("code", "distinct"), [(f"{LOINC}|2777-1", False), ("2777-1", True), ("|2777-1", True),
                                                (f"{LOINC}|", True), (f"{LOINC}|2777-1,{LOINC}|1989-3", True)])
def test_a_system_code_is_counted_from_its_index_entries_without_removing_repeats(dialect, code, distinct):
    """A resource's token rows are unique (migration 0005), so counting a lone system|code counts
    index entries: at 1,000,000 Observations removing repeated ids among one code's 166,000 was a
    third of the count. Without a system (NULLs are not held unique), with several codes, or with
    a system alone, a resource may have several matching rows: the ids are made distinct first."""
    request = parse_search("Observation", [("code", code), ("_summary", "count")], default_count=20, max_count=1000)
    sql = str(count_statement(request).compile(dialect=dialect))
    assert ("DISTINCT" in sql or " IN (" in sql) == distinct and "search_token" in sql


def test_a_coding_given_twice_is_one_index_row():
    """What makes the counts above exact: a code given twice in a resource (or a value reached by
    two paths of one parameter) is stored once, as the unique lookup index requires."""
    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.storage.indexing import IndexRows, add_rows

    twice = phosphate("Patient/1")
    twice["code"]["coding"] *= 2
    twice["category"].append(twice["category"][0])
    rows = IndexRows()
    for owner in ("a", "b"):
        add_rows(check_structure(twice, "Observation", "", JUDGED_ELSEWHERE), ("Observation", owner), rows)
    assert len(rows.token) == len(set(rows.token)) == 2 * len({r[2:] for r in rows.token})
    assert ("Observation", "a", "code", LOINC, "2777-1") in rows.token


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    # A total limit of 2: candidates are counted up to 10 rows, so a few resources make a tie.
    return Settings(data_dir=tmp_path, database_url=database_url, validation_workers=0, search_total_limit=2)


async def test_a_tie_at_the_count_limit_goes_to_the_criterion_postgresql_expects_fewer_rows_of(intake, database_url):
    """category=X (60 rows) and a two-month window (12 rows) both count 10, the limit: PostgreSQL's
    estimate starts the query from the window (at 1,000,000 Observations, a tenth of the probes).
    (A code with a window reads the combined index instead, with nothing to choose.)"""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has fixed statistics and no estimate to ask; the first candidate drives")
    entries = [post_entry(patient(), "urn:uuid:7c1a0000-0000-4000-8000-000000000001")]
    for i in range(60):
        when = f"2020-0{1 + i % 2}-{10 + i % 15}" if i < 12 else f"20{16 + i % 8}-0{4 + i % 5}-1{i % 9}"
        entries.append(post_entry(phosphate("urn:uuid:7c1a0000-0000-4000-8000-000000000001", 5 + i / 10, when)))
    response = await intake.post("/fhir", json=transaction(*entries), headers=FHIR)
    assert response.status_code == 200, response.text

    app = intake._transport.app  # the app under test: its database, for the statistics and the plan
    async with app.state.db.transaction() as session:
        await session.execute(text("ANALYZE"))
    pairs = [("category", "laboratory"), ("date", "ge2020-01-01"), ("date", "lt2020-03-01")]
    async with app.state.db.sessions() as session:
        request = parse_search("Observation", pairs, default_count=20, max_count=1000, total_limit=2)
        executor = SearchExecutor(session)
        matches, _ = await executor.search(request)
    assert request.driver is not None and request.driver.param.name == "date"
    assert len(matches) == 12
    found = await intake.get("/fhir/Observation", params=[*pairs, ("_total", "accurate")])
    assert found.json()["total"] == 12


def _observation(subject: str, *codings: dict) -> dict:
    obs = phosphate(subject)
    obs["code"] = {"coding": list(codings)}
    return obs


async def test_a_code_counted_as_its_one_system_counts_the_same(intake, database_url):
    """code=X&_summary=count reads as system|X when all of X's index rows have that one system (the
    ids then come in order from the token index and are counted without hashing; 166,000 ids for one
    code at 1,000,000 Observations); with several systems, or rows with and without one, it is left
    as it is. Either way the count is that of the resources, each once."""
    subject = "urn:uuid:7c1a0000-0000-4000-8000-000000000002"
    loinc, local, bare = ({"system": LOINC, "code": "2777-1"}, {"system": "urn:lab:codes", "code": "2777-1"},
                          {"code": "17861-6"})
    observations = [_observation(subject, loinc), _observation(subject, loinc, dict(loinc)),  # the coding twice
                    _observation(subject, loinc, local),  # one resource, the code in two systems
                    _observation(subject, local),
                    _observation(subject, bare), _observation(subject, bare),
                    _observation(subject, {"system": LOINC, "code": "2000-8"}),
                    _observation(subject, {"system": LOINC, "code": "2000-8"}, {"code": "2000-8"})]
    response = await intake.post("/fhir", json=transaction(post_entry(patient(), subject),
                                                           *(post_entry(o) for o in observations)), headers=FHIR)
    assert response.status_code == 200, response.text

    async def count(code: str, status: str | None = None) -> int:
        params = {"code": code, "_summary": "count", **({"status": status} if status else {})}
        found = await intake.get("/fhir/Observation", params=params)
        assert found.status_code == 200, found.text
        return found.json()["total"]

    assert await count("2777-1") == 4  # LOINC and a local system: not narrowed
    assert await count(f"{LOINC}|2777-1") == 3
    assert await count("17861-6") == 2  # no system at all: read as |17861-6
    assert await count("2000-8") == 2  # with and without a system: not narrowed
    assert await count("no-such-code") == 0

    assert await count("2777-1", "final") == 4  # counted from the index (the kept counts answer a code alone)
    assert await count(f"{LOINC}|2777-1", "final") == 3 and await count("17861-6", "final") == 2
    assert await count("2000-8", "final") == 2 and await count("no-such-code", "final") == 0

    if not database_url.startswith("postgresql"):
        return  # SQLite counts as it did: the narrowing is PostgreSQL's (its planner hashed the ids)
    app = intake._transport.app
    narrowed = {}
    # With a second criterion: a code alone is answered by its kept counts (storage/counts.py), not narrowed.
    for code in ("2777-1", "17861-6", "2000-8", "1989-3"):
        async with app.state.db.sessions() as session:
            request = parse_search("Observation", [("code", code), ("status", "final"), ("_summary", "count")],
                                   default_count=20, max_count=1000)
            await SearchExecutor(session).search(request)
            narrowed[code] = request.criteria[0].values
    stored = response.json()["entry"][0]["response"]["location"].split("/_history")[0]  # Patient/{id}
    observations = [_observation(stored, {"system": LOINC, "code": "1989-3"}) for _ in range(2)]
    assert narrowed == {"2777-1": ("2777-1",), "17861-6": ("|17861-6",), "2000-8": ("2000-8",),
                        "1989-3": ("1989-3",)}
    added = await intake.post("/fhir", json=transaction(*(post_entry(o) for o in observations)), headers=FHIR)
    assert added.status_code == 200, added.text
    async with app.state.db.sessions() as session:
        request = parse_search("Observation", [("code", "1989-3"), ("status", "final"), ("_summary", "count")],
                               default_count=20, max_count=1000)
        _, total = await SearchExecutor(session).search(request)
    assert request.criteria[0].values == (f"{LOINC}|1989-3",) and total == 2


@pytest.mark.parametrize("dialect", [postgresql.dialect(), sqlite.dialect()], ids=["postgresql", "sqlite"])
def test_a_code_in_a_date_window_is_one_range_of_the_combined_index(dialect):
    """code=X&date=geY&date=ltZ reads X's points in the window from search_combo (a code and its
    date in one row), for the first ids, the count and a sorted broad page, instead of probing the
    code for each point of the window (about 6,000 probes at 1,000,000 Observations, p95 84 ms)."""
    pairs = [("code", "2777-1"), ("date", "ge2020-01-01"), ("date", "lt2020-03-01")]
    request = parse_search("Observation", [*pairs, ("_sort", "-date")], default_count=20, max_count=1000)
    statements = [ids_statement(request, 1000, dialect.name), count_statement(request),
                  page_statement(request, broad=True)]
    for statement in statements:
        sql = str(statement.compile(dialect=dialect))
        assert "search_combo" in sql and "search_token" not in sql, sql
        assert sql.count("FROM search_date") == (1 if statement is statements[2] else 0), sql  # the sort key only
    assert driver_candidates(request) == []  # nothing to count before choosing


@pytest.mark.parametrize("pairs", [
    [("patient", "Patient/1"), ("code", "2777-1"), ("date", "ge2020-01-01")],  # a patient's rows are fewer
    [("code:not", "2777-1"), ("date", "ge2020-01-01")],
    [("code", "2777-1"), ("date:missing", "false")],
    [("code", "2777-1"), ("date", "ne2020-01-01")],  # bounds nothing
    [("code", "2777-1"), ("code", "1989-3"), ("date", "ge2020-01-01")],
    [("category", "laboratory"), ("date", "ge2020-01-01")],  # not a combined pair
])
def test_the_combined_index_is_left_alone_where_it_does_not_apply(pairs):
    request = parse_search("Observation", pairs, default_count=20, max_count=1000)
    sql = str(ids_statement(request, 1000, "postgresql").compile(dialect=postgresql.dialect()))
    assert "search_combo" not in sql


def test_combined_rows_pair_each_code_with_the_date():
    """One row per code of `code` (each system) with the interval of `date`; none without a date."""
    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.storage.indexing import IndexRows, add_rows

    def rows_of(resource: dict) -> list[tuple]:
        out = IndexRows()
        add_rows(check_structure(resource, "Observation", "", JUDGED_ELSEWHERE), ("Observation", "a"), out)
        return out.combo

    two = _observation("Patient/1", {"system": LOINC, "code": "2777-1"}, {"system": "urn:lab", "code": "P"})
    two["effectiveDateTime"] = "2024-03-01"
    day = 86_400_000
    low = 1_709_251_200_000  # 2024-03-01T00:00:00Z
    assert rows_of(two) == [("Observation", "a", "code", "date", LOINC, "2777-1", low, low + day, True),
                            ("Observation", "a", "code", "date", "urn:lab", "P", low, low + day, True)]
    del two["effectiveDateTime"]
    assert rows_of(two) == []
    two["effectivePeriod"] = {"start": "2024-03-01"}
    assert [r[-3:] for r in rows_of(two)] == [(low, 253402300800000, False)] * 2


async def _matches(intake, params: list[tuple[str, str]]) -> tuple[set[str], int]:
    found: set[str] = set()
    response = await intake.get("/fhir/Observation", params=[*params, ("_count", "10"), ("_total", "accurate")])
    total = response.json()["total"]
    while True:
        assert response.status_code == 200, response.text
        bundle = response.json()
        found |= {e["resource"]["id"] for e in bundle.get("entry", [])}
        following = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        if not following:
            return found, total
        response = await intake.get(following[0].split("intake.test")[-1])


# Dates of every precision and shape an Observation's `date` takes, codes in one system, two, none.
_DATES = [("effectiveDateTime", "2020"), ("effectiveDateTime", "2020-02"), ("effectiveDateTime", "2020-02-29"),
          ("effectiveDateTime", "2020-02-29T23:30:00+02:00"), ("effectiveDateTime", "2020-03-01T00:00:00Z"),
          ("effectiveInstant", "2020-01-31T12:00:00.123Z"), ("effectivePeriod", {"start": "2020-02-10"}),
          ("effectivePeriod", {"end": "2020-01-15"}), ("effectivePeriod", {"start": "2019-12-30", "end": "2020-04-02"}),
          (None, None)]
_CODINGS = [[{"system": LOINC, "code": "2777-1"}], [{"system": LOINC, "code": "2777-1"}, {"system": "urn:lab", "code": "P"}],
            [{"code": "2777-1"}], [{"system": LOINC, "code": "1989-3"}]]
_QUERIES = [[("date", f"{prefix}{value}")] for prefix in ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")
            for value in ("2020-02", "2020-02-29", "2020-02-29T22:00:00Z")]
_QUERIES += [[("date", "ge2020-02-01"), ("date", "lt2020-03-01")], [("date", "gt2020-01-31"), ("date", "le2020-02-29")],
             [("date", "ge2020-02-01,ge2020-03-01"), ("date", "lt2020-03-01")], [("date", "eq2020-02,eq2020-01")]]
_CODES = ["2777-1", f"{LOINC}|2777-1", "|2777-1", "urn:lab|P", "2777-1,1989-3", f"{LOINC}|"]


async def test_a_code_in_a_date_window_matches_what_each_alone_matches_together(intake):
    """The combined index answers exactly what the code and the date answer apart (every prefix,
    dates of each precision, periods open at either end, instants, no date at all, several codes,
    systems or none), the total too, on every page; and it follows creates, updates and deletes,
    single and in transactions. The search settings here count totals up to 2 only, so that both
    the first-ids plan and the broad page plans (with and without a sort) are run."""
    subject = (await intake.post("/fhir/Patient", json=patient(), headers=FHIR)).json()["id"]
    observations = []
    for i, (element, value) in enumerate(_DATES * 2):
        obs = _observation(f"Patient/{subject}", *_CODINGS[i % len(_CODINGS)])
        del obs["effectiveDateTime"]
        if element:
            obs[element] = value
        observations.append(obs)
    created = await intake.post("/fhir", json=transaction(*(post_entry(o) for o in observations[:12])), headers=FHIR)
    assert created.status_code == 200, created.text
    ids = [e["response"]["location"].split("/")[1] for e in created.json()["entry"]]
    for obs in observations[12:]:
        ids.append((await intake.post("/fhir/Observation", json=obs, headers=FHIR)).json()["id"])

    async def agree() -> None:
        dated = [(await _matches(intake, dates))[0] for dates in _QUERIES]
        for code in _CODES:
            alone, _ = await _matches(intake, [("code", code)])
            for dates, on_date in zip(_QUERIES, dated, strict=True):
                expected = alone & on_date
                for sort in ([], [("_sort", "-date")]):
                    found, total = await _matches(intake, [("code", code), *dates, *sort])
                    assert (found, total) == (expected, len(expected)), (code, dates, sort)
                counted = await intake.get("/fhir/Observation", params=[("code", code), *dates, ("_summary", "count")])
                assert counted.json()["total"] == len(expected), (code, dates)

    await agree()
    # Updates move a resource to another code or date, or take its date away; deletes remove it.
    changed = dict(observations[0], id=ids[0], code={"coding": [{"system": LOINC, "code": "1989-3"}]})
    assert (await intake.put(f"/fhir/Observation/{ids[0]}", json=changed, headers=FHIR)).status_code == 200
    moved = dict(observations[1], id=ids[1], effectiveDateTime="2020-02-15")
    undated = {k: v for k, v in observations[2].items() if k != "effectiveDateTime"} | {"id": ids[2]}
    bundle = transaction(
        {"resource": moved, "request": {"method": "PUT", "url": f"Observation/{ids[1]}"}},
        {"resource": undated, "request": {"method": "PUT", "url": f"Observation/{ids[2]}"}},
        {"request": {"method": "DELETE", "url": f"Observation/{ids[3]}"}})
    assert (await intake.post("/fhir", json=bundle, headers=FHIR)).status_code == 200
    assert (await intake.delete(f"/fhir/Observation/{ids[4]}")).status_code == 204
    assert (await intake.put("/fhir/Observation/created-by-put", json=dict(observations[4], id="created-by-put"),
                             headers=FHIR)).status_code == 201
    await agree()
    history = await intake.get(f"/fhir/Observation/{ids[0]}/_history")
    assert history.json()["total"] == 2  # history untouched: both versions, as written


async def test_unsorted_pages_follow_the_ids_on_postgresql_and_storage_order_on_sqlite(intake, database_url):
    """Without a sort, PostgreSQL pages the matches in id order, broad searches (more matches than
    the total limit, 2 here: found by walking the resources' id index) and narrow ones alike, so
    that a search's pages never overlap or skip when its total crosses the limit; SQLite keeps
    storage order. Ids are given here in the opposite order to the writes, so that the two orders
    differ. docs/decisions.md, Intake 51."""
    subject = "urn:uuid:7c1a0000-0000-4000-8000-000000000003"
    values = [(50 + i) / 10 for i in range(14)]
    ids = [f"obs-{99 - i}" for i in range(14)]  # written in descending id order
    entries = [post_entry(patient(), subject)]
    entries += [{"resource": dict(phosphate(subject, v), id=i), "request": {"method": "PUT", "url": f"Observation/{i}"}}
                for v, i in zip(values, ids, strict=True)]
    response = await intake.post("/fhir", json=transaction(*entries), headers=FHIR)
    assert response.status_code == 200, response.text
    for above in (6.5, 6.2, 5.5, 4.0):  # 0, 1, 8 and 14 matches: narrow and broad
        expected = [i for v, i in zip(values, ids, strict=True) if v > above]  # storage order
        paged: list[str] = []
        page = await intake.get("/fhir/Observation", params={"value-quantity": f"gt{above}", "_count": "3"})
        while True:
            assert page.status_code == 200, page.text
            paged += [e["resource"]["id"] for e in page.json().get("entry", [])]
            following = [link["url"] for link in page.json()["link"] if link["relation"] == "next"]
            if not following:
                break
            page = await intake.get(following[0].split("intake.test")[-1])
        assert paged == (sorted(expected) if database_url.startswith("postgresql") else expected), above

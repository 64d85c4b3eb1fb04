"""How searches are planned at scale (docs/performance.md, 1,000,000 Observations): the
statements' shape, and which criterion starts a query when counting cannot tell."""

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import parse_search
from services.intake.search.planner import count_statement, ids_statement
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
    """code=X (60 rows) and a two-month window (12 rows) both count 10, the limit: PostgreSQL's
    estimate starts the query from the window (at 1,000,000 Observations, a tenth of the probes)."""
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
    pairs = [("code", f"{LOINC}|2777-1"), ("date", "ge2020-01-01"), ("date", "lt2020-03-01")]
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

    async def count(code: str) -> int:
        found = await intake.get("/fhir/Observation", params={"code": code, "_summary": "count"})
        assert found.status_code == 200, found.text
        return found.json()["total"]

    assert await count("2777-1") == 4  # LOINC and a local system: not narrowed
    assert await count(f"{LOINC}|2777-1") == 3
    assert await count("17861-6") == 2  # no system at all: read as |17861-6
    assert await count("2000-8") == 2  # with and without a system: not narrowed
    assert await count("no-such-code") == 0

    if not database_url.startswith("postgresql"):
        return  # SQLite counts as it did: the narrowing is PostgreSQL's (its planner hashed the ids)
    app = intake._transport.app
    narrowed = {}
    for code in ("2777-1", "17861-6", "2000-8", "1989-3"):
        async with app.state.db.sessions() as session:
            request = parse_search("Observation", [("code", code), ("_summary", "count")], default_count=20,
                                   max_count=1000)
            await SearchExecutor(session).search(request)
            narrowed[code] = request.criteria[0].values
    stored = response.json()["entry"][0]["response"]["location"].split("/_history")[0]  # Patient/{id}
    observations = [_observation(stored, {"system": LOINC, "code": "1989-3"}) for _ in range(2)]
    assert narrowed == {"2777-1": ("2777-1",), "17861-6": ("|17861-6",), "2000-8": ("2000-8",),
                        "1989-3": ("1989-3",)}
    added = await intake.post("/fhir", json=transaction(*(post_entry(o) for o in observations)), headers=FHIR)
    assert added.status_code == 200, added.text
    async with app.state.db.sessions() as session:
        request = parse_search("Observation", [("code", "1989-3"), ("_summary", "count")], default_count=20,
                               max_count=1000)
        _, total = await SearchExecutor(session).search(request)
    assert request.criteria[0].values == (f"{LOINC}|1989-3",) and total == 2

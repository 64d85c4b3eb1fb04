"""How searches are planned at scale (docs/performance.md, 1,000,000 Observations): the
statements' shape, and which criterion starts a query when counting cannot tell."""

import pytest
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite

from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import parse_search
from services.intake.search.planner import ids_statement
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

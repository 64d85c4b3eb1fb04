"""Ingest's fast paths give what the plain ones they replaced gave (docs/performance.md, "Intake").

Each optimised function is held to a straightforward version written here, on the benchmark's
resources and on odd shapes (contained resources, nested lists, non-dict nodes)."""

import copy
import random
from typing import Any

import pytest

from bench.intake_ingest import make_bundle
from services.intake.interactions.access import _references, bundle_needs, conditional_reference_types
from tests.intake.fhir_data import imaging_study, patient, phosphate


def _plain_references(node: Any) -> list[str]:
    """Every Reference.reference below `node`, by recursion."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("reference"), str):
            found.append(node["reference"])
        for value in node.values():
            found += _plain_references(value)
    elif isinstance(node, list):
        for item in node:
            found += _plain_references(item)
    return found


ODD = [
    None, "Patient/1", 3, [], {}, [[{"reference": "Patient?identifier=a|b"}]],
    {"reference": 5, "x": {"reference": "Observation?code=1"}},
    {"resourceType": "Patient", "contained": [{"resourceType": "Observation", "subject": {"reference": "Patient?name=x"}}],
     "generalPractitioner": [{"reference": "#c"}, {"display": "no reference"}], "extension": [{"valueReference": {
         "reference": "https://example.org/fhir/Patient?x=1"}}]},
]


def _corpus() -> list[Any]:
    bundle = make_bundle(random.Random(3))
    return [e["resource"] for e in bundle["entry"]] + [patient(), phosphate("Patient?identifier=x|1"),
                                                        imaging_study("Patient/1")] + ODD


@pytest.mark.parametrize("node", _corpus()[-12:])
def test_references_are_every_reference_the_plain_walk_finds(node):
    assert sorted(_references(copy.deepcopy(node))) == sorted(_plain_references(node))


def test_references_on_the_benchmark_bundle():
    for resource in _corpus():
        assert sorted(_references(resource)) == sorted(_plain_references(resource))
    assert conditional_reference_types(ODD[-1]) == {"Patient"}  # contained resources too; absolute URLs are not conditional
    bundle = {"entry": [{"request": {"method": "POST", "url": "Observation"}, "resource": phosphate("Patient?name=x")}]}
    assert bundle_needs(bundle) == {("Observation", "create"), ("Patient", "search")}


async def test_a_transaction_opens_its_copy_transaction_once_and_rolls_back_whole(settings):
    """PostgreSQL writes a transaction's rows with COPY, which must run inside the transaction the
    driver opens with its first statement: one `SELECT 1` opens it for every batch (it was one per
    batch, 35 round trips per 1000 resources), and a failure after the COPYs leaves nothing."""
    import httpx
    from sqlalchemy import event

    from services.intake.main import create_app
    from tests.intake.fhir_data import FHIR, post_entry, transaction

    if not settings.database_url.startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's")
    app = create_app(settings)
    statements: list[str] = []
    event.listen(app.state.db.engine.sync_engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    entries = [post_entry(patient(mrn="m1"), "urn:uuid:p")] + [post_entry(phosphate("urn:uuid:p")) for _ in range(60)]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            statements.clear()
            written = await client.post("/fhir", json=transaction(*entries), headers=FHIR)
            assert written.status_code == 200, written.text
            assert statements.count("SELECT 1") <= 1
            broken = transaction(*entries[:-1], post_entry(phosphate("Patient/does-not-exist")))
            refused = await client.post("/fhir", json=broken, headers=FHIR)
            assert refused.status_code == 422
            found = (await client.get("/fhir/Observation", params={"_summary": "count"})).json()["total"]
            assert found == 60  # the first transaction's, none of the second's

"""Ingest's fast paths give what the plain ones they replaced gave (docs/performance.md, "Intake").

Each optimised function is held to a straightforward version written here, on the benchmark's
resources and on odd shapes (contained resources, nested lists, non-dict nodes)."""

import copy
import random
from decimal import Decimal
from typing import Any

import pytest

from bench.intake_ingest import make_bundle
from services.intake.fhir.registry import SUPPORTED_TYPES
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


def _plain_conditional_types(resource: Any) -> set[str]:
    return {r.partition("?")[0] for r in _plain_references(resource)
            if "?" in r and not r.startswith(("http:", "https:", "urn:")) and r.partition("?")[0] in SUPPORTED_TYPES}


@pytest.mark.parametrize("resource", [
    *ODD, phosphate("Patient?identifier=x|1"), phosphate("Patient/1") | {"note": [{"text": "why?"}]},
    phosphate("Observation?code=1") | {"valueQuantity": {"value": Decimal("6.80"), "unit": "mg/dL"}},
    {"contained": [{"subject": {"reference": "Patient?x=\u003f"}}]}, {"x": {1, 2}}, {"reference": float("nan")},
    {"a": [{"reference": "Patient?x=1"}], "b": b"bytes?"},
])
def test_conditional_reference_types_are_what_the_plain_walk_finds(resource):
    assert conditional_reference_types(resource) == _plain_conditional_types(resource)


def test_bundle_needs_each_request_shape_once_and_each_resource():
    entries = [{"request": {"method": "POST", "url": "Observation"}, "resource": phosphate("Patient/1")}] * 3 + [
        {"request": {"method": "POST", "url": "Observation", "ifNoneExist": "identifier=a"},
         "resource": phosphate("Patient?identifier=x")},
        {"request": {"method": "GET", "url": "Patient?_revinclude=Observation:subject"}},
        {"request": {"method": "PUT", "url": "Patient/1"}, "resource": patient()},
        {"request": {"method": "POST", "url": "Observation"}, "resource": phosphate("ImagingStudy?identifier=y")},
    ]
    assert bundle_needs({"entry": entries}) == {
        ("Observation", "create"), ("Observation", "search"), ("Patient", "search"), ("Observation", "read"),
        ("Patient", "update"), ("ImagingStudy", "search")}


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


# --- index rows (storage/indexing.py): per-path adders against the plain extraction they replaced ---

def _plain_values_at(node: Any, path: str) -> list[Any]:
    current = node if isinstance(node, list) else [node]
    for step in path.split(".") if path else ():
        found: list[Any] = []
        for item in current:
            if isinstance(item, dict) and step in item:
                value = item[step]
                found.extend(value if isinstance(value, list) else [value])
        current = found
    return current


def _plain_index_rows(incoming) -> dict[str, list[tuple]]:
    """The rows, by kind, as the straightforward extraction (one parameter path at a time) gives them."""
    import unicodedata

    from services.intake.fhir.dates import MAX_MS, MIN_MS, DateFormatError, date_range
    from services.intake.fhir.elements import ABSOLUTE_REFERENCE, RELATIVE_REFERENCE
    from services.intake.fhir.registry import search_parameters
    from services.intake.storage.models import POINT_MS

    def normal(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()

    rows: dict[str, list[tuple]] = {"token": [], "string": [], "date": [], "reference": [], "quantity": []}
    for name, p in search_parameters()[incoming.resource_type].items():
        for path in p.paths if p.type != "reference" else ():
            first, _, rest = path.partition(".")
            for value in _plain_values_at(incoming.resource.get(first, []), rest):
                if p.type == "token" and isinstance(value, str):
                    rows["token"].append((name, p.system, value))
                elif p.type == "token" and isinstance(value, dict):
                    if "coding" in value:
                        rows["token"] += [(name, c.get("system"), c["code"]) for c in value["coding"] if c.get("code")]
                    elif "code" in value or "value" in value:
                        rows["token"].append((name, value.get("system"), value.get("code", value.get("value"))))
                elif p.type == "string":
                    parts = [value] if isinstance(value, str) else [
                        value.get("family"), value.get("text"), *value.get("given", ()), *value.get("prefix", ()),
                        *value.get("suffix", ())] if isinstance(value, dict) else []
                    rows["string"] += [(name, normal(s), s) for s in parts if s]
                elif p.type == "date":
                    try:
                        if isinstance(value, str):
                            low, high = date_range(value)
                        elif isinstance(value, dict) and ("start" in value or "end" in value):
                            low = date_range(value["start"])[0] if "start" in value else MIN_MS
                            high = date_range(value["end"])[1] if "end" in value else MAX_MS
                        else:
                            continue
                    except DateFormatError:
                        continue
                    rows["date"].append((name, low, high, high - low <= POINT_MS))
                elif p.type == "quantity" and isinstance(value, dict) and type(value.get("value")) in (int, float, Decimal):
                    rows["quantity"].append((name, float(value["value"]), value.get("system"),
                                             value.get("code") or value.get("unit")))
    skip = len(incoming.resource_type) + 1
    for path, _, ref in incoming.references:
        match = RELATIVE_REFERENCE.match(ref["reference"]) or ABSOLUTE_REFERENCE.match(ref["reference"])
        if match and (row := (path[skip:], match["type"], match["id"])) not in rows["reference"]:
            rows["reference"].append(row)
    return rows


ODD_INDEXED = [
    {"resourceType": "Patient", "name": [{"family": "Müller", "given": ["Zoë", "A"], "prefix": ["Dr."], "suffix": ["Jr"],
                                          "text": "ÅSA ＦＵＬＬ"}, {"given": ["x"]}],
     "identifier": [{"system": "urn:a", "value": "1"}, {"type": {"text": "no value"}}], "birthDate": "2020",
     "gender": "other"},
    {"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org"},
                                                                          {"code": "x"}], "text": "t"},
     "effectivePeriod": {"start": "2024-01-01T10:00:00+02:00"}, "valueQuantity": {"value": 3, "unit": "g"},
     "category": [{"coding": [{"code": "a"}, {"code": "b", "system": "s"}]}, {"text": "none"}]},
    {"resourceType": "Observation", "status": "final", "code": {"text": "t"}, "effectiveInstant": "2024-02-29T10:00:00.5Z",
     "valueQuantity": {"value": Decimal("6.80"), "system": "http://unitsofmeasure.org", "code": "mg/dL"},
     "identifier": [{"value": "v"}], "subject": {"reference": "https://example.org/fhir/Patient/7"},
     "derivedFrom": [{"reference": "ImagingStudy/1"}, {"reference": "ImagingStudy/1"}]},
    {"resourceType": "Observation", "status": "final", "code": {"text": "t"}, "effectivePeriod": {"end": "2024-03"},
     "valueQuantity": {"value": True}},
    {"resourceType": "ImagingStudy", "status": "available", "subject": {"reference": "Patient/1"},
     "started": "2024-03-02T10:00:00Z",
     "series": [{"uid": "1", "modality": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}},
                {"uid": "2", "modality": {"code": "MR"}}]},
    {"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": "Patient/1"},
     "occurrencePeriod": {"start": "2024", "end": "2025"}, "method": {"coding": [{"code": "m"}]},
     "prediction": [{"qualitativeRisk": {"coding": [{"system": "s", "code": "high"}]}}, {"probabilityDecimal": 5}]},
    {"resourceType": "DiagnosticReport", "status": "final", "code": {"coding": [{"code": "c"}]},
     "subject": {"reference": "Patient/1"}, "result": [{"reference": "Observation/1"}], "effectiveDateTime": "2024-03-02"},
]


@pytest.mark.parametrize("resource", [*[e["resource"] for e in make_bundle(random.Random(5))["entry"][:12]],
                                      patient(), phosphate("Patient/1"), imaging_study("Patient/1"), *ODD_INDEXED])
def test_index_rows_are_those_the_plain_extraction_gives(resource):
    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.storage.indexing import IndexRows, add_rows, extract

    incoming = check_structure(copy.deepcopy(resource), resource["resourceType"], "", JUDGED_ELSEWHERE)
    plain = _plain_index_rows(incoming)
    assert {kind: getattr(extract(incoming), kind) for kind in plain} == plain
    owned = IndexRows()
    add_rows(incoming, ("Type", "id"), owned)
    assert {kind: getattr(owned, kind) for kind in plain} == {k: [("Type", "id", *r) for r in v] for k, v in plain.items()}
    assert any(plain.values())


def test_new_ids_are_uuid7_in_their_canonical_spelling():
    import uuid

    from services.intake.storage.store import new_id

    ids = [new_id() for _ in range(2000)]
    for text in ids:
        value = uuid.UUID(text)
        assert str(value) == text and value.version == 7 and value.variant == uuid.RFC_4122
    assert len(set(ids)) == len(ids)
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)  # time-ordered (milliseconds first)


# --- the structural pass (fhir/elements.py scan) against a plain recursive walk ---

def _plain_scan(node: Any, path: str, location: str, collect: bool, top: str, empties: list, references: list) -> None:
    if isinstance(node, dict):
        if not node:
            empties.append((location, "Empty objects"))
            return
        if collect and isinstance(node.get("reference"), str):
            references.append((path, location, node))
        for key, value in node.items():
            if isinstance(value, dict | list):
                _plain_scan(value, f"{path}.{key}", f"{location}.{key}",
                            collect and not (key == "contained" and path == top), top, empties, references)
            elif value is None:
                empties.append((f"{location}.{key}", "null"))
            elif isinstance(value, str) and not value.strip():
                empties.append((f"{location}.{key}", "Empty or blank strings"))
    else:
        if not node:
            empties.append((location, "Empty arrays"))
        for index, item in enumerate(node):
            if isinstance(item, dict | list):
                _plain_scan(item, path, f"{location}[{index}]", collect, top, empties, references)
            elif isinstance(item, str) and not item.strip():
                empties.append((f"{location}[{index}]", "Empty or blank strings"))


class _Text(str):
    pass


ODD_SHAPES = [
    {"resourceType": "Patient", "name": [{"family": " ", "given": ["", "A", "\u00a0\u2003", "\x1c", "\t\n"]}, {}],
     "telecom": [], "gender": None, "extension": [{"url": "u", "valueString": "\u3000"}, [[]]],
     "contained": [{"resourceType": "Observation", "subject": {"reference": "Patient/1"}, "note": [{"text": ""}]}],
     "generalPractitioner": [{"reference": "#c"}, {"reference": 3}], "x": [None, "", 1, True, {"reference": ""}]},
    {"resourceType": "Observation", "code": {"text": _Text(" ")}, "note": [_Text(""), _Text("ok")],
     "valueQuantity": {"value": Decimal("0"), "unit": "\u200b"}, "component": [{"valueReference": {"reference": "Patient/2"}}]},
]


@pytest.mark.parametrize("resource", [*[e["resource"] for e in make_bundle(random.Random(6))["entry"][:12]],
                                      patient(), imaging_study("Patient/1"), *ODD_INDEXED, *ODD_SHAPES])
def test_the_structural_pass_finds_what_the_plain_walk_finds(resource):
    from services.intake.fhir.elements import scan

    empties: list = []
    references: list = []
    _plain_scan(resource, resource["resourceType"], resource["resourceType"], True, resource["resourceType"],
                empties, references)
    found_empties, found_references = scan(resource, resource["resourceType"])
    assert sorted(found_empties) == sorted(empties)
    def places(found: list) -> list:
        return sorted((p, location, id(ref)) for p, location, ref in found)

    assert places(found_references) == places(references)


async def test_chunks_are_written_while_the_next_are_prepared_and_joined_while_a_write_runs(settings, monkeypatch):
    """A transaction writes its first chunk's rows while it prepares the next chunk (the write was
    a task that once began only when the handler next yielded: prepare, prepare, write, ... and
    nothing overlapped). Chunks prepared while a write runs are written together when it ends, one
    statement per table, and the transaction's count rows once, with its last write (decision
    Intake 42). The first write is held here until the third chunk is prepared, so that the
    database is the slower side, as it is in the benchmark."""
    import asyncio

    import httpx

    from services.intake.interactions import bundles
    from services.intake.interactions.interactions import UnitOfWork
    from services.intake.main import create_app
    from services.intake.storage.store import ResourceStore
    from shared.settings import Settings
    from tests.intake.fhir_data import FHIR, post_entry, transaction

    events: list[str] = []
    held = asyncio.Event()
    warming = [True]  # the first POST numbers the names (storage/names.py): not observed
    check_structures, bulk_insert, prepare_new = bundles._check_structures, ResourceStore._bulk_insert, UnitOfWork.prepare_new

    def prepare(checks):
        events.append("prepare")
        return check_structures(checks)

    def rows_of(self, items, counted=None):
        prepared = prepare_new(self, items, counted)
        if events.count("prepare") == 3:
            held.set()  # (the handler does not yield before it has put this chunk aside)
        return prepared

    async def write(self, table, columns, rows):
        if rows and rows[0][0] != "AuditEvent":  # the trail's record of the request, written after it
            events.append(f"write {table.name}")
            if events.count("write resources") == 1 and not warming[0]:
                await held.wait()
        return await bulk_insert(self, table, columns, rows)

    monkeypatch.setattr(bundles, "_check_structures", prepare)  # observed, not replaced
    monkeypatch.setattr(UnitOfWork, "prepare_new", rows_of)
    monkeypatch.setattr(ResourceStore, "_bulk_insert", write)
    app = create_app(Settings(data_dir=settings.data_dir, database_url=settings.database_url, log_json=True,
                              max_body_bytes=5_000_000, max_bundle_entries=1000, validation_workers=0))
    entries = [post_entry(patient(mrn="m1"), "urn:uuid:p")] + [post_entry(phosphate("urn:uuid:p"))
                                                                for _ in range(2 * bundles.CHUNK)]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            # The names' numbers first (storage/names.py: a name new to the database is numbered
            # before the first rows that hold it are written, once).
            warm = await client.post("/fhir", json=transaction(*entries[:2]), headers=FHIR)
            assert warm.status_code == 200, warm.text
            events.clear()
            warming[0] = False
            written = await client.post("/fhir", json=transaction(*entries), headers=FHIR)
            assert written.status_code == 200, written.text
            assert (await client.get("/fhir/Observation", params={"_summary": "count"})).json()["total"] == 2 * bundles.CHUNK + 1
            assert (await client.get("/fhir/Observation", params={"code": "2777-1", "_summary": "count"})
                    ).json()["total"] == 2 * bundles.CHUNK + 1  # from the count rows (decision Intake 38)
    chunk_writes = [i for i, e in enumerate(events) if e == "write resources"]
    prepares = [i for i, e in enumerate(events) if e == "prepare"]
    counts = [i for i, e in enumerate(events) if e == "write search_token_count"]
    assert len(prepares) == 3 and len(chunk_writes) == 2 and len(counts) == 1
    assert chunk_writes[0] < prepares[1]  # the first write begun before the next chunk
    assert chunk_writes[1] > prepares[2] and counts[0] > chunk_writes[1]  # the others together, then the counts


def test_joined_rows_are_each_tables_rows_in_the_order_the_parts_would_write_them():
    """One write of several chunks' rows puts the same rows in each table, in the same order, as
    writing the chunks one after another (PreparedRows.joined)."""
    from services.intake.fhir.validation import JUDGED_ELSEWHERE, check_structure
    from services.intake.storage.names import NameCache
    from services.intake.storage.store import PreparedRows, new_id, prepare_new

    bundle = make_bundle(random.Random(8), patients=3, per_patient=4)
    items = [(check_structure(e["resource"], e["resource"]["resourceType"], "x", JUDGED_ELSEWHERE), new_id())
             for e in bundle["entry"]]
    names = NameCache()
    names.add(enumerate(["Observation", "Patient", "code", "status", "category"], start=1))  # the rest to number
    parts = [prepare_new(items[i:i + 5], names=names)[1] for i in range(0, len(items), 5)]
    joined = PreparedRows.joined(parts)
    expected: dict[str, list[tuple]] = {}
    for part in parts:
        for table, _, rows in part.batches:
            expected.setdefault(table.name, []).extend(rows)
    assert [(t.name, rows) for t, _, rows in joined.batches] == list(expected.items())
    assert [t.name for t, _, _ in joined.batches] == [t.name for t, _, _ in parts[0].batches]
    assert joined.pending == set().union(*(part.pending for part in parts)) and "birthdate" in joined.pending
    assert PreparedRows.joined(parts[:1]) is parts[0]


async def test_a_transaction_serialises_each_resource_once_for_the_scope_check_and_the_worker(settings, monkeypatch):
    """The scope check's `?` test and the validation worker read the same JSON text of an entry's
    resource, before anything is rewritten: it is made once (decision Intake 40), and what the
    worker gets is that text, byte for byte."""
    import httpx
    import orjson

    from services.intake.interactions import access, bundles
    from services.intake.main import create_app
    from shared.fhir_json import dumps
    from shared.settings import Settings
    from tests.intake.fhir_data import FHIR, post_entry, transaction

    made: list[bytes] = []
    sent: list[bytes] = []

    def counted(node):
        made.append(dumps(node))
        return made[-1]

    monkeypatch.setattr(access, "dumps", counted)
    monkeypatch.setattr(bundles, "dumps", counted)
    app = create_app(Settings(data_dir=settings.data_dir, database_url=settings.database_url, log_json=True,
                              max_body_bytes=5_000_000, max_bundle_entries=1000, validation_workers=0))
    entries = [post_entry(patient(mrn="m1"), "urn:uuid:p")] + [post_entry(phosphate("urn:uuid:p")) for _ in range(30)]
    body = transaction(*entries)
    async with app.router.lifespan_context(app):
        pool = app.state.validation_pool
        model_issues = pool.model_issues

        def observed(texts, wheres):
            sent.extend(texts)
            return model_issues(texts, wheres)

        monkeypatch.setattr(pool, "model_issues", observed)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://intake.test") as client:
            written = await client.post("/fhir", json=body, headers=FHIR)
            assert written.status_code == 200, written.text
    resources_made = [m for m in made if m.startswith(b"{")]  # (the request's own scope check tests `null`)
    assert len(resources_made) == len(entries)  # it was twice as many: one for the `?` test, one for the worker
    assert sent == [dumps(orjson.loads(orjson.dumps(e["resource"]))) for e in entries]


def test_a_kept_text_is_used_only_for_the_dict_it_was_made_from():
    from services.intake.interactions.bundles import _parse_entry, _text_of
    from shared.fhir_json import dumps
    from tests.intake.fhir_data import post_entry

    entry = _parse_entry(0, post_entry(phosphate("Patient/1")))
    assert _text_of(entry, {0: (entry.raw_resource, b"kept")}) == b"kept"
    assert _text_of(entry, {0: (dict(entry.raw_resource), b"kept")}) == dumps(entry.raw_resource)
    assert _text_of(entry, {}) == dumps(entry.raw_resource)

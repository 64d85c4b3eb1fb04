"""Search: parameters, prefixes, modifiers, references, paging, sorting, _summary, _include."""

import pytest

from tests.intake.fhir_data import LOINC, MRN, UCUM, calcium, create, imaging_study, issues, patient, phosphate


@pytest.fixture
async def cohort(intake):
    """Two patients, their labs over three years, and one CT study."""
    ada = await create(intake, patient(mrn="1", family="Okafor", given="Ada", gender="female", birth_date="2008-04-17"))
    bob = await create(intake, patient(mrn="2", family="Müller", given="Bob", gender="male", birth_date="1961-11-02"))
    labs = []
    for when, value in [("2022-01-10T08:00:00Z", 5.2), ("2023-06-15T08:00:00Z", 6.9), ("2024-03-01T09:30:00Z", 7.4)]:
        labs.append(await create(intake, phosphate(f"Patient/{ada['id']}", value, when)))
    labs.append(await create(intake, calcium(f"Patient/{bob['id']}", 9.1, "2023-06-15")))
    labs.append(await create(intake, phosphate(f"Patient/{bob['id']}", 1.1, "2023-06-16", unit="mmol/L")))
    study = await create(intake, imaging_study(f"Patient/{ada['id']}"))
    return {"ada": ada, "bob": bob, "labs": labs, "study": study}


async def ids(intake, path, params=None, **named):
    response = await intake.get(path, params=named if params is None else params)
    assert response.status_code == 200, response.text
    bundle = response.json()
    assert bundle["type"] == "searchset"
    return [e["resource"]["id"] for e in bundle.get("entry", []) if e["search"]["mode"] == "match"]


async def test_patient_parameters(intake, cohort):
    ada, bob = cohort["ada"]["id"], cohort["bob"]["id"]
    assert await ids(intake, "/fhir/Patient", identifier=f"{MRN}|1") == [ada]
    assert await ids(intake, "/fhir/Patient", identifier="2") == [bob]
    assert await ids(intake, "/fhir/Patient", identifier="urn:other|1") == []
    assert await ids(intake, "/fhir/Patient", name="oka") == [ada]  # prefix, case-insensitive
    assert await ids(intake, "/fhir/Patient", name="muller") == [bob]  # accent-insensitive
    assert await ids(intake, "/fhir/Patient", **{"name:exact": "Müller"}) == [bob]
    assert await ids(intake, "/fhir/Patient", **{"name:exact": "müller"}) == []
    assert await ids(intake, "/fhir/Patient", **{"name:contains": "kaf"}) == [ada]
    assert await ids(intake, "/fhir/Patient", given="bob") == [bob]
    assert await ids(intake, "/fhir/Patient", gender="female") == [ada]
    assert await ids(intake, "/fhir/Patient", gender="http://hl7.org/fhir/administrative-gender|male") == [bob]
    assert await ids(intake, "/fhir/Patient", **{"gender:not": "male"}) == [ada]
    assert await ids(intake, "/fhir/Patient", name="ada,bob") == [ada, bob]  # comma is OR


@pytest.mark.parametrize("query,expected", [
    ("2008-04-17", ["ada"]), ("eq2008", ["ada"]), ("ne2008-04-17", ["bob"]), ("lt2000", ["bob"]),
    ("gt2000", ["ada"]), ("ge2008-04-17", ["ada"]), ("le2008-04-17", ["ada", "bob"]), ("le2008-04-16", ["bob"]),
    ("sa2008-03", ["ada"]), ("eb1961-11-03", ["bob"]), ("2008-04-17T12:00:00Z", []),
])
async def test_date_prefixes(intake, cohort, query, expected):
    assert await ids(intake, "/fhir/Patient", birthdate=query) == [cohort[n]["id"] for n in expected]


async def test_date_sa_excludes_same_month(intake, cohort):
    assert await ids(intake, "/fhir/Patient", birthdate="sa2008-04-17") == []


async def test_observation_parameters(intake, cohort):
    ada, bob = cohort["ada"]["id"], cohort["bob"]["id"]
    lab_ids = [o["id"] for o in cohort["labs"]]
    assert await ids(intake, "/fhir/Observation", code=f"{LOINC}|2777-1") == [lab_ids[0], lab_ids[1], lab_ids[2], lab_ids[4]]
    assert await ids(intake, "/fhir/Observation", code="17861-6") == [lab_ids[3]]
    assert await ids(intake, "/fhir/Observation", subject=f"Patient/{bob}") == lab_ids[3:]
    assert await ids(intake, "/fhir/Observation", patient=bob) == lab_ids[3:]
    assert await ids(intake, "/fhir/Observation", **{"subject:Patient": bob}) == lab_ids[3:]
    assert await ids(intake, "/fhir/Observation", patient=f"http://elsewhere.example/fhir/Patient/{bob}") == lab_ids[3:]
    assert await ids(intake, "/fhir/Observation", category="laboratory", patient=ada) == lab_ids[:3]
    assert await ids(intake, "/fhir/Observation", patient=ada, date="ge2023-01-01") == lab_ids[1:3]
    assert await ids(intake, "/fhir/Observation", patient=ada, date="2023") == [lab_ids[1]]
    # Repeated parameters are ANDed: an interval.
    response = await intake.get("/fhir/Observation", params=[("date", "ge2022-06-01"), ("date", "lt2024")])
    assert [e["resource"]["id"] for e in response.json()["entry"]] == [lab_ids[1], lab_ids[3], lab_ids[4]]
    assert await ids(intake, "/fhir/Observation", status="final", patient=bob) == lab_ids[3:]


@pytest.mark.parametrize("query,expected_labs", [
    ("6.9", [1]), ("7", [1, 2]), ("7.4", [2]), ("gt6.9", [2, 3]), ("ge6.9", [1, 2, 3]), ("lt5.3", [0, 4]), ("le5.2", [0, 4]),
    ("ne6.9", [0, 2, 3, 4]), (f"gt5|{UCUM}|mg/dL", [0, 1, 2, 3]), ("1.1||mmol/L", [4]), ("1.1||mg/dL", []),
    ("ap7.4", [1, 2]),
])
async def test_quantity_prefixes(intake, cohort, query, expected_labs):
    assert await ids(intake, "/fhir/Observation", **{"value-quantity": query}) == [cohort["labs"][i]["id"] for i in expected_labs]


async def test_imaging_study_parameters(intake, cohort):
    sid, ada = cohort["study"]["id"], cohort["ada"]["id"]
    assert await ids(intake, "/fhir/ImagingStudy", patient=ada) == [sid]
    assert await ids(intake, "/fhir/ImagingStudy", modality="CT") == [sid]
    assert await ids(intake, "/fhir/ImagingStudy", modality="http://dicom.nema.org/resources/ontology/DCM|MR") == []
    assert await ids(intake, "/fhir/ImagingStudy", started="ge2024-03") == [sid]
    assert await ids(intake, "/fhir/ImagingStudy", identifier="urn:dicom:uid|urn:oid:1.2.840.113619.2.55.3.1") == [sid]


async def test_common_parameters(intake, cohort):
    ada = cohort["ada"]["id"]
    assert await ids(intake, "/fhir/Patient", _id=ada) == [ada]
    assert await ids(intake, "/fhir/Patient", _lastUpdated="gt2020-01-01") == [ada, cohort["bob"]["id"]]
    assert await ids(intake, "/fhir/Patient", _lastUpdated="lt2020-01-01") == []


async def test_paging_visits_every_match_once(intake, cohort):
    pid = cohort["ada"]["id"]
    for i in range(20):
        await create(intake, phosphate(f"Patient/{pid}", 3.0 + i / 10, f"2021-01-{i + 1:02d}"))
    seen, pages = [], 0
    url = "/fhir/Observation?patient=" + pid + "&_count=4&_sort=-date"
    while url:
        bundle = (await intake.get(url)).json()
        assert bundle["total"] == 23
        seen += [e["resource"]["id"] for e in bundle["entry"]]
        url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
        pages += 1
    assert pages == 6 and len(seen) == 23 and len(set(seen)) == 23
    last = (await intake.get("/fhir/Observation", params={"patient": pid, "_count": 4, "_offset": 20})).json()
    relations = {link["relation"] for link in last["link"]}
    assert "next" not in relations and {"self", "first", "previous", "last"} <= relations


async def test_sort(intake, cohort):
    lab_ids = [o["id"] for o in cohort["labs"]]
    ada = cohort["ada"]["id"]
    assert await ids(intake, "/fhir/Observation", patient=ada, _sort="-date") == lab_ids[2::-1]
    assert await ids(intake, "/fhir/Observation", patient=ada, _sort="date") == lab_ids[:3]
    assert await ids(intake, "/fhir/Patient", _sort="birthdate") == [cohort["bob"]["id"], ada]
    assert await ids(intake, "/fhir/Patient", _sort="family") == [cohort["bob"]["id"], ada]
    assert await ids(intake, "/fhir/Observation", patient=ada, _sort="-value-quantity") == lab_ids[2::-1]
    bad = await intake.get("/fhir/Patient", params={"_sort": "nonsense"})
    assert bad.status_code == 400


async def test_total_is_exact_up_to_the_limit_and_on_request(settings, cohort, intake):
    import httpx

    from services.intake.main import create_app

    app = create_app(settings.model_copy(update={"search_total_limit": 3}))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            broad = (await client.get("/fhir/Observation", params={"_count": 2})).json()
            assert "total" not in broad and len(broad["entry"]) == 2
            assert "next" in {link["relation"] for link in broad["link"]}
            assert (await client.get("/fhir/Observation", params={"_total": "accurate"})).json()["total"] == 5
            assert (await client.get("/fhir/Observation", params={"_summary": "count"})).json()["total"] == 5
            narrow = (await client.get("/fhir/Observation", params={"code": "17861-6"})).json()
            assert narrow["total"] == 1


async def test_counts_agree_with_matches(intake, cohort):
    """The count, read from the index tables alone, agrees with the pages for every shape of query."""
    ada = cohort["ada"]["id"]
    queries = [{}, {"patient": ada}, {"code": "2777-1", "date": "ge2023"}, {"code:not": "2777-1"},
               {"_id": cohort["labs"][0]["id"]}, {"value-quantity": "gt5", "patient": ada, "status": "final"},
               {"category": "laboratory", "date": "lt2024"}]
    for params in queries:
        counted = (await intake.get("/fhir/Observation", params={**params, "_summary": "count"})).json()["total"]
        listed = (await intake.get("/fhir/Observation", params={**params, "_count": 100})).json()
        assert counted == len(listed.get("entry", [])) == listed["total"], params


async def test_summary_count_and_total_none(intake, cohort):
    bundle = (await intake.get("/fhir/Observation", params={"_summary": "count"})).json()
    assert bundle["total"] == 5 and "entry" not in bundle
    bundle = (await intake.get("/fhir/Observation", params={"_total": "none", "_count": 2})).json()
    assert "total" not in bundle and len(bundle["entry"]) == 2


async def test_include_patient(intake, cohort):
    ada = cohort["ada"]["id"]
    bundle = (await intake.get("/fhir/Observation", params={"patient": ada, "_include": "Observation:patient"})).json()
    modes = [(e["search"]["mode"], e["resource"]["resourceType"]) for e in bundle["entry"]]
    assert modes.count(("match", "Observation")) == 3 and modes.count(("include", "Patient")) == 1
    assert bundle["total"] == 3  # total counts matches only
    bundle = (await intake.get("/fhir/ImagingStudy", params={"_include": "ImagingStudy:subject:Patient"})).json()
    assert [e["resource"]["id"] for e in bundle["entry"] if e["search"]["mode"] == "include"] == [ada]


@pytest.mark.parametrize("params,fragment", [
    ({"unknown": "1"}, "Unknown search parameter"),
    ({"birthdate": "2020-99-99"}, "not a valid date"),
    ({"birthdate": "yesterday"}, "not a FHIR date"),
    ({"value-quantity": "abc"}, "not a number"),
    ({"_count": "-1"}, "_count"),
    ({"_include": "Patient:organization"}, "_include"),
    ({"name:fuzzy": "x"}, "Modifier"),
    ({"_summary": "everything"}, "_summary"),
    ({"_summary": "true", "_elements": "name"}, "_elements"),
    ({"gender:missing": "maybe"}, "true or false"),
    ({"_revinclude": "Observation:code"}, "_revinclude"),
    ({"_revinclude:iterate": "Observation:patient"}, ":iterate"),
    ({"_include:iterate": "Observation:patient"}, ":iterate"),
])
async def test_bad_search_parameters(intake, params, fragment):
    path = "/fhir/Observation" if "value-quantity" in params else "/fhir/Patient"
    response = await intake.get(path, params=params)
    assert response.status_code == 400, response.text
    assert fragment in " ".join(issues(response))


async def test_lenient_handling_ignores_unknown_parameters(intake, cohort):
    response = await intake.get("/fhir/Patient", params={"unknown": "1", "gender": "male"},
                                headers={"Prefer": "handling=lenient"})
    assert response.status_code == 200 and response.json()["total"] == 1
    assert "unknown" not in response.json()["link"][0]["url"]


async def test_post_search(intake, cohort):
    response = await intake.post("/fhir/Patient/_search", data={"gender": "male"})
    assert response.status_code == 200 and response.json()["total"] == 1


async def test_date_windows_read_points_and_long_intervals(intake, cohort):
    """A window on one single-valued date (date=ge&date=lt, searched together on one index row)
    finds points and longer intervals (periods, months) alike, with or without another criterion
    to start from, and whichever criterion the server chooses to start from."""
    ada = cohort["ada"]["id"]
    spanning = phosphate(f"Patient/{ada}", 6.0, "2023-06-15T08:00:00Z")
    del spanning["effectiveDateTime"]
    spanning["effectivePeriod"] = {"start": "2021-12-01", "end": "2024-12-31"}  # over every window below
    month = phosphate(f"Patient/{ada}", 6.1, "2023-02")  # an interval of a month
    spanning, month = await create(intake, spanning), await create(intake, month)
    labs = [o["id"] for o in cohort["labs"]]
    window = [("date", "ge2023-01-01"), ("date", "lt2023-07-01")]
    found = await ids(intake, "/fhir/Observation", params=window)
    assert found == [labs[1], labs[3], labs[4], spanning["id"], month["id"]]
    with_code = await ids(intake, "/fhir/Observation", params=[("code", "2777-1"), *window])
    assert with_code == [labs[1], labs[4], spanning["id"], month["id"]]
    assert await ids(intake, "/fhir/Observation", params=[("code", "2777-1"), ("date", "ge2023-02-10"),
                                                          ("date", "le2023-02-20")]) == [spanning["id"], month["id"]]
    # No point lies after 2024 and before 2023; the period does, over both.
    empty = [("code", "2777-1"), ("date", "ge2024-01-01"), ("date", "lt2023-01-01")]
    assert await ids(intake, "/fhir/Observation", params=empty) == [spanning["id"]]
    # ORed values within each criterion: the loosest bound of each, the tightest of both.
    ored = [("code", "2777-1"), ("date", "ge2023-01-01,ge2024-01-01"), ("date", "lt2023-03-01")]
    assert await ids(intake, "/fhir/Observation", params=ored) == [spanning["id"], month["id"]]
    unbounded = [("date", "lt2022-02-01,ge2024-03-01"), ("date", "ge2022-01-01,lt2021-01-01")]
    assert await ids(intake, "/fhir/Observation", params=unbounded) == [labs[0], labs[2], spanning["id"]]

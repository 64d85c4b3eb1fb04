"""_revinclude, _summary, _elements and :missing, against intake running as its own process on
SQLite and on PostgreSQL."""

from services.intake.fhir.summary import SUBSETTED
from tests.intake.fhir_data import FHIR, LOINC, MRN, calcium, imaging_study, issues, patient, phosphate


async def created(client, resource: dict) -> dict:
    response = await client.post(f"/fhir/{resource['resourceType']}", json=resource, headers=FHIR)
    assert response.status_code == 201, response.text
    return response.json()


def report(subject: str, results: list[str]) -> dict:
    return {"resourceType": "DiagnosticReport", "status": "final", "code": {"coding": [{"system": LOINC, "code": "24627-2"}]},
            "subject": {"reference": subject}, "effectiveDateTime": "2024-03-03",
            "result": [{"reference": r} for r in results]}


def by_mode(bundle: dict) -> dict[str, list[str]]:
    modes: dict[str, list[str]] = {}
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        modes.setdefault(entry["search"]["mode"], []).append(f"{resource['resourceType']}/{resource.get('id')}")
    return modes


async def search(client, path: str, params) -> dict:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def tagged(resource: dict) -> bool:
    return any(t.get("system") == SUBSETTED["system"] and t.get("code") == "SUBSETTED"
               for t in resource.get("meta", {}).get("tag", []))


async def test_revinclude(live):
    ada = await created(live, patient(mrn="1"))
    bob = await created(live, patient(mrn="2", family="Smith", given="Bob", gender="male"))
    labs = [await created(live, phosphate(f"Patient/{ada['id']}", v)) for v in (5.1, 6.2)]
    bobs = await created(live, calcium(f"Patient/{bob['id']}"))
    study = await created(live, imaging_study(f"Patient/{ada['id']}"))
    dr = await created(live, report(f"Patient/{ada['id']}", [f"Observation/{labs[0]['id']}"]))
    gone = await created(live, phosphate(f"Patient/{ada['id']}", 4.0))
    assert (await live.delete(f"/fhir/Observation/{gone['id']}")).status_code == 204

    bundle = await search(live, "/fhir/Patient", [("_id", ada["id"]), ("_revinclude", "Observation:patient")])
    assert by_mode(bundle) == {"match": [f"Patient/{ada['id']}"],
                               "include": [f"Observation/{o['id']}" for o in labs]}  # not Bob's, not the deleted one
    assert bundle["total"] == 1  # matches only
    # Several at once, and the target type named; the paging links keep them.
    bundle = await search(live, "/fhir/Patient", [
        ("gender", "female"), ("_revinclude", "DiagnosticReport:subject"), ("_revinclude", "ImagingStudy:subject:Patient"),
        ("_revinclude", "Observation:subject")])
    assert sorted(by_mode(bundle)["include"]) == sorted([f"DiagnosticReport/{dr['id']}", f"ImagingStudy/{study['id']}",
                                                         *(f"Observation/{o['id']}" for o in labs)])
    assert "_revinclude=ImagingStudy%3Asubject" in bundle["link"][0]["url"]
    # From the other side: the report naming a lab; the lab is not included twice with _include.
    bundle = await search(live, "/fhir/Observation", [("patient", ada["id"]), ("_revinclude", "DiagnosticReport:result"),
                                                      ("_include", "Observation:patient")])
    assert sorted(by_mode(bundle)["include"]) == sorted([f"DiagnosticReport/{dr['id']}", f"Patient/{ada['id']}"])
    # Bob has no report and one lab.
    bundle = await search(live, "/fhir/Patient", [("_id", bob["id"]), ("_revinclude", "Observation:patient"),
                                                  ("_revinclude", "DiagnosticReport:patient")])
    assert by_mode(bundle)["include"] == [f"Observation/{bobs['id']}"]
    # _summary=count and _count=0 include nothing.
    counted = await search(live, "/fhir/Patient", [("_revinclude", "Observation:patient"), ("_summary", "count")])
    assert counted["total"] == 2 and "entry" not in counted

    for refused, fragment in [("Observation:code", "not supported here"), ("AuditEvent:patient", "not supported here"),
                              ("Observation:subject:Group", "not supported here"), ("Foo:bar", "not supported here")]:
        response = await live.get("/fhir/Patient", params={"_revinclude": refused})
        assert response.status_code == 400 and fragment in " ".join(issues(response)), refused
    iterate = await live.get("/fhir/Patient", params={"_revinclude:iterate": "Observation:patient"})
    assert iterate.status_code == 400 and ":iterate" in " ".join(issues(iterate))

    statement = (await live.get("/fhir/metadata")).json()
    declared = {r["type"]: r.get("searchRevInclude") for r in statement["rest"][0]["resource"]}
    assert declared["Patient"] == ["DiagnosticReport:patient", "DiagnosticReport:subject", "ImagingStudy:patient",
                                   "ImagingStudy:subject", "Observation:patient", "Observation:subject",
                                   "RiskAssessment:patient", "RiskAssessment:subject"]
    assert declared["Observation"] == ["DiagnosticReport:result", "Observation:derived-from"]
    assert declared["AuditEvent"] is None


async def test_summary_and_elements_on_read_vread_and_search(live):
    narrative = {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">Ada Okafor</div>'}
    ada = await created(live, patient(mrn="1", text=narrative, active=True,
                                      contact=[{"name": {"family": "Okafor", "given": ["Ngozi"]}}]))
    lab = await created(live, phosphate(f"Patient/{ada['id']}", 6.8, text=narrative, interpretation=[{"text": "high"}]))
    study = imaging_study(f"Patient/{ada['id']}")
    study["series"][0]["instance"] = [{"uid": "1.2.3.4.1", "sopClass": {"system": "urn:ietf:rfc:3986",
                                                                         "code": "urn:oid:1.2.840.10008.5.1.4.1.1.2"}}]
    study = await created(live, study)
    pid, oid = ada["id"], lab["id"]

    async def read(path: str, **params) -> dict:
        response = await live.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    # true: the summary elements of R4 (Observation.category and .interpretation are not), id and meta.
    summary = await read(f"/fhir/Observation/{oid}", _summary="true")
    assert set(summary) == {"resourceType", "id", "meta", "status", "code", "subject", "effectiveDateTime", "valueQuantity"}
    assert tagged(summary) and summary["meta"]["versionId"] == "1"
    assert set(await read(f"/fhir/Patient/{pid}", _summary="true")) == {
        "resourceType", "id", "meta", "identifier", "active", "name", "gender", "birthDate"}  # no text, no contact
    # Inside a backbone element, its own summary elements: a series keeps its uid, not its instances.
    series = (await read(f"/fhir/ImagingStudy/{study['id']}", _summary="true"))["series"][0]
    assert "uid" in series and "modality" in series and "instance" not in series
    # text: the narrative, id, meta and the mandatory elements (Observation: status, code).
    assert set(await read(f"/fhir/Observation/{oid}", _summary="text")) == {
        "resourceType", "id", "meta", "text", "status", "code"}
    assert set(await read(f"/fhir/Patient/{pid}", _summary="text")) == {"resourceType", "id", "meta", "text"}
    # data: all but the narrative.
    data = await read(f"/fhir/Observation/{oid}", _summary="data")
    assert "text" not in data and data["interpretation"] == [{"text": "high"}] and tagged(data)
    # false: everything, not tagged; and nothing stored was changed by any of the above.
    whole = await read(f"/fhir/Observation/{oid}", _summary="false")
    assert whole == await read(f"/fhir/Observation/{oid}") and not tagged(whole) and "text" in whole
    # _elements: the elements named (a choice element by its base name), the mandatory ones, id and meta.
    assert set(await read(f"/fhir/Observation/{oid}", _elements="value,interpretation")) == {
        "resourceType", "id", "meta", "status", "code", "valueQuantity", "interpretation"}
    assert set(await read(f"/fhir/Patient/{pid}", _elements="Patient.identifier,unknown,Observation.code")) == {
        "resourceType", "id", "meta", "identifier"}
    # vread, the same.
    assert set(await read(f"/fhir/Patient/{pid}/_history/1", _elements="gender")) == {"resourceType", "id", "meta", "gender"}
    assert "text" not in await read(f"/fhir/Patient/{pid}/_history/1", _summary="true")
    # Decimals keep their text through a subset.
    raw = (await live.get(f"/fhir/Observation/{oid}", params={"_summary": "true"})).text
    assert '"value":6.8' in raw.replace(" ", "")

    # Search: every match subsetted; _summary reaches included resources too, _elements only the matches.
    bundle = await search(live, "/fhir/Observation", {"patient": pid, "_include": "Observation:patient", "_summary": "true"})
    [match, included] = [e["resource"] for e in bundle["entry"]]
    assert "category" not in match and tagged(match) and "text" not in included and tagged(included)
    bundle = await search(live, "/fhir/Observation", {"patient": pid, "_include": "Observation:patient", "_elements": "value"})
    [match, included] = [e["resource"] for e in bundle["entry"]]
    assert set(match) == {"resourceType", "id", "meta", "status", "code", "valueQuantity"} and "text" in included
    assert "_elements=value" in bundle["link"][0]["url"]

    for path, params, fragment in [
        (f"/fhir/Patient/{pid}", {"_summary": "count"}, "searches only"),
        (f"/fhir/Patient/{pid}", {"_summary": "yes"}, "_summary must be"),
        (f"/fhir/Patient/{pid}", {"_summary": "true", "_elements": "gender"}, "cannot be combined"),
        ("/fhir/Patient", {"_summary": "text", "_elements": "gender"}, "cannot be combined"),
    ]:
        response = await live.get(path, params=params)
        assert response.status_code == 400 and fragment in " ".join(issues(response)), params
    statement = (await live.get("/fhir/metadata")).json()
    assert {p["name"] for p in statement["rest"][0]["searchParam"]} >= {"_summary", "_elements"}


async def test_missing_on_every_parameter_type(live):
    named = await created(live, patient(mrn="1"))
    bare = await created(live, {"resourceType": "Patient", "active": True})
    with_value = await created(live, phosphate(f"Patient/{named['id']}"))
    no_value = phosphate(f"Patient/{named['id']}")
    del no_value["valueQuantity"]
    no_value["dataAbsentReason"] = {"text": "haemolysed"}
    no_value = await created(live, no_value)
    no_subject = phosphate(f"Patient/{named['id']}")
    del no_subject["subject"], no_subject["effectiveDateTime"]
    no_subject = await created(live, no_subject)

    async def found(path: str, **params) -> list[str]:
        bundle = await search(live, path, params)
        return [e["resource"]["id"] for e in bundle.get("entry", [])]

    for param in ("identifier", "gender", "name", "family", "birthdate"):  # token, string, date
        assert await found("/fhir/Patient", **{f"{param}:missing": "true"}) == [bare["id"]], param
        assert await found("/fhir/Patient", **{f"{param}:missing": "false"}) == [named["id"]], param
    assert await found("/fhir/Observation", **{"value-quantity:missing": "true"}) == [no_value["id"]]  # quantity
    assert await found("/fhir/Observation", **{"value-quantity:missing": "false"}) == [with_value["id"], no_subject["id"]]
    assert await found("/fhir/Observation", **{"subject:missing": "true"}) == [no_subject["id"]]  # reference
    assert await found("/fhir/Observation", **{"patient:missing": "false"}) == [with_value["id"], no_value["id"]]
    assert await found("/fhir/Observation", **{"date:missing": "true"}) == [no_subject["id"]]
    # With other criteria (which drive the query), and with a count.
    assert await found("/fhir/Observation", patient=named["id"], **{"value-quantity:missing": "true"}) == [no_value["id"]]
    assert await found("/fhir/Observation", code=f"{LOINC}|2777-1", **{"date:missing": "false",
                                                                      "value-quantity:missing": "false"}) == [with_value["id"]]
    counted = await search(live, "/fhir/Patient", {"identifier:missing": "false", "_summary": "count"})
    assert counted["total"] == 1
    assert await found("/fhir/Patient", **{"_id:missing": "false"}) == [named["id"], bare["id"]]
    assert await found("/fhir/Patient", **{"_id:missing": "true"}) == []
    assert await found("/fhir/Patient", identifier=f"{MRN}|1", **{"gender:missing": "true"}) == []

    response = await live.get("/fhir/Patient", params={"gender:missing": "yes"})
    assert response.status_code == 400 and "true or false" in " ".join(issues(response))
    statement = (await live.get("/fhir/metadata")).json()
    patient_params = next(r for r in statement["rest"][0]["resource"] if r["type"] == "Patient")["searchParam"]
    assert all(":missing" in p["documentation"] for p in patient_params)

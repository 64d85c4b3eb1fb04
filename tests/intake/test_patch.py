"""PATCH with JSON Patch (RFC 6902), alone and in transaction and batch Bundles, against intake
running as its own process on SQLite and on PostgreSQL."""

import base64
import json

import pytest

from services.intake.fhir.json_patch import apply_patch
from services.intake.interactions import bundle_needs
from shared.errors import FHIRError
from tests.intake.fhir_data import FHIR, issues, patient, phosphate, transaction
from tests.intake.test_search_results import created

PATCH = {"Content-Type": "application/json-patch+json"}


def binary(patch: list) -> dict:
    return {"resourceType": "Binary", "contentType": "application/json-patch+json",
            "data": base64.b64encode(json.dumps(patch).encode()).decode()}


def patch_entry(url: str, patch: list, if_match: str | None = None) -> dict:
    request = {"method": "PATCH", "url": url, **({"ifMatch": if_match} if if_match else {})}
    return {"resource": binary(patch), "request": request}


@pytest.mark.parametrize("patch,expected", [
    ([{"op": "add", "path": "/b", "value": [1]}], {"a": {"x": 1}, "l": [1, 2], "b": [1]}),
    ([{"op": "add", "path": "/a/y", "value": 2}], {"a": {"x": 1, "y": 2}, "l": [1, 2]}),
    ([{"op": "add", "path": "/l/0", "value": 0}, {"op": "add", "path": "/l/-", "value": 9}], {"a": {"x": 1}, "l": [0, 1, 2, 9]}),
    ([{"op": "remove", "path": "/l/0"}], {"a": {"x": 1}, "l": [2]}),
    ([{"op": "replace", "path": "/a/x", "value": "z"}], {"a": {"x": "z"}, "l": [1, 2]}),
    ([{"op": "move", "from": "/a/x", "path": "/m"}], {"a": {}, "l": [1, 2], "m": 1}),
    ([{"op": "copy", "from": "/l", "path": "/k"}], {"a": {"x": 1}, "l": [1, 2], "k": [1, 2]}),
    ([{"op": "test", "path": "/a", "value": {"x": 1.0}}, {"op": "remove", "path": "/a"}], {"l": [1, 2]}),
    ([{"op": "add", "path": "/a~1b~0c", "value": True}], {"a": {"x": 1}, "l": [1, 2], "a/b~c": True}),
])
def test_json_patch_operations(patch, expected):
    document = {"a": {"x": 1}, "l": [1, 2]}
    assert apply_patch(document, patch) == expected
    assert document == {"a": {"x": 1}, "l": [1, 2]}  # the original is untouched


@pytest.mark.parametrize("patch,fragment", [
    ({"op": "add"}, "JSON array"),
    ([{"op": "frobnicate", "path": "/a"}], "'op' must be"),
    ([{"op": "add", "path": "a", "value": 1}], "JSON Pointer"),
    ([{"op": "add", "path": "/a"}], "needs a 'value'"),
    ([{"op": "remove", "path": "/nope"}], "does not exist"),
    ([{"op": "replace", "path": "/nope", "value": 1}], "does not exist"),
    ([{"op": "add", "path": "/l/5", "value": 1}], "out of range"),
    ([{"op": "add", "path": "/l/01", "value": 1}], "not an array index"),
    ([{"op": "test", "path": "/a/x", "value": True}], "test failed"),  # true is not the number 1
    ([{"op": "test", "path": "/a/x", "value": "1"}], "test failed"),
    ([{"op": "move", "from": "/a", "path": "/a/x/y"}], "into itself"),
    ([{"op": "remove", "path": ""}], "whole resource"),
])
def test_json_patch_refusals(patch, fragment):
    with pytest.raises(FHIRError) as error:
        apply_patch({"a": {"x": 1}, "l": [1, 2]}, patch)
    assert error.value.status == 400 and fragment in str(error.value)


async def test_patch_is_an_update(live):
    ada = await created(live, patient(mrn="p-1"))
    lab = await created(live, phosphate(f"Patient/{ada['id']}", 6.8))
    url = f"/fhir/Observation/{lab['id']}"
    # 6.80: the decimal's text is kept, as on every write.
    patch = (b'[{"op": "test", "path": "/status", "value": "final"},'
             b' {"op": "replace", "path": "/valueQuantity/value", "value": 6.80}]')
    response = await live.patch(url, content=patch, headers={**PATCH, "If-Match": 'W/"1"'})
    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == 'W/"2"' and '"value":6.80' in response.text.replace(" ", "")
    assert (await live.get(url)).json()["meta"]["versionId"] == "2"
    history = (await live.get(f"{url}/_history")).json()
    assert [e["response"]["etag"] for e in history["entry"]] == ['W/"2"', 'W/"1"']
    assert history["entry"][0]["request"]["method"] == "PUT"  # a new version, as an update writes
    minimal = await live.patch(url, content=b'[{"op": "add", "path": "/issued", "value": "2024-03-01T10:00:00Z"}]',
                               headers={**PATCH, "Prefer": "return=minimal"})
    assert minimal.status_code == 200 and minimal.content == b"" and minimal.headers["ETag"] == 'W/"3"'

    async def refused(body: bytes, status: int, fragment: str, headers=None, at: str = url) -> None:
        response = await live.patch(at, content=body, headers=headers or PATCH)
        assert response.status_code == status, response.text
        assert response.json()["resourceType"] == "OperationOutcome" and fragment in " ".join(issues(response))

    await refused(b'[{"op": "replace", "path": "/status", "value": "amended"}]', 412, "If-Match",
                  {**PATCH, "If-Match": 'W/"1"'})
    await refused(b'{"op": "remove", "path": "/status"}', 400, "JSON array")
    await refused(b'[{"op": "test", "path": "/status", "value": "preliminary"}]', 400, "test failed")
    await refused(b'[{"op": "remove", "path": "/nope"}]', 400, "does not exist")
    await refused(b'[{"op": "add", "path": "/a", "value": 1}, {"op": "add", "path": "/a", "value": 1}', 400, "not valid JSON")
    # What the patch makes is checked as an update's body is: 422 when it is not a valid resource.
    await refused(b'[{"op": "replace", "path": "/status", "value": "done"}]', 422, "status")  # a required binding
    await refused(b'[{"op": "remove", "path": "/code"}]', 422, "code")  # mandatory
    await refused(b'[{"op": "add", "path": "/colour", "value": "red"}]', 422, "colour")  # unknown element
    await refused(b'[{"op": "replace", "path": "/subject/reference", "value": "Patient/nobody"}]', 422, "does not exist")
    await refused(b'[{"op": "replace", "path": "/id", "value": "other"}]', 422, "must match the id")
    await refused(b'[{"op": "replace", "path": "/resourceType", "value": "Patient"}]', 422, "")
    await refused(b'[{"op": "replace", "path": "/status", "value": "amended"}]', 415, "json-patch", FHIR)
    await refused(b'[]', 404, "not known", at="/fhir/Observation/unknown-1")
    # None of the refused patches stored anything.
    current = (await live.get(url)).json()
    assert current["meta"]["versionId"] == "3" and current["status"] == "final" and "colour" not in current
    assert (await live.delete(url)).status_code == 204
    await refused(b'[]', 410, "deleted")
    # Recorded in the audit trail as a patch.
    events = (await live.get("/fhir/AuditEvent", params={"entity": f"Observation/{lab['id']}"})).json()
    assert "patch" in {e["resource"]["subtype"][0]["code"] for e in events["entry"]}
    statement = (await live.get("/fhir/metadata")).json()
    observation = next(r for r in statement["rest"][0]["resource"] if r["type"] == "Observation")
    assert {"code": "patch"} in observation["interaction"]


async def test_patch_in_transactions_and_batches(live):
    ada = await created(live, patient(mrn="p-2"))
    lab = await created(live, phosphate(f"Patient/{ada['id']}", 5.0))
    url = f"Observation/{lab['id']}"
    bundle = transaction(patch_entry(url, [{"op": "replace", "path": "/valueQuantity/value", "value": 5.5}], 'W/"1"'),
                         patch_entry(f"Patient/{ada['id']}", [{"op": "add", "path": "/active", "value": True}]))
    response = await live.post("/fhir", json=bundle, headers=FHIR)
    assert response.status_code == 200, response.text
    assert [e["response"]["status"] for e in response.json()["entry"]] == ["200 OK", "200 OK"]
    assert response.json()["entry"][0]["response"]["etag"] == 'W/"2"'
    assert (await live.get(f"/fhir/{url}")).json()["valueQuantity"]["value"] == 5.5
    assert (await live.get(f"/fhir/Patient/{ada['id']}")).json()["active"] is True

    # One failing PATCH rolls the whole transaction back.
    failing = transaction(patch_entry(f"Patient/{ada['id']}", [{"op": "replace", "path": "/active", "value": False}]),
                          patch_entry(url, [{"op": "replace", "path": "/status", "value": "done"}]))
    response = await live.post("/fhir", json=failing, headers=FHIR)
    assert response.status_code == 422 and "Bundle.entry[1]" in " ".join(issues(response))
    assert (await live.get(f"/fhir/Patient/{ada['id']}")).json()["active"] is True
    stale = transaction(patch_entry(url, [{"op": "remove", "path": "/issued"}], 'W/"1"'))
    assert (await live.post("/fhir", json=stale, headers=FHIR)).status_code == 412
    twice = transaction(patch_entry(url, []), patch_entry(url, []))
    assert (await live.post("/fhir", json=twice, headers=FHIR)).status_code == 400

    # A batch: each entry on its own.
    not_binary = {"resource": phosphate(f"Patient/{ada['id']}"), "request": {"method": "PATCH", "url": url}}
    fhirpath = patch_entry(url, [])
    fhirpath["resource"]["contentType"] = "application/fhir+json"
    garbled = patch_entry(url, [])
    garbled["resource"]["data"] = "not base64!"
    batch = transaction(patch_entry(url, [{"op": "add", "path": "/issued", "value": "2024-03-02T10:00:00Z"}]),
                        patch_entry(url, [{"op": "remove", "path": "/nope"}]),
                        patch_entry(url, [{"op": "remove", "path": "/status"}]),
                        not_binary, fhirpath, garbled, patch_entry("Observation?code=x", []), kind="batch")
    response = await live.post("/fhir", json=batch, headers=FHIR)
    assert response.status_code == 200, response.text
    assert [e["response"]["status"].split()[0] for e in response.json()["entry"]] == [
        "200", "400", "422", "400", "415", "400", "400"]
    assert (await live.get(f"/fhir/{url}")).json()["meta"]["versionId"] == "3"


def test_a_patch_entry_needs_update_scope():
    bundle = transaction(patch_entry("Observation/o1", []), kind="batch")
    assert bundle_needs(bundle) == {("Observation", "update")}

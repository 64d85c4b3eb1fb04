"""Reading one patient's record from a FHIR server (the intake service, or the EHR's
server named by a CDS Hooks call): the Patient and all its Observations, every page."""

import httpx

from shared.errors import FHIRError

MAX_PAGES = 50  # 50 pages of 500: a record larger than this is not a single patient's labs


async def fetch_patient_record(client: httpx.AsyncClient, patient_id: str) -> dict:
    """{"patient": Patient, "observations": [Observation, ...]}, as the classifier takes it."""
    patient = await _get(client, f"Patient/{patient_id}")
    observations: list[dict] = []
    url = "Observation"
    params: dict | None = {"patient": patient_id, "_count": "500"}
    for _ in range(MAX_PAGES):
        bundle = await _get(client, url, params)
        observations += [e["resource"] for e in bundle.get("entry", [])
                         if e.get("resource", {}).get("resourceType") == "Observation"]
        next_url = next((link["url"] for link in bundle.get("link", []) if link.get("relation") == "next"), None)
        params = None  # the next link carries them
        if next_url is None:
            return {"patient": patient, "observations": observations}
        url = next_url
    raise FHIRError.of(422, "too-costly", f"Patient/{patient_id} has more than {MAX_PAGES} pages of Observations")


async def _get(client: httpx.AsyncClient, url: str, params: dict | None = None) -> dict:
    try:
        response = await client.get(url, params=params)
    except httpx.HTTPError as exc:
        raise FHIRError.of(502, "transient", f"The FHIR server at {client.base_url} could not be reached: "
                                             f"{type(exc).__name__}") from None
    if response.status_code in (404, 410):
        raise FHIRError.of(404, "not-found", f"{url} was not found on the FHIR server at {client.base_url}")
    if response.status_code in (401, 403):
        raise FHIRError.of(502, "security", f"The FHIR server at {client.base_url} refused access "
                                            f"({response.status_code})")
    if response.status_code != 200:
        raise FHIRError.of(502, "exception", f"The FHIR server at {client.base_url} answered "
                                             f"{response.status_code} to GET {url}")
    try:
        return response.json()
    except ValueError:
        raise FHIRError.of(502, "exception", f"The FHIR server at {client.base_url} sent invalid JSON") from None


# What the intake server stores of a result: the assessment and its typing and mechanism
# Observations (the proposed ServiceRequests stay proposals in the answer).
STORED_TYPES = ("RiskAssessment", "Observation")


async def store_result(client: httpx.AsyncClient, result: dict) -> dict:
    """Write a result Bundle's RiskAssessment and Observations to the FHIR server in one
    transaction; returns the result with those entries as stored (ids, versions, full URLs)."""
    stored = [e for e in result.get("entry", []) if e["resource"]["resourceType"] in STORED_TYPES]
    transaction = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": e["fullUrl"], "resource": e["resource"],
         "request": {"method": "POST", "url": e["resource"]["resourceType"]}} for e in stored]}
    base = str(client.base_url).rstrip("/")  # a transaction is posted to the base itself
    try:
        response = await client.post(base, json=transaction, headers={"Content-Type": "application/fhir+json",
                                                                      "Prefer": "return=representation"})
    except httpx.HTTPError as exc:
        raise FHIRError.of(502, "transient", f"The FHIR server at {client.base_url} could not be reached to "
                                             f"store the result: {type(exc).__name__}") from None
    if response.status_code != 200:
        raise FHIRError.of(502, "exception", f"The FHIR server at {client.base_url} refused the result "
                                             f"({response.status_code}): {response.text[:500]}")
    for entry, answer in zip(stored, response.json().get("entry", []), strict=True):
        entry["resource"] = answer["resource"]
        entry["fullUrl"] = f"{base}/{answer['resource']['resourceType']}/{answer['resource']['id']}"
    return result

"""Reading one patient's record from a FHIR server (the intake service, or the EHR's
server named by a CDS Hooks call): the Patient and all its Observations, every page."""

import httpx

from shared.errors import FHIRError

MAX_PAGES = 50  # 50 pages of 500: a record larger than this is not a single patient's labs


def origin(url: str | httpx.URL) -> tuple[str, str, int | None]:
    """(scheme, host, port), the port filled in for http and https."""
    url = httpx.URL(url)
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


async def fetch_patient_record(client: httpx.AsyncClient, patient_id: str, headers: dict[str, str] | None = None,
                               origins: set[tuple[str, str, int | None]] | None = None) -> dict:
    """{"patient": Patient, "observations": [Observation, ...]}, as the classifier takes it.

    Paging links are followed only to `origins` (default: the server's own): the client carries
    a token for that server, and a link elsewhere would hand it to whoever runs that host."""
    patient = await _get(client, f"Patient/{patient_id}", headers=headers)
    return {"patient": patient, "observations": await search_all(client, "Observation", patient_id, headers, origins)}


async def search_all(client: httpx.AsyncClient, resource_type: str, patient_id: str,
                     headers: dict[str, str] | None = None,
                     origins: set[tuple[str, str, int | None]] | None = None) -> list[dict]:
    """Every resource of a type about the patient, every page (links followed as above)."""
    origins = origins or {origin(client.base_url)}
    found: list[dict] = []
    url = resource_type
    params: dict | None = {"patient": patient_id, "_count": "500"}
    for _ in range(MAX_PAGES):
        bundle = await _get(client, url, params, headers)
        found += [e["resource"] for e in bundle.get("entry", [])
                  if e.get("resource", {}).get("resourceType") == resource_type]
        next_url = next((link.get("url") for link in bundle.get("link", []) if link.get("relation") == "next"), None)
        params = None  # the next link carries them
        if next_url is None:
            return found
        try:
            elsewhere = not isinstance(next_url, str) or origin(client.base_url.join(next_url)) not in origins
        except (httpx.InvalidURL, ValueError):
            elsewhere = True
        if elsewhere:
            raise FHIRError.of(502, "security", f"The FHIR server at {client.base_url} sent a next page link to "
                                                "another origin; it was not followed (the token is for that server only)")
        url = next_url
    raise FHIRError.of(422, "too-costly", f"Patient/{patient_id} has more than {MAX_PAGES} pages of {resource_type}s")


async def _get(client: httpx.AsyncClient, url: str, params: dict | None = None,
               headers: dict[str, str] | None = None) -> dict:
    try:
        response = await client.get(url, params=params, headers=headers)
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


async def store_result(client: httpx.AsyncClient, result: dict, headers: dict[str, str] | None = None) -> dict:
    """Write a result Bundle's RiskAssessment and Observations to the FHIR server in one
    transaction; returns the result with those entries as stored (ids, versions, full URLs)."""
    stored = [e for e in result.get("entry", []) if e["resource"]["resourceType"] in STORED_TYPES]
    transaction = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": e["fullUrl"], "resource": e["resource"],
         "request": {"method": "POST", "url": e["resource"]["resourceType"]}} for e in stored]}
    base = str(client.base_url).rstrip("/")  # a transaction is posted to the base itself
    try:
        response = await client.post(base, json=transaction, headers={"Content-Type": "application/fhir+json",
                                                                      "Prefer": "return=representation",
                                                                      **(headers or {})})
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

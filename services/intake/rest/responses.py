"""FHIR response bodies and headers: single resources, searchsets, histories."""

import uuid
from typing import Any
from urllib.parse import urlencode

from services.intake.fhir.summary import Subset
from services.intake.interactions import REVINCLUDE_LIMIT, SearchResult, Stored
from shared.fhir_json import fhir_response
from shared.fhir_time import instant, now_ms


def resource_headers(stored: Stored, base: str) -> dict[str, str]:
    return {"ETag": stored.etag, "Last-Modified": stored.last_modified, "Location": stored.location(base)}


def resource_response(stored: Stored, base: str, status: int = 200, prefer: str | None = None,
                      with_location: bool = False, subset: Subset | None = None):
    headers = resource_headers(stored, base)
    if not with_location:
        headers.pop("Location")
    if prefer == "minimal":
        return fhir_response(None, status, headers)
    if prefer == "OperationOutcome":
        outcome = {"resourceType": "OperationOutcome", "issue": [{
            "severity": "information", "code": "informational",
            "diagnostics": f"{stored.resource_type}/{stored.id} version {stored.version} stored"}]}
        return fhir_response(outcome, status, headers)
    content = subset.apply(stored.content) if subset and stored.content is not None else stored.content
    return fhir_response(content, status, headers)


def _bundle(kind: str, total: int | None, links: list[dict], entries: list[dict]) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "resourceType": "Bundle", "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": instant(now_ms())},
        "type": kind,
    }
    if total is not None:
        bundle["total"] = total
    if links:
        bundle["link"] = links
    if entries:
        bundle["entry"] = entries
    return bundle


def _paging_links(url: str, params: list[tuple[str, str]], count: int, offset: int, total: int | None,
                  returned: int) -> list[dict]:
    def link(relation: str, at: int) -> dict:
        query = urlencode([*params, ("_count", str(count)), ("_offset", str(at))])
        return {"relation": relation, "url": f"{url}?{query}"}

    links = [link("self", offset), link("first", 0)]
    if offset > 0:
        links.append(link("previous", max(0, offset - count)))
    more = (offset + returned < total) if total is not None else returned == count and count > 0
    if more and count > 0:
        links.append(link("next", offset + count))
    if total is not None and count > 0:
        links.append(link("last", max(0, (total - 1) // count * count)))
    return links


def searchset(base: str, url: str, result: SearchResult) -> dict[str, Any]:
    request, matches, included, total = result.request, result.matches, result.included, result.total
    subset = request.subset
    if subset is not None:
        # _elements names elements of the searched type: it cuts the matches; a summary mode
        # applies to every resource of the page (docs/decisions.md).
        matches = [subset.apply(r) for r in matches]
        if subset.summary:
            included = [subset.apply(r) for r in included]
    entries = [{"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "match"}}
               for r in matches]
    entries += [{"fullUrl": f"{base}/{r['resourceType']}/{r['id']}", "resource": r, "search": {"mode": "include"}}
                for r in included]
    if result.truncated:
        entries.append({"resource": {"resourceType": "OperationOutcome", "issue": [{
            "severity": "warning", "code": "too-costly",
            "diagnostics": f"_revinclude added at most {REVINCLUDE_LIMIT} resources per parameter to this page; "
                           "more refer to its matches (ask for fewer matches per page, or search them directly)"}]},
            "search": {"mode": "outcome"}})
    if request.summary_count:
        return _bundle("searchset", total, [{"relation": "self", "url": f"{url}?{urlencode(request.canonical)}"}], [])
    links = _paging_links(url, request.canonical, request.count, request.offset, total, len(matches))
    return _bundle("searchset", total, links, entries)


def history(base: str, url: str, entries: list[Stored], total: int, count: int, offset: int,
            params: list[tuple[str, str]]) -> dict[str, Any]:
    items = []
    for s in entries:
        full_url = f"{base}/{s.resource_type}/{s.id}"
        entry: dict[str, Any] = {"fullUrl": full_url}
        if s.content is not None:
            entry["resource"] = s.content
        entry["request"] = {"method": s.method,
                            "url": s.resource_type if s.method == "POST" else f"{s.resource_type}/{s.id}"}
        entry["response"] = {
            "status": {"POST": "201 Created", "PUT": "200 OK", "DELETE": "204 No Content"}[s.method],
            "etag": s.etag, "lastModified": instant(s.last_updated_ms),
        }
        items.append(entry)
    links = _paging_links(url, [(k, v) for k, v in params if k not in ("_count", "_offset")], count, offset, total,
                          len(entries))
    return _bundle("history", total, links, items)

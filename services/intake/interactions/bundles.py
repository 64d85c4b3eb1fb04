"""Transaction and batch Bundles posted to the server base.

A transaction commits all its entries or none (FHIR R4 3.1.0.11): entries are
processed DELETE, POST, PUT, GET, `urn:uuid:` and conditional references are
rewritten to the ids the server assigns or finds, and the first failure rolls
everything back. A batch runs each entry on its own.
"""

import asyncio
import base64
import binascii
import json
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from services.intake.fhir.elements import ID_PATTERN
from services.intake.fhir.model_validation_pool import ModelValidationPool
from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES
from services.intake.fhir.validation import JUDGED_ELSEWHERE, Incoming, Verdict, check_structure
from services.intake.interactions.access import ResourceTexts, is_conditional, unresolvable
from services.intake.interactions.interactions import (
    Interactions,
    SearchResult,
    UnitOfWork,
    check_rules,
    parse_if_match,
)
from services.intake.storage.counts import CountKey
from services.intake.storage.store import PreparedRows, Stored
from shared.errors import FHIRError, Issue, operation_outcome
from shared.fhir_json import DuplicateKeyError, dumps, loads_request
from shared.fhir_time import instant

ORDER = {"DELETE": 0, "POST": 1, "PUT": 2, "PATCH": 2, "GET": 3, "HEAD": 3}
JSON_PATCH = "application/json-patch+json"
# Entries are written in chunks, each while the next is prepared, and validated by the models in
# chunks beside all of that (ModelVerdicts; docs/performance.md).
CHUNK = 200


@dataclass
class Entry:
    index: int
    method: str
    resource_type: str
    resource_id: str | None
    query: str | None
    version: str | None
    raw_resource: Any
    full_url: str | None
    if_none_exist: str | None
    if_match: str | None
    response: dict[str, Any] = field(default_factory=dict)
    incoming: Incoming | None = None  # set once the resource passed the structural check
    settled: bool = False  # a conditional create that found its resource: nothing to write

    @property
    def where(self) -> str:
        return f"Bundle.entry[{self.index}]"

    @property
    def checked(self) -> Incoming:
        """The resource of an entry that passed the structural check (every entry written has)."""
        assert self.incoming is not None
        return self.incoming

    @property
    def target_id(self) -> str:
        """The id an entry writes or deletes: named by PUT and DELETE (_parse_entry), assigned to POST."""
        assert self.resource_id is not None
        return self.resource_id


def _fail(status: int, code: str, where: str, message: str) -> FHIRError:
    return FHIRError(status, [Issue(code, f"{where}: {message}", expression=(where,))])


def _parse_entry(index: int, raw: Any) -> Entry:
    where = f"Bundle.entry[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("request"), dict):
        raise _fail(400, "required", where, "every entry of a transaction or batch needs a request")
    request = raw["request"]
    method, url = request.get("method"), request.get("url")
    if method not in ORDER:
        raise _fail(400, "code-invalid", where, f"request.method '{method}' is not GET, HEAD, POST, PUT, PATCH or DELETE")
    if not isinstance(url, str) or not url:
        raise _fail(400, "required", where, "request.url is missing")
    path, _, query = url.partition("?")
    parts = [p for p in path.strip("/").split("/") if p]
    resource_type = parts[0] if parts else ""
    if resource_type not in SUPPORTED_TYPES:
        raise _fail(400, "not-supported", where, f"'{url}' does not name a supported resource type")
    if resource_type in READ_ONLY_TYPES and method not in ("GET", "HEAD"):
        raise _fail(405, "not-supported", where, f"{resource_type} resources are recorded by the server, not written")
    resource_id = parts[1] if len(parts) > 1 else None
    version = parts[3] if len(parts) == 4 and parts[2] == "_history" else None
    if len(parts) > 2 and version is None or (resource_id is not None and not ID_PATTERN.match(resource_id)):
        raise _fail(400, "invalid", where, f"request.url '{url}' is not understood")
    resource = raw.get("resource")
    if method in ("POST", "PUT"):
        if not isinstance(resource, dict):
            raise _fail(400, "required", where, f"a {method} entry needs a resource (a JSON object)")
        if method == "POST" and (resource_id or query):
            raise _fail(400, "invalid", where, "a POST entry's url is the resource type alone")
        if method == "PUT":
            if query or not resource_id:
                raise _fail(400, "not-supported", where, "a PUT entry must name Type/id (conditional update is not supported)")
            if resource.get("id") != resource_id:
                raise _fail(400, "invalid", where, f"the resource id must be {resource_id}, as in request.url")
    if method == "DELETE" and (query or not resource_id):
        raise _fail(400, "not-supported", where, "a DELETE entry must name Type/id (conditional delete is not supported)")
    if method == "PATCH":
        if query or not resource_id or version:
            raise _fail(400, "not-supported", where, "a PATCH entry must name Type/id (conditional patch is not supported)")
        resource = _patch_document(where, resource)
    return Entry(index, method, resource_type, resource_id, query if "?" in url else None, version, resource,
                 raw.get("fullUrl"), request.get("ifNoneExist"), request.get("ifMatch"))


def _patch_document(where: str, resource: Any) -> Any:
    """The JSON Patch an entry carries: in R4, a Binary whose contentType is
    application/json-patch+json and whose data is the patch, base64-encoded."""
    if not isinstance(resource, dict) or resource.get("resourceType") != "Binary":
        raise _fail(400, "required", where, f"a PATCH entry's resource must be a Binary ({JSON_PATCH}) holding the patch")
    content_type = str(resource.get("contentType", "")).split(";")[0].strip().lower()
    if content_type != JSON_PATCH:
        raise _fail(415, "not-supported", where,
                    f"a PATCH entry's Binary.contentType must be {JSON_PATCH} (FHIRPath Patch is not supported)")
    try:
        return loads_request(base64.b64decode(str(resource.get("data", "")), validate=True), exact_decimals=True)
    except (binascii.Error, ValueError, UnicodeDecodeError, DuplicateKeyError, RecursionError) as exc:
        reason = f"the key '{exc.key}' occurs twice" if isinstance(exc, DuplicateKeyError) else str(exc)
        if isinstance(exc, json.JSONDecodeError | binascii.Error):
            reason = "Binary.data is not base64-encoded JSON"
        raise _fail(400, "structure", where, f"the JSON Patch cannot be read: {reason}") from None


def _write_response(stored: Stored, status: str, representation: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "response": {
            "status": status,
            "location": f"{stored.resource_type}/{stored.id}/_history/{stored.version}",
            "etag": stored.etag,
            "lastModified": instant(stored.last_updated_ms),
        }
    }
    if representation and stored.content is not None:
        entry["resource"] = stored.content
    return entry


async def _let_run(writing: asyncio.Future | None) -> None:
    """Hand the event loop to a chunk's write for a moment, so that it sends its next statement
    while the next chunk is prepared. A task runs only when the one that made it yields: without
    this, each write began when the next chunk was ready and the two never overlapped
    (docs/performance.md). Each statement needs the loop once to be sent."""
    if writing is not None and not writing.done():
        await asyncio.sleep(0)


def _has_conditional_references(chunk: list[Entry]) -> bool:
    return any(is_conditional(ref["reference"]) for e in chunk for _, _, ref in e.checked.references)


def _check_structures(checks: list[tuple[Entry, Verdict]]) -> None:
    """The structural check of each entry, in order, given the verdict of the models and the R4
    layer on it (JUDGED_ELSEWHERE: all but theirs)."""
    for entry, verdict in checks:
        entry.incoming = check_structure(entry.raw_resource, entry.resource_type, entry.where, verdict)


def _text_of(entry: Entry, texts: ResourceTexts) -> bytes:
    kept = texts.get(entry.index)
    return kept[1] if kept is not None and kept[0] is entry.raw_resource else dumps(entry.raw_resource)


class ModelVerdicts:
    """fhir.resources' verdict on every resource a transaction may write, worked out beside the
    transaction (worker processes, else a thread) from its start, and needed only before it
    commits: the service checks, rewrites and writes chunk after chunk meanwhile, and a resource
    the model refuses rolls everything back. Errors come out as if each chunk had been checked
    whole before the next step: the first entry, in Bundle order, that fails its structural
    check up to the chunk that failed. Conditional creates that found their resource are not
    written, and their verdict does not count."""

    def __init__(self, chunks: list[list[Entry]], pool: ModelValidationPool, texts: ResourceTexts | None = None) -> None:
        self.chunks = chunks
        # Serialized now, before references are rewritten and ids stamped in these very dicts; a
        # text the scope check made of the same, untouched dict is that text already.
        texts = texts or {}
        self.futures = [pool.model_issues([_text_of(e, texts) for e in chunk], [e.where for e in chunk])
                        for chunk in chunks]

    async def raise_first(self, through: int | None = None) -> None:
        """Raise the 400 of the first entry that fails its structural check, model included, in
        the chunks up to `through` (all by default); without `through`, the 422 of the R4
        layer's rules (bindings, invariants) when an entry breaks one before any such 400."""
        last = len(self.chunks) - 1 if through is None else through
        for chunk, future in zip(self.chunks[:last + 1], self.futures[:last + 1], strict=True):
            verdicts = await future
            if through is None and not any(structure or rules for structure, rules in verdicts):
                continue
            broken: list[Issue] = []
            for entry, verdict in zip(chunk, verdicts, strict=True):
                if entry.settled:
                    continue
                if through is None and broken and verdict[0]:
                    break  # a rule broken before this structural error decides: 422
                _check_structures([(entry, verdict)])  # after a failure, every check counts, in order
                broken += verdict[1]
            if broken and through is None:
                raise FHIRError(422, broken)

    async def close(self) -> None:
        for future in self.futures:
            future.cancel()  # a chunk a worker has not begun is dropped; one begun runs to its end
        await asyncio.gather(*self.futures, return_exceptions=True)


# How the REST layer writes a searchset Bundle (base, the search's URL, the result), for a batch's searches.
Searchset = Callable[[str, str, SearchResult], dict]


class BundleProcessor:
    def __init__(self, interactions: Interactions, base: str, representation: bool, searchset: Searchset,
                 pool: ModelValidationPool | None = None) -> None:
        self.interactions = interactions
        self.base = base
        self.representation = representation
        self.searchset = searchset
        self.pool = pool or ModelValidationPool(0)  # none: the models run in a thread

    async def process(self, body: Any, texts: ResourceTexts | None = None) -> dict:
        """`texts`: the resources' JSON texts from the scope check (bundle_needs), if it kept them."""
        if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
            raise FHIRError.of(400, "invalid", "POST to the base takes a Bundle of type transaction or batch")
        kind = body.get("type")
        if kind not in ("transaction", "batch"):
            raise FHIRError.of(400, "invalid", f"Bundle.type must be transaction or batch, not {kind}", "Bundle.type")
        raw_entries = body.get("entry", [])
        if not isinstance(raw_entries, list):
            raise FHIRError.of(400, "structure", "Bundle.entry must be an array", "Bundle.entry")
        limit = self.interactions.settings.max_bundle_entries
        if len(raw_entries) > limit:
            raise FHIRError.of(413, "too-costly", f"The Bundle has {len(raw_entries)} entries; the limit is {limit}")
        if kind == "transaction":
            entries = [_parse_entry(i, raw) for i, raw in enumerate(raw_entries)]
            responses = await self._transaction(entries, texts)
            self.interactions.statistics.note_writes(len(entries))
        else:
            responses = [await self._batch_entry(i, raw) for i, raw in enumerate(raw_entries)]
        return {"resourceType": "Bundle", "id": str(uuid.uuid4()), "type": f"{kind}-response", "entry": responses}

    # --- transaction ---------------------------------------------------------

    async def _transaction(self, entries: list[Entry], texts: ResourceTexts | None = None) -> list[dict]:
        candidates = [e for e in entries if e.method in ("POST", "PUT")]
        verdicts = ModelVerdicts([candidates[i:i + CHUNK] for i in range(0, len(candidates), CHUNK)], self.pool, texts)
        try:
            async with self.interactions.transaction() as work:
                targets = await self._assign_ids(work, entries)
                for entry in entries:
                    if entry.method == "DELETE":
                        await self._at(entry, self._delete(work, entry))
                await self._write(work, verdicts, targets)
                for entry in (e for e in candidates if e.method == "PUT" and not e.settled):
                    await self._at(entry, self._put(work, entry))
                for entry in (e for e in entries if e.method == "PATCH"):
                    await self._at(entry, self._patch(work, entry))
                for entry in (e for e in entries if e.method in ("GET", "HEAD")):
                    await self._at(entry, self._get(work, entry))
        finally:
            await verdicts.close()
        return [e.response for e in entries]

    async def _write(self, work: UnitOfWork, verdicts: ModelVerdicts, targets: dict[str, str]) -> None:
        """Check, rewrite and store the resources, chunk by chunk: chunks are written while the next
        are prepared (the session runs one statement at a time, so anything else that needs it first
        waits for that write). A write takes every chunk prepared since the last one began, as one
        statement per table, and the transaction's count rows are written once, with its last write
        (docs/performance.md). PUTs are stored after, by the caller."""
        chunks = [[e for e in chunk if not e.settled] for chunk in verdicts.chunks]
        pending = {(e.resource_type, e.target_id) for chunk in chunks for e in chunk}
        wanted: dict[tuple[str, str], tuple[str, str]] = {}
        writing: asyncio.Future | None = None
        prepared: list[tuple[list[Stored], PreparedRows]] = []  # not yet sent to the database
        counted: Counter[CountKey] = Counter()

        def write(last: bool = False) -> asyncio.Future:
            rows = PreparedRows.joined([r for _, r in prepared])
            if last:
                rows.add_counts(counted)
            stored = [s for part, _ in prepared for s in part]
            prepared.clear()
            return asyncio.ensure_future(work.write_new(stored, rows))

        current = 0
        try:
            for current, chunk in enumerate(chunks):
                _check_structures([(e, JUDGED_ELSEWHERE) for e in chunk])
                if _has_conditional_references(chunk):
                    # resolved against what is stored: this transaction's earlier chunks included
                    if writing is not None:
                        await writing
                    if prepared:
                        await write()
                    writing = None
                await _let_run(writing)
                for entry in chunk:
                    await self._rewrite_references(work, entry, targets)
                check_rules([e.checked for e in chunk], wanted)
                await _let_run(writing)
                creates = [e for e in chunk if e.method == "POST"]
                stored, rows = work.prepare_new([(e.checked, e.target_id) for e in creates], counted)
                for entry, s in zip(creates, stored, strict=True):
                    entry.response = _write_response(s, "201 Created", self.representation)
                prepared.append((stored, rows))
                if writing is None or writing.done():
                    if writing is not None:
                        await writing  # its error, if it failed
                    writing = write(last=current == len(chunks) - 1)
                await _let_run(writing)
            if writing is not None:
                await writing
            if prepared:
                writing = write(last=True)
                await writing
        except Exception:
            # What the model says of the resources so far comes first: a resource it refuses may
            # be what made a later step fail (an element of the wrong type, say).
            await verdicts.raise_first(through=current)
            raise
        finally:
            if writing is not None and not writing.done():  # failing: let the write end, then roll back
                with suppress(Exception):
                    await writing
        await verdicts.raise_first()  # outside the try: its own 422 must not be taken for a failed step
        await work.check_references_exist(wanted, pending)

    async def _assign_ids(self, work: UnitOfWork, entries: list[Entry]) -> dict[str, str]:
        """Map each entry's fullUrl to the Type/id it will have; settle conditional creates."""
        targets: dict[str, str] = {}
        written: dict[tuple[str, str], int] = {}
        for entry in entries:
            if entry.method == "POST":
                existing = None
                if entry.if_none_exist:
                    existing = await self._at(entry, work.match_one(
                        entry.resource_type, entry.if_none_exist, "ifNoneExist"))
                if existing:
                    found = await work.read(entry.resource_type, existing)
                    entry.resource_id, entry.settled = existing, True
                    entry.response = _write_response(found, "200 OK", self.representation)
                else:
                    entry.resource_id = work.new_id()
            if entry.method in ("POST", "PUT", "PATCH"):
                key = (entry.resource_type, entry.target_id)
                if key in written:
                    raise _fail(400, "duplicate", entry.where,
                                f"{key[0]}/{key[1]} is also written by Bundle.entry[{written[key]}]")
                written[key] = entry.index
                if entry.full_url and entry.method != "PATCH":
                    if entry.full_url in targets:
                        raise _fail(400, "duplicate", entry.where, f"fullUrl {entry.full_url} appears twice")
                    targets[entry.full_url] = f"{entry.resource_type}/{entry.resource_id}"
        return targets

    async def _rewrite_references(self, work: UnitOfWork, entry: Entry, targets: dict[str, str]) -> None:
        for _, location, ref in entry.checked.references:
            reference = ref["reference"]
            if reference in targets:
                ref["reference"] = targets[reference]
            elif is_conditional(reference):
                # A conditional reference, Type?search, resolved against what is stored.
                ref_type, _, query = reference.partition("?")
                problem = unresolvable(ref_type)
                if problem:
                    raise _fail(400, "not-supported", entry.where, f"conditional reference {reference} is not resolved: "
                                                                   f"{problem}")
                found = await self._at(entry, work.match_one(ref_type, query, "Conditional reference"))
                if found is None:
                    raise _fail(412, "not-found", entry.where, f"conditional reference {reference} matches nothing ({location})")
                ref["reference"] = f"{ref_type}/{found}"

    async def _delete(self, work: UnitOfWork, entry: Entry) -> None:
        await work.delete(entry.resource_type, entry.target_id)
        entry.response = {"response": {"status": "204 No Content"}}

    async def _put(self, work: UnitOfWork, entry: Entry) -> None:
        stored, created = await work.update(entry.checked, entry.target_id, parse_if_match(entry.if_match))
        entry.response = _write_response(stored, "201 Created" if created else "200 OK", self.representation)

    async def _patch(self, work: UnitOfWork, entry: Entry) -> None:
        stored = await work.patch(entry.resource_type, entry.target_id, entry.raw_resource,
                                  parse_if_match(entry.if_match), entry.where)
        entry.response = _write_response(stored, "200 OK", self.representation)

    async def _get(self, work: UnitOfWork, entry: Entry) -> None:
        if entry.query is not None or entry.resource_id is None:
            raise _fail(400, "not-supported", entry.where, "searches inside a transaction are not supported; use a batch")
        if entry.version:
            found = await work.vread(entry.resource_type, entry.resource_id, int(entry.version)) \
                if entry.version.isascii() and entry.version.isdigit() else None
        else:
            found = await work.read(entry.resource_type, entry.resource_id)
        if found is None:
            raise _fail(404, "not-found", entry.where, "no such version")
        entry.response = {"resource": found.content,
                          "response": {"status": "200 OK", "etag": found.etag,
                                       "lastModified": instant(found.last_updated_ms)}}

    @staticmethod
    async def _at(entry: Entry, awaitable):
        """Run one entry's step; a failure names the entry it came from."""
        try:
            return await awaitable
        except FHIRError as exc:
            issues = [Issue(i.code, i.diagnostics if i.diagnostics.startswith("Bundle.entry")
                            else f"{entry.where}: {i.diagnostics}", i.severity, i.expression or (entry.where,))
                      for i in exc.issues]
            raise FHIRError(exc.status, issues, exc.headers) from None

    # --- batch ---------------------------------------------------------------

    async def _batch_entry(self, index: int, raw: Any) -> dict:
        try:
            entry = _parse_entry(index, raw)
            return await self._batch_run(entry)
        except FHIRError as exc:
            return {"response": {"status": f"{exc.status} {_REASONS.get(exc.status, '')}".strip(),
                                 "outcome": operation_outcome(exc.issues)}}

    async def _batch_run(self, entry: Entry) -> dict:
        i = self.interactions
        match entry.method:
            case "POST":
                stored, created = await i.create(entry.resource_type, entry.raw_resource, entry.if_none_exist)
                return _write_response(stored, "201 Created" if created else "200 OK", self.representation)
            case "PUT":
                stored, created = await i.update(entry.resource_type, entry.target_id, entry.raw_resource,
                                                 parse_if_match(entry.if_match))
                return _write_response(stored, "201 Created" if created else "200 OK", self.representation)
            case "PATCH":
                stored = await i.patch(entry.resource_type, entry.target_id, entry.raw_resource,
                                       parse_if_match(entry.if_match))
                return _write_response(stored, "200 OK", self.representation)
            case "DELETE":
                await i.delete(entry.resource_type, entry.target_id)
                return {"response": {"status": "204 No Content"}}
        if entry.resource_id is None:
            result = await i.search(entry.resource_type, parse_qsl(entry.query or "", keep_blank_values=True))
            bundle = self.searchset(self.base, f"{self.base}/{entry.resource_type}", result)
            return {"resource": bundle, "response": {"status": "200 OK"}}
        found = await (i.vread(entry.resource_type, entry.resource_id, entry.version) if entry.version
                       else i.read(entry.resource_type, entry.resource_id))
        return {"resource": found.content, "response": {"status": "200 OK", "etag": found.etag,
                                                        "lastModified": instant(found.last_updated_ms)}}


_REASONS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 410: "Gone",
            412: "Precondition Failed", 413: "Payload Too Large", 415: "Unsupported Media Type",
            422: "Unprocessable Entity"}

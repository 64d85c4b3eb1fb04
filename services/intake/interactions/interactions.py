"""The FHIR interactions of the intake server, independent of HTTP: the one way into storage.

Single requests (the REST layer), transaction and batch Bundles (bundles.py) and the audit trail
all read and write through here, each inside a `UnitOfWork`: one database session, or one
transaction for writes. Each write validates in layers (structure, rules, referential integrity)
before anything is stored; after a write, in the same transaction, what the resources written ask
of other services is handed over (the outbox: an ImagingStudy's CT series to imaging).
"""

from collections import Counter
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy.ext.asyncio import AsyncSession

from services.intake.fhir.dates import DateFormatError, date_range
from services.intake.fhir.json_patch import apply_patch
from services.intake.fhir.r4 import check_resource
from services.intake.fhir.registry import SUPPORTED_TYPES
from services.intake.fhir.validation import JUDGED_ELSEWHERE, Incoming, check_id, check_structure, rule_issues
from services.intake.outbox.handover import hand_over
from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import SearchRequest, parse_search
from services.intake.storage.counts import CountFolder, CountKey
from services.intake.storage.models import MAX_SQL_INTEGER
from services.intake.storage.names import cache_of
from services.intake.storage.statistics import StatisticsKeeper
from services.intake.storage.store import (
    PreparedRows,
    ResourceStore,
    Stored,
    new_id,
    prepare_new,
    write_in_one_statement,
)
from shared.database import Database
from shared.errors import FHIRError, Issue
from shared.settings import Settings

VALIDATE_MODES = ("create", "update", "delete")


@dataclass
class SearchResult:
    request: SearchRequest
    matches: list[dict]
    included: list[dict]
    total: int | None
    truncated: bool = False  # _revinclude found more than the executor's limit per page


def check_rules(resources: list[Incoming], wanted: dict[tuple[str, str], tuple[str, str]]) -> None:
    """Raise 422 when a resource breaks a rule; note in `wanted` what each refers to, and where
    (the resource's place in a Bundle, and the reference's location)."""
    issues: list[Issue] = []
    for incoming in resources:
        issues += rule_issues(incoming)
        for key, location in incoming.local_references().items():
            wanted.setdefault(key, (incoming.where, location))
    if issues:
        raise FHIRError(422, issues)


def checked_update(resource_type: str, resource_id: str, body: dict, where: str = "") -> Incoming:
    """The structural check of an update's body, whose id must be the one in the URL."""
    incoming = check_structure(body, resource_type, where)
    if body.get("id") != resource_id:
        raise FHIRError.of(
            400, "invalid",
            f"{where + ': ' if where else ''}The resource id ({body.get('id') or 'none'}) must match the id "
            f"in the URL ({resource_id})", "id",
        )
    return incoming


def parse_if_match(value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not (text.isascii() and text.isdigit()):  # isdigit() alone takes '²', which int() refuses
        raise FHIRError.of(400, "invalid", f"If-Match must be a version ETag such as W/\"3\", not {value}")
    return int(text)


def parse_since(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return date_range(value)[0]
    except DateFormatError as exc:
        raise FHIRError.of(400, "invalid", f"_since: {exc}") from None


class UnitOfWork:
    """What interactions do in one database session (one transaction, for writes): read, search,
    check references, write, and hand over after each write. Nothing else opens storage."""

    def __init__(self, interactions: "Interactions", session: AsyncSession) -> None:
        self.interactions = interactions
        self.session = session
        self._store = ResourceStore(session)
        self._searches = SearchExecutor(session)

    # --- reads ---------------------------------------------------------------

    async def read(self, resource_type: str, resource_id: str) -> Stored:
        return await self._store.read(resource_type, resource_id)

    async def vread(self, resource_type: str, resource_id: str, version: int) -> Stored:
        return await self._store.vread(resource_type, resource_id, version)

    async def exists(self, resource_type: str, resource_id: str) -> bool:
        """Whether the resource was ever stored (deleted or not)."""
        return await self._store.current(resource_type, resource_id) is not None

    async def history(self, resource_type: str | None, resource_id: str | None, since_ms: int | None, count: int,
                      offset: int) -> tuple[list[Stored], int]:
        return await self._store.history(resource_type, resource_id, since_ms, count, offset)

    async def search(self, request: SearchRequest) -> SearchResult:
        matches, total = await self._searches.search(request)
        for key in self._searches.fold_wanted:
            self.interactions.counts.fold_soon(key)
        included, truncated = await self._searches.includes(request, matches)
        return SearchResult(request, matches, included, total, truncated)

    async def match_one(self, resource_type: str, query: str, what: str) -> str | None:
        """The id of the one resource matching a conditional query, None when none does, 412 when several do."""
        pairs = parse_qsl(query, keep_blank_values=True)
        if not pairs:
            raise FHIRError.of(400, "invalid", f"{what} has no search parameters")
        request = self.interactions.parse_search(resource_type, pairs)
        if not request.criteria:
            raise FHIRError.of(400, "invalid", f"{what} has no search criteria")
        ids = await self._searches.find_ids(request, limit=2)
        if len(ids) > 1:
            raise FHIRError.of(412, "multiple-matches", f"{what} '{query}' matches more than one {resource_type}")
        return ids[0] if ids else None

    # --- checks --------------------------------------------------------------

    async def check_rules_and_references(
        self, resources: list[Incoming], pending: Collection[tuple[str, str]] = frozenset(),
    ) -> None:
        """Raise 422 when a resource breaks a rule or refers to a resource that does not exist.

        `pending` holds the (type, id) of resources written in the same transaction, which
        count as existing.
        """
        wanted: dict[tuple[str, str], tuple[str, str]] = {}
        check_rules(resources, wanted)
        await self.check_references_exist(wanted, pending)

    async def referrers(self, resource_type: str, resource_id: str) -> list[str]:
        """The stored resources that refer to this one (which a delete would break)."""
        return await self._store.referrers(resource_type, resource_id)

    async def check_references_exist(
        self, wanted: dict[tuple[str, str], tuple[str, str]], pending: Collection[tuple[str, str]],
    ) -> None:
        missing = set(wanted) - set(pending)
        missing -= await self._store.existing(missing)
        if missing:
            raise FHIRError(422, [
                Issue("not-found", f"{wanted[key][0] + ': ' if wanted[key][0] else ''}Referenced resource "
                      f"{key[0]}/{key[1]} does not exist on this server", expression=(wanted[key][1],))
                for key in sorted(missing)
            ])

    # --- writes --------------------------------------------------------------

    @staticmethod
    def new_id() -> str:
        return new_id()

    def prepare_new(self, items: list[tuple[Incoming, str]],
                    counted: Counter[CountKey] | None = None) -> tuple[list[Stored], PreparedRows]:
        """Stamp new resources (each with its id) as version 1 and build the rows that store them,
        ahead of `write_new` (pure CPU: a transaction prepares a chunk while the last one writes);
        `counted`: a tally for their count rows, written by the caller once (store.prepare_new)."""
        return prepare_new(items, counted, names=cache_of(self.session))

    async def write_new(self, stored: list[Stored], rows: PreparedRows) -> None:
        """Store what `prepare_new` built, then hand over."""
        await self._store.write_rows(rows)
        await self._hand_over(stored)

    async def create(self, resources: list[Incoming]) -> list[Stored]:
        """Store new resources, each with a new id, as version 1."""
        stored = await self._store.create_many([(incoming, new_id()) for incoming in resources])
        await self._hand_over(stored)
        return stored

    async def update(self, incoming: Incoming, resource_id: str, if_match: int | None) -> tuple[Stored, bool]:
        """Store a new version; returns it and whether the resource was (re)created."""
        stored, created = await self._store.update(incoming, resource_id, if_match)
        await self._hand_over([stored])
        return stored, created

    async def checked_update(self, incoming: Incoming, resource_id: str, if_match: int | None,
                             pending: Collection[tuple[str, str]] = frozenset()) -> tuple[Stored, bool]:
        """An update whose body passed the structural check: rules, references, then the write."""
        await self.check_rules_and_references([incoming], {(incoming.resource_type, resource_id), *pending})
        return await self.update(incoming, resource_id, if_match)

    async def patch(self, resource_type: str, resource_id: str, patch: object, if_match: int | None,
                    where: str = "", pending: Collection[tuple[str, str]] = frozenset()) -> Stored:
        """PATCH (JSON Patch): the current version patched, then stored as an update would be,
        with the same checks. A patch that cannot be applied is 400; a result that is not a valid
        resource (of this type and id) is 422: the patch was understood, what it makes is not."""
        current = await self.read(resource_type, resource_id)  # 404, 410
        if if_match is not None and if_match != current.version:
            raise FHIRError.of(412, "conflict", f"{resource_type}/{resource_id} is at version {current.version}, "
                               f"not {if_match} as If-Match says")
        assert current.content is not None  # read() answers 410 for a deletion
        patched = apply_patch(current.content, patch)
        try:
            incoming = checked_update(resource_type, resource_id, patched, where)
        except FHIRError as exc:
            if exc.status != 400:
                raise
            raise FHIRError(422, [Issue(i.code, f"The patched resource is not valid: {i.diagnostics}", i.severity,
                                        i.expression) for i in exc.issues]) from None
        try:
            stored, _ = await self.checked_update(incoming, resource_id, current.version, pending)
        except FHIRError as exc:
            if exc.status == 412 and if_match is None:  # changed since it was read here, not a client's ETag
                raise FHIRError.of(409, "conflict", f"{resource_type}/{resource_id} was changed concurrently; "
                                   "retry") from None
            raise
        return stored

    async def delete(self, resource_type: str, resource_id: str) -> Stored | None:
        return await self._store.delete(resource_type, resource_id)

    async def _hand_over(self, written: list[Stored]) -> None:
        await hand_over(await self.session.connection(), ((s.resource_type, s.id, s.content) for s in written))


class Interactions:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.statistics = StatisticsKeeper(db)
        self.counts = CountFolder(db)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """A unit of work that commits when the block ends, or rolls back on an exception."""
        async with self.db.transaction() as session:
            yield UnitOfWork(self, session)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[UnitOfWork]:
        """A unit of work that only reads."""
        async with self.db.sessions() as session:
            yield UnitOfWork(self, session)

    def parse_search(self, resource_type: str, pairs: list[tuple[str, str]], lenient: bool = False) -> SearchRequest:
        return parse_search(resource_type, pairs, default_count=self.settings.default_page_size,
                            max_count=self.settings.max_page_size, lenient=lenient,
                            total_limit=self.settings.search_total_limit,
                            max_value_length=self.settings.max_search_value_length)

    # --- single-resource interactions ----------------------------------------

    async def create(self, resource_type: str, body: dict, if_none_exist: str | None) -> tuple[Stored, bool]:
        incoming = check_structure(body, resource_type)
        async with self.transaction() as work:
            if if_none_exist:
                existing = await work.match_one(resource_type, if_none_exist, "If-None-Exist")
                if existing:
                    return await work.read(resource_type, existing), False
            await work.check_rules_and_references([incoming])
            return (await work.create([incoming]))[0], True

    async def update(self, resource_type: str, resource_id: str, body: dict,
                     if_match: int | None) -> tuple[Stored, bool]:
        check_id(resource_id)
        incoming = checked_update(resource_type, resource_id, body)
        async with self.transaction() as work:
            return await work.checked_update(incoming, resource_id, if_match)

    async def patch(self, resource_type: str, resource_id: str, patch: object, if_match: int | None) -> Stored:
        """PATCH with a JSON Patch document: read, patch and update in one transaction."""
        check_id(resource_id)
        async with self.transaction() as work:
            return await work.patch(resource_type, resource_id, patch, if_match)

    async def read(self, resource_type: str, resource_id: str) -> Stored:
        async with self.reading() as work:
            return await work.read(resource_type, resource_id)

    async def vread(self, resource_type: str, resource_id: str, version: str) -> Stored:
        if not (version.isascii() and version.isdigit()):
            raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} has no version {version}")
        async with self.reading() as work:
            return await work.vread(resource_type, resource_id, int(version))

    async def delete(self, resource_type: str, resource_id: str) -> Stored | None:
        async with self.transaction() as work:
            return await work.delete(resource_type, resource_id)

    async def history(self, resource_type: str | None, resource_id: str | None, pairs: list[tuple[str, str]]):
        params = dict(pairs)
        unknown = set(params) - {"_count", "_offset", "_since", "_format"}
        if unknown:
            raise FHIRError.of(400, "invalid", f"Unsupported _history parameter(s): {', '.join(sorted(unknown))}")
        count = self._int_param(params, "_count", self.settings.default_page_size)
        count = min(count, self.settings.max_page_size)
        offset = min(self._int_param(params, "_offset", 0), MAX_SQL_INTEGER)
        async with self.reading() as work:
            if resource_id is not None:
                assert resource_type is not None  # an instance's history is read under its type
                if not await work.exists(resource_type, resource_id):
                    raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} is not known")
            entries, total = await work.history(resource_type, resource_id, parse_since(params.get("_since")),
                                                count, offset)
        return entries, total, count, offset

    async def search(self, resource_type: str, pairs: list[tuple[str, str]], lenient: bool = False) -> SearchResult:
        request = self.parse_search(resource_type, pairs, lenient)
        async with self.reading() as work:
            return await work.search(request)

    async def validate(self, resource_type: str, body: Any, resource_id: str | None, mode: str | None = None) -> list[Issue]:
        """$validate: every problem as an issue; an empty list means valid (decisions Intake 4, 19).

        `mode` as the operation defines it: none, only the resource's own validity; `create` and
        `update`, also what that write would check (referenced resources exist; for update, the
        id is the URL's); `delete` (an instance, no body), whether it may be deleted.
        """
        if mode is not None and mode not in VALIDATE_MODES:
            raise FHIRError.of(400, "invalid", f"mode must be one of {', '.join(VALIDATE_MODES)}, not {mode}", "mode")
        if mode == "delete":
            if resource_id is None:
                raise FHIRError.of(400, "invalid", "mode=delete validates an instance: [type]/[id]/$validate", "mode")
            async with self.reading() as work:
                referrers = await work.referrers(resource_type, resource_id)
            return [Issue("conflict", f"{resource_type}/{resource_id} cannot be deleted: it is referenced by "
                          f"{', '.join(referrers)}", expression=(resource_type,))] if referrers else []
        try:
            incoming = check_structure(body, resource_type)
            if mode == "update" and resource_id is None:
                raise FHIRError.of(400, "invalid", "mode=update validates an instance: [type]/[id]/$validate", "mode")
            if resource_id is not None and mode != "create" and body.get("id") != resource_id:
                raise FHIRError.of(400, "invalid", f"The resource id must be {resource_id} for this URL", "id")
            if mode in ("create", "update"):
                pending = {(resource_type, resource_id)} if mode == "update" and resource_id else frozenset()
                async with self.reading() as work:
                    await work.check_rules_and_references([incoming], pending)
            else:
                check_rules([incoming], {})
        except FHIRError as exc:
            return exc.issues
        return []

    @staticmethod
    def validate_bundle(bundle: Any) -> list[Issue]:
        """Bundle/$validate: the Bundle's own R4 rules, then each entry's resource as $validate
        without mode checks it; a `urn:` reference to another entry's fullUrl resolves."""
        if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
            raise FHIRError.of(400, "invalid", "Bundle/$validate takes a Bundle", "resourceType")
        findings = check_resource(bundle, "Bundle", descend=False)
        assert findings is not None  # the R4 definitions include Bundle
        issues = findings.structure + findings.rules
        entries = bundle.get("entry")
        if not isinstance(entries, list):
            return issues
        full_urls = frozenset(e["fullUrl"] for e in entries if isinstance(e, dict) and isinstance(e.get("fullUrl"), str))
        for index, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if resource is None:
                continue
            where = f"Bundle.entry[{index}].resource"
            resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
            if isinstance(resource_type, str) and resource_type not in SUPPORTED_TYPES:
                issues.append(Issue("not-supported", f"{where}: {resource_type} is not a type this server validates",
                                    severity="warning", expression=(where,)))
                continue
            try:
                incoming = check_structure(resource, None, where)
                found = rule_issues(incoming, resolvable=full_urls)
            except FHIRError as exc:
                found = exc.issues
            # located in the Bundle: Patient.gender -> Bundle.entry[0].resource.gender
            issues += [replace(i, expression=tuple(where + e[len(resource_type):] if isinstance(resource_type, str)
                                                   and e.startswith(resource_type) else e for e in i.expression))
                       for i in found]
        return issues

    # --- the audit trail -----------------------------------------------------

    async def record_audit_event(self, event: dict) -> Stored:
        """Store an AuditEvent the server built itself. The model is not asked (it took a tenth of
        a small request); a test checks the events against it instead. No rules or references
        either: the server writes what it knows to be so."""
        incoming = check_structure(event, "AuditEvent", verdict=JUDGED_ELSEWHERE)
        if self.db.dialect == "postgresql":
            # One statement, its own transaction still (decision Security 5), one round trip (Intake 54).
            # Nothing to hand over (outbox.handover: an AuditEvent asks nothing of other services).
            stored, rows = prepare_new([(incoming, new_id())], names=cache_of(self.db.engine.sync_engine))
            await write_in_one_statement(self.db.engine, rows)
            return stored[0]
        async with self.transaction() as work:
            return (await work.create([incoming]))[0]

    @staticmethod
    def _int_param(params: dict[str, str], name: str, default: int) -> int:
        value = params.get(name)
        if value is None:
            return default
        if not (value.isascii() and value.isdigit()):
            raise FHIRError.of(400, "invalid", f"{name} must be a non-negative integer")
        return int(value)

"""The FHIR interactions of the intake server, independent of HTTP.

Each write validates in layers (structure, rules, referential integrity) before
anything is stored, and runs inside one database transaction.
"""

from dataclasses import dataclass
from urllib.parse import parse_qsl

from services.intake.fhir.dates import DateFormatError, date_range
from services.intake.fhir.validation import Incoming, check_id, check_structure, rule_issues
from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import SearchRequest, parse_search
from services.intake.storage.models import MAX_SQL_INTEGER
from services.intake.storage.statistics import StatisticsKeeper
from services.intake.storage.store import ResourceStore, Stored, new_id
from shared.database import Database
from shared.errors import FHIRError, Issue
from shared.settings import Settings


@dataclass
class SearchResult:
    request: SearchRequest
    matches: list[dict]
    included: list[dict]
    total: int | None


async def check_rules_and_references(
    store: ResourceStore, resources: list[Incoming], pending: set[tuple[str, str]] = frozenset(),
) -> None:
    """Raise 422 when a resource breaks a rule or refers to a resource that does not exist.

    `pending` holds the (type, id) of resources written in the same transaction, which
    count as existing.
    """
    wanted: dict[tuple[str, str], str] = {}
    check_rules(resources, wanted)
    await check_references_exist(store, wanted, pending)


def check_rules(resources: list[Incoming], wanted: dict[tuple[str, str], str]) -> None:
    """Raise 422 when a resource breaks a rule; note in `wanted` what each refers to, and where."""
    issues: list[Issue] = []
    for incoming in resources:
        issues += rule_issues(incoming)
        for key in incoming.local_references():
            wanted.setdefault(key, incoming.where)
    if issues:
        raise FHIRError(422, issues)


async def check_references_exist(
    store: ResourceStore, wanted: dict[tuple[str, str], str], pending: set[tuple[str, str]],
) -> None:
    missing = set(wanted) - set(pending)
    missing -= await store.existing(missing)
    if missing:
        raise FHIRError(422, [
            Issue("not-found", f"{wanted[key] + ': ' if wanted[key] else ''}Referenced resource {key[0]}/{key[1]} "
                  "does not exist on this server")
            for key in sorted(missing)
        ])


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


class Interactions:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.statistics = StatisticsKeeper(db)

    def parse_search(self, resource_type: str, pairs: list[tuple[str, str]], lenient: bool = False) -> SearchRequest:
        return parse_search(resource_type, pairs, default_count=self.settings.default_page_size,
                            max_count=self.settings.max_page_size, lenient=lenient,
                            total_limit=self.settings.search_total_limit)

    async def match_one(self, store: ResourceStore, resource_type: str, query: str, what: str) -> str | None:
        """The id of the one resource matching a conditional query, None when none does, 412 when several do."""
        pairs = parse_qsl(query, keep_blank_values=True)
        if not pairs:
            raise FHIRError.of(400, "invalid", f"{what} has no search parameters")
        request = self.parse_search(resource_type, pairs)
        if not request.criteria:
            raise FHIRError.of(400, "invalid", f"{what} has no search criteria")
        ids = await SearchExecutor(store.session).find_ids(request, limit=2)
        if len(ids) > 1:
            raise FHIRError.of(412, "multiple-matches", f"{what} '{query}' matches more than one {resource_type}")
        return ids[0] if ids else None

    # --- single-resource interactions ----------------------------------------

    async def create(self, resource_type: str, body: dict, if_none_exist: str | None) -> tuple[Stored, bool]:
        incoming = check_structure(body, resource_type)
        async with self.db.transaction() as session:
            store = ResourceStore(session)
            if if_none_exist:
                existing = await self.match_one(store, resource_type, if_none_exist, "If-None-Exist")
                if existing:
                    return await store.read(resource_type, existing), False
            await check_rules_and_references(store, [incoming])
            return (await store.create_many([(incoming, new_id())]))[0], True

    async def update(self, resource_type: str, resource_id: str, body: dict, if_match: int | None) -> tuple[Stored, bool]:
        check_id(resource_id)
        incoming = check_structure(body, resource_type)
        if body.get("id") != resource_id:
            raise FHIRError.of(
                400, "invalid",
                f"The resource id ({body.get('id') or 'none'}) must match the id in the URL ({resource_id})", "id",
            )
        async with self.db.transaction() as session:
            store = ResourceStore(session)
            await check_rules_and_references(store, [incoming], {(resource_type, resource_id)})
            return await store.update(incoming, resource_id, if_match)

    async def read(self, resource_type: str, resource_id: str) -> Stored:
        async with self.db.sessions() as session:
            return await ResourceStore(session).read(resource_type, resource_id)

    async def vread(self, resource_type: str, resource_id: str, version: str) -> Stored:
        if not (version.isascii() and version.isdigit()):
            raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} has no version {version}")
        async with self.db.sessions() as session:
            return await ResourceStore(session).vread(resource_type, resource_id, int(version))

    async def delete(self, resource_type: str, resource_id: str) -> Stored | None:
        async with self.db.transaction() as session:
            return await ResourceStore(session).delete(resource_type, resource_id)

    async def history(self, resource_type: str | None, resource_id: str | None, pairs: list[tuple[str, str]]):
        params = dict(pairs)
        unknown = set(params) - {"_count", "_offset", "_since", "_format"}
        if unknown:
            raise FHIRError.of(400, "invalid", f"Unsupported _history parameter(s): {', '.join(sorted(unknown))}")
        count = self._int_param(params, "_count", self.settings.default_page_size)
        count = min(count, self.settings.max_page_size)
        offset = min(self._int_param(params, "_offset", 0), MAX_SQL_INTEGER)
        async with self.db.sessions() as session:
            store = ResourceStore(session)
            if resource_id is not None:
                if await store.current(resource_type, resource_id) is None:
                    raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} is not known")
            entries, total = await store.history(resource_type, resource_id, parse_since(params.get("_since")),
                                                 count, offset)
        return entries, total, count, offset

    async def search(self, resource_type: str, pairs: list[tuple[str, str]], lenient: bool = False) -> SearchResult:
        request = self.parse_search(resource_type, pairs, lenient)
        async with self.db.sessions() as session:
            searches = SearchExecutor(session)
            matches, total = await searches.search(request)
            included = await searches.includes(request, matches)
        return SearchResult(request, matches, included, total)

    async def validate(self, resource_type: str, body: dict, resource_id: str | None) -> list[Issue]:
        """$validate: every problem as an issue; an empty list means valid."""
        try:
            incoming = check_structure(body, resource_type)
            if resource_id is not None and body.get("id") != resource_id:
                raise FHIRError.of(400, "invalid", f"The resource id must be {resource_id} for this URL", "id")
            async with self.db.sessions() as session:
                await check_rules_and_references(ResourceStore(session), [incoming])
        except FHIRError as exc:
            return exc.issues
        return []

    @staticmethod
    def _int_param(params: dict[str, str], name: str, default: int) -> int:
        value = params.get(name)
        if value is None:
            return default
        if not (value.isascii() and value.isdigit()):
            raise FHIRError.of(400, "invalid", f"{name} must be a non-negative integer")
        return int(value)

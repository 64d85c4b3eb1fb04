"""Resource storage: versions, current rows and search index rows written together.

A `ResourceStore` works inside one database transaction (its session); the caller
decides where the transaction begins and ends, so that a transaction Bundle's
writes commit all together or not at all.
"""

import secrets
import time
from collections import Counter
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache

from sqlalchemy import Table, and_, delete, false, func, insert, null, or_, select, tuple_, update
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlmodel import SQLModel, col

from services.intake.fhir.registry import READ_ONLY_TYPES
from services.intake.fhir.validation import Incoming
from services.intake.storage import counts
from services.intake.storage import names as search_names
from services.intake.storage.indexing import IndexRows, add_rows
from services.intake.storage.models import (
    ALL_INDEX_TABLES,
    INDEX_TABLES,
    MAX_SQL_INTEGER,
    ComboIndex,
    ReferenceIndex,
    ResourceRow,
    ResourceVersion,
    SearchName,
    TokenCount,
)
from shared.database import rowcount, table_of
from shared.errors import FHIRError
from shared.fhir_json import dumps_text
from shared.fhir_time import now_instant


@dataclass(frozen=True)
class Stored:
    """One stored version of a resource, with what HTTP responses say about it."""

    resource_type: str
    id: str
    version: int
    last_updated_ms: int
    content: dict | None
    deleted: bool = False
    method: str = "POST"

    @property
    def etag(self) -> str:
        return f'W/"{self.version}"'

    @property
    def last_modified(self) -> str:
        return formatdate(self.last_updated_ms / 1000, usegmt=True)

    def location(self, base: str) -> str:
        return f"{base}/{self.resource_type}/{self.id}/_history/{self.version}"


# Below this many rows a table is written with INSERTs, not COPY (PostgreSQL).
COPY_MIN_ROWS = 50

# UUIDv7's fixed bits: version 7 (bits 76-79) and the RFC 4122 variant (bits 62-63).
_UUID7_CLEAR = ~(0xF << 76) & ~(0x3 << 62)
_UUID7_SET = 0x7 << 76 | 0x2 << 62


def new_id() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so that index inserts land at the end of the
    B-trees instead of at random pages, which keeps bulk ingest fast as the store grows.
    Written out directly (str(uuid.UUID) took 3 of a 1000-resource Bundle's ms)."""
    random_bits = secrets.randbits(80) & _UUID7_CLEAR | _UUID7_SET
    h = f"{(time.time_ns() // 1_000_000) << 80 | random_bits:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class ResourceStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- reads ---------------------------------------------------------------

    async def current(self, resource_type: str, resource_id: str) -> ResourceRow | None:
        result = await self.session.execute(
            select(ResourceRow).where(col(ResourceRow.res_type) == resource_type, col(ResourceRow.res_id) == resource_id)
        )
        return result.scalar_one_or_none()

    async def read(self, resource_type: str, resource_id: str) -> Stored:
        row = await self.current(resource_type, resource_id)
        if row is None:
            raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} is not known")
        if row.deleted:
            raise FHIRError.of(410, "deleted", f"{resource_type}/{resource_id} was deleted",
                               ETag=f'W/"{row.version_id}"')
        return Stored(resource_type, resource_id, row.version_id, row.last_updated_ms, row.content)

    async def vread(self, resource_type: str, resource_id: str, version: int) -> Stored:
        row = (await self.session.get(ResourceVersion, (resource_type, resource_id, version))
               if version <= MAX_SQL_INTEGER else None)
        if row is None:
            raise FHIRError.of(404, "not-found", f"{resource_type}/{resource_id} has no version {version}")
        if row.deleted:
            raise FHIRError.of(410, "deleted", f"Version {version} of {resource_type}/{resource_id} is a deletion")
        content = row.content
        if content is None:  # the current version: its content is kept once, with the resource
            current = await self.current(resource_type, resource_id)
            assert current is not None  # a version row without content has its resource row
            content = current.content
        return Stored(resource_type, resource_id, version, row.last_updated_ms, content)

    async def current_contents(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
        """The current content of these (type, id), for version rows that leave it to the resource."""
        result = await self.session.execute(
            select(col(ResourceRow.res_type), col(ResourceRow.res_id), col(ResourceRow.content))
            .where(tuple_(col(ResourceRow.res_type), col(ResourceRow.res_id)).in_(keys))
        )
        return {(t, i): content for t, i, content in result.all()}

    async def history(
        self, resource_type: str | None, resource_id: str | None, since_ms: int | None, count: int, offset: int,
    ) -> tuple[list[Stored], int]:
        v = ResourceVersion
        conditions = []
        if resource_type:
            conditions.append(col(v.res_type) == resource_type)
        else:  # the system history is the record's; the audit trail has its own type history
            conditions.append(col(v.res_type).not_in(READ_ONLY_TYPES))
        if resource_id:
            conditions.append(col(v.res_id) == resource_id)
        if since_ms is not None:
            conditions.append(col(v.last_updated_ms) >= since_ms)
        total = (await self.session.execute(select(func.count()).select_from(v).where(*conditions))).scalar_one()
        rows = (await self.session.execute(
            select(v).where(*conditions)
            .order_by(col(v.last_updated_ms).desc(), col(v.res_type), col(v.res_id), col(v.version_id).desc())
            .limit(count).offset(offset)
        )).scalars().all()
        kept_with_resource = [(r.res_type, r.res_id) for r in rows if r.content is None and not r.deleted]
        current = await self.current_contents(kept_with_resource) if kept_with_resource else {}
        return [
            Stored(r.res_type, r.res_id, r.version_id, r.last_updated_ms,
                   r.content if r.content is not None or r.deleted else current[(r.res_type, r.res_id)],
                   r.deleted, r.method)
            for r in rows
        ], total

    async def existing(self, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of these (type, id) exist and are not deleted."""
        if not keys:
            return set()
        found: set[tuple[str, str]] = set()
        keys_list = sorted(keys)
        for start in range(0, len(keys_list), 500):
            chunk = keys_list[start:start + 500]
            result = await self.session.execute(
                select(col(ResourceRow.res_type), col(ResourceRow.res_id)).where(
                    tuple_(col(ResourceRow.res_type), col(ResourceRow.res_id)).in_(chunk), col(ResourceRow.deleted) == false()
                )
            )
            found.update((t, i) for t, i in result.all())
        return found

    async def referrers(self, resource_type: str, resource_id: str, limit: int = 5) -> list[str]:
        ref, name = ReferenceIndex, SearchName
        numbers = await search_names.resolve(self.session, {resource_type, *READ_ONLY_TYPES})
        own = numbers.number(resource_type)
        result = await self.session.execute(
            select(col(name.name), col(ref.res_id)).join(name, col(name.id) == col(ref.res_type)).where(
                col(ref.target_type) == own, col(ref.target_id) == resource_id,
                or_(col(ref.res_type) != own, col(ref.res_id) != resource_id),
                # an audit trail records, it does not hold on
                col(ref.res_type).not_in([numbers.number(t) for t in READ_ONLY_TYPES]),
            ).distinct().limit(limit)
        )
        return [f"{t}/{i}" for t, i in result.all()]

    # --- writes --------------------------------------------------------------

    async def create_many(self, items: list[tuple[Incoming, str]]) -> list[Stored]:
        """Store new resources (each with its new id) as version 1, in a few bulk statements."""
        stored, rows = prepare_new(items, names=search_names.cache_of(self.session))
        await self.write_rows(rows)
        return stored

    async def write_rows(self, rows: "PreparedRows") -> None:
        if rows.pending:  # names the process had no number for when the rows were built
            search_names.renumber(rows.batches, await search_names.number_names(self.session, rows.pending))
            rows.pending = set()
        for table, columns, batch in rows.batches:
            await self._bulk_insert(table, columns, batch)

    async def update(self, incoming: Incoming, resource_id: str, if_match: int | None) -> tuple[Stored, bool]:
        """Store a new version; returns it and whether the resource was (re)created."""
        resource_type, resource = incoming.resource_type, incoming.resource
        row = await self.current(resource_type, resource_id)
        if row is None:
            if if_match is not None:
                raise FHIRError.of(412, "conflict", f"{resource_type}/{resource_id} does not exist; If-Match cannot hold")
            return (await self.create_many([(incoming, resource_id)]))[0], True
        if if_match is not None and if_match != row.version_id:
            raise FHIRError.of(
                412, "conflict",
                f"{resource_type}/{resource_id} is at version {row.version_id}, not {if_match} as If-Match says",
            )
        version = row.version_id + 1
        now_text, now_ms = now_instant()
        _stamp(resource, resource_id, version, now_text)
        await self._keep_superseded(row)
        await self._replace_current(row, version, now_ms, resource)
        await self.session.execute(insert(ResourceVersion).values(
            res_type=resource_type, res_id=resource_id, version_id=version, last_updated_ms=now_ms,
            method="PUT", deleted=False, content=null(),  # SQL NULL (None would be JSON null): kept with the resource
        ))
        counted_before = await counts.counted_token_rows(self.session, resource_type, resource_id)
        await self._delete_index_rows(resource_type, resource_id)
        numbering = search_names.cache_of(self.session).numbering()
        prepared = PreparedRows(numbering)
        index_rows = prepared.add_index_rows([(incoming, resource_id)])
        # Counted before write_rows numbers the names the rows still hold (as `wanted` knows them).
        await counts.write_changes(self.session, counted_before, index_rows.token, numbering.counted())
        await self.write_rows(prepared)
        return Stored(resource_type, resource_id, version, now_ms, resource, method="PUT"), row.deleted

    async def delete(self, resource_type: str, resource_id: str) -> Stored | None:
        """Delete the current version; None when there was nothing to delete."""
        row = await self.current(resource_type, resource_id)
        if row is None or row.deleted:
            return None
        referrers = await self.referrers(resource_type, resource_id)
        if referrers:
            raise FHIRError.of(
                409, "conflict",
                f"{resource_type}/{resource_id} cannot be deleted: it is referenced by {', '.join(referrers)}",
            )
        version = row.version_id + 1
        _, now_ms = now_instant()
        await self._keep_superseded(row)
        await self._replace_current(row, version, now_ms, None)
        await self.session.execute(insert(ResourceVersion).values(
            res_type=resource_type, res_id=resource_id, version_id=version, last_updated_ms=now_ms,
            method="DELETE", deleted=True, content=None,
        ))
        counted_before = await counts.counted_token_rows(self.session, resource_type, resource_id)
        await self._delete_index_rows(resource_type, resource_id)
        await counts.write_changes(self.session, counted_before, (), {})
        return Stored(resource_type, resource_id, version, now_ms, None, deleted=True, method="DELETE")

    async def _keep_superseded(self, row: ResourceRow) -> None:
        """The current version's content is stored once, with the resource (its version row holds
        none); when a new version replaces it, it moves to its own version row."""
        if row.deleted or row.content is None:
            return
        v = ResourceVersion
        await self.session.execute(
            update(v).where(col(v.res_type) == row.res_type, col(v.res_id) == row.res_id, col(v.version_id) == row.version_id)
            .values(content=row.content).execution_options(synchronize_session=False)
        )

    async def _replace_current(self, row: ResourceRow, version: int, now_ms: int, content: dict | None) -> None:
        # Compare-and-set on the version: a concurrent writer makes this match no row.
        result = await self.session.execute(
            update(ResourceRow)
            .where(col(ResourceRow.pk) == row.pk, col(ResourceRow.version_id) == row.version_id)
            .values(version_id=version, last_updated_ms=now_ms, deleted=content is None, content=content)
            .execution_options(synchronize_session=False)
        )
        if rowcount(result) != 1:
            raise FHIRError.of(409, "conflict", f"{row.res_type}/{row.res_id} was changed concurrently; retry")

    async def _delete_index_rows(self, resource_type: str, resource_id: str) -> None:
        own = (await search_names.resolve(self.session, {resource_type})).number(resource_type)
        for table in ALL_INDEX_TABLES:
            await self.session.execute(
                delete(table).where(and_(col(table.res_type) == own, col(table.res_id) == resource_id))
                .execution_options(synchronize_session=False)
            )

    async def _bulk_insert(self, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """executemany at the driver level: ingest speed is bound by per-row overhead, and
        SQLAlchemy's parameter processing costs more than the database's insert itself.
        JSON columns must arrive serialized (both drivers bind JSON as text)."""
        if not rows:
            return
        connection = await self.session.connection()
        if connection.dialect.name == "postgresql" and len(rows) >= COPY_MIN_ROWS:
            # COPY: several times faster than INSERTs for PostgreSQL in bulk (a few rows, as one
            # resource or an AuditEvent writes, go faster as INSERTs). The driver opens its
            # transaction with the first statement it runs: run one, so that COPY is inside it
            # (once: a transaction writes 35 batches per 1000 resources, each a round trip).
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None  # an open connection has its asyncpg connection
            if not driver.is_in_transaction():
                await connection.exec_driver_sql("SELECT 1")
            await driver.copy_records_to_table(table.name, records=rows, columns=list(columns))
            return
        sql, order = _insert_sql(table, columns, connection.dialect)
        if order is not None:
            rows = [tuple(row[i] for i in order) for row in rows]
        await connection.exec_driver_sql(sql, rows)


class PreparedRows:
    """The rows that store new resources, built ahead of the database work (pure CPU), so that
    a transaction can prepare its next chunk while the database writes the previous one."""

    def __init__(self, numbering: search_names.Numbering | None = None) -> None:
        self.batches: list[tuple[Table, tuple[str, ...], list[tuple]]] = []
        # How names are written: the database's numbers, and the names with none yet (`pending`,
        # numbered by the write, storage/names.py). None: `joined` rows, built by their parts.
        self.numbering = numbering
        self.pending: set[str] = set()

    _INDEX_COLUMNS = {
        "token": ("system", "code"), "string": ("value", "exact"), "date": ("low_ms", "high_ms", "point"),
        "reference": ("target_type", "target_id"), "quantity": ("value", "system", "code"),
        "combo": ("date_param", "system", "code", "low_ms", "high_ms", "point"),
    }
    _TABLES: dict[str, type[SQLModel]] = {**INDEX_TABLES, "combo": ComboIndex}

    def add_index_rows(self, items: list[tuple[Incoming, str]]) -> IndexRows:
        numbering = self.numbering
        assert numbering is not None  # rows are built by a PreparedRows made with the database's names
        rows = IndexRows()
        for incoming, resource_id in items:
            add_rows(incoming, (numbering.of(incoming.resource_type), resource_id), rows, numbering)
        self.pending |= numbering.pending
        for kind, table in self._TABLES.items():
            columns = ("res_type", "res_id", "param", *self._INDEX_COLUMNS[kind])
            self.batches.append((table_of(table), columns, getattr(rows, kind)))
        return rows

    def add_counts(self, changes: Counter[counts.CountKey]) -> None:
        """The count rows (counts.py) of these changes: one per key."""
        self.batches.append((table_of(TokenCount), counts.COLUMNS, counts.rows_of(changes)))

    @classmethod
    def joined(cls, parts: "list[PreparedRows]") -> "PreparedRows":
        """The rows of several parts as one write: each table's rows in one batch, in the parts'
        order (so each table receives its rows in the order the parts would have written them)."""
        if len(parts) == 1:
            return parts[0]
        by_table: dict[Table, tuple[tuple[str, ...], list[tuple]]] = {}
        for part in parts:
            for table, columns, rows in part.batches:
                kept = by_table.setdefault(table, (columns, []))
                assert kept[0] == columns  # every part is built by the same code
                kept[1].extend(rows)
        joined = cls()
        joined.batches = [(table, columns, rows) for table, (columns, rows) in by_table.items()]
        joined.pending = set().union(*(part.pending for part in parts))
        return joined


_CURRENT_COLUMNS = ("res_type", "res_id", "version_id", "last_updated_ms", "deleted", "content")
_VERSION_COLUMNS = ("res_type", "res_id", "version_id", "last_updated_ms", "method", "deleted", "content")


def prepare_new(items: list[tuple[Incoming, str]], counted: Counter[counts.CountKey] | None = None, *,
                names: search_names.NameCache) -> tuple[list[Stored], PreparedRows]:
    """Stamp new resources as version 1 and build every row that stores them, with the numbers of
    `names` (the database's, names.cache_of). `counted`: a tally the count rows' changes are added
    to, for the caller to write once (PreparedRows.add_counts) for several calls, as a transaction
    does for its chunks; without it, the count rows are built here."""
    now_text, now_ms = now_instant()
    stored, current, versions = [], [], []
    for incoming, resource_id in items:
        resource_type, resource = incoming.resource_type, incoming.resource
        _stamp(resource, resource_id, 1, now_text)
        content = dumps_text(resource)
        current.append((resource_type, resource_id, 1, now_ms, False, content))
        versions.append((resource_type, resource_id, 1, now_ms, "POST", False, None))  # _keep_superseded
        stored.append(Stored(resource_type, resource_id, 1, now_ms, resource))
    numbering = names.numbering()
    rows = PreparedRows(numbering)
    rows.batches.append((table_of(ResourceRow), _CURRENT_COLUMNS, current))
    rows.batches.append((table_of(ResourceVersion), _VERSION_COLUMNS, versions))
    changes = counts.deltas(rows.add_index_rows(items).token, numbering.counted())
    if counted is None:
        rows.add_counts(changes)
    else:
        counted.update(changes)
    return stored, rows


async def write_in_one_statement(engine: AsyncEngine, rows: PreparedRows) -> None:
    """PostgreSQL: write every row of `rows` with one statement, which is its own transaction (all
    or nothing, as a statement is), in one round trip: each table's rows as an `INSERT ... SELECT
    FROM unnest(arrays)` in a data-modifying WITH (PostgreSQL runs each exactly once, to the end).
    For a few rows, where the round trips are the cost: the AuditEvent after each request (decision
    Intake 54) was BEGIN, one statement per table, COMMIT."""
    batches = [(table, columns, batch) for table, columns, batch in rows.batches if batch]
    if not batches:
        return
    async with engine.connect() as conn:
        if rows.pending:  # numbered in a short transaction of their own, committed before the rows use them
            await search_names.number_committed(conn, rows.pending)
            search_names.renumber(batches, search_names.cache_of(engine.sync_engine).numbers)
            rows.pending = set()
        sql = _one_statement_sql(tuple((table, columns) for table, columns, _ in batches), conn.dialect)
        parameters = tuple(list(values) for _, _, batch in batches for values in zip(*batch, strict=True))
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")  # no BEGIN, no COMMIT
        await autocommit.exec_driver_sql(sql, parameters)


@lru_cache(maxsize=16)
def _one_statement_sql(tables: tuple[tuple[Table, tuple[str, ...]], ...], dialect: Dialect) -> str:
    parts, number = [], 0
    for table, columns in tables:
        arrays = []
        for name in columns:
            number += 1
            kind = table.c[name].type.compile(dialect=dialect)
            # JSON arrives as text (as `_bulk_insert` sends it): an array of text, cast element by element
            arrays.append(f"${number}::text[]::json[]" if kind == "JSON" else f"${number}::{kind}[]")
        parts.append(f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM unnest({', '.join(arrays)})")
    *first, last = parts
    return (f"WITH {', '.join(f'w{i} AS ({part})' for i, part in enumerate(first))} {last}" if first else last)


@lru_cache(maxsize=64)
def _insert_sql(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, tuple[int, ...] | None]:
    """The INSERT statement, and how to reorder row tuples given in `columns` order (None: as they are)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    assert compiled.positiontup is not None  # both drivers (asyncpg, aiosqlite) take positional parameters
    order = tuple(columns.index(c) for c in compiled.positiontup)
    return str(compiled), None if order == tuple(range(len(columns))) else order


def _stamp(resource: dict, resource_id: str, version: int, now_text: str) -> None:
    """Set the server-owned id and meta elements, keeping the caller's profile, tags and security."""
    resource["id"] = resource_id
    resource["meta"] = {**(resource.get("meta") or {}), "versionId": str(version), "lastUpdated": now_text}

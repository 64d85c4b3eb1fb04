"""The names of the search index as small integers (models.SearchName; docs/decisions.md, Intake 57).

The index tables hold a resource type, a parameter (a reference row's: its element path), a
reference's target type and a combined row's date parameter as the number `search_names` gives the
name. Rows are built with the numbers (indexing.add_rows) and searches compare numbers, so that
every index entry is shorter (a sixth of the writes' PostgreSQL CPU, a third of the index sizes).

The names are not a closed list, so they are numbered as they first come, and never deleted. A
process keeps the numbers it has read, one `NameCache` per database engine; it holds only numbers
that are committed, so that no rollback can take one away from under it:
- a name found in the table by another transaction's commit is cached;
- a name this transaction inserts (`INSERT ... ON CONFLICT DO NOTHING`, then read) is held by the
  transaction only (its session's `info`) until it commits, and cached then (after_commit).
Rows built before a name's number is known hold the name itself in its place (`Numbering.pending`),
and get the number when written (`number_pending`): the first rows of a name, once per process.

Searches resolve their names before they are planned (`resolve`: the planner is synchronous); a
name unknown to the process is read again from the table once, then matches nothing (`UNKNOWN`).
"""

import contextvars
import weakref
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from services.intake.fhir.registry import combos, counted, search_parameters
from services.intake.storage.models import ALL_INDEX_TABLES, SearchName
from shared.database import table_of

# A number no name has: a condition on it matches no index row.
UNKNOWN = -1
# The columns of the index tables that hold names (the count rows keep their text: a dozen rows a
# transaction, storage/counts.py).
NAME_COLUMNS = frozenset({"res_type", "param", "target_type", "date_param"})
_OVERLAY = "search_names"  # a session's `info` key: the names its transaction numbered itself


class NameCache:
    """The committed numbers of one database's names, as this process has read them."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.loaded = False
        self._plans: dict[str, tuple] = {}
        self._combos: dict[str, tuple] = {}
        self._counted: dict[tuple, tuple[str, str]] | None = None

    def add(self, pairs: Iterable[tuple[int, str]]) -> None:
        for number, name in pairs:
            self.numbers[name] = number

    def numbering(self) -> "Numbering":
        return Numbering(self)


class Numbering:
    """How indexing.add_rows writes names, for one preparation of rows: the cache's numbers, and
    the name itself where the process has no number yet (collected in `pending`)."""

    def __init__(self, cache: NameCache) -> None:
        self.cache = cache
        self.pending: set[str] = set()

    def of(self, name: str) -> int | str:
        number = self.cache.numbers.get(name)
        if number is None:
            self.pending.add(name)
            return name
        return number

    def plan(self, resource_type: str, plan: tuple) -> tuple:
        """indexing's plan of a type with its parameters numbered (kept once they all are)."""
        kept = self.cache._plans.get(resource_type)
        if kept is not None:
            return kept
        before = len(self.pending)
        numbered = tuple((first, self.of(name), *rest) for first, name, *rest in plan)
        if len(self.pending) == before and not any(type(step[1]) is str for step in numbered):
            self.cache._plans[resource_type] = numbered
        return numbered

    def combos(self, resource_type: str) -> tuple:
        kept = self.cache._combos.get(resource_type)
        if kept is not None:
            return kept
        numbered = tuple((self.of(token), self.of(date)) for token, date in combos().get(resource_type, ()))
        if not any(type(n) is str for pair in numbered for n in pair):
            self.cache._combos[resource_type] = numbered
        return numbered

    def counted(self) -> dict[tuple, tuple[str, str]]:
        """The counted (type, parameter) pairs (registry.counted) by how token rows hold them: numbers,
        or the names where rows hold a name not yet numbered."""
        kept = self.cache._counted
        if kept is not None:
            return kept
        wanted: dict[tuple, tuple[str, str]] = {}
        complete = True
        for res_type, param in counted():
            t, p = self.cache.numbers.get(res_type), self.cache.numbers.get(param)
            complete = complete and t is not None and p is not None
            for key in {(t, p), (res_type, p), (t, param), (res_type, param)}:
                if None not in key:
                    wanted[key] = (res_type, param)
        if complete:
            self.cache._counted = wanted
        return wanted


class TextNames:
    """Names as themselves: rows built for comparison or tests (indexing.extract), never written."""

    pending: set[str] = set()

    @staticmethod
    def of(name: str) -> str:
        return name

    @staticmethod
    def plan(resource_type: str, plan: tuple) -> tuple:
        return plan

    @staticmethod
    def combos(resource_type: str) -> tuple:
        return tuple(combos().get(resource_type, ()))

    @staticmethod
    def counted() -> dict[tuple, tuple[str, str]]:
        return {pair: pair for pair in counted()}


TEXT = TextNames()

_caches: "weakref.WeakKeyDictionary[Engine, NameCache]" = weakref.WeakKeyDictionary()


def cache_of(bind: AsyncSession | Engine) -> NameCache:
    """The name cache of a session's database (or of its engine)."""
    engine = bind.get_bind() if isinstance(bind, AsyncSession) else bind
    assert isinstance(engine, Engine)  # sessions here are bound to one engine
    cache = _caches.get(engine)
    if cache is None:
        cache = _caches[engine] = NameCache()
    return cache


def forget(engine: Engine) -> None:
    """Drop the numbers read from a database (its names table was rebuilt: a migration)."""
    _caches.pop(engine, None)


def _overlay(session: AsyncSession) -> dict[str, int]:
    return session.info.setdefault(_OVERLAY, {})


async def _read(connection: AsyncSession | AsyncConnection, names: Iterable[str] | None) -> list[tuple[int, str]]:
    table = table_of(SearchName)
    statement = select(table.c.id, table.c.name)
    if names is not None:
        statement = statement.where(table.c.name.in_(sorted(names)))
    return [(number, name) for number, name in (await connection.execute(statement)).all()]


async def _insert(connection: AsyncSession | AsyncConnection, names: Iterable[str]) -> None:
    table = table_of(SearchName)
    dialect = (connection.get_bind() if isinstance(connection, AsyncSession) else connection).dialect.name
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    # In one order, so that two transactions numbering the same names wait for each other, not in a cycle.
    await connection.execute(insert.values([{"name": n} for n in sorted(names)]).on_conflict_do_nothing())


async def number_names(session: AsyncSession, names: Iterable[str]) -> dict[str, int]:
    """The numbers of these names in the session's transaction, numbering those the table lacks. A
    number read and not numbered by this transaction is committed, and cached; one it numbered is
    its own until it commits (a rollback takes the number away), and kept in the session only."""
    cache, overlay = cache_of(session), _overlay(session)
    found = {n: cache.numbers.get(n, overlay.get(n)) for n in names}
    missing = {n for n, number in found.items() if number is None}
    if missing:
        committed = await _read(session, missing)
        cache.add(committed)
        missing -= {name for _, name in committed}
        found.update({name: number for number, name in committed})
    if missing:
        await _insert(session, missing)
        numbered = await _read(session, missing)
        # Ours (the insert numbered them) unless another transaction committed them meanwhile; told
        # apart no further: held by the session either way until it commits.
        if not overlay:
            event.listen(session.sync_session, "after_commit", _committed, once=True)
            event.listen(session.sync_session, "after_rollback", _rolled_back, once=True)
        overlay.update({name: number for number, name in numbered})
        found.update({name: number for number, name in numbered})
    assert all(number is not None for number in found.values())  # every name is numbered now
    return found  # type: ignore[return-value]


def _committed(session) -> None:
    """A transaction that numbered names committed: its numbers are everyone's now."""
    overlay = session.info.pop(_OVERLAY, None)
    if overlay:
        cache_of(session.get_bind()).add((number, name) for name, number in overlay.items())


def _rolled_back(session) -> None:
    """A transaction that numbered names rolled back: the numbers went with it (none was cached)."""
    session.info.pop(_OVERLAY, None)


async def number_committed(connection: AsyncConnection, names: Iterable[str]) -> None:
    """Number these names in a short transaction of their own (the caller's `connection`, which
    commits them), then cache them: for a write that is one statement (store.write_in_one_statement)."""
    names = set(names)
    async with connection.begin():
        await _insert(connection, names)
        numbered = await _read(connection, names)
    cache_of(connection.sync_engine).add(numbered)


def renumber(batches: list[tuple[Any, tuple[str, ...], list[tuple]]], numbers: dict[str, int]) -> None:
    """Put the numbers in place of the names that rows hold for want of them (Numbering.pending), in place."""
    index_tables = {table_of(t).name for t in ALL_INDEX_TABLES}
    for table, columns, rows in batches:
        if table.name not in index_tables:
            continue
        positions = [i for i, column in enumerate(columns) if column in NAME_COLUMNS]
        for r, row in enumerate(rows):
            if any(type(row[i]) is str for i in positions):
                rows[r] = tuple(numbers[v] if i in positions and type(v) is str else v for i, v in enumerate(row))


# --- searches ----------------------------------------------------------------

class Lookup:
    """The numbers a search's statements use: the transaction's own, then the committed ones."""

    def __init__(self, cache: NameCache, overlay: dict[str, int]) -> None:
        self.cache, self.overlay = cache, overlay

    def number(self, name: str) -> int:
        number = self.overlay.get(name)
        if number is None:
            number = self.cache.numbers.get(name, UNKNOWN)
        return number


_current: contextvars.ContextVar[Lookup | None] = contextvars.ContextVar("search_names", default=None)


def number(name: str) -> int:
    """A name's number for a statement being built: the one `resolve` read for this task's search, or
    UNKNOWN (a statement built outside a search, as the planner's tests build them, matches nothing)."""
    lookup = _current.get()
    return UNKNOWN if lookup is None else lookup.number(name)


def numbers(names: Iterable[str]) -> list[int]:
    return [number(n) for n in names]


async def resolve(session: AsyncSession, names: Iterable[str]) -> Lookup:
    """Make these names' numbers the ones this task's statements use (`number`). Names the process
    does not know are read from the table once (all of it, the first time); still unknown, they
    match nothing. A number read here that the transaction did not number itself is committed."""
    cache, overlay = cache_of(session), _overlay(session)
    missing = {n for n in names if n not in cache.numbers and n not in overlay}
    if missing or not cache.loaded:
        read = await _read(session, None if not cache.loaded else missing)
        cache.add((number, name) for number, name in read if name not in overlay)
        cache.loaded = True
    lookup = Lookup(cache, overlay)
    _current.set(lookup)
    return lookup


def parameter_names(resource_type: str, name: str) -> set[str]:
    """The names a parameter's index rows are found by: its name, or a reference's paths and targets."""
    param = search_parameters()[resource_type].get(name)
    if param is None or param.type != "reference":
        return {name}
    return {*param.paths, *(param.targets or ())}  # its rows hold no name of its own (a name never numbered: read each time)

"""Counts of a code kept beside the token index: append-only deltas, summed when read, folded.

For the token parameters `definitions/search_parameters.json` lists under "counted", every write
that adds or removes a resource's code also writes, in its own transaction, a row (key, +n or -n)
to `search_token_count` (models.TokenCount): a key is (type, parameter, system, code), or (type,
parameter, code) in any system, which counts a resource once however many systems give it the
code. A count is then the sum of the key's rows: exact at any isolation level, since the rows are
committed (or rolled back) with the index rows they count. Rows are only ever inserted, so writers
of one code never wait on each other's row locks (a counter row updated in place would serialise
them, docs/decisions.md Intake 34 and 38); a key's rows are folded into one, in a transaction of
their own, once a read finds more than FOLD_AT of them. Folding deletes the rows it sums and inserts
their sum in one transaction, so every reader sees either the rows or their sum, never both.
"""

import asyncio
import logging
import zlib
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.intake.fhir.registry import counted
from services.intake.storage import names as search_names
from services.intake.storage.models import TokenCount, TokenIndex
from shared.database import Database, table_of

log = logging.getLogger(__name__)

# (res_type, param, system, code, any_system)
CountKey = tuple[str, str, str | None, str, bool]
COLUMNS = ("res_type", "param", "system", "code", "any_system", "delta")
# A read that sums more rows than this for a key asks for the key to be folded. A write
# transaction adds at most one row per key, so a key read now and then holds a few dozen rows at
# most; an index range of 16 rows is read in microseconds.
FOLD_AT = 16
# pg_try_advisory_xact_lock's first key for folds (any int; this spells "fold"): two processes
# folding one key would each wait on the other's deleted rows, so the second leaves it.
_FOLD_LOCK = 0x666F_6C64


def deltas(token_rows: Iterable[tuple], wanted: dict[tuple, tuple[str, str]], sign: int = 1) -> Counter[CountKey]:
    """What these token rows (res_type, res_id, param, system, code: each once per resource, as
    indexing writes them) add to the counts, times `sign`. `wanted`: the counted (type, parameter)
    by how the rows hold them (names.Numbering.counted), to the names the count rows keep."""
    keys: Counter[CountKey] = Counter()
    in_any_system: set[tuple] = set()
    for res_type, res_id, param, system, code in token_rows:
        names = wanted.get((res_type, param))
        if names is None:
            continue
        res_type, param = names
        keys[(res_type, param, system, code, False)] += sign
        once = (res_type, res_id, param, code)
        if once not in in_any_system:
            in_any_system.add(once)
            keys[(res_type, param, None, code, True)] += sign
    return keys


def rows_of(changes: Counter[CountKey]) -> list[tuple]:
    """The rows (COLUMNS) that record these changes; none for a key whose change is nil."""
    return [(*key, n) for key, n in changes.items() if n]


async def counted_token_rows(session: AsyncSession, resource_type: str, resource_id: str) -> list[tuple]:
    """A stored resource's token rows of its counted parameters (read before they are replaced:
    an update counts what it changes, a delete what it removes), with the names as text. An
    index-only read of the owner index; nothing is read for a type with no counted parameter."""
    params = [p for t, p in counted() if t == resource_type]
    if not params:
        return []
    numbers = await search_names.resolve(session, {resource_type, *params})
    name_of = {numbers.number(p): p for p in params}
    t = TokenIndex
    result = await session.execute(
        select(col(t.res_id), col(t.param), col(t.system), col(t.code))
        .where(col(t.res_type) == numbers.number(resource_type), col(t.res_id) == resource_id,
               col(t.param).in_(list(name_of))))
    return [(resource_type, res_id, name_of[param], system, code) for res_id, param, system, code in result.all()]


async def write_changes(session: AsyncSession, before: list[tuple], after: Iterable[tuple],
                        wanted: dict[tuple, tuple[str, str]]) -> None:
    """Record what replacing a resource's token rows `before` (names as text, counted_token_rows) by
    `after` (as built, `wanted` telling how they hold names) changes (an update: no row when its
    codes stay the same; a delete: `after` empty)."""
    changes = deltas(after, wanted)
    changes.update(deltas(before, search_names.TEXT.counted(), -1))
    rows = rows_of(changes)
    if rows:
        await session.execute(insert(TokenCount), [dict(zip(COLUMNS, row, strict=True)) for row in rows])


def key_condition(key: CountKey) -> ColumnElement[bool]:
    """The rows of one key (index equality on every column of ix_token_count_key but delta)."""
    res_type, param, system, code, any_system = key
    c = table_of(TokenCount).c
    return and_(c.res_type == res_type, c.param == param, c.code == code, c.any_system == any_system,
                c.system.is_(None) if system is None else c.system == system)


def sum_statement(key: CountKey):
    """The count of a key, and how many rows held it (to tell when to fold)."""
    c = table_of(TokenCount).c
    return select(func.coalesce(func.sum(c.delta), 0), func.count()).where(key_condition(key))


async def fold(session: AsyncSession, key: CountKey) -> None:
    """Replace a key's rows by one row holding their sum (none when it is 0), in the caller's
    transaction. The rows deleted are exactly the rows summed (DELETE ... RETURNING): a row a
    writer commits meanwhile is not among them and stays, so the count is the same before and
    after, and to every reader."""
    if session.get_bind().dialect.name == "postgresql":
        locked = await session.execute(text("SELECT pg_try_advisory_xact_lock(:lock, :key)"),
                                       {"lock": _FOLD_LOCK, "key": _lock_key(key)})
        if not locked.scalar_one():
            return  # another process folds it now
    table = table_of(TokenCount)
    deleted = await session.execute(delete(table).where(key_condition(key)).returning(table.c.delta))
    total = sum(deleted.scalars().all())
    if total:
        await session.execute(insert(table).values(dict(zip(COLUMNS, (*key, total), strict=True))))


def _lock_key(key: CountKey) -> int:
    """A key's int4 for the advisory lock (a collision only makes one fold wait for the next read)."""
    return zlib.crc32(repr(key).encode()) - 2**31


class CountFolder:
    """Folds the keys that reads found many rows of, beside the requests, one transaction per key,
    one key at a time (a read's answer does not wait for it)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.wanted: set[CountKey] = set()
        self.running: asyncio.Task | None = None

    def fold_soon(self, key: CountKey) -> None:
        self.wanted.add(key)
        if self.running is None or self.running.done():
            self.running = asyncio.create_task(self._fold())

    async def _fold(self) -> None:
        while self.wanted:
            key = self.wanted.pop()
            try:
                async with self.db.transaction() as session:
                    await fold(session, key)
            except Exception:  # the rows stay summable; the next read asks again
                log.warning("folding the count rows of a code failed", exc_info=True)

    async def close(self) -> None:
        if self.running is not None:
            await asyncio.gather(self.running, return_exceptions=True)

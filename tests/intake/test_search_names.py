"""The search index's names as numbers (storage/names.py, migration 0009): a process caches only
numbers that are committed, so that a rollback never leaves it holding a number the table lost."""

import pytest
from sqlalchemy import text

from services.intake.main import MIGRATIONS
from services.intake.search.executor import SearchExecutor
from services.intake.search.parsing import parse_search
from services.intake.storage.names import cache_of, number_names, resolve
from shared.database import Database


class _RollBack(Exception):
    pass


async def _table(db: Database) -> dict[str, int]:
    async with db.engine.connect() as conn:
        return {name: number for number, name in (await conn.execute(text("SELECT id, name FROM search_names")))}


async def test_a_name_numbered_by_a_transaction_that_rolls_back_is_never_cached(database_url):
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS)
        cache = cache_of(db.engine.sync_engine)
        with pytest.raises(_RollBack):
            async with db.transaction() as session:
                taken = await number_names(session, {"extension.valueReference"})
                assert (await resolve(session, ["extension.valueReference"])).number("extension.valueReference") \
                    == taken["extension.valueReference"]  # the transaction's own searches see it
                raise _RollBack
        assert "extension.valueReference" not in cache.numbers and await _table(db) == {}
        # SQLite would give the next name the same number again: the cache must not hold the old one.
        async with db.transaction() as session:
            other = await number_names(session, {"focus"})
        assert cache.numbers == await _table(db) == other  # cached once committed
        async with db.transaction() as session:
            again = await number_names(session, {"extension.valueReference", "focus"})
        assert again == await _table(db) == cache.numbers and len(set(again.values())) == 2
    finally:
        await db.close()


async def test_a_name_no_row_holds_matches_nothing(database_url):
    """A type or parameter no stored row names (it has no number) is read from the table once, and
    the search finds nothing, as it would with text."""
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS)
        async with db.sessions() as session:
            request = parse_search("Observation", [("subject", "Group/1"), ("code", "2777-1")],
                                   default_count=20, max_count=1000)
            assert await SearchExecutor(session).search(request) == ([], 0)
            assert "Group" not in cache_of(db.engine.sync_engine).numbers
    finally:
        await db.close()

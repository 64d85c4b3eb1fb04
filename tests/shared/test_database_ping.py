"""A pooled PostgreSQL connection is checked before use in one statement, and one the server has
cut is replaced before the request sees it (shared.database._ping_on_checkout; decisions Security 7,
Intake 53). The restart under load and the 503 while the database is away: tests/test_faults.py."""

import asyncio
import os
from itertools import count

from sqlalchemy import text

from shared.database import Database

_numbers = count()


def _database(server) -> Database:
    return Database(server.create_database(f"ping_{os.getpid()}_{next(_numbers)}"))


async def test_a_pooled_connection_is_pinged_with_one_statement_and_kept(postgres_server):
    db = _database(postgres_server)
    try:
        sent: list[str] = []
        async with db.engine.connect() as conn:  # a fresh connection: not pinged
            first = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            driver = (await conn.get_raw_connection()).driver_connection
            assert driver is not None
            driver.add_query_logger(lambda record: sent.append(record.query))
        sent.clear()  # (the reset when it went back to the pool)
        for _ in range(3):
            async with db.engine.connect() as conn:
                assert (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one() == first  # kept, not replaced
            # The ping, then the connection's own transaction: no BEGIN and ROLLBACK around the ping
            # (pool_pre_ping sent "BEGIN;", ";", "ROLLBACK;" first).
            assert sent[:sent.index("BEGIN;")] == ["SELECT 1"], sent
            sent.clear()
    finally:
        await db.close()


async def test_connections_the_server_cut_are_replaced_at_checkout(postgres_server):
    db = _database(postgres_server)
    try:
        async with db.engine.connect() as one, db.engine.connect() as two:  # two pooled connections
            cut = {(await c.execute(text("SELECT pg_backend_pid()"))).scalar_one() for c in (one, two)}
        postgres_server.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({', '.join(map(str, cut))})")
        await asyncio.sleep(0.2)  # the driver reads the server's goodbye
        # Each checkout works, on a new backend: the failed ping dropped the other cut connection too.
        for _ in range(2):
            async with db.engine.connect() as conn:
                assert (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one() not in cut
    finally:
        await db.close()

"""Replicas that start together on an empty PostgreSQL database migrate it one at a time
(shared.database.Database.migrate holds an advisory lock): real processes, a real server."""

import asyncio
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from shared.database import Database
from tests.support.processes import ROOT

# One replica's start-up migration, begun at an agreed instant so that the replicas collide
# (without the lock, all but one failed on every try: duplicate key in pg_type).
MIGRATE = """
import asyncio, sys, time
from pathlib import Path
from shared.database import Database

async def main():
    db = Database(sys.argv[1])
    time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
    await db.migrate(Path(sys.argv[2]))
    await db.close()

asyncio.run(main())
"""
REPLICAS = 4


async def tables_and_version(url: str, version_table: str) -> tuple[set[str], list[str]]:
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            tables = set((await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
                         .scalars())
            versions = list((await conn.execute(text(f"SELECT version_num FROM {version_table}"))).scalars())
        return tables, versions
    finally:
        await db.close()


@pytest.mark.parametrize("service,version_table", [("intake", "alembic_version"), ("imaging", "alembic_version_imaging")])
def test_replicas_starting_together_migrate_an_empty_database_once(postgres_server, service, version_table):
    url = postgres_server.create_database(f"race_{service}_{time.time_ns()}")
    start = time.time() + 3  # after every interpreter has started
    migrations = ROOT / "services" / service / "migrations"
    replicas = [subprocess.Popen([sys.executable, "-c", MIGRATE, url, str(migrations), str(start)], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(REPLICAS)]
    outputs = [(p.wait(timeout=120), p.stdout.read().decode() if p.stdout else "") for p in replicas]
    failed = [output for status, output in outputs if status != 0]
    assert not failed, failed[0][-3000:]
    tables, versions = asyncio.run(tables_and_version(url, version_table))
    assert len(versions) == 1 and tables  # one head, recorded once

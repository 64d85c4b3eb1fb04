"""SQLite's write-ahead log is copied into the database file beside the next requests, not in the
commit of the transaction that filled it (shared.database.Database.transaction; docs/performance.md,
"Intake": that checkpoint was 20-30 ms of a 1000-resource transaction's request)."""

from shared.database import Database

ROWS = 3000  # about 9 MB: well past the 1000 pages at which SQLite checkpoints in the commit by default


async def test_a_large_commit_leaves_its_checkpoint_to_the_background_and_loses_nothing(tmp_path):
    path = tmp_path / "store.sqlite3"
    db = Database(f"sqlite+aiosqlite:///{path}")
    async with db.transaction() as session:
        await (await session.connection()).exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    await db.checkpointed()
    before = path.stat().st_size
    async with db.transaction() as session:
        await (await session.connection()).exec_driver_sql(
            "INSERT INTO t (body) VALUES (?)", [(f"{i:06d}" + "x" * 3000,) for i in range(ROWS)])
    # Right after the commit, before the event loop ran anything else: the database file is as it was,
    # the transaction is in the log (a checkpoint in the commit had written it into the file).
    assert path.stat().st_size - before < 1_000_000
    await db.checkpointed()
    assert path.stat().st_size - before > 8_000_000  # copied in the background
    await db.close()

    reopened = Database(f"sqlite+aiosqlite:///{path}")
    try:
        async with reopened.engine.connect() as conn:
            count, last = (await conn.exec_driver_sql("SELECT count(*), max(substr(body, 1, 6)) FROM t")).one()
        assert (count, last) == (ROWS, f"{ROWS - 1:06d}")
    finally:
        await reopened.close()


async def test_a_failed_transaction_asks_for_no_checkpoint(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        try:
            async with db.transaction() as session:
                await (await session.connection()).exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY)")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert db._checkpointing is None
    finally:
        await db.close()

"""Keeping PostgreSQL's planner statistics and visibility map fresh while the store grows in bulk.

Searches join the index tables; a planner that believes them empty (a freshly loaded database,
before autovacuum's next round) picks plans a thousand times slower. After bulk writes this
vacuums and analyses the tables in the background, at most one run at a time, whenever the store
has doubled since the last run (VACUUM reads only the pages changed since). Doubling is enough:
the planner scales the row counts it last saw by the tables' current size, so what goes stale is
the distribution of values, which bulk loads of the same kind hardly change, and each run
competes with the writes for the CPU. Autovacuum also analyses a table after 2% change.
SQLite needs none of this: its migration seeds fixed statistics.
"""

import asyncio
import logging

from sqlalchemy import text

from shared.database import Database

log = logging.getLogger(__name__)

TABLES = ("resources", "search_token", "search_string", "search_date", "search_reference", "search_quantity",
          "search_combo")
MIN_WRITES = 1000


class StatisticsKeeper:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.enabled = db.dialect == "postgresql"
        self.written = 0
        self.known_size = 0
        self.running: asyncio.Task | None = None

    def note_writes(self, resources: int) -> None:
        if not self.enabled:
            return
        self.written += resources
        threshold = max(MIN_WRITES, self.known_size)
        if self.written >= threshold and (self.running is None or self.running.done()):
            self.known_size += self.written
            self.written = 0
            self.running = asyncio.create_task(self._analyse())

    async def _analyse(self) -> None:
        try:
            # VACUUM as well: it marks the new pages all-visible, without which PostgreSQL cannot
            # answer from the covering indexes alone (index-only scans) and visits the tables.
            # VACUUM refuses to run inside a transaction.
            async with self.db.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(text(f"VACUUM (ANALYZE) {', '.join(TABLES)}"))
        except Exception:  # statistics are an optimisation: a failure must not disturb requests
            log.warning("ANALYZE of the search tables failed", exc_info=True)

    async def close(self) -> None:
        if self.running is not None:
            await asyncio.gather(self.running, return_exceptions=True)

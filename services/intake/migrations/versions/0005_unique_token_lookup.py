"""unique token lookup index; search tables vacuumed after 2% inserts

A resource's token rows are written once each (indexing.add_rows), and the token lookup index
(res_type, param, code, system, res_id) is now unique, so that counting `system|code` reads its
index entries without removing repeated ids: at 1,000,000 Observations one code is 166,000
entries, and the Unique step over them was a third of the count (docs/performance.md). Rows
written twice before this revision are removed first.

On PostgreSQL the search tables are also vacuumed by autovacuum after 2% inserts (the default is
20%): a count reads index entries only where the visibility map marks their pages all-visible,
which only VACUUM does; after bulk loads two thirds of the token table's pages were unmarked and
each of the count's entries went to the table (Heap Fetches).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 22:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

LOOKUP = ["res_type", "param", "code", "system", "res_id"]
# SQLite's fixed planner statistics for the rebuilt index, as 0002 set them (DROP INDEX drops them).
SQLITE_STAT1 = "3000000 1000000 300000 1000 1000 1"
# As 0001's ANALYSED_OFTEN.
VACUUMED_OFTEN = ["resources", "search_token", "search_string", "search_date", "search_reference", "search_quantity"]

# The later of two equal rows goes; a system may be NULL, and NULLs are equal here (IS in SQLite).
_DUPLICATES = """
DELETE FROM search_token WHERE EXISTS (
    SELECT 1 FROM search_token AS earlier
    WHERE earlier.res_type = search_token.res_type AND earlier.res_id = search_token.res_id
      AND earlier.param = search_token.param AND earlier.code = search_token.code
      AND earlier.system {same} search_token.system AND earlier.id < search_token.id)
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(_DUPLICATES.format(same="IS" if dialect == "sqlite" else "IS NOT DISTINCT FROM"))
    _rebuild(unique=True)
    if dialect == "postgresql":
        for table in VACUUMED_OFTEN:
            op.execute(f"ALTER TABLE {table} SET (autovacuum_vacuum_insert_scale_factor = 0.02, "
                       "autovacuum_vacuum_insert_threshold = 1000)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in VACUUMED_OFTEN:
            op.execute(f"ALTER TABLE {table} RESET (autovacuum_vacuum_insert_scale_factor, "
                       "autovacuum_vacuum_insert_threshold)")
    _rebuild(unique=False)


def _rebuild(unique: bool) -> None:
    with op.batch_alter_table("search_token", schema=None) as batch_op:
        batch_op.drop_index("ix_token_lookup")
        batch_op.create_index("ix_token_lookup", LOOKUP, unique=unique)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE tbl = 'search_token' AND idx = 'ix_token_lookup'"))
        op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('search_token', 'ix_token_lookup', :s)")
                   .bindparams(s=SQLITE_STAT1))

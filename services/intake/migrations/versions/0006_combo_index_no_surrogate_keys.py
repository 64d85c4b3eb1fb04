"""search index rows without surrogate keys; a code and its date in one row (search_combo)

The search tables' `id` columns go: nothing refers to one index row, and on PostgreSQL the key's
sequence and primary-key index were about a tenth of the writes' server CPU (docs/performance.md).
On SQLite `id` was the rowid itself, which every table keeps: the table is rebuilt without the
column and its planner statistics kept.

`search_combo` holds, for Observation, each code of `code` with the interval of `date` (one row
per code of a resource that has a date), so that `code=X&date=geY&date=ltZ` reads one range of
`ix_combo_lookup` (docs/decisions.md, Intake 36). Stored resources are back-filled from their
token and date rows, which are the same values.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 01:00:00
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

KEYED = ["search_token", "search_string", "search_date", "search_reference", "search_quantity"]
# (resource type, token parameter, date parameter), as definitions/search_parameters.json combines
# them at this revision.
COMBOS = [("Observation", "code", "date")]
LOOKUP = ["res_type", "param", "date_param", "code", "point", "low_ms", "high_ms", "system", "res_id"]
# SQLite's fixed planner statistics (see 0001), one row per code of an Observation with a date:
# a code's rows are a few percent of them, a code's points in a day a few.
SQLITE_STAT1: dict[tuple[str, str | None], str] = {
    ("search_combo", "ix_combo_lookup"): "1000000 1000000 1000000 1000000 150000 150000 3 3 3 1",
    ("search_combo", "ix_combo_owner"): "1000000 1000000 1",
}
_BACKFILL = """
INSERT INTO search_combo (res_type, res_id, param, date_param, system, code, low_ms, high_ms, point)
SELECT t.res_type, t.res_id, t.param, d.param, t.system, t.code, d.low_ms, d.high_ms, d.point
FROM search_token AS t JOIN search_date AS d ON d.res_type = t.res_type AND d.res_id = t.res_id
WHERE t.res_type = :res_type AND t.param = :token AND d.param = :date
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in KEYED:
            op.execute(f"ALTER TABLE {table} DROP COLUMN id")  # its primary key and sequence with it
    else:
        kept = _sqlite_statistics(KEYED)
        for table in KEYED:
            with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
                batch_op.drop_column("id")
        _set_sqlite_statistics(kept)

    op.create_table('search_combo',
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('date_param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('low_ms', sa.BigInteger(), nullable=False),
    sa.Column('high_ms', sa.BigInteger(), nullable=False),
    sa.Column('point', sa.Boolean(), nullable=False),
    )
    for res_type, token, date in COMBOS:
        op.execute(sa.text(_BACKFILL).bindparams(res_type=res_type, token=token, date=date))
    op.create_index('ix_combo_lookup', 'search_combo', LOOKUP, unique=False)
    op.create_index('ix_combo_owner', 'search_combo', ['res_type', 'res_id'], unique=False)
    if dialect == "sqlite":
        _set_sqlite_statistics(SQLITE_STAT1)
    elif dialect == "postgresql":
        # As 0001 and 0005 set the other search tables: analysed after 2% change, vacuumed after
        # 2% inserts (a range of the lookup index is read from the index alone on all-visible pages).
        op.execute("ALTER TABLE search_combo SET (autovacuum_analyze_scale_factor = 0.02, "
                   "autovacuum_analyze_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0.02, "
                   "autovacuum_vacuum_insert_threshold = 1000)")


def downgrade() -> None:
    op.drop_index('ix_combo_owner', table_name='search_combo')
    op.drop_index('ix_combo_lookup', table_name='search_combo')
    op.drop_table('search_combo')
    if op.get_bind().dialect.name == "postgresql":
        for table in KEYED:
            op.execute(f"ALTER TABLE {table} ADD COLUMN id BIGSERIAL PRIMARY KEY")
        return
    kept = _sqlite_statistics(KEYED)
    for table in KEYED:
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            batch_op.add_column(sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True))
    _set_sqlite_statistics(kept)


def _sqlite_statistics(tables: list[str]) -> dict[tuple[str, str | None], str]:
    """The planner statistics of these tables' indexes: rebuilding a table drops them."""
    rows = op.get_bind().execute(sa.text("SELECT tbl, idx, stat FROM sqlite_stat1")).all()
    return {(t, i): s for t, i, s in rows if t in tables}


def _set_sqlite_statistics(stats: dict[tuple[str, str | None], str]) -> None:
    for (table, index), stat in stats.items():
        op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE tbl = :t AND idx IS :i").bindparams(t=table, i=index))
        op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)")
                   .bindparams(t=table, i=index, s=stat))

"""covering search indexes; one date index for windows

Lookup indexes end with res_id (and the date owner index with the bounds), so that a search
reads index entries only. Dates get a `point` flag and one window index in place of the
separate low and high indexes (models.DateIndex says why).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 23:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

POINT_MS = 86_400_000  # as models.POINT_MS at the time of this migration

# (table, index, old columns, new columns)
REBUILT = [
    ("search_token", "ix_token_lookup", ["res_type", "param", "code", "system"],
     ["res_type", "param", "code", "system", "res_id"]),
    ("search_quantity", "ix_quantity_lookup", ["res_type", "param", "value"],
     ["res_type", "param", "value", "res_id"]),
    ("search_date", "ix_date_owner", ["res_type", "res_id", "param"],
     ["res_type", "res_id", "param", "low_ms", "high_ms"]),
]
DATE_RANGE_INDEXES = [("ix_date_low", ["res_type", "param", "low_ms"]), ("ix_date_high", ["res_type", "param", "high_ms"])]
WINDOW = ["res_type", "param", "point", "low_ms", "high_ms", "res_id"]

# SQLite's fixed planner statistics for the new and rebuilt indexes (see 0001).
SQLITE_STAT1 = {
    ("search_token", "ix_token_lookup"): "3000000 1000000 300000 1000 1000 1",
    ("search_quantity", "ix_quantity_lookup"): "1000000 300000 300000 5 1",
    ("search_date", "ix_date_owner"): "1000000 300000 1 1 1 1",
    ("search_date", "ix_date_window"): "1000000 300000 300000 300000 2 1 1",
}


def upgrade() -> None:
    with op.batch_alter_table('search_date', schema=None) as batch_op:
        batch_op.add_column(sa.Column('point', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(f"UPDATE search_date SET point = (high_ms - low_ms <= {POINT_MS})")
    with op.batch_alter_table('search_date', schema=None) as batch_op:
        for name, _ in DATE_RANGE_INDEXES:
            batch_op.drop_index(name)
        batch_op.create_index('ix_date_window', WINDOW, unique=False)
    for table, name, _, columns in REBUILT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for name, _ in DATE_RANGE_INDEXES:
            op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE idx = :i").bindparams(i=name))
        for (table, index), stat in SQLITE_STAT1.items():
            op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE tbl = :t AND idx = :i").bindparams(t=table, i=index))
            op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)")
                       .bindparams(t=table, i=index, s=stat))


def downgrade() -> None:
    for table, name, columns, _ in REBUILT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table('search_date', schema=None) as batch_op:
        batch_op.drop_index('ix_date_window')
        for name, columns in DATE_RANGE_INDEXES:
            batch_op.create_index(name, columns, unique=False)
        batch_op.drop_column('point')

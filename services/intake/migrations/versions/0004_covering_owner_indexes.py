"""covering owner indexes for token and date probes; param/code statistics

A search probes its other criteria per resource through the owner indexes; the token owner index
now holds the code and system, and the date owner index the point flag, so that a probe reads
index entries only. At 1,000,000 Observations a probe that visited the table cost four times one
that did not (docs/performance.md). PostgreSQL also keeps statistics of which codes go with which
parameter: assuming them independent, it took a code's 166,000 rows for 54,000.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 13:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# (table, index, old columns, new columns)
REBUILT = [
    ("search_token", "ix_token_owner", ["res_type", "res_id", "param"],
     ["res_type", "res_id", "param", "code", "system"]),
    ("search_date", "ix_date_owner", ["res_type", "res_id", "param", "low_ms", "high_ms"],
     ["res_type", "res_id", "param", "low_ms", "high_ms", "point"]),
]
# SQLite's fixed planner statistics for the rebuilt indexes (see 0001): one figure more per column.
SQLITE_STAT1 = {
    ("search_token", "ix_token_owner"): "3000000 1000000 3 1 1 1",
    ("search_date", "ix_date_owner"): "1000000 300000 1 1 1 1 1",
}
STATISTICS = "st_token_param_code"


def upgrade() -> None:
    for table, name, _, columns in REBUILT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for (table, index), stat in SQLITE_STAT1.items():
            op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE tbl = :t AND idx = :i").bindparams(t=table, i=index))
            op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)")
                       .bindparams(t=table, i=index, s=stat))
    elif dialect == "postgresql":
        op.execute(f"CREATE STATISTICS {STATISTICS} (dependencies, mcv) ON param, code FROM search_token")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")
    for table, name, columns, _ in REBUILT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)

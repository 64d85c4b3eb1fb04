"""search index names as small integers (search_names)

The search tables' `res_type`, `param` (a reference row's element path), `target_type` and
`date_param` hold the number `search_names` gives each name instead of its text: every index entry
shorter, a sixth of the writes' PostgreSQL CPU and a third of the index sizes (docs/decisions.md,
Intake 55 and 57). The names are numbered from the values stored, in their order; new ones as they
come (storage/names.py). `resources`, `resource_versions` and the count rows keep their text.

PostgreSQL rewrites each table once (ALTER ... TYPE, its indexes rebuilt), through a function of
this session (a USING clause takes no subquery); SQLite numbers the values in place, then rebuilds
each table with the new types, keeping its fixed planner statistics.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

NAMED = {
    "search_token": ["res_type", "param"],
    "search_string": ["res_type", "param"],
    "search_date": ["res_type", "param"],
    "search_reference": ["res_type", "param", "target_type"],
    "search_quantity": ["res_type", "param"],
    "search_combo": ["res_type", "param", "date_param"],
}
_NUMBER = ("CREATE FUNCTION pg_temp.search_name_number(text) RETURNS smallint LANGUAGE sql STABLE "
           "AS 'SELECT id FROM search_names WHERE name = $1'")
_NAME = ("CREATE FUNCTION pg_temp.search_name_text(smallint) RETURNS varchar LANGUAGE sql STABLE "
         "AS 'SELECT name FROM search_names WHERE id = $1'")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        'search_names',
        sa.Column('id', sa.SmallInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column('name', sa.String(length=128), nullable=False, unique=True),
    )
    stored = " UNION ".join(f"SELECT {column} AS name FROM {table}" for table, columns in NAMED.items()
                            for column in columns)
    op.execute(f"INSERT INTO search_names (name) SELECT name FROM ({stored}) AS stored ORDER BY name")
    if dialect == "postgresql":
        op.execute(_NUMBER)
        for table, columns in NAMED.items():  # one rewrite of the table and its indexes
            op.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {c} TYPE smallint USING pg_temp.search_name_number({c})" for c in columns))
        op.execute("DROP FUNCTION pg_temp.search_name_number(text)")
        return
    kept = _sqlite_statistics(list(NAMED))
    for table, columns in NAMED.items():
        op.execute(f"UPDATE {table} SET " + ", ".join(
            f"{c} = (SELECT id FROM search_names WHERE name = {table}.{c})" for c in columns))
        with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
            for c in columns:
                batch_op.alter_column(c, type_=sa.SmallInteger(), existing_type=sa.String(length=64),
                                      existing_nullable=False)
    _set_sqlite_statistics(kept)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(_NAME)
        for table, columns in NAMED.items():
            op.execute(f"ALTER TABLE {table} " + ", ".join(
                f"ALTER COLUMN {c} TYPE varchar(64) USING pg_temp.search_name_text({c})" for c in columns))
        op.execute("DROP FUNCTION pg_temp.search_name_text(smallint)")
    else:
        kept = _sqlite_statistics(list(NAMED))
        for table, columns in NAMED.items():
            with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
                for c in columns:
                    batch_op.alter_column(c, type_=sa.String(length=64), existing_type=sa.SmallInteger(),
                                          existing_nullable=False)
            op.execute(f"UPDATE {table} SET " + ", ".join(
                f"{c} = (SELECT name FROM search_names WHERE id = {table}.{c})" for c in columns))
        _set_sqlite_statistics(kept)
    op.drop_table('search_names')


def _sqlite_statistics(tables: list[str]) -> dict[tuple[str, str | None], str]:
    """The planner statistics of these tables' indexes: rebuilding a table drops them (as 0006)."""
    rows = op.get_bind().execute(sa.text("SELECT tbl, idx, stat FROM sqlite_stat1")).all()
    return {(t, i): s for t, i, s in rows if t in tables}


def _set_sqlite_statistics(stats: dict[tuple[str, str | None], str]) -> None:
    for (table, index), stat in stats.items():
        op.execute(sa.text("DELETE FROM sqlite_stat1 WHERE tbl = :t AND idx IS :i").bindparams(t=table, i=index))
        op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)")
                   .bindparams(t=table, i=index, s=stat))

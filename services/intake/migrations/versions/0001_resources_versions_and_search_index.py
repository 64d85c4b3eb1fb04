"""resources, versions and search index

Revision ID: 0001
Revises:
Create Date: 2026-11-22 16:31:14.226726
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resource_versions',
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('last_updated_ms', sa.BigInteger(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('res_type', 'res_id', 'version_id')
    )
    with op.batch_alter_table('resource_versions', schema=None) as batch_op:
        batch_op.create_index('ix_versions_updated', ['last_updated_ms'], unique=False)

    op.create_table('resources',
    sa.Column('pk', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('last_updated_ms', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('pk'),
    sa.UniqueConstraint('res_type', 'res_id', name='uq_resources_type_id')
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index('ix_resources_type_updated', ['res_type', 'last_updated_ms'], unique=False)

    op.create_table('search_date',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('low_ms', sa.BigInteger(), nullable=False),
    sa.Column('high_ms', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_date', schema=None) as batch_op:
        batch_op.create_index('ix_date_high', ['res_type', 'param', 'high_ms'], unique=False)
        batch_op.create_index('ix_date_low', ['res_type', 'param', 'low_ms'], unique=False)
        batch_op.create_index('ix_date_owner', ['res_type', 'res_id', 'param'], unique=False)

    op.create_table('search_quantity',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_quantity', schema=None) as batch_op:
        batch_op.create_index('ix_quantity_lookup', ['res_type', 'param', 'value'], unique=False)
        batch_op.create_index('ix_quantity_owner', ['res_type', 'res_id', 'param'], unique=False)

    op.create_table('search_reference',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('target_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('target_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_reference', schema=None) as batch_op:
        batch_op.create_index('ix_reference_lookup', ['res_type', 'param', 'target_id', 'target_type'], unique=False)
        batch_op.create_index('ix_reference_owner', ['res_type', 'res_id', 'param'], unique=False)
        batch_op.create_index('ix_reference_target', ['target_type', 'target_id'], unique=False)

    op.create_table('search_string',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('exact', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_string', schema=None) as batch_op:
        batch_op.create_index('ix_string_lookup', ['res_type', 'param', 'value'], unique=False)
        batch_op.create_index('ix_string_owner', ['res_type', 'res_id', 'param'], unique=False)

    op.create_table('search_token',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('res_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.create_index('ix_token_lookup', ['res_type', 'param', 'code', 'system'], unique=False)
        batch_op.create_index('ix_token_owner', ['res_type', 'res_id', 'param'], unique=False)
    _planner_statistics()


# Planner statistics for a store in steady state (about a million index rows). Searches join
# index tables whose selectivity the planner must know from the start: without statistics, on a
# freshly loaded database, both SQLite and PostgreSQL pick range indexes for per-resource probes
# and a search takes seconds instead of milliseconds (docs/performance.md).
# SQLite reads fixed statistics from sqlite_stat1 ("N a b ...": rows, then rows per distinct
# value of each index prefix); a later ANALYZE replaces them with measured ones.
SQLITE_STAT1 = {
    ("resources", None): "1000000",
    ("resources", "sqlite_autoindex_resources_1"): "1000000 300000 1",
    ("resources", "ix_resources_type_updated"): "1000000 300000 2",
    ("resource_versions", "sqlite_autoindex_resource_versions_1"): "2000000 600000 2 1",
    ("resource_versions", "ix_versions_updated"): "2000000 2",
    ("search_token", "ix_token_lookup"): "3000000 1000000 300000 1000 1000",
    ("search_token", "ix_token_owner"): "3000000 1000000 3 1",
    ("search_string", "ix_string_lookup"): "200000 100000 30000 5",
    ("search_string", "ix_string_owner"): "200000 100000 8 2",
    ("search_date", "ix_date_low"): "1000000 300000 300000 2",
    ("search_date", "ix_date_high"): "1000000 300000 300000 2",
    ("search_date", "ix_date_owner"): "1000000 300000 1 1",
    ("search_reference", "ix_reference_lookup"): "1000000 300000 300000 50 50",
    ("search_reference", "ix_reference_target"): "1000000 500000 50",
    ("search_reference", "ix_reference_owner"): "1000000 300000 2 1",
    ("search_quantity", "ix_quantity_lookup"): "1000000 300000 300000 5",
    ("search_quantity", "ix_quantity_owner"): "1000000 300000 1 1",
}
# PostgreSQL keeps its own statistics by autovacuum; these tables grow in bulk, so they are
# re-analysed after 2% change instead of the default 10%.
ANALYSED_OFTEN = ["resources", "search_token", "search_string", "search_date", "search_reference", "search_quantity"]


def _planner_statistics() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("ANALYZE")  # creates sqlite_stat1
        op.execute("DELETE FROM sqlite_stat1")
        for (table, index), stat in SQLITE_STAT1.items():
            op.execute(sa.text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (:t, :i, :s)")
                       .bindparams(t=table, i=index, s=stat))
    elif dialect == "postgresql":
        for table in ANALYSED_OFTEN:
            op.execute(f"ALTER TABLE {table} SET (autovacuum_analyze_scale_factor = 0.02, "
                       "autovacuum_analyze_threshold = 1000)")


def downgrade() -> None:
    with op.batch_alter_table('search_token', schema=None) as batch_op:
        batch_op.drop_index('ix_token_owner')
        batch_op.drop_index('ix_token_lookup')

    op.drop_table('search_token')
    with op.batch_alter_table('search_string', schema=None) as batch_op:
        batch_op.drop_index('ix_string_owner')
        batch_op.drop_index('ix_string_lookup')

    op.drop_table('search_string')
    with op.batch_alter_table('search_reference', schema=None) as batch_op:
        batch_op.drop_index('ix_reference_target')
        batch_op.drop_index('ix_reference_owner')
        batch_op.drop_index('ix_reference_lookup')

    op.drop_table('search_reference')
    with op.batch_alter_table('search_quantity', schema=None) as batch_op:
        batch_op.drop_index('ix_quantity_owner')
        batch_op.drop_index('ix_quantity_lookup')

    op.drop_table('search_quantity')
    with op.batch_alter_table('search_date', schema=None) as batch_op:
        batch_op.drop_index('ix_date_owner')
        batch_op.drop_index('ix_date_low')
        batch_op.drop_index('ix_date_high')

    op.drop_table('search_date')
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index('ix_resources_type_updated')

    op.drop_table('resources')
    with op.batch_alter_table('resource_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_versions_updated')

    op.drop_table('resource_versions')

"""resources, versions and search index

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 16:31:14.226726
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
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

"""idempotent submission (Idempotency-Key, unique) and the report's write-back to intake

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:52:35.791930
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.add_column(sa.Column('request_digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('request_id', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True))
        batch_op.add_column(sa.Column('delivery_state', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('delivery_attempts', sa.Integer(), nullable=False, server_default=sa.text('0')))
        batch_op.add_column(sa.Column('delivery_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('delivery_next_ms', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('delivered_ms', sa.BigInteger(), nullable=True))
        batch_op.create_index('ix_analyses_delivery_due', ['delivery_state', 'delivery_next_ms'], unique=False)
        batch_op.create_unique_constraint('uq_analyses_idempotency_key', ['idempotency_key'])


def downgrade() -> None:
    with op.batch_alter_table('analyses', schema=None) as batch_op:
        batch_op.drop_constraint('uq_analyses_idempotency_key', type_='unique')
        batch_op.drop_index('ix_analyses_delivery_due')
        batch_op.drop_column('delivered_ms')
        batch_op.drop_column('delivery_next_ms')
        batch_op.drop_column('delivery_error')
        batch_op.drop_column('delivery_attempts')
        batch_op.drop_column('delivery_state')
        batch_op.drop_column('request_id')
        batch_op.drop_column('request_digest')
        batch_op.drop_column('idempotency_key')

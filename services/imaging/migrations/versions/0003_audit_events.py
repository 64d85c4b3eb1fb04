"""imaging's audit trail: one FHIR AuditEvent per request that touches an analysis

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 13:40:00.000000
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'audit_events',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('recorded_ms', sa.BigInteger(), nullable=False),
        sa.Column('patient', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column('analysis_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('event', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_audit_events_patient', 'audit_events', ['patient', 'recorded_ms'], unique=False)
    op.create_index('ix_audit_events_analysis', 'audit_events', ['analysis_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_events_analysis', table_name='audit_events')
    op.drop_index('ix_audit_events_patient', table_name='audit_events')
    op.drop_table('audit_events')

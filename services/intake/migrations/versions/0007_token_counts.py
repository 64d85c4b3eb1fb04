"""counts of a code kept beside the token index (search_token_count)

Append-only rows (key, delta) written in the same transaction as the token rows they count, for
the token parameters definitions/search_parameters.json lists under "counted", summed when read
(storage/counts.py; docs/decisions.md, Intake 38). Stored resources are back-filled from their
token rows: one row per key with the number of resources that have it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 03:30:00
"""
import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# (resource type, token parameter), as definitions/search_parameters.json counts them at this revision.
COUNTED = [("Observation", "code")]
# Each resource once per key: a (system, code), and a code in any system (a resource with the code
# under two systems is one).
_BACKFILL = """
INSERT INTO search_token_count (res_type, param, system, code, any_system, delta)
SELECT res_type, param, system, code, :by_system, count(DISTINCT res_id) FROM search_token
WHERE res_type = :res_type AND param = :param GROUP BY res_type, param, system, code
"""
_BACKFILL_ANY_SYSTEM = """
INSERT INTO search_token_count (res_type, param, system, code, any_system, delta)
SELECT res_type, param, NULL, code, :any, count(DISTINCT res_id) FROM search_token
WHERE res_type = :res_type AND param = :param GROUP BY res_type, param, code
"""


def upgrade() -> None:
    op.create_table('search_token_count',
    sa.Column('res_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('param', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=512), nullable=False),
    sa.Column('any_system', sa.Boolean(), nullable=False),
    sa.Column('delta', sa.BigInteger(), nullable=False),
    )
    for res_type, param in COUNTED:
        op.execute(sa.text(_BACKFILL).bindparams(sa.bindparam("by_system", False, type_=sa.Boolean()),
                                                 res_type=res_type, param=param))
        op.execute(sa.text(_BACKFILL_ANY_SYSTEM).bindparams(sa.bindparam("any", True, type_=sa.Boolean()),
                                                            res_type=res_type, param=param))
    op.create_index('ix_token_count_key', 'search_token_count',
                    ['res_type', 'param', 'code', 'any_system', 'system', 'delta'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_token_count_key', table_name='search_token_count')
    op.drop_table('search_token_count')

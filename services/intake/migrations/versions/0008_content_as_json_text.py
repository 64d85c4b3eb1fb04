"""resource contents stored as json text on PostgreSQL, not jsonb

No statement reads inside a stored resource: searches read the index tables and return the
content whole. jsonb parsed each document into its binary form on every write (about 3.5 ms of
the server's CPU per 1000-resource transaction, docs/performance.md) and printed it back on every
read, in its own key order; json checks that the text is JSON and keeps it as written. Rows stored
before keep jsonb's key order (the cast writes jsonb's text). SQLite stores JSON as text already.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:30:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ["resources", "resource_versions"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:  # rewrites the table and its indexes (a million contents: 15 s, without indexes)
            op.execute(f"ALTER TABLE {table} ALTER COLUMN content TYPE json USING content::json")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN content TYPE jsonb USING content::jsonb")

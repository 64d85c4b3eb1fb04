"""Alembic environment of the intake service (see shared.migrations_env)."""

from sqlmodel import SQLModel

import services.intake.storage.models  # noqa: F401  (registers the tables)
from shared.migrations_env import run_migrations

run_migrations(SQLModel.metadata)

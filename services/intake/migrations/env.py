"""Alembic environment of the intake service (see shared.migrations_env)."""

from sqlmodel import SQLModel

import services.intake.outbox.models
import services.intake.storage.models  # noqa: F401
from shared.migrations_env import run_migrations

run_migrations(SQLModel.metadata)

"""Alembic environment of the imaging service (see shared.migrations_env); its own version table,
so that it can share a database with intake."""

from services.imaging.models import ImagingModel
from shared.migrations_env import run_migrations

run_migrations(ImagingModel.metadata, version_table="alembic_version_imaging")

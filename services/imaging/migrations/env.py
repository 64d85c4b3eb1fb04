"""Alembic environment: runs on the connection the service hands over (see shared.database)."""

from alembic import context
from services.imaging.models import ImagingModel

target_metadata = ImagingModel.metadata
connection = context.config.attributes.get("connection")

if connection is None:
    # Command-line use (alembic revision --autogenerate): a sync URL given as -x url=...
    from sqlalchemy import create_engine

    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                          version_table="alembic_version_imaging")
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      version_table="alembic_version_imaging")
    with context.begin_transaction():
        context.run_migrations()

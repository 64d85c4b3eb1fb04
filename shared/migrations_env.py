"""What every service's Alembic env.py does: migrate on the connection the service hands over
(shared.database.Database.migrate), or on a URL given with -x url=... from the command line."""

from typing import Any

from alembic import context
from sqlalchemy import MetaData, create_engine


def run_migrations(metadata: MetaData, version_table: str = "alembic_version") -> None:
    options: dict[str, Any] = {"target_metadata": metadata, "render_as_batch": True, "version_table": version_table}
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("No database to migrate: give -x url=... (or sqlalchemy.url in alembic.ini)")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, **options)
        with context.begin_transaction():
            context.run_migrations()

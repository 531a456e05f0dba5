"""Alembic environment: the engine comes from the app (portal.schema), never from an ini file."""
from alembic import context

import portal.models  # noqa: F401  (registers every table on the metadata)
from portal.db import Base
from portal.schema import include_name

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
        include_name=include_name,
    )
    context.run_migrations()

"""Alembic environment: the engine comes from the app (portal.platform.schema), never from an ini file."""
from alembic import context

import portal.models  # noqa: F401  (registers every table on the metadata)
from portal.platform.db import Base
from portal.platform.schema import include_name

engine = context.config.attributes["engine"]
sqlite = engine.dialect.name == "sqlite"

with engine.connect() as connection:
    if sqlite:
        # SQLite changes most of a table by copying it, which would trip the foreign keys pointing at it. Its own
        # recipe: foreign keys off (outside a transaction), the change, a check that every reference holds, on again.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        with connection.begin():
            context.configure(
                connection=connection,
                target_metadata=Base.metadata,
                render_as_batch=sqlite,
                compare_type=True,
                include_name=include_name,
            )
            context.run_migrations()
            if sqlite and (broken := connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()):
                raise RuntimeError(f"The migration broke references between tables: {broken[:5]}")
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()

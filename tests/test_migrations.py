"""Alembic: upgrade head gives exactly the models' schema, and every revision goes down and up again."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from portal.db import Base
from portal.schema import downgrade_to_base, include_name, upgrade_to_head


def schema_differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        return compare_metadata(context, Base.metadata)


def test_upgrade_head_equals_the_models(database_url):
    engine = create_engine(database_url)
    assert schema_differences(engine) == []
    engine.dispose()


def test_migrations_go_down_and_up_again(app, database_url):
    # Inside the app, whose data key the privacy migration uses to encrypt and decrypt contact details.
    engine = create_engine(database_url)
    with app.app_context():
        _down_and_up(engine)


def _down_and_up(engine) -> None:
    try:
        downgrade_to_base(engine)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade_to_head(engine)
        assert schema_differences(engine) == []
    finally:
        upgrade_to_head(engine)
        engine.dispose()

"""Alembic: upgrade head gives exactly the models' schema, and every revision goes down and up again."""
import json
from datetime import datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import joinedload

from portal.platform import db
from portal.platform.db import Base
from portal.models import Role, Submission, User
from portal.models.submission import PARTLY_INDEXED
from portal.platform.schema import alembic_config, downgrade_to_base, include_name, upgrade_to_head
from tests.conftest import make_user
from tests.factories import make_submission


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


def test_a_database_with_people_and_submissions_goes_down_and_up_again(app):
    """Tables that others point to (people, submissions) are copied by SQLite's migrations without losing a row."""
    make_user(app, "staff", email="kept@example.org")
    with app.app_context():
        person = db.session().query(User).one()
        make_submission(db.session(), language="so", assignee=person)
        db.session().commit()
    with app.app_context():  # the app's engine, as `init-db` uses it: SQLite enforces foreign keys there
        engine = db.engine()
        try:
            command.downgrade(alembic_config(engine), "0007")  # before staff could turn off the digest
            upgrade_to_head(engine)
        finally:
            upgrade_to_head(engine)
        person = db.session().query(User).one()
        assert (person.email, person.role, person.weekly_digest) == ("kept@example.org", Role.STAFF, True)
        assert db.session().query(Submission).options(joinedload(Submission.assignee)).one().assignee == person


def test_a_new_submissions_unset_columns_are_left_out_of_their_indexes(database_url):
    """Meeting, assignee, original and closing date are indexed only where set, and lookups by value use them."""
    engine = create_engine(database_url)
    try:
        indexes = {index["name"]: index for index in inspect(engine).get_indexes("submission")}
        for column in PARTLY_INDEXED:
            where = indexes[f"ix_submission_{column}"]["dialect_options"][f"{engine.dialect.name}_where"]
            assert str(where).strip("()").lower() == f"{column} is not null"
        with engine.connect() as connection:
            plan = _plan(connection, "SELECT id FROM submission WHERE duplicate_of_id = 7")
        assert "ix_submission_duplicate_of_id" in plan
    finally:
        engine.dispose()


def _plan(connection, query: str) -> str:
    if connection.dialect.name == "sqlite":
        return " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}"))
    connection.exec_driver_sql("SET enable_seqscan = off")  # an empty table is cheapest to scan otherwise
    return " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {query}"))


def test_what_was_typed_for_unknown_accounts_leaves_the_audit_log(app):
    """Before 0010_accounts a failed sign-in for an unknown account kept the typed email, maybe a password."""
    with app.app_context():
        engine = db.engine()
        try:
            command.downgrade(alembic_config(engine), "0009")
            with engine.begin() as connection:
                connection.execute(
                    text("INSERT INTO audit_event (at, action, details) VALUES (:at, 'sign_in.failed', :details)"),
                    {"at": datetime(2026, 12, 1, 9, 0), "details": json.dumps({"email": "hunter2 typed here"})})
            upgrade_to_head(engine)
            with engine.connect() as connection:
                details = connection.execute(text("SELECT details FROM audit_event")).scalar_one()
        finally:
            upgrade_to_head(engine)
    stored = json.loads(details) if isinstance(details, str) else details
    assert stored == {"reason": "unknown account"}

"""The instance folder and everything in it are for the portal's own user only."""
import os
import sqlite3
import stat

import pytest
from sqlalchemy import text

from portal import create_app
from portal.platform import db


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)  # what most servers have: new files readable by everyone
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def development_app(monkeypatch, instance, **config):
    """An app that makes its keys and its SQLite database in the instance folder, as in development."""
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(instance))
    return create_app({"ENV": "development", "DATABASE_URL": None, "SECRET_KEY": None, "DATA_KEY": None, **config})


def test_a_new_instance_folder_its_keys_and_database_are_private(tmp_path, monkeypatch, usual_umask):
    instance = tmp_path / "instance"
    app = development_app(monkeypatch, instance)
    with app.app_context():
        with db.engine().connect() as connection:  # open, so SQLite keeps its -wal and -shm files
            connection.execute(text("CREATE TABLE probe (x INTEGER)"))
            connection.commit()
            files = sorted(path.name for path in instance.iterdir())
            assert files == ["data_key", "portal.db", "portal.db-shm", "portal.db-wal", "secret_key"]
            assert mode(instance) == 0o700
            assert {name: mode(instance / name) for name in files} == {name: 0o600 for name in files}
        db.engine().dispose()


def test_an_existing_database_readable_by_others_is_made_private(tmp_path, monkeypatch, usual_umask):
    database = tmp_path / "portal.db"
    sqlite3.connect(database).close()
    database.chmod(0o644)
    app = development_app(monkeypatch, tmp_path / "instance", DATABASE_URL=f"sqlite:///{database}")
    with app.app_context():
        with db.engine().connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master"))
            assert mode(database) == 0o600
            assert mode(database.with_name("portal.db-wal")) == 0o600
        db.engine().dispose()

"""Engine, declarative base and the request's unit of work.

Views and services change objects on `session()`; the request commits once at the end unless an exception
escaped its view, which rolls everything back (portal/__init__.py, PortalFlask).
"""
from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from flask import Flask, current_app, g
from sqlalchemy import MetaData, Table, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from portal.platform.private_files import make_private, sqlite_files

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table__: ClassVar[Table]  # every model maps a table (SQLAlchemy allows any FromClause)


def _sqlite_pragmas(synchronous: str, database: Path | None):
    def apply(dbapi_connection, _record) -> None:
        if database is not None:
            # Before the first statement: SQLite gives the -wal and -shm files it creates the database's mode.
            for path in sqlite_files(database):
                make_private(path)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: every accepted submission is on disk before the resident sees a receipt, even after a power
        # cut. NORMAL syncs at checkpoints only: faster, and still safe if the application crashes.
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    return apply


def make_engine(url: str, sqlite_synchronous: str = "FULL") -> Engine:
    # A server database's connection can die with the server: pool_pre_ping replaces it, so the app recovers by
    # itself. A SQLite file cannot go away, so it needs no ping; it waits up to 30 s for another worker's write
    # instead of failing with "database is locked".
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, pool_pre_ping=not sqlite, connect_args={"timeout": 30} if sqlite else {})
    if sqlite:
        if sqlite_synchronous not in ("FULL", "NORMAL"):
            raise ValueError("PORTAL_SQLITE_SYNCHRONOUS must be FULL or NORMAL")
        database = engine.url.database
        on_disk = Path(database) if database and database != ":memory:" else None
        event.listen(engine, "connect", _sqlite_pragmas(sqlite_synchronous, on_disk))
    return engine


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"], app.config["SQLITE_SYNCHRONOUS"])
    factory = sessionmaker(engine, expire_on_commit=False)
    app.extensions["portal.db"] = factory
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["portal.db"].kw["bind"]


def session() -> Session:
    """The session of the current request or CLI command, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["portal.db"]()
    return g.db_session


def commit_if_open() -> None:
    if "db_session" in g:
        g.db_session.commit()


def rollback_if_open() -> None:
    if "db_session" in g:
        g.db_session.rollback()


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()  # rolls back whatever was not committed

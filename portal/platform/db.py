"""Engine, declarative base and the request's unit of work.

Views and services change objects on `session()`; the request commits once at the end unless an exception
escaped its view, which rolls everything back (portal/__init__.py, PortalFlask).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

from flask import Flask, current_app, g
from sqlalchemy import Column, ColumnDefault, Insert, MetaData, Table, create_engine, event, insert, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, make_transient_to_detached, sessionmaker
from sqlalchemy.orm.attributes import set_committed_value

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


Row = TypeVar("Row", bound=Base)
_INSERTED = "portal.inserted_as_loaded"  # session.info key: rows insert_as_loaded wrote in the open transaction


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
    event.listen(factory, "after_commit", _keep_inserted)
    event.listen(factory, "after_rollback", _forget_inserted)
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


def insert_as_loaded(db_session: Session, row: Row) -> Row:
    """Stores a new object with one plain INSERT and attaches it to the session as if it had been loaded.

    For what residents send, the portal's busiest write: under load the unit of work's flush, which sorts through
    every relationship a submission has, cost a fifth of the request's CPU time (bench/README.md, "Throughput").
    Columns left unset get their default (or NULL) on the object as in the row, so nothing needs loading again.
    Foreign keys must be set as columns; related objects set beside them are kept as loaded. If the transaction
    rolls back, the object leaves the session, as one the flush inserted would.
    """
    mapper = inspect(row).mapper
    stored, unset = {}, []
    for prop in mapper.column_attrs:
        column = cast(Column, prop.columns[0])  # a mapped table's column
        if prop.key in row.__dict__:
            stored[column.key] = row.__dict__[prop.key]
        else:
            unset.append(prop.key)
            if not (column.primary_key and column.autoincrement):
                stored[column.key] = _default(column)
    result = db_session.connection().execute(_insert_into(mapper.local_table), stored)
    stored.update(zip((column.key for column in mapper.local_table.primary_key), result.inserted_primary_key or (),
                      strict=True))
    for key in unset:
        set_committed_value(row, key, stored[mapper.attrs[key].columns[0].key])
    make_transient_to_detached(row)
    db_session.add(row)
    db_session.info.setdefault(_INSERTED, []).append(row)
    return row


@functools.cache
def _insert_into(table: Table) -> Insert:
    return insert(table)


def _default(column: Column) -> Any:
    """The column's Python-side default, as SQLAlchemy would have applied it to the INSERT."""
    default = column.default
    if default is None:
        return None
    if isinstance(default, ColumnDefault):  # not a Sequence
        if default.is_scalar:
            return default.arg
        if default.is_callable:
            return default.arg(None)  # SQLAlchemy wraps a callable without arguments to take an (unused) context
    raise TypeError(f"{column} has a SQL default, whose value insert_as_loaded cannot know")


def _keep_inserted(db_session: Session) -> None:
    db_session.info.pop(_INSERTED, None)


def _forget_inserted(db_session: Session) -> None:
    """A row written by insert_as_loaded in a transaction that rolled back never existed: the session lets go of it,
    as it does of objects its own flush inserted."""
    for row in db_session.info.pop(_INSERTED, []):
        if row in db_session:
            db_session.expunge(row)

"""Encryption of contact details at rest (Fernet, several keys for rotation).

PORTAL_DATA_KEY holds one or more Fernet keys separated by commas: the first encrypts, all of them decrypt, so a
new key goes first and `flask --app portal rotate-data-key` re-encrypts everything with it. In development a key
is generated once into the instance folder. Lose every key and the contact details are gone for good: nothing
else can decrypt them (the submissions themselves stay readable).
"""
from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.platform import db

EXTENSION = "portal.data_keys"


def keys_from_config(app: Flask) -> MultiFernet:
    configured = app.config.get("DATA_KEY")
    if configured:
        keys = [key.strip() for key in str(configured).split(",") if key.strip()]
    elif app.config["ENV"] == "production":
        raise RuntimeError("PORTAL_DATA_KEY must be set in production (see README, Security and privacy).")
    else:
        keys = [_development_key(Path(app.instance_path))]
    return MultiFernet([Fernet(key) for key in keys])


def _development_key(instance: Path) -> str:
    key_file = instance / "data_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(Fernet.generate_key().decode())
    return key_file.read_text().strip()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = keys_from_config(app)


def check_keys_open_stored_data(app: Flask) -> None:
    """Refuses to start with keys that cannot decrypt the contact details already stored: otherwise every page
    that shows one would fail. Needs the database's engine (db.init_app) and reads one stored value."""
    with app.app_context():
        engine = db.engine()
        try:
            with engine.connect() as connection:
                stored = connection.execute(text("SELECT email FROM contact LIMIT 1")).scalar()
        except SQLAlchemyError:
            return  # no schema yet (before init-db) or the database is down: its own pages say so
        finally:
            engine.dispose()  # no connection made here outlives start-up (or crosses a fork into a worker)
    if stored is None:
        return
    try:
        app.extensions[EXTENSION].decrypt(stored.encode())
    except InvalidToken:
        raise RuntimeError(
            "PORTAL_DATA_KEY cannot decrypt the contact details stored in the database: it is not the key they "
            "were encrypted with. Set it to that key; to change keys, put the new key first and the old one after "
            "it, then run `flask --app portal rotate-data-key` (README, Security and privacy).") from None


def encrypt(plain: str) -> str:
    return current_app.extensions[EXTENSION].encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    return current_app.extensions[EXTENSION].decrypt(token.encode()).decode()



def decrypt_if_recent(token: str, max_age_seconds: int) -> str | None:
    """What `encrypt` made at most `max_age_seconds` ago; None when older, altered or made with another key."""
    try:
        return current_app.extensions[EXTENSION].decrypt(token.encode(), ttl=max_age_seconds).decode()
    except InvalidToken:
        return None

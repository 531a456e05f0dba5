"""Encryption of contact details at rest (Fernet, several keys for rotation).

PORTAL_DATA_KEY holds one or more Fernet keys separated by commas: the first encrypts, all of them decrypt, so a
new key goes first and `flask --app portal rotate-data-key` re-encrypts everything with it. In development a key
is generated once into the instance folder. Lose every key and the contact details are gone for good: nothing
else can decrypt them (the submissions themselves stay readable).
"""
from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet
from flask import Flask, current_app

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


def encrypt(plain: str) -> str:
    return current_app.extensions[EXTENSION].encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    return current_app.extensions[EXTENSION].decrypt(token.encode()).decode()


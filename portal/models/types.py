"""Column types shared by the models."""
from __future__ import annotations

from datetime import datetime, UTC

import enum

from sqlalchemy import DateTime, Enum, Text
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite (which forgets the zone) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def string_enum(enum_class: type[enum.Enum]) -> Enum:
    """Stored as plain strings so a new value needs no database type change."""
    return Enum(
        enum_class,
        native_enum=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class EncryptedText(TypeDecorator):
    """Text encrypted in the application before it reaches the database (portal/platform/crypto.py)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect):
        from portal.platform import crypto

        return None if value is None else crypto.encrypt(value)

    def process_result_value(self, value: str | None, dialect):
        from portal.platform import crypto

        return None if value is None else crypto.decrypt(value)

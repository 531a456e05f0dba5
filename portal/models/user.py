from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, false, text, true
from sqlalchemy.orm import Mapped, mapped_column

from portal.platform.db import Base
from portal.models.types import UTCDateTime, string_enum, utcnow


class Role(enum.StrEnum):
    ADMIN = "admin"  # everything, including users, categories and settings
    STAFF = "staff"  # triage, meetings, reports
    VIEWER = "viewer"  # the mayor's office: dashboard and final reports, never contact details
    TRANSLATOR = "translator"  # a contracted interpreter: checks translations in their languages, nothing else


class User(Base):
    """A member of staff. Residents never have accounts."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(string_enum(Role))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on disable and password change: every session signed with the old value ends at once.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # SHA-256 of each unused one-time recovery code (random, so a fast hash is enough; sign-in attempts are limited).
    recovery_code_hashes: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # Set when an admin resets the password: the person chooses their own before anything else.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The newest 30-second step whose code was accepted: a code, or an older one, never works a second time.
    last_totp_step: Mapped[int | None] = mapped_column(Integer)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    watched_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    weekly_digest: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # A translator's languages (tags of portal.platform.i18n.LANGUAGES): the only submissions they may read.
    translator_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Flask-Login's interface, spelled out so the session id carries the session version.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_secret is not None


class StaffSession(Base):
    """A signed-in browser. Signing out deletes the row, so a copy of the cookie opens nothing afterwards."""

    __tablename__ = "staff_session"

    # SHA-256 of the random token kept in the signed cookie: the table alone opens no session.
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Setting(Base):
    """Site-wide settings an admin changes at run time (for example: two-factor required)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)

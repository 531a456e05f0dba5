"""Themes: groups of submissions staff make across languages, the suggestions the portal offers for them, and the
themes a recommendation rests on. Themes replace nothing: topics stay what residents chose."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.platform.db import Base
from portal.models.user import User
from portal.models.types import UTCDateTime, string_enum, utcnow


class Theme(Base):
    """A group of submissions staff named; a submission may belong to several."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship(lazy="raise")


class ThemeMember(Base):
    """A submission in a theme, and who put it there (nothing joins a theme without a person)."""

    __tablename__ = "theme_member"
    # The primary key serves a theme's page; this index a submission's themes and deleting a submission.
    __table_args__ = (Index("ix_theme_member_submission_id", "submission_id"),)

    theme_id: Mapped[int] = mapped_column(ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SuggestionKind(enum.StrEnum):
    NEAR_DUPLICATES = "near_duplicates"  # nearly the same text in one language
    SIMILAR = "similar"  # similar meaning, across languages, through English


class SuggestionStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


suggestion_member = Table(
    "theme_suggestion_member",
    Base.metadata,
    Column("suggestion_id", ForeignKey("theme_suggestion.id", ondelete="CASCADE"), primary_key=True),
    Column("submission_id", ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_theme_suggestion_member_submission_id", "submission_id"),
)


class ThemeSuggestion(Base):
    """A group the portal proposes; a person accepts it (into a theme) or rejects it."""

    __tablename__ = "theme_suggestion"
    __table_args__ = (Index("ix_theme_suggestion_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SuggestionKind] = mapped_column(string_enum(SuggestionKind))
    label: Mapped[str] = mapped_column(String(200))  # the group's most telling words, for staff
    language: Mapped[str | None] = mapped_column(String(10))  # near-duplicates share one
    status: Mapped[SuggestionStatus] = mapped_column(string_enum(SuggestionStatus), default=SuggestionStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))


recommendation_theme = Table(
    "recommendation_theme",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True, index=True),
)


from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base
from portal.models.category import Category
from portal.models.meeting import Meeting
from portal.models.types import UTCDateTime, utcnow


def _values(enum_class: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_class]


def _string_enum(enum_class: type[enum.Enum]) -> Enum:
    """Stored as plain strings so a new value needs no database type change."""
    return Enum(enum_class, native_enum=False, length=32, values_callable=_values, validate_strings=True)


class Kind(enum.StrEnum):
    CONCERN = "concern"
    MEETING_FEEDBACK = "meeting_feedback"


class Status(enum.StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    REFERRED = "referred"
    IN_RECOMMENDATION = "in_recommendation"
    CLOSED = "closed"


class Source(enum.StrEnum):
    WEB = "web"
    PAPER = "paper"
    PHONE = "phone"


class Interpretation(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_NEEDED = "not_needed"


class Submission(Base):
    """What a resident sent: a concern or feedback on a meeting. Contact details live apart."""

    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_status_created_at", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(_string_enum(Kind))
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    language: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    # A concern's "what happened", or feedback's "what should the city act on".
    body: Mapped[str] = mapped_column(Text, default="")
    improvement: Mapped[str] = mapped_column(Text, default="")  # feedback: what to do better
    neighbourhood: Mapped[str] = mapped_column(String(100), default="")
    occurred_on: Mapped[date | None] = mapped_column(Date)
    usefulness: Mapped[int | None] = mapped_column(SmallInteger)  # 1-5
    felt_heard: Mapped[int | None] = mapped_column(SmallInteger)  # 1-5
    interpretation: Mapped[Interpretation | None] = mapped_column(_string_enum(Interpretation))
    follow_up_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[Status] = mapped_column(_string_enum(Status), default=Status.RECEIVED)
    source: Mapped[Source] = mapped_column(_string_enum(Source), default=Source.WEB)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    category: Mapped[Category | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    contact: Mapped[Contact | None] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True
    )
    replies: Mapped[list[Reply]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True, order_by="Reply.created_at"
    )


class Contact(Base):
    """How to reach a resident who asked for follow-up; kept apart so it can be erased alone."""

    __tablename__ = "contact"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    preferred_language: Mapped[str] = mapped_column(String(10))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="contact")


class Reply(Base):
    """A message from staff that the resident reads on the status page."""

    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="replies")

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, SmallInteger, String, Table, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.platform.db import Base
from portal.models.category import Category
from portal.models.meeting import Meeting
from portal.models.user import User
from portal.models.types import EncryptedText, UTCDateTime, string_enum, utcnow


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
    MEETING = "meeting"  # said in person at a meeting, written down by staff


class Priority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Interpretation(enum.StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_NEEDED = "not_needed"


submission_tag = Table(
    "submission_tag",
    Base.metadata,
    Column("submission_id", ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(Base):
    """A free label staff put on submissions; created on the fly, stored lower-case."""

    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)


def index_where_set(table: str, column: str, unique: bool = False) -> Index:
    """An index of only the rows where `column` is set. A new submission has no meeting (if it is a concern),
    assignee, original or closing date, so storing one skips these indexes: four fewer pages written for each
    submission (bench/README.md, "Throughput"). Lookups by a value (`column = ?`, `column < ?`), including the
    foreign-key checks when a row is deleted, still use it."""
    condition = text(f"{column} IS NOT NULL")
    return Index(f"ix_{table}_{column}", column, unique=unique, sqlite_where=condition, postgresql_where=condition)


PARTLY_INDEXED = ("meeting_id", "assignee_id", "duplicate_of_id", "closed_at")
# Set on few rows: the translators' queue, and machine translations that failed (the admins' page).
TRANSLATION_INDEXED = ("human_translation_requested_at", "machine_translation_error")


class MachineTranslationState(enum.StrEnum):
    DONE = "done"
    UNSUPPORTED = "unsupported"  # the engine offers no model for the submission's language: a person translates
    FAILED = "failed"  # the engine kept failing; machine_translation_error says why


class Submission(Base):
    """What a resident sent: a concern or feedback on a meeting. Contact details live apart."""

    __tablename__ = "submission"
    __table_args__ = (
        Index("ix_submission_status_created_at", "status", "created_at"),
        Index("ix_submission_created_at_id", "created_at", "id"),  # the inbox's keyset pagination
        *(index_where_set("submission", column) for column in PARTLY_INDEXED + TRANSLATION_INDEXED),
        # One submission per form shown and answers sent: a second tap finds the first (kept a day, retention.py).
        index_where_set("submission", "form_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(string_enum(Kind))
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    language: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    # A concern's "what happened", or feedback's "what should the city act on".
    body: Mapped[str] = mapped_column(Text, default="")
    improvement: Mapped[str] = mapped_column(Text, default="")  # feedback: what to do better
    neighbourhood: Mapped[str] = mapped_column(String(100), default="")
    occurred_on: Mapped[date | None] = mapped_column(Date)
    usefulness: Mapped[int | None] = mapped_column(SmallInteger)  # 1-5
    felt_heard: Mapped[int | None] = mapped_column(SmallInteger)  # 1-5
    interpretation: Mapped[Interpretation | None] = mapped_column(string_enum(Interpretation))
    follow_up_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[Status] = mapped_column(string_enum(Status), default=Status.RECEIVED)
    source: Mapped[Source] = mapped_column(string_enum(Source), default=Source.WEB)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Triage, never shown to residents.
    priority: Mapped[Priority] = mapped_column(string_enum(Priority), default=Priority.NORMAL)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    # The language the text is written in, as detected (portal/translation/detection.py) or corrected by staff;
    # `language` is the page it was sent from. Uncertain: short or mixed text.
    detected_language: Mapped[str | None] = mapped_column(String(10))
    detected_language_uncertain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # English, kept apart by who wrote it (portal/translation/english.py picks what a reader sees):
    # a person's translation of the texts (staff or a translator), with who checked it and when...
    translation: Mapped[str] = mapped_column(Text, default="")
    translation_checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    translation_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # ...a machine's draft, never quoted nor shown to viewers...
    machine_translation: Mapped[str] = mapped_column(Text, default="", server_default="")
    machine_translation_engine: Mapped[str | None] = mapped_column(String(100))
    machine_translated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    machine_translation_state: Mapped[MachineTranslationState | None] = mapped_column(
        string_enum(MachineTranslationState))
    machine_translation_error: Mapped[str | None] = mapped_column(String(500))
    # ...and a person's English of the redacted text: the only English viewers read.
    redacted_translation: Mapped[str | None] = mapped_column(Text)
    # In the translators' queue of its language since then ("needs a human translation"); None when not.
    human_translation_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    redacted_text: Mapped[str | None] = mapped_column(Text)  # the only text reports may quote
    # Retention counts from closing: contact details go first, the whole text later (portal/submissions/retention.py).
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A digest of the form's one-time token and the answers sent with it (public_forms.FollowUpForm.sent_form_key).
    form_key: Mapped[str | None] = mapped_column(String(64))
    # What full-text search indexes: the words of the texts, notes and neighbourhood, normalised and stemmed
    # (portal/models/search_document.py keeps it in step). Deferred: no page reads it.
    search_document: Mapped[str] = mapped_column(Text, default="", deferred=True)

    category: Mapped[Category | None] = relationship(lazy="raise")
    meeting: Mapped[Meeting | None] = relationship(lazy="raise")
    contact: Mapped[Contact | None] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )
    replies: Mapped[list[Reply]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True, order_by="Reply.created_at",
        lazy="raise",
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", passive_deletes=True, order_by="Note.created_at",
        lazy="raise",
    )
    tags: Mapped[list[Tag]] = relationship(secondary=submission_tag, order_by="Tag.name", lazy="raise")
    assignee: Mapped[User | None] = relationship(lazy="raise", foreign_keys=[assignee_id])
    translation_checked_by: Mapped[User | None] = relationship(lazy="raise", foreign_keys=[translation_checked_by_id])
    duplicate_of: Mapped[Submission | None] = relationship(
        remote_side="Submission.id", back_populates="duplicates", lazy="raise"
    )
    duplicates: Mapped[list[Submission]] = relationship(back_populates="duplicate_of", lazy="raise")

    @property
    def written_language(self) -> str:
        """The language the text is written in: as detected or corrected, else the page's."""
        return self.detected_language or self.language

    @property
    def original(self) -> Submission:
        """The submission whose status residents see: the original when this is a duplicate."""
        return self.duplicate_of or self


class Contact(Base):
    """How to reach a resident who asked for follow-up; kept apart so it can be erased alone."""

    __tablename__ = "contact"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), primary_key=True)
    # Encrypted at rest; only the application, holding PORTAL_DATA_KEY, can read them.
    name: Mapped[str] = mapped_column(EncryptedText, default="")
    email: Mapped[str] = mapped_column(EncryptedText, default="")
    phone: Mapped[str] = mapped_column(EncryptedText, default="")
    preferred_language: Mapped[str] = mapped_column(String(10))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="contact", lazy="raise")


class Reply(Base):
    """A message from staff that the resident reads on the status page."""

    __tablename__ = "reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="replies", lazy="raise")
    author: Mapped[User | None] = relationship(lazy="raise")


class Note(Base):
    """An internal note on a submission's timeline; residents never see notes."""

    __tablename__ = "note"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="notes", lazy="raise")
    author: Mapped[User | None] = relationship(lazy="raise")

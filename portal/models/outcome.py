"""What became of a final report's recommendations, and how far residents trust the city.

The tracking lives beside the frozen report, never in it: a final report's snapshot and PDF do not change when the
mayor's office decides or staff record progress.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.report import Recommendation
from portal.models.types import UTCDateTime, string_enum, utcnow
from portal.models.user import User
from portal.platform.db import Base


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes"
    DECLINED = "declined"


class Progress(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Tracking(Base):
    """A final report's recommendation after finalizing: its owner, the mayor's office's decision, its progress,
    and its public text (in English; translations in RecommendationText)."""

    __tablename__ = "recommendation_tracking"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="CASCADE"), primary_key=True)
    owner_department: Mapped[str] = mapped_column(String(300), default="")
    decision: Mapped[Decision | None] = mapped_column(string_enum(Decision))
    decision_reason: Mapped[str] = mapped_column(Text, default="")  # residents read it on /outcomes
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_on: Mapped[date | None] = mapped_column(Date)
    progress: Mapped[Progress] = mapped_column(string_enum(Progress), default=Progress.NOT_STARTED)
    done_on: Mapped[date | None] = mapped_column(Date)
    public_text: Mapped[str] = mapped_column(Text, default="")  # plain words for residents, in English
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    # Residents who asked for email hear of the decision and of the work's end once each.
    decision_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    recommendation: Mapped[Recommendation] = relationship(lazy="raise")
    decided_by: Mapped[User | None] = relationship(lazy="raise")


class Milestone(Base):
    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation_tracking.recommendation_id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


class ProgressUpdate(Base):
    """A dated note on what happened, for residents: written in English, translated in ProgressUpdateText."""

    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation_tracking.recommendation_id", ondelete="CASCADE"), index=True)
    happened_on: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckedTranslation:
    """A translation residents may read only once a person checked it: a machine draft is stored unchecked."""

    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def is_checked(self) -> bool:
        return self.checked_at is not None


class RecommendationText(CheckedTranslation, Base):
    """The public text and the decision's reason in one language other than English."""

    __tablename__ = "recommendation_text"

    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation_tracking.recommendation_id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class ProgressUpdateText(CheckedTranslation, Base):
    __tablename__ = "progress_update_text"

    update_id: Mapped[int] = mapped_column(ForeignKey("progress_update.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class TrustAnswerCount(Base):
    """How many residents gave each answer to the trust question, per month, language and way in.

    Counts only, never one row per answer: an answer cannot be traced to a submission or its contact details,
    not even by its time or its order in the table. `answer` 0 is "I prefer not to say"."""

    __tablename__ = "trust_answer_count"
    __table_args__ = (UniqueConstraint("month", "language", "source", "answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month it was answered in (the city's)
    language: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(32))  # web, paper, phone, meeting
    answer: Mapped[int] = mapped_column(SmallInteger)
    number: Mapped[int] = mapped_column(Integer, default=0)

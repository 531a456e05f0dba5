from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.platform.db import Base
from portal.models.submission import Priority, Submission
from portal.models.types import UTCDateTime, string_enum, utcnow
from portal.models.user import User


class ReportStatus(enum.StrEnum):
    DRAFT = "draft"  # staff change it freely
    FINAL = "final"  # frozen: `snapshot` holds every text, quote and figure; viewers may read it


class Report(Base):
    """A recommendation report for the mayor, for a period; only drafts change."""

    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)  # inclusive
    summary: Mapped[str] = mapped_column(Text, default="")  # the executive summary
    status: Mapped[ReportStatus] = mapped_column(string_enum(ReportStatus), default=ReportStatus.DRAFT, index=True)
    # Everything the final report shows, frozen at finalizing; its PDF is rendered from this alone.
    snapshot: Mapped[dict | None] = mapped_column(JSON)
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("report.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    finalized_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Recommendation.position", lazy="raise",
    )
    based_on: Mapped[Report | None] = relationship(remote_side="Report.id", lazy="raise")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id], lazy="raise")
    finalized_by: Mapped[User | None] = relationship(foreign_keys=[finalized_by_id], lazy="raise")

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.FINAL


class Recommendation(Base):
    """One recommendation in a report, in the order staff put them, with the evidence behind it."""

    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")  # the recommendation itself
    rationale: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(String(300), default="")  # department or partner
    priority: Mapped[Priority] = mapped_column(string_enum(Priority), default=Priority.NORMAL)

    report: Mapped[Report] = relationship(back_populates="recommendations", lazy="raise")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Evidence.id", lazy="raise",
    )


class Evidence(Base):
    """A submission behind a recommendation, with a quote from its redacted text (never the original)."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("recommendation_id", "submission_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)  # a part of the submission's redacted text, in its language
    translation: Mapped[str] = mapped_column(Text, default="")  # staff's English for the quote
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recommendation: Mapped[Recommendation] = relationship(back_populates="evidence", lazy="raise")
    submission: Mapped[Submission] = relationship(lazy="raise")
    added_by: Mapped[User | None] = relationship(lazy="raise")


class ReportPdf(Base):
    """A final report's PDF, rendered once from its snapshot and kept: the same snapshot gives the same bytes.

    `snapshot_digest` names the snapshot it was made from; a PDF of an older snapshot (before a resident withdrew
    a quote) is deleted with that change and never served."""

    __tablename__ = "report_pdf"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    snapshot_digest: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

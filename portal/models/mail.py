from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.platform.db import Base
from portal.models.types import UTCDateTime, utcnow


class MailFailure(Base):
    """A message that could not be sent yet, for admins (/staff/admin/mail): never its text, only what failed.

    One row per job, updated on each failed attempt and removed once a later attempt gets through; `gave_up`
    when no attempt is left. The job's name and arguments (ids only) are kept so an admin can try again.
    """

    __tablename__ = "mail_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(64), unique=True)
    job_name: Mapped[str] = mapped_column(String(200))
    job_args: Mapped[list] = mapped_column(JSON)
    template: Mapped[str] = mapped_column(String(64))  # which message: email/receipt, email/staff/alert...
    recipient: Mapped[str] = mapped_column(String(320))  # masked: r•••@example.org
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)
    # A resident's message goes with their submission when they delete it.
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

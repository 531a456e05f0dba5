from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.platform.db import Base
from portal.platform.i18n import DEFAULT_TAG
from portal.models.types import UTCDateTime, utcnow


class Meeting(Base):
    """A community meeting; title and description are kept per language tag, English required."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[dict[str, str]] = mapped_column(JSON)
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str | None] = mapped_column(String(500))
    organisers: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[str] = mapped_column(String(300), default="")  # partner organisations, as staff write them
    interpreted_languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    feedback_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    feedback_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The closing report, written after the meeting; the summary is kept per language tag, English first.
    attendance: Mapped[int | None] = mapped_column(Integer)
    organisations_present: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def text_in(self, field: str, tag: str) -> tuple[str, str]:
        """The title or description in `tag`, else English; returns (text, tag of the text)."""
        texts: dict[str, str] = getattr(self, field)
        if texts.get(tag):
            return texts[tag], tag
        return texts.get(DEFAULT_TAG, ""), DEFAULT_TAG

    @property
    def has_report(self) -> bool:
        """A closing report is published: residents read its summary. Taken down, its texts stay as a draft."""
        return self.reported_at is not None

    def published_summary(self, tag: str) -> tuple[str, str]:
        """What residents reading `tag` see under "What people raised": nothing until a report is published."""
        return self.text_in("summary", tag) if self.has_report else ("", tag)

    def takes_report(self, now: datetime) -> bool:
        """A closing report describes a meeting that took place: not before it starts, never for a cancelled one."""
        return self.cancelled_at is None and self.starts_at <= now

    def accepts_feedback(self, now: datetime) -> bool:
        return self.cancelled_at is None and self.feedback_opens_at <= now <= self.feedback_closes_at

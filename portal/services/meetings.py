"""Which meetings residents see, and whether one takes feedback."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Meeting

RECENT = timedelta(days=60)
DEFAULT_FEEDBACK_DAYS = 30


@dataclass
class MeetingList:
    upcoming: list[Meeting]
    recent: list[Meeting]


def public_meetings(db_session: Session, now: datetime) -> MeetingList:
    """Upcoming meetings soonest first; meetings of the last 60 days newest first."""
    upcoming = db_session.scalars(select(Meeting).where(Meeting.starts_at >= now).order_by(Meeting.starts_at))
    recent = db_session.scalars(
        select(Meeting)
        .where(Meeting.starts_at < now, Meeting.starts_at >= now - RECENT)
        .order_by(Meeting.starts_at.desc())
    )
    return MeetingList(upcoming=list(upcoming), recent=list(recent))


def default_feedback_window(starts_at: datetime) -> tuple[datetime, datetime]:
    """Feedback opens when the meeting starts and closes 30 days later."""
    return starts_at, starts_at + timedelta(days=DEFAULT_FEEDBACK_DAYS)

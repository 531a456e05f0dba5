"""Recording who did what. Never a resident's address or browser: only staff actions and their subjects."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, UTC

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import AuditEvent, Submission, User


@dataclass(frozen=True)
class AuditFilters:
    action: str | None = None
    actor_id: int | None = None
    since: date | None = None
    until: date | None = None

    def as_query_args(self) -> dict[str, str]:
        args = {"action": self.action, "actor": self.actor_id, "since": self.since, "until": self.until}
        return {key: str(value) for key, value in args.items() if value}


def record(
    db_session: Session,
    action: str,
    *,
    actor: User | None,
    submission: Submission | None = None,
    subject_user: User | None = None,
    **details,
) -> AuditEvent:
    event = AuditEvent(
        action=action, actor=actor, subject_user=subject_user, details=details,
        submission_id=submission.id if submission is not None else None,
    )
    db_session.add(event)
    return event


def page(db_session: Session, filters: AuditFilters, before: int | None, size: int
         ) -> tuple[list[AuditEvent], int | None]:
    """Newest first, by id (which only grows); returns the events and where the next page starts."""
    query = select(AuditEvent).options(selectinload(AuditEvent.actor), selectinload(AuditEvent.subject_user))
    if filters.action:
        query = query.where(AuditEvent.action.startswith(filters.action))
    if filters.actor_id:
        query = query.where(AuditEvent.actor_id == filters.actor_id)
    if filters.since:
        query = query.where(AuditEvent.at >= datetime.combine(filters.since, time.min, tzinfo=UTC))
    if filters.until:
        query = query.where(AuditEvent.at < datetime.combine(filters.until + timedelta(days=1), time.min,
                                                              tzinfo=UTC))
    if before:
        query = query.where(AuditEvent.id < before)
    events = list(db_session.scalars(query.order_by(AuditEvent.id.desc()).limit(size + 1)))
    if len(events) > size:
        return events[:size], events[size - 1].id
    return events, None

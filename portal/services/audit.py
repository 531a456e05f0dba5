"""Recording who did what. Never a resident's address or browser: only staff actions and their subjects."""
from __future__ import annotations

from sqlalchemy.orm import Session

from portal.models import AuditEvent, Submission, User


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

"""Recording what residents send and finding it again by its reference code."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from portal.models import Category, Contact, Interpretation, Kind, Meeting, Reply, Source, Status, Submission
from portal.platform.reference import new_reference, normalize_reference
from portal.translation.service import queue_english


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: str
    phone: str
    preferred_language: str


@dataclass(frozen=True)
class StatusAnswer:
    """What a resident sees for their code: never notes, tags, assignment or priority."""

    status: Status
    received_at: datetime
    replies: list[Reply]


@dataclass(frozen=True)
class FeedbackAnswers:
    usefulness: int
    felt_heard: int
    interpretation: Interpretation | None
    act_on: str
    improvement: str


def _new_submission(
    db_session: Session, contact: ContactDetails | None, *, category: Category | None = None,
    meeting: Meeting | None = None, **fields,
) -> Submission:
    # 58 random bits: even at a million stored codes a clash has odds of about 1 in 300 billion, and the
    # unique index would refuse it rather than mix two residents' submissions. No lookup needed first.
    submission = Submission(
        reference=new_reference(), follow_up_requested=contact is not None,
        category_id=category.id if category else None, meeting_id=meeting.id if meeting else None, **fields,
    )
    if contact is not None:
        submission.contact = Contact(
            name=contact.name, email=contact.email, phone=contact.phone,
            preferred_language=contact.preferred_language,
        )
    db_session.add(submission)
    db_session.flush()
    # Foreign keys set as columns, not as related objects: the flush then has no relationship to work out (15%
    # fewer instructions per submission, bench/README.md "Issue 15"). The objects the caller holds are attached
    # as if loaded with the row, so reading them (mail, alerts) asks the database nothing.
    set_committed_value(submission, "category", category)
    set_committed_value(submission, "meeting", meeting)
    if contact is None:
        set_committed_value(submission, "contact", None)
    queue_english(db_session, submission)
    return submission


def record_concern(
    db_session: Session,
    *,
    language: str,
    category: Category,
    body: str,
    neighbourhood: str,
    occurred_on: date | None,
    contact: ContactDetails | None,
    source: Source = Source.WEB,
) -> Submission:
    return _new_submission(
        db_session,
        contact,
        kind=Kind.CONCERN,
        language=language,
        category=category,
        body=body,
        neighbourhood=neighbourhood,
        occurred_on=occurred_on,
        source=source,
    )


def record_meeting_feedback(
    db_session: Session,
    *,
    meeting: Meeting,
    language: str,
    answers: FeedbackAnswers,
    contact: ContactDetails | None,
    source: Source = Source.WEB,
) -> Submission:
    return _new_submission(
        db_session,
        contact,
        kind=Kind.MEETING_FEEDBACK,
        language=language,
        meeting=meeting,
        usefulness=answers.usefulness,
        felt_heard=answers.felt_heard,
        interpretation=answers.interpretation,
        body=answers.act_on,
        improvement=answers.improvement,
        source=source,
    )


def status_answer(submission: Submission) -> StatusAnswer:
    """A duplicate shows its original's status but only its own replies: the original's were written to someone
    else."""
    return StatusAnswer(status=submission.original.status, received_at=submission.created_at,
                        replies=sorted(submission.replies, key=lambda reply: reply.created_at))


def find_by_reference(db_session: Session, typed: str) -> Submission | None:
    """The submission a typed code names, with its replies and original; None for anything else."""
    reference = normalize_reference(typed)
    if reference is None:
        return None
    return db_session.scalar(
        select(Submission).options(selectinload(Submission.replies), joinedload(Submission.duplicate_of))
        .where(Submission.reference == reference)
    )

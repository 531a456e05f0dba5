"""Recording what residents send and finding it again by its reference code."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
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
    form_key: str | None = None,
) -> Submission:
    return _new_submission(
        db_session,
        contact,
        form_key=form_key,
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
    form_key: str | None = None,
) -> Submission:
    return _new_submission(
        db_session,
        contact,
        form_key=form_key,
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


def recorded_once(db_session: Session, form_key: str | None,
                  record: Callable[[str | None], Submission]) -> tuple[Submission, bool]:
    """The submission a form's answers made, and whether it is new: sent a second time (three taps on a slow
    connection, a reload of the POST), the same form with the same answers stores nothing and gives back the first.

    `record(form_key)` records it; it must be the first change in the session, which a lost race rolls back. Two
    sends at the same moment both pass the first lookup; the unique index lets one insert through, the other waits
    for it (PostgreSQL) or for the write lock (SQLite), fails, and finds it. (No savepoint: in SQLite's WAL mode a
    transaction opened by SAVEPOINT fails at once with "database is locked" where a plain one waits its turn.)
    """
    if form_key is None:
        return record(None), True
    earlier = _sent_with(db_session, form_key)
    if earlier is not None:
        return earlier, False
    try:
        return record(form_key), True
    except IntegrityError:
        db_session.rollback()
        earlier = _sent_with(db_session, form_key)
        if earlier is None:
            raise
        return earlier, False


def _sent_with(db_session: Session, form_key: str) -> Submission | None:
    return db_session.scalar(select(Submission).where(Submission.form_key == form_key))


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

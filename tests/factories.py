"""The submissions tests start from, made as the portal makes them: recorded by intake, the service a resident's form
calls, then changed the way staff would have changed them since.

Each factory takes the app or a session. Given the app, it commits in an app context of its own and returns the row
with its columns loaded (read `.id` or `.reference`; its relationships are not). Given a session, it leaves the
commit or rollback to the test, which is then looking at the transaction itself. `load_submission` reads one back.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import Category, Interpretation, Meeting, Reply, Source, Submission
from portal.platform import db
from portal.submissions.intake import ContactDetails, FeedbackAnswers, record_concern, record_meeting_feedback

CONCERN_BODY = "Police stood by while agents knocked on our door."
Made = TypeVar("Made")


def make_submission(app_or_session: Flask | Session, *, body: str = CONCERN_BODY, language: str = "en",
                    topic: str | None = "police-immigration", neighbourhood: str = "",
                    contact: ContactDetails | None = None, source: Source = Source.WEB, replies: Sequence[str] = (),
                    **changes) -> Submission:
    """A concern about `topic` (a topic's slug, or None for none); `changes` (status, created_at, assignee_id,
    redacted_text...) are set on it afterwards, and each of `replies` is a reply from the office in its language."""

    def make(session: Session) -> Submission:
        category = session.scalars(select(Category).where(Category.slug == topic)).one() if topic else None
        submission = record_concern(session, language=language, category=category, body=body,
                                    neighbourhood=neighbourhood, occurred_on=None, contact=contact, source=source)
        for name, value in changes.items():
            setattr(submission, name, value)
        session.add_all(Reply(submission_id=submission.id, body=reply, language=language) for reply in replies)
        return submission

    return _made_in(app_or_session, make)


def make_feedback(app_or_session: Flask | Session, meeting_id: int, *, language: str = "en", usefulness: int = 3,
                  felt_heard: int = 3, interpretation: Interpretation | None = None, act_on: str = "",
                  improvement: str = "", contact: ContactDetails | None = None, **changes) -> Submission:
    """A resident's feedback on a meeting, as its form records it; `changes` are set on it afterwards."""

    def make(session: Session) -> Submission:
        answers = FeedbackAnswers(usefulness=usefulness, felt_heard=felt_heard, interpretation=interpretation,
                                  act_on=act_on, improvement=improvement)
        feedback = record_meeting_feedback(session, meeting=session.get(Meeting, meeting_id), language=language,
                                           answers=answers, contact=contact)
        for name, value in changes.items():
            setattr(feedback, name, value)
        return feedback

    return _made_in(app_or_session, make)


def _made_in(app_or_session: Flask | Session, make: Callable[[Session], Made]) -> Made:
    if isinstance(app_or_session, Session):
        return make(app_or_session)
    with app_or_session.app_context():
        made = make(db.session())
        db.session().commit()
        return made


def load_submission(app: Flask, submission_id: int) -> Submission | None:
    """The stored submission, with what staff change on it (tags, notes, replies, assignee, original) loaded."""
    with app.app_context():
        return db.session().scalars(
            select(Submission).where(Submission.id == submission_id).options(
                selectinload(Submission.tags), selectinload(Submission.notes), selectinload(Submission.replies),
                selectinload(Submission.assignee), selectinload(Submission.duplicate_of))
        ).one_or_none()

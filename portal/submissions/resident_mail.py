"""Email to residents who gave an address and asked for a reply, in the language they chose: a receipt, and a
message when staff reply or close their submission. Each links to the status page.

Never what the resident wrote, and never the reply's text: an inbox can be shared or seen by someone else, so a
message says only that there is news, and where to read it with the reference code.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from portal.platform import db
from portal.platform.i18n import BY_TAG
from portal.platform.links import mail_url
from portal.models import Contact, Kind, Status, Submission
from portal.platform import jobs, mail
from portal.platform.reference import format_reference

SUBJECTS = {
    "receipt": _l("Thank you. We received your message."),
    "reply": _l("The Office for Globalization replied to your message"),
    "closed": _l("We have finished working on your message"),
}


def _has_email(submission: Submission | None) -> bool:
    """For a submission loaded with its contact details, or a new one given them."""
    return bool(submission is not None and not submission.is_demo and submission.contact is not None
                and submission.contact.email)


def _with_email(db_session: Session, submissions: list[Submission]) -> list[Submission]:
    """Those of stored submissions whose residents gave an email address, read from their contact details."""
    contacts = {contact.submission_id: contact for contact in db_session.scalars(
        select(Contact).where(Contact.submission_id.in_([submission.id for submission in submissions])))}
    return [submission for submission in submissions if not submission.is_demo
            and submission.id in contacts and contacts[submission.id].email]


def _queue(db_session: Session, message: str, submissions: list[Submission]) -> None:
    for submission in submissions:
        jobs.after_commit(db_session, send, message, submission.id, retry=mail.retry_intervals())


def queue_receipt(db_session: Session, submission: Submission) -> None:
    """Sent once the request that stored the submission has committed."""
    if _has_email(submission):
        if submission.id is None:
            db_session.flush()
        _queue(db_session, "receipt", [submission])


def queue_reply(db_session: Session, submission: Submission) -> None:
    """Only the submission's own resident reads a reply: its duplicates' residents are not told of it."""
    _queue(db_session, "reply", _with_email(db_session, [submission]))


def queue_replies(db_session: Session, submissions: list[Submission]) -> None:
    """A reply to many at once (a theme's): their contact details read in one query."""
    if submissions:
        _queue(db_session, "reply", _with_email(db_session, submissions))


def queue_closed(db_session: Session, submission: Submission) -> None:
    """Residents see the original's status: closing an original tells its duplicates too, a duplicate nobody.
    The submission comes with its duplicates loaded (portal/submissions/triage.py)."""
    if submission.duplicate_of is None:
        _queue(db_session, "closed", _with_email(db_session, [submission, *submission.duplicates]))


@mail.job
def send(message: str, submission_id: int) -> None:
    """The job: read the submission again, since much may have changed while the job waited."""
    submission = db.session().get(Submission, submission_id, populate_existing=True,
                                  options=(joinedload(Submission.contact), joinedload(Submission.duplicate_of)))
    if not _has_email(submission):
        return  # deleted by the resident, contact details erased, or demo data
    assert submission is not None and submission.contact is not None  # as _has_email found
    if message == "closed" and submission.original.status != Status.CLOSED:
        return  # reopened before the message went out
    contact = submission.contact
    tag = contact.preferred_language if contact.preferred_language in BY_TAG else submission.language
    outgoing = mail.compose(
        to=contact.email, template=f"email/{message}", language=tag, subject=SUBJECTS[message],
        reference=format_reference(submission.reference), feedback=submission.kind == Kind.MEETING_FEEDBACK,
        status_url=mail_url("public.status", lang=tag),
    )
    mail.deliver(outgoing, submission_id=submission.id)

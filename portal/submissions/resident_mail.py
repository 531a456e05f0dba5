"""Email to residents who gave an address and asked for a reply, in the language they chose: a receipt, and a
message when staff reply or close their submission, and when the city decides on a recommendation their
submission is behind, and when that work is done. Each links to the status page.

Never what the resident wrote, and never the reply's text: an inbox can be shared or seen by someone else, so a
message says only that there is news, and where to read it with the reference code.
"""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from portal.identity.office import office_for_reader, office_identity
from portal.platform import db
from portal.platform.i18n import BY_TAG
from portal.platform.links import mail_url
from portal.models import Contact, Kind, Status, Submission
from portal.platform import jobs, mail
from portal.platform.reference import format_reference

class _ReplySubject:
    """Made when the message is composed, inside its language: the office's name is the one set for that language."""

    def __str__(self) -> str:
        return _("The %(office)s replied to your message", office=office_for_reader().name.text)


SUBJECTS = {
    "receipt": _l("Thank you. We received your message."),
    "reply": _ReplySubject(),
    "closed": _l("We have finished working on your message"),
    # A recommendation that what the resident told us is behind (portal/reports/outcomes.py).
    "outcome_decided": _l("The city decided on something you told us about"),
    "outcome_done": _l("The city finished work on something you told us about"),
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


# Submissions per contact-details query when many are closed at once: well under every database's parameter limit.
_IDS_PER_QUERY = 1000


def queue_closed(db_session: Session, *submissions: Submission) -> None:
    """Residents see the original's status: closing an original tells its duplicates too, a duplicate nobody.
    The submissions come with their duplicates loaded (portal/submissions/triage.py); thousands closed at once
    cost a query per thousand."""
    told = [told for submission in submissions if submission.duplicate_of is None
            for told in (submission, *submission.duplicates)]
    for start in range(0, len(told), _IDS_PER_QUERY):
        _queue(db_session, "closed", _with_email(db_session, told[start:start + _IDS_PER_QUERY]))


def queue_news(db_session: Session, message: str, submissions: list[Submission]) -> None:
    """News of a recommendation the submissions are behind: that the city decided, or finished the work."""
    if message not in ("outcome_decided", "outcome_done"):
        raise ValueError(f"not news of a recommendation: {message}")
    _queue(db_session, message, _with_email(db_session, submissions))


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
        status_url=mail_url("public.status", lang=tag), office=office_identity().in_language(tag),
    )
    mail.deliver(outgoing, submission_id=submission.id)

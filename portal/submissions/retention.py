"""Keeping little: contact details erased some days after a case is closed, whole submissions anonymized later,
and a resident's own deletion. Safe to run again and from cron: each step only touches what is due."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session, selectinload

from portal.models import Contact, MailFailure, Note, Reply, Submission, search_document
from portal.accounts import audit

ANONYMIZED = "[removed after the retention period]"

# What features above this one do before a resident's submission goes (reports: its quotes leave final reports).
# They register at import with `before_resident_deletion`, so retention imports none of them.
_before_resident_deletion: list[Callable[[Session, Submission], None]] = []


def before_resident_deletion(step: Callable[[Session, Submission], None]) -> Callable[[Session, Submission], None]:
    _before_resident_deletion.append(step)
    return step


@dataclass(frozen=True)
class PurgeResult:
    contacts_erased: int
    submissions_anonymized: int

    def __str__(self) -> str:
        return (f"Erased contact details of {self.contacts_erased} closed submissions; "
                f"anonymized {self.submissions_anonymized} submissions.")


FORM_KEY_KEPT = timedelta(days=1)  # long enough for any second tap on "Send"; after it, nothing links a form to it


def purge(db_session: Session, now: datetime, *, contact_days: int, anonymize_days: int) -> PurgeResult:
    db_session.execute(update(Submission).where(Submission.form_key.is_not(None),
                                                Submission.created_at <= now - FORM_KEY_KEPT).values(form_key=None))
    contact_due = select(Submission.id).where(Submission.closed_at <= now - timedelta(days=contact_days))
    deleted = db_session.execute(delete(Contact).where(Contact.submission_id.in_(contact_due)))
    erased = cast(CursorResult, deleted).rowcount  # a DELETE's result (Session.execute is typed as any Result)
    # A failed message's row keeps a masked address (r•••@example.org); it goes with the contact details.
    db_session.execute(delete(MailFailure).where(MailFailure.submission_id.in_(contact_due)))
    due = list(db_session.scalars(select(Submission.id).where(
        Submission.closed_at <= now - timedelta(days=anonymize_days), Submission.anonymized_at.is_(None))))
    if due:
        _anonymize(db_session, due, now)
    if erased or due:
        audit.record(db_session, "retention.purged", actor=None, contacts_erased=erased, anonymized=len(due))
    return PurgeResult(contacts_erased=erased, submissions_anonymized=len(due))


def _anonymize(db_session: Session, submission_ids: list[int], now: datetime) -> None:
    """Texts are replaced by their redacted version (what reports may quote) or removed; notes and replies,
    which can name people, go; counts, topics, languages and ratings stay for the statistics."""
    for batch_start in range(0, len(submission_ids), 500):
        batch = submission_ids[batch_start:batch_start + 500]
        db_session.execute(delete(Note).where(Note.submission_id.in_(batch)))
        db_session.execute(delete(Reply).where(Reply.submission_id.in_(batch)))
        db_session.execute(delete(Contact).where(Contact.submission_id.in_(batch)))
        db_session.execute(delete(MailFailure).where(MailFailure.submission_id.in_(batch)))
        for submission in db_session.scalars(select(Submission).where(Submission.id.in_(batch))):
            submission.body = (submission.redacted_text or ANONYMIZED) if submission.body else ""
            submission.improvement = ANONYMIZED if submission.improvement else ""
            submission.translation, submission.neighbourhood, submission.occurred_on = "", "", None
            # The English of the original goes with it; a person's English of the redacted text stays beside it.
            submission.machine_translation, submission.human_translation_requested_at = "", None
            submission.anonymized_at = now
    db_session.flush()
    # The notes went by a bulk DELETE, which the ORM's own keeping in step does not see.
    search_document.refresh(db_session, submission_ids)


def delete_submissions(db_session: Session, submission_ids: list[int]) -> int:
    """Deletes the submissions with their contact details, notes and replies. The unit of work reads each one's
    links to other rows first: loaded here, a query per link, since the relationships are lazy="raise"."""
    links = (selectinload(Submission.category), selectinload(Submission.meeting), selectinload(Submission.assignee),
             selectinload(Submission.translation_checked_by), selectinload(Submission.tags),
             selectinload(Submission.duplicate_of), selectinload(Submission.duplicates))
    found = db_session.scalars(select(Submission).where(Submission.id.in_(submission_ids)).options(*links)
                               .execution_options(populate_existing=True)).all()
    for submission in found:
        db_session.delete(submission)
    return len(found)


def delete_by_resident(db_session: Session, submission: Submission) -> None:
    """A resident removes what they sent, with its contact details, notes and replies, and its quotes in reports,
    final ones included. Nothing of it stays."""
    for step in _before_resident_deletion:
        step(db_session, submission)
    db_session.execute(update(Submission).where(Submission.duplicate_of_id == submission.id)
                       .values(duplicate_of_id=None))
    delete_submissions(db_session, [submission.id])
    audit.record(db_session, "submission.deleted_by_resident", actor=None)

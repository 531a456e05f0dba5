"""Keeping little: contact details erased some days after a case is closed, whole submissions anonymized later,
and a resident's own deletion. Safe to run again and from cron: each step only touches what is due."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

from portal.models import Contact, MailFailure, Note, Reply, Submission
from portal.accounts import audit
from portal.reports import service as reports

ANONYMIZED = "[removed after the retention period]"


@dataclass(frozen=True)
class PurgeResult:
    contacts_erased: int
    submissions_anonymized: int

    def __str__(self) -> str:
        return (f"Erased contact details of {self.contacts_erased} closed submissions; "
                f"anonymized {self.submissions_anonymized} submissions.")


def purge(db_session: Session, now: datetime, *, contact_days: int, anonymize_days: int) -> PurgeResult:
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
            submission.anonymized_at = now
    db_session.flush()


def delete_by_resident(db_session: Session, submission: Submission) -> None:
    """A resident removes what they sent, with its contact details, notes and replies, and its quotes in reports,
    final ones included. Nothing of it stays."""
    reports.withdraw_quotes(db_session, submission)
    db_session.execute(update(Submission).where(Submission.duplicate_of_id == submission.id)
                       .values(duplicate_of_id=None))
    db_session.delete(submission)
    audit.record(db_session, "submission.deleted_by_resident", actor=None)

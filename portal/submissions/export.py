"""The inbox as CSV: the same filters, one row per submission, streamed in batches so a million rows never sit
in memory at once.

UTF-8 with a byte-order mark, so Excel opens every script correctly. Every cell is quoted, and a single quote goes
before every formula trigger (=, +, -, @, a tab or a carriage return, and the full-width ＝ ＋ － ＠) that starts the
cell or follows a separator (, ; tab |) or a line break inside it: a spreadsheet that splits cells on another
separator than ours (Excel uses ";" in many locales) or ignores the quotes still never meets a formula.
What residents wrote as it is (their texts and the staff translation of them) and contact details only when asked
for (the view lets only admins ask, and the audit log records it); otherwise the redacted text alone. Reference
codes never, since a code is all it takes to read a case's replies on the status page. For response times: the
first reply's date and the closing date; for the work behind a case: counts of replies and notes; which
recommendations quote it; and whether it is demo data.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.models import Evidence, Note, Recommendation, Reply, Report, Submission, Theme, ThemeMember
from portal.submissions import inbox
from portal.submissions.inbox import InboxFilters

BYTE_ORDER_MARK = "\ufeff"
FORMULA_TRIGGERS = "=+-@\t\r＝＋－＠"
SEPARATORS = ",;\t|\r\n"
# Every place where a cell could begin for some reader and a formula trigger comes next (zero-width, so a trigger
# that is itself a separator, like a tab, is guarded both before and after).
_FORMULA_START = re.compile(f"(?:^|(?<=[{re.escape(SEPARATORS)}]))(?=[{re.escape(FORMULA_TRIGGERS)}])")
BATCH = 500

# "language" is the page's, "written_language" what the text is written in (portal/translation/detection.py). The
# person's English of the redacted text is the only translation in the ordinary export.
COLUMNS = (
    "id", "received_at_utc", "kind", "status", "source", "language", "written_language",
    "written_language_uncertain", "topic", "meeting", "priority", "assigned_to", "tags", "neighbourhood",
    "occurred_on", "usefulness", "felt_heard", "interpretation", "follow_up_requested", "duplicate_of_id",
    "first_reply_at_utc", "closed_at_utc", "reply_count", "note_count", "themes", "quoted_in", "is_demo",
    "redacted_text",
    "redacted_translation",
)
# Only in the admins' export, which asks for contact details: what the resident wrote as it is, and its English
# (the machine's, not checked, and a person's), which carry the same names and numbers.
UNREDACTED_COLUMNS = ("text", "improvement", "machine_translation_not_checked", "checked_translation")
CONTACT_COLUMNS = ("contact_name", "contact_email", "contact_phone", "contact_language")


def neutralize(value: object) -> str:
    """The cell as text, with a single quote before every formula trigger where a reader could start a cell."""
    text = "" if value is None else str(value)
    return _FORMULA_START.sub("'", text)


def _utc(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


@dataclass(frozen=True)
class _Activity:
    """What a batch of rows needs from other tables, by submission id, read in one query each."""

    first_reply: dict[int, datetime]
    replies: dict[int, int]
    notes: dict[int, int]
    quoted_in: dict[int, list[str]]
    themes: dict[int, list[str]]


def _activity(db_session: Session, ids: list[int]) -> _Activity:
    replies = db_session.execute(select(Reply.submission_id, func.count(), func.min(Reply.created_at))
                                 .where(Reply.submission_id.in_(ids)).group_by(Reply.submission_id)).all()
    notes = db_session.execute(select(Note.submission_id, func.count()).where(Note.submission_id.in_(ids))
                               .group_by(Note.submission_id)).all()
    quotes = db_session.execute(
        select(Evidence.submission_id, Report.id, Report.status, Recommendation.position, Recommendation.title)
        .join(Recommendation, Evidence.recommendation_id == Recommendation.id)
        .join(Report, Recommendation.report_id == Report.id)
        .where(Evidence.submission_id.in_(ids)).order_by(Report.id, Recommendation.position)).all()
    themes: dict[int, list[str]] = {}
    for submission_id, name in db_session.execute(
            select(ThemeMember.submission_id, Theme.name).join(Theme, ThemeMember.theme_id == Theme.id)
            .where(ThemeMember.submission_id.in_(ids)).order_by(Theme.name)):
        themes.setdefault(submission_id, []).append(name)
    quoted_in: dict[int, list[str]] = {}
    for submission_id, report_id, status, position, title in quotes:
        quoted_in.setdefault(submission_id, []).append(f"report {report_id} ({status.value}): {position}. {title}")
    return _Activity(first_reply={row[0]: row[2] for row in replies}, replies={row[0]: row[1] for row in replies},
                     notes={row[0]: row[1] for row in notes}, quoted_in=quoted_in, themes=themes)


def _row(submission: Submission, activity: _Activity, include_contact: bool) -> list[str]:
    cells = [
        submission.id, _utc(submission.created_at), submission.kind.value,
        submission.status.value, submission.source.value, submission.language, submission.written_language,
        "yes" if submission.detected_language_uncertain else "no",
        submission.category.name_in("en") if submission.category else "",
        submission.meeting.text_in("title", "en")[0] if submission.meeting else "",
        submission.priority.value,
        (submission.assignee.name or submission.assignee.email) if submission.assignee else "",
        ", ".join(tag.name for tag in submission.tags), submission.neighbourhood,
        submission.occurred_on.isoformat() if submission.occurred_on else "",
        submission.usefulness, submission.felt_heard,
        submission.interpretation.value if submission.interpretation else "",
        "yes" if submission.follow_up_requested else "no", submission.duplicate_of_id,
        _utc(activity.first_reply.get(submission.id)), _utc(submission.closed_at),
        activity.replies.get(submission.id, 0), activity.notes.get(submission.id, 0),
        "; ".join(activity.themes.get(submission.id, [])), "; ".join(activity.quoted_in.get(submission.id, [])),
        "yes" if submission.is_demo else "no",
        submission.redacted_text if submission.redacted_text is not None else "", submission.redacted_translation,
    ]
    if include_contact:
        cells += [submission.body, submission.improvement, submission.machine_translation, submission.translation]
        contact = submission.contact
        cells += ([contact.name, contact.email, contact.phone, contact.preferred_language] if contact
                  else ["", "", "", ""])
    return [neutralize(cell) for cell in cells]


def rows(db_session: Session, filters: InboxFilters, *, include_contact: bool) -> Iterator[list[str]]:
    """The header, then one row per submission matching the filters, newest first."""
    yield list(COLUMNS + ((UNREDACTED_COLUMNS + CONTACT_COLUMNS) if include_contact else ()))
    options = [selectinload(Submission.tags), selectinload(Submission.category), selectinload(Submission.meeting),
               selectinload(Submission.assignee)]
    if include_contact:
        options.append(selectinload(Submission.contact))
    query = (inbox.filtered(db_session, filters).order_by(Submission.created_at.desc(), Submission.id.desc())
             .options(*options).execution_options(yield_per=BATCH))
    for batch in db_session.scalars(query).partitions():
        activity = _activity(db_session, [submission.id for submission in batch])
        for submission in batch:
            yield _row(submission, activity, include_contact)


def csv_chunks(db_session: Session, filters: InboxFilters, *, include_contact: bool) -> Iterator[str]:
    """The CSV file as text chunks of up to BATCH rows, the byte-order mark first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    buffer.write(BYTE_ORDER_MARK)
    for number, row in enumerate(rows(db_session, filters, include_contact=include_contact), start=1):
        writer.writerow(row)
        if number % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()

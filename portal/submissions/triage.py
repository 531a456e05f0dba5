"""What staff do to a submission. Every change is recorded in the audit log with who did it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal.platform.domain import DomainError
from portal.models import (
    Category, Contact, Kind, Meeting, Note, Priority, Reply, Source, Status, Submission, Tag, User,
)
from portal.models.types import utcnow
from portal.accounts import audit
from portal.submissions import resident_mail
from portal.submissions.intake import (
    ContactDetails, FeedbackAnswers, find_by_reference, record_concern, record_meeting_feedback,
)
from portal.translation.service import save_checked_translation

# Referring or closing says something to the resident: staff must write down why.
STATUSES_NEEDING_A_NOTE = frozenset({Status.REFERRED, Status.CLOSED})
_TAG_SEPARATORS = re.compile(r"[,\n;]+")


class TriageError(DomainError):
    pass


@dataclass(frozen=True)
class TriageChange:
    category: Category | None
    status: Status
    assignee: User | None
    priority: Priority
    tag_names: list[str]
    note: str


# Loaded with a submission, since the models' relationships are lazy="raise": what staff change on it (closing
# tells its duplicates), and what its page shows. Never its contact details: those come out through
# reveal_contact alone.
_CHANGED = (joinedload(Submission.category), joinedload(Submission.assignee), joinedload(Submission.duplicate_of),
            selectinload(Submission.duplicates), selectinload(Submission.tags))
_SHOWN = (*_CHANGED, joinedload(Submission.meeting), joinedload(Submission.translation_checked_by),
          selectinload(Submission.notes).joinedload(Note.author),
          selectinload(Submission.replies).joinedload(Reply.author))


@dataclass(frozen=True)
class TimelineEntry:
    """A note or a reply on a submission's page; `language` is set for replies only."""
    created_at: datetime
    author_email: str | None
    body: str
    language: str | None


def find_submission(db_session: Session, submission_id: int) -> Submission | None:
    """The submission with all its page shows."""
    return db_session.get(Submission, submission_id, options=_SHOWN)


# Ids per query when loading a bulk change's submissions: well under every database's limit on parameters.
_IDS_PER_QUERY = 1000


def find_submissions(db_session: Session, submission_ids: list[int]) -> list[Submission]:
    """Submissions for a bulk change (all that match the inbox's filters: thousands, perhaps)."""
    found: list[Submission] = []
    for start in range(0, len(submission_ids), _IDS_PER_QUERY):
        chunk = submission_ids[start:start + _IDS_PER_QUERY]
        found += db_session.scalars(select(Submission).where(Submission.id.in_(chunk)).options(*_CHANGED))
    return found


def timeline(submission: Submission) -> list[TimelineEntry]:
    """Notes and replies, oldest first."""
    entries = [TimelineEntry(note.created_at, note.author.email if note.author else None, note.body, None)
               for note in submission.notes]
    entries += [TimelineEntry(reply.created_at, reply.author.email if reply.author else None, reply.body,
                              reply.language) for reply in submission.replies]
    return sorted(entries, key=lambda entry: entry.created_at)


def parse_tags(typed: str) -> list[str]:
    """"housing, Police ;urgent" -> ["housing", "police", "urgent"]: a plain field, no JavaScript needed."""
    names = [name.strip().lower()[:64] for name in _TAG_SEPARATORS.split(typed or "")]
    return sorted({name for name in names if name})


def tags_named(db_session: Session, names: list[str]) -> list[Tag]:
    """Existing tags by name, creating the missing ones on the fly."""
    existing = {tag.name: tag for tag in db_session.scalars(select(Tag).where(Tag.name.in_(names)))}
    for name in names:
        if name not in existing:
            existing[name] = Tag(name=name)
            db_session.add(existing[name])
    return [existing[name] for name in names]


def set_status(db_session: Session, submission: Submission, status: Status, *, actor: User | None, note: str = "",
               tell_residents: bool = True) -> bool:
    """Whether it changed. tell_residents=False: the caller queues the closing emails itself (bulk_apply does,
    for all its rows at once)."""
    if status == submission.status:
        return False
    if status in STATUSES_NEEDING_A_NOTE and not note.strip():
        raise TriageError("Write a note saying why, when you refer or close a submission.")
    audit.record(db_session, "submission.status_changed", actor=actor, submission=submission,
                 old=submission.status.value, new=status.value)
    submission.status = status
    submission.closed_at = utcnow() if status == Status.CLOSED else None  # retention counts from closing
    if status == Status.CLOSED and tell_residents:
        resident_mail.queue_closed(db_session, submission)  # sent once the request commits
    return True


def assign(db_session: Session, submission: Submission, assignee: User | None, *, actor: User) -> None:
    if assignee is submission.assignee:
        return
    audit.record(db_session, "submission.assigned", actor=actor, submission=submission,
                 assignee=assignee.email if assignee else None)
    submission.assignee = assignee


def add_tags(db_session: Session, submission: Submission, names: list[str], *, actor: User) -> None:
    _attach(db_session, submission, tags_named(db_session, names), actor=actor)


def _attach(db_session: Session, submission: Submission, tags: list[Tag], *, actor: User) -> None:
    new = [tag for tag in tags if tag not in submission.tags]
    if new:
        submission.tags.extend(new)
        audit.record(db_session, "submission.tagged", actor=actor, submission=submission,
                     added=[tag.name for tag in new])


def apply_triage(db_session: Session, submission: Submission, change: TriageChange, *, actor: User) -> None:
    """The triage form: category, status, assignee, priority, tags and an optional note, in one go."""
    set_status(db_session, submission, change.status, actor=actor, note=change.note)
    if change.note.strip():
        add_note(db_session, submission, change.note, actor=actor)
    assign(db_session, submission, change.assignee, actor=actor)
    if change.category is not submission.category:
        audit.record(db_session, "submission.category_changed", actor=actor, submission=submission,
                     old=submission.category.slug if submission.category else None,
                     new=change.category.slug if change.category else None)
        submission.category = change.category
    if change.priority != submission.priority:
        audit.record(db_session, "submission.priority_changed", actor=actor, submission=submission,
                     old=submission.priority.value, new=change.priority.value)
        submission.priority = change.priority
    wanted = tags_named(db_session, change.tag_names)
    if {tag.name for tag in wanted} != {tag.name for tag in submission.tags}:
        audit.record(db_session, "submission.tags_changed", actor=actor, submission=submission,
                     tags=[tag.name for tag in wanted])
        submission.tags = wanted


def add_note(db_session: Session, submission: Submission, body: str, *, actor: User) -> Note:
    note = Note(submission=submission, body=body.strip(), author=actor)
    db_session.add(note)
    audit.record(db_session, "submission.note_added", actor=actor, submission=submission)
    return note


def reply_language(db_session: Session, submission: Submission) -> str:
    """The language the resident chose for contact, else the language they wrote in."""
    chosen = db_session.scalar(select(Contact.preferred_language).where(Contact.submission_id == submission.id))
    return chosen or submission.language


def add_reply(db_session: Session, submission: Submission, body: str, *, actor: User) -> Reply:
    reply = Reply(submission=submission, body=body.strip(), language=reply_language(db_session, submission),
                  author=actor)
    db_session.add(reply)
    audit.record(db_session, "submission.replied", actor=actor, submission=submission)
    resident_mail.queue_reply(db_session, submission)  # sent once the request commits
    return reply


def save_redaction(db_session: Session, submission: Submission, redacted: str, *, actor: User) -> None:
    submission.redacted_text = redacted.strip()
    audit.record(db_session, "submission.redacted", actor=actor, submission=submission)


def mark_duplicate(db_session: Session, submission: Submission, original: Submission | None, *,
                   actor: User) -> None:
    """Point a duplicate at its original (always the first of a chain), or clear it with None."""
    if original is not None:
        original = original.original
        if original.id == submission.id:
            raise TriageError("A submission cannot be a duplicate of itself.")
    submission.duplicate_of = original
    audit.record(db_session, "submission.duplicate_marked" if original else "submission.duplicate_cleared",
                 actor=actor, submission=submission, original=original.reference if original else None)


def reference_lines(typed: str) -> list[str]:
    """Codes typed one per line (or separated by commas), each once, in the order typed. Spaces inside a line
    stay: a code may be typed with them."""
    return list(dict.fromkeys(code.strip() for code in re.split(r"[\n,;]+", typed or "") if code.strip()))


def mark_duplicates_of(db_session: Session, submission: Submission, typed_codes: list[str], *,
                       actor: User) -> list[Submission]:
    """Marks every submission a code names as a duplicate of this one (of its original, if it is a duplicate
    itself); all of them or, when a code is refused, none, with every refused code named."""
    original = submission.original
    found, refused = [], []
    for code in typed_codes:
        named = find_by_reference(db_session, code)
        if named is None:
            refused.append(f"{code} (no submission has this code)")
        elif named.id == original.id or named.id == submission.id:
            refused.append(f"{code} (this submission or its original)")
        else:
            found.append(named)
    if refused:
        raise TriageError("Nothing was marked. Refused: " + "; ".join(refused) + ".")
    if not found:
        raise TriageError("Write the reference codes of its duplicates, one per line.")
    for named in found:
        mark_duplicate(db_session, named, original, actor=actor)
    return found


def reveal_contact(db_session: Session, submission: Submission, *, actor: User) -> Contact | None:
    """Contact details, recorded in the audit log each time someone looks."""
    audit.record(db_session, "submission.contact_revealed", actor=actor, submission=submission)
    return db_session.get(Contact, submission.id)


def bulk_apply(db_session: Session, submissions: list[Submission], action: str, value: str, *,
               actor: User, users: dict[str, User], note: str = "") -> None:
    """Assign, set a status (with the note it may need) or add tags, on every chosen submission: thousands, when
    staff act on every match of the inbox's filters."""
    tags = tags_named(db_session, parse_tags(value)) if action == "tag" else []
    closed = []
    # One flush at the commit rather than one before each query a row makes (closing looks up who to email):
    # each flush walks every changed object, so flushing per row grows with the square of the rows.
    with db_session.no_autoflush:
        for submission in submissions:
            if action == "assign":
                assign(db_session, submission, users.get(value), actor=actor)
            elif action == "status":
                if set_status(db_session, submission, Status(value), actor=actor, note=note,
                              tell_residents=False) and submission.status == Status.CLOSED:
                    closed.append(submission)
                if note.strip():
                    add_note(db_session, submission, note, actor=actor)
            elif action == "tag":
                _attach(db_session, submission, tags, actor=actor)
            else:
                raise TriageError(f"Unknown bulk action {action!r}.")
    resident_mail.queue_closed(db_session, *closed)  # sent once the request commits


def recent_meetings(db_session: Session, limit: int = 100) -> list[Meeting]:
    """Meetings a paper feedback form may be about, newest first."""
    return list(db_session.scalars(select(Meeting).order_by(Meeting.starts_at.desc()).limit(limit)))


def enter_for_someone(db_session: Session, *, kind: Kind, source: Source, language: str, category: Category | None,
                      meeting: Meeting | None, body: str, neighbourhood: str, answers: FeedbackAnswers | None,
                      contact: ContactDetails | None, english_summary: str, actor: User) -> Submission:
    """A concern or a meeting's feedback that staff enter from a paper form, a call or a conversation: the
    person's words in their language as the text, an English summary (when staff write one) as the translation,
    and a note saying who entered it and, with contact details, that the person agreed to them being kept."""
    if kind == Kind.MEETING_FEEDBACK:
        if meeting is None or answers is None:
            raise TriageError("Feedback needs its meeting and ratings.")
        created = record_meeting_feedback(db_session, meeting=meeting, language=language, answers=answers,
                                          contact=contact, source=source)
        created.neighbourhood = neighbourhood
    else:
        if category is None:
            raise TriageError("A concern needs a topic.")
        created = record_concern(db_session, language=language, category=category, body=body,
                                 neighbourhood=neighbourhood, occurred_on=None, contact=contact, source=source)
    note = "Entered by staff."
    if contact is not None:
        note += " The person agreed that we keep their contact details to call or write back."
    add_note(db_session, created, note, actor=actor)
    if english_summary.strip():
        save_checked_translation(db_session, created, english_summary, actor=actor)
    return created

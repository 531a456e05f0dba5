"""Meetings: which ones residents see, local times and UTC, what staff change, the closing report and feedback figures.

Times are stored in UTC. Staff type wall-clock times in the city's zone (app.config["TIMEZONE"]); zoneinfo turns
them into UTC, so a meeting at 6:30 pm stays at 6:30 pm on both sides of a daylight-saving change.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, UTC
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.platform.domain import DomainError
from portal.models import Category, Interpretation, Kind, Meeting, Status, Submission, User
from portal.accounts import audit
from portal.submissions.intake import find_by_reference
from portal.translation.english import BestEnglish, best_english, written_language

RECENT = timedelta(days=60)
DEFAULT_FEEDBACK_DAYS = 30
RATINGS = (1, 2, 3, 4, 5)


@dataclass
class MeetingList:
    upcoming: list[Meeting]
    recent: list[Meeting]


def public_meetings(db_session: Session, now: datetime) -> MeetingList:
    """Upcoming meetings soonest first; meetings of the last 60 days newest first."""
    upcoming = db_session.scalars(select(Meeting).where(Meeting.starts_at >= now).order_by(Meeting.starts_at))
    recent = db_session.scalars(
        select(Meeting)
        .where(Meeting.starts_at < now, Meeting.starts_at >= now - RECENT)
        .order_by(Meeting.starts_at.desc())
    )
    return MeetingList(upcoming=list(upcoming), recent=list(recent))


def staff_meetings(db_session: Session, now: datetime) -> MeetingList:
    """Every meeting for the back office: upcoming soonest first, then all past ones newest first."""
    upcoming = db_session.scalars(select(Meeting).where(Meeting.starts_at >= now).order_by(Meeting.starts_at))
    past = db_session.scalars(select(Meeting).where(Meeting.starts_at < now).order_by(Meeting.starts_at.desc()))
    return MeetingList(upcoming=list(upcoming), recent=list(past))


def default_feedback_window(starts_at: datetime) -> tuple[datetime, datetime]:
    """Feedback opens when the meeting starts and closes 30 days later."""
    return starts_at, starts_at + timedelta(days=DEFAULT_FEEDBACK_DAYS)


# Local wall-clock time <-> UTC ------------------------------------------------------------------------------------

class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped when the clocks move forward (2:30 am on the US spring-forward night)."""


def local_to_utc(wall_time: datetime, zone: str) -> datetime:
    """A naive wall-clock time in `zone` as an aware UTC datetime.

    A time that happens twice (when the clocks go back) means its first occurrence, daylight time; a time that
    never happens raises NonexistentLocalTime rather than silently moving the meeting by an hour.
    """
    local = wall_time.replace(tzinfo=ZoneInfo(zone), fold=0)
    in_utc = local.astimezone(UTC)
    if in_utc.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != wall_time.replace(fold=0):
        raise NonexistentLocalTime(wall_time.isoformat(timespec="minutes"))
    return in_utc


def utc_to_local(moment: datetime, zone: str) -> datetime:
    """An aware datetime as naive wall-clock time in `zone`, as staff type it."""
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


# What staff change ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingDetails:
    title: dict[str, str]  # language tag -> text; English required
    description: dict[str, str]
    starts_at: datetime  # aware, any zone
    ends_at: datetime
    place: str
    online_url: str | None
    organisers: str
    partners: str
    interpreted_languages: list[str]
    feedback_opens_at: datetime | None = None  # None: the default window
    feedback_closes_at: datetime | None = None


def _apply(meeting: Meeting, details: MeetingDetails) -> list[str]:
    """Copies the details onto the meeting; returns the names of the fields that changed."""
    opens, closes = default_feedback_window(details.starts_at)
    values = {
        "title": {tag: text for tag, text in details.title.items() if text},
        "description": {tag: text for tag, text in details.description.items() if text},
        "starts_at": details.starts_at.astimezone(UTC),
        "ends_at": details.ends_at.astimezone(UTC),
        "place": details.place,
        "online_url": details.online_url or None,
        "organisers": details.organisers,
        "partners": details.partners,
        "interpreted_languages": list(details.interpreted_languages),
        "feedback_opens_at": (details.feedback_opens_at or opens).astimezone(UTC),
        "feedback_closes_at": (details.feedback_closes_at or closes).astimezone(UTC),
    }
    changed = [name for name, value in values.items() if getattr(meeting, name, None) != value]
    for name, value in values.items():
        setattr(meeting, name, value)
    return changed


def create_meeting(db_session: Session, details: MeetingDetails, *, actor: User | None) -> Meeting:
    meeting = Meeting()
    _apply(meeting, details)
    db_session.add(meeting)
    db_session.flush()
    audit.record(db_session, "meeting.create", actor=actor, meeting_id=meeting.id, title=meeting.title["en"])
    return meeting


def update_meeting(db_session: Session, meeting: Meeting, details: MeetingDetails, *, actor: User | None) -> list[str]:
    changed = _apply(meeting, details)
    if changed:
        audit.record(db_session, "meeting.edit", actor=actor, meeting_id=meeting.id, changed=", ".join(changed))
    return changed


def cancel_meeting(db_session: Session, meeting: Meeting, *, actor: User | None, now: datetime) -> bool:
    """Marks the meeting cancelled (residents see it, feedback closes); False when it already was."""
    if meeting.cancelled_at is not None:
        return False
    meeting.cancelled_at = now
    audit.record(db_session, "meeting.cancel", actor=actor, meeting_id=meeting.id)
    return True


@dataclass(frozen=True)
class ClosingReport:
    attendance: int | None
    organisations_present: str
    summary: dict[str, str]  # language tag -> text; English required


class ReportNotOpen(DomainError):
    """The meeting has not started yet, or is cancelled: there is nothing to report."""


def save_report(db_session: Session, meeting: Meeting, report: ClosingReport, *, actor: User | None,
                now: datetime) -> None:
    """Save and publish the closing report: residents read its summary on the meeting's page."""
    if not meeting.takes_report(now):
        raise ReportNotOpen("the meeting has not started or is cancelled")
    meeting.attendance = report.attendance
    meeting.organisations_present = report.organisations_present
    meeting.summary = {tag: text for tag, text in report.summary.items() if text}
    first = meeting.reported_at is None
    meeting.reported_at = now
    audit.record(db_session, "meeting.report", actor=actor, meeting_id=meeting.id, first=first,
                 attendance=report.attendance)


def take_down_report(db_session: Session, meeting: Meeting, *, actor: User | None) -> bool:
    """Residents no longer see the summary; staff keep its texts to correct and publish again."""
    if not meeting.has_report:
        return False
    meeting.reported_at = None
    audit.record(db_session, "meeting.report_taken_down", actor=actor, meeting_id=meeting.id)
    return True


# Submissions a meeting produced ---------------------------------------------------------------------------------

class LinkError(DomainError):
    """Why a reference code cannot be linked: "unknown" or "feedback"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LinkedConcern:
    """A concern linked to a meeting, as the reader may see it."""

    submission_id: int
    reference: str | None  # a bearer secret: only for readers who triage
    language: str
    topic: str | None
    status: Status


def linked_concerns(db_session: Session, meeting: Meeting, *, reads_originals: bool) -> list[LinkedConcern]:
    """Concerns staff linked to the meeting (raised there), oldest first, in one query. Feedback is linked by
    itself."""
    rows = db_session.execute(
        select(Submission.id, Submission.reference, Submission.language, Submission.status, Category)
        .outerjoin(Submission.category)
        .where(Submission.meeting_id == meeting.id, Submission.kind == Kind.CONCERN)
        .order_by(Submission.created_at, Submission.id))
    return [LinkedConcern(submission_id=row.id, reference=row.reference if reads_originals else None,
                          language=row.language, topic=row.Category.name_in("en") if row.Category else None,
                          status=row.status)
            for row in rows]


def link_concern(db_session: Session, meeting: Meeting, typed_reference: str, *, actor: User | None) -> Submission:
    """Links the concern with this reference code to the meeting (moving it from another meeting, if any).

    A concern is raised at one meeting, so the link is the submission's own meeting_id: the inbox's meeting filter
    and the submission's page show it with no further table.
    """
    submission = find_by_reference(db_session, typed_reference)
    if submission is None:
        raise LinkError("unknown")
    if submission.kind is not Kind.CONCERN:
        raise LinkError("feedback")
    previous = submission.meeting_id
    if previous != meeting.id:
        submission.meeting = meeting
        audit.record(db_session, "meeting.link_concern", actor=actor, submission=submission, meeting_id=meeting.id,
                     previous_meeting_id=previous)
    return submission


def unlink_concern(db_session: Session, meeting: Meeting, submission: Submission, *, actor: User | None) -> bool:
    if submission.kind is not Kind.CONCERN or submission.meeting_id != meeting.id:
        return False
    submission.meeting = None
    audit.record(db_session, "meeting.unlink_concern", actor=actor, submission=submission, meeting_id=meeting.id)
    return True


# The feedback summary ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comment:
    """A comment as the reader may see it: the original texts and the code for readers who triage, else only the
    redacted text (None until staff write it)."""

    language: str
    created_at: datetime
    submission_id: int | None = None
    reference: str | None = None
    act_on: str = ""
    improvement: str = ""
    redacted_text: str | None = None
    # The best English this reader may see (portal/translation/english.py): for viewers, a person's English of the
    # redacted text only; for staff, a checked translation, else the machine's draft (english.machine: labelled).
    english: BestEnglish | None = None


@dataclass(frozen=True)
class Rating:
    average: float | None
    distribution: tuple[tuple[int, int], ...]  # (1..5, count), zero-filled


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    usefulness: Rating
    felt_heard: Rating
    # language tag -> counts per answer (None: not answered), languages with most responses first
    interpretation_by_language: tuple[tuple[str, dict[Interpretation | None, int]], ...]
    comments: tuple[Comment, ...] = field(default=())
    comments_redacted: bool = True  # the comments hold only redacted text


def _rating(values: list[int | None]) -> Rating:
    given = [value for value in values if value is not None]
    counts = Counter(given)
    average = round(sum(given) / len(given), 2) if given else None
    return Rating(average=average, distribution=tuple((value, counts.get(value, 0)) for value in RATINGS))


def _comment(row, reads_originals: bool) -> Comment:
    english = best_english(row, reads_originals=reads_originals)
    if reads_originals:
        return Comment(language=written_language(row), created_at=row.created_at, submission_id=row.id,
                       reference=row.reference, act_on=row.body, improvement=row.improvement, english=english)
    return Comment(language=written_language(row), created_at=row.created_at, redacted_text=row.redacted_text,
                   english=english)


def feedback_summary(db_session: Session, meeting: Meeting, *, reads_originals: bool) -> FeedbackSummary:
    """Figures and comments from the meeting's feedback; reads no contact details. Comments hold original texts
    and reference codes only when the reader triages (portal.accounts.permissions.reads_originals)."""
    rows = db_session.execute(
        select(Submission.id, Submission.reference, Submission.language, Submission.usefulness,
               Submission.felt_heard, Submission.interpretation, Submission.body, Submission.improvement,
               Submission.redacted_text, Submission.created_at, Submission.detected_language,
               Submission.translation, Submission.machine_translation, Submission.redacted_translation)
        .where(Submission.meeting_id == meeting.id, Submission.kind == Kind.MEETING_FEEDBACK)
        .order_by(Submission.created_at, Submission.id)
    ).all()
    by_language: dict[str, Counter] = {}
    for row in rows:
        by_language.setdefault(row.language, Counter())[row.interpretation] += 1
    ordered = sorted(by_language.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    return FeedbackSummary(
        responses=len(rows),
        usefulness=_rating([row.usefulness for row in rows]),
        felt_heard=_rating([row.felt_heard for row in rows]),
        interpretation_by_language=tuple((tag, dict(counts)) for tag, counts in ordered),
        comments=tuple(_comment(row, reads_originals) for row in rows if row.body or row.improvement),
        comments_redacted=not reads_originals,
    )


def feedback_counts(db_session: Session) -> dict[int, int]:
    """Feedback responses per meeting id, in one GROUP BY."""
    rows = db_session.execute(
        select(Submission.meeting_id, func.count(Submission.id))
        .where(Submission.kind == Kind.MEETING_FEEDBACK, Submission.meeting_id.is_not(None))
        .group_by(Submission.meeting_id))
    return {cast(int, meeting_id): count for meeting_id, count in rows}  # the WHERE leaves no NULL

"""The staff inbox: filters that live in the URL, per-status counts, and keyset pagination that stays fast."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.orm import Session, selectinload

from portal.models import Kind, Priority, Reply, Role, Status, Submission, Tag, User, submission_tag
from portal.models.types import UTCDateTime
from portal.platform.city_days import start_of_day
from portal.submissions import search

UNASSIGNED = "none"
# The language a submission is written in (detected, or corrected by staff), else the page's: what staff filter by.
WRITTEN_LANGUAGE = func.coalesce(Submission.detected_language, Submission.language)
# The inbox's orders: newest first (the default), or those without a reply, the longest waiting first.
NEWEST = ""
OLDEST_UNANSWERED = "unanswered"


@dataclass(frozen=True)
class InboxFilters:
    status: Status | None = None
    kind: Kind | None = None
    category_id: int | None = None
    language: str | None = None
    meeting_id: int | None = None
    assignee: str | None = None  # a user id, or "none" for unassigned
    priority: Priority | None = None
    tag: str | None = None
    received_from: date | None = None
    received_to: date | None = None
    follow_up: bool = False
    waiting_days: int | None = None  # no reply yet, not closed, received more than this many days ago
    q: str = ""
    sort: str = NEWEST

    def without_status(self) -> InboxFilters:
        return replace(self, status=None)

    def as_query_args(self) -> dict[str, str]:
        """The filters as URL parameters, so a view can be bookmarked and shared."""
        args = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value not in (None, "", False):
                args[field.name] = "1" if value is True else str(value)
        return args


@dataclass(frozen=True)
class Cursor:
    created_at: datetime
    id: int

    def encode(self) -> str:
        return f"{self.created_at.timestamp():.6f}_{self.id}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        try:
            stamp, identifier = (value or "").split("_")
            return cls(datetime.fromtimestamp(float(stamp), UTC), int(identifier))
        except ValueError:
            return None


def _conditions(db_session: Session, filters: InboxFilters, *, newest_first: bool = False) -> list:
    conditions = []
    simple = {Submission.status: filters.status, Submission.kind: filters.kind,
              Submission.category_id: filters.category_id, WRITTEN_LANGUAGE: filters.language,
              Submission.meeting_id: filters.meeting_id, Submission.priority: filters.priority}
    conditions += [column == value for column, value in simple.items() if value is not None]
    if filters.assignee == UNASSIGNED:
        conditions.append(Submission.assignee_id.is_(None))
    elif filters.assignee:
        conditions.append(Submission.assignee_id == int(filters.assignee))
    if filters.tag:
        tagged = select(submission_tag.c.submission_id).join(Tag).where(Tag.name == filters.tag.lower())
        conditions.append(Submission.id.in_(tagged))
    if filters.received_from:
        conditions.append(Submission.created_at >= start_of_day(filters.received_from))
    if filters.received_to:
        conditions.append(Submission.created_at < start_of_day(filters.received_to + timedelta(days=1)))
    if filters.follow_up:
        conditions.append(Submission.follow_up_requested.is_(True))
    if filters.waiting_days is not None or filters.sort == OLDEST_UNANSWERED:
        conditions.append(_without_reply())
    if filters.waiting_days is not None:
        conditions.append(Submission.status != Status.CLOSED)
        conditions.append(Submission.created_at < datetime.now(UTC) - timedelta(days=filters.waiting_days))
    text_match = search.matches(db_session, filters.q, newest_first=newest_first)
    if text_match is not None:
        conditions.append(text_match)
    return conditions


def _without_reply():
    return ~select(Reply.id).where(Reply.submission_id == Submission.id).exists()


def filtered(db_session: Session, filters: InboxFilters, *, newest_first: bool = False) -> Select:
    """newest_first: only the newest few rows will be read (search.matches says why that matters)."""
    return select(Submission).where(*_conditions(db_session, filters, newest_first=newest_first))


def _oldest_first(filters: InboxFilters) -> bool:
    return filters.sort == OLDEST_UNANSWERED


def _ordered(query: Select, filters: InboxFilters, *, reverse: bool = False) -> Select:
    """The inbox's order, or (reverse) the opposite one, on (created_at, id) so a cursor can seek into it."""
    ascending = _oldest_first(filters) != reverse
    if ascending:
        return query.order_by(Submission.created_at.asc(), Submission.id.asc())
    return query.order_by(Submission.created_at.desc(), Submission.id.desc())


def _beyond(query: Select, filters: InboxFilters, cursor: Cursor, *, reverse: bool = False) -> Select:
    """The rows after the cursor in the inbox's order (reverse: before it)."""
    # A row-value comparison, so both databases seek straight into (created_at, id) instead of scanning.
    key = tuple_(literal(cursor.created_at, UTCDateTime()), literal(cursor.id))
    row = tuple_(Submission.created_at, Submission.id)
    ascending = _oldest_first(filters) != reverse
    return query.where(row > key if ascending else row < key)


def page(db_session: Session, filters: InboxFilters, after: Cursor | None, size: int
         ) -> tuple[list[Submission], Cursor | None]:
    """One page in the inbox's order, starting after the cursor; and the cursor of the next page, if any."""
    query = _ordered(filtered(db_session, filters, newest_first=not _oldest_first(filters)), filters)
    if after is not None:
        query = _beyond(query, filters, after)
    query = query.options(selectinload(Submission.tags), selectinload(Submission.assignee),
                          selectinload(Submission.category)).limit(size + 1)
    rows = list(db_session.scalars(query))
    if len(rows) > size:
        rows = rows[:size]
        return rows, Cursor(rows[-1].created_at, rows[-1].id)
    return rows, None


def neighbours(db_session: Session, filters: InboxFilters, submission: Submission) -> tuple[int | None, int | None]:
    """The ids of the submissions just before and just after this one in the inbox under these filters, so a
    person can walk through what they filtered without going back to the list."""
    here = Cursor(submission.created_at, submission.id)
    found = []
    for reverse in (True, False):
        query = _beyond(_ordered(filtered(db_session, filters), filters, reverse=reverse), filters, here,
                        reverse=reverse)
        found.append(db_session.scalar(query.with_only_columns(Submission.id).limit(1)))
    return found[0], found[1]


def matching_ids(db_session: Session, filters: InboxFilters) -> list[int]:
    """Every submission these filters match, for a bulk action on all of them."""
    query = select(Submission.id).where(*_conditions(db_session, filters)).order_by(Submission.id)
    return list(db_session.scalars(query))


@dataclass(frozen=True)
class OpenWork:
    """One person's open submissions (None: nobody's), and since when the longest waiting has had no reply."""
    person: User | None
    open_count: int
    oldest_waiting: datetime | None


def open_work(db_session: Session) -> list[OpenWork]:
    """How many submissions that are not closed each person holds, and the oldest of them without a reply:
    everyone who may triage, with nothing open too, then the unassigned."""
    is_open = Submission.status != Status.CLOSED
    counts = dict(db_session.execute(select(Submission.assignee_id, func.count()).where(is_open)
                                     .group_by(Submission.assignee_id)).all())
    oldest = dict(db_session.execute(select(Submission.assignee_id, func.min(Submission.created_at))
                                     .where(is_open, _without_reply()).group_by(Submission.assignee_id)).all())
    people = db_session.scalars(select(User).where(User.active, User.role != Role.VIEWER).order_by(User.email))
    rows = [OpenWork(person, counts.get(person.id, 0), oldest.get(person.id)) for person in people]
    rows.sort(key=lambda row: -row.open_count)
    return [*rows, OpenWork(None, counts.get(None, 0), oldest.get(None))]


def status_counts(db_session: Session, filters: InboxFilters) -> dict[Status, int]:
    """How many match the other filters, for each status."""
    query = (select(Submission.status, func.count())
             .where(*_conditions(db_session, filters.without_status())).group_by(Submission.status))
    counts = dict.fromkeys(Status, 0)
    counts.update(dict(db_session.execute(query).all()))
    return counts


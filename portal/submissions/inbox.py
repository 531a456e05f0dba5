"""The staff inbox: filters that live in the URL, per-status counts, and keyset pagination that stays fast."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.orm import Session, selectinload

from portal.models import Kind, Priority, Status, Submission, Tag, submission_tag
from portal.models.types import UTCDateTime
from portal.platform.city_days import start_of_day
from portal.submissions import search

UNASSIGNED = "none"
# The language a submission is written in (detected, or corrected by staff), else the page's: what staff filter by.
WRITTEN_LANGUAGE = func.coalesce(Submission.detected_language, Submission.language)


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
    q: str = ""

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
    text_match = search.matches(db_session, filters.q, newest_first=newest_first)
    if text_match is not None:
        conditions.append(text_match)
    return conditions


def filtered(db_session: Session, filters: InboxFilters, *, newest_first: bool = False) -> Select:
    """newest_first: only the newest few rows will be read (search.matches says why that matters)."""
    return select(Submission).where(*_conditions(db_session, filters, newest_first=newest_first))


def page(db_session: Session, filters: InboxFilters, after: Cursor | None, size: int
         ) -> tuple[list[Submission], Cursor | None]:
    """One page, newest first, starting after the cursor; and the cursor of the next page, if any."""
    query = filtered(db_session, filters, newest_first=True).order_by(Submission.created_at.desc(),
                                                                      Submission.id.desc())
    if after is not None:
        # A row-value comparison, so both databases seek straight into (created_at, id) instead of scanning.
        cursor = tuple_(literal(after.created_at, UTCDateTime()), literal(after.id))
        query = query.where(tuple_(Submission.created_at, Submission.id) < cursor)
    query = query.options(selectinload(Submission.tags), selectinload(Submission.assignee),
                          selectinload(Submission.category)).limit(size + 1)
    rows = list(db_session.scalars(query))
    if len(rows) > size:
        rows = rows[:size]
        return rows, Cursor(rows[-1].created_at, rows[-1].id)
    return rows, None


def status_counts(db_session: Session, filters: InboxFilters) -> dict[Status, int]:
    """How many match the other filters, for each status."""
    query = (select(Submission.status, func.count())
             .where(*_conditions(db_session, filters.without_status())).group_by(Submission.status))
    counts = dict.fromkeys(Status, 0)
    counts.update(dict(db_session.execute(query).all()))
    return counts


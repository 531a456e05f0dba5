"""The dashboard's figures: counts of what came in during a period, by status, topic, language, source, ISO week
and month (reports use the same figures).

Counts only, never texts or contact details, so viewers may see them. Two GROUP BY queries over the submissions
created in the period (the created_at index narrows it) give every figure, so it stays fast with a million rows:
Python only adds up the groups, a few hundred by status, topic and language, and at most one per day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, UTC

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import Session

from portal.models import Category, Source, Status, Submission

NO_TOPIC = "No topic"  # the English label of submissions without a category, as Category.name_in("en") is


@dataclass(frozen=True)
class DashboardFigures:
    start: date
    end: date  # inclusive
    total: int
    by_status: tuple[tuple[Status, int], ...]  # every status, in enum order, zero-filled
    by_category: tuple[tuple[str, int], ...]  # English topic names, most first, then "No topic"
    by_language: tuple[tuple[str, int], ...]  # language tags that occur, most first
    by_week: tuple[tuple[str, int], ...]  # every ISO week the period touches ("2026-W45"), zero-filled
    by_source: tuple[tuple[Source, int], ...] = ()  # every source, in enum order, zero-filled
    by_month: tuple[tuple[str, int], ...] = ()  # every month the period touches ("2026-11"), zero-filled


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _utc_day(db_session: Session):
    """created_at's calendar day in UTC, as SQL that works on the dialect in use."""
    if db_session.get_bind().dialect.name == "postgresql":
        # timestamptz -> UTC wall time first, so the day does not depend on the connection's time zone.
        return cast(func.timezone("UTC", Submission.created_at), Date)
    return func.date(Submission.created_at)  # SQLite keeps naive UTC text: "YYYY-MM-DD ..." -> "YYYY-MM-DD"


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def week_label(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_between(start: date, end: date) -> list[str]:
    """Every ISO week from start's to end's, in order."""
    monday = start - timedelta(days=start.weekday())
    labels = []
    while monday <= end:
        labels.append(week_label(monday))
        monday += timedelta(weeks=1)
    return labels


def months_between(start: date, end: date) -> list[str]:
    """Every calendar month from start's to end's, in order ("2026-11")."""
    labels, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def period_counts(db_session: Session, start: date, end: date) -> DashboardFigures:
    """Counts of the submissions created from the start of `start` to the end of `end` (UTC days)."""
    in_period = (Submission.created_at >= _start_of(start),
                 Submission.created_at < _start_of(end + timedelta(days=1)))
    count = func.count(Submission.id)

    # One pass for three figures: at most statuses × topics × languages groups (a few hundred), summed here.
    statuses = dict.fromkeys(Status, 0)
    sources = dict.fromkeys(Source, 0)
    per_category: dict[int | None, int] = defaultdict(int)
    per_language: dict[str, int] = defaultdict(int)
    groups = (select(Submission.status, Submission.category_id, Submission.language, Submission.source, count)
              .where(*in_period)
              .group_by(Submission.status, Submission.category_id, Submission.language, Submission.source))
    for status, category_id, language, source, number in db_session.execute(groups):
        statuses[status] += number
        sources[source] += number
        per_category[category_id] += number
        per_language[language] += number

    categories = db_session.scalars(select(Category).order_by(Category.position, Category.id)).all()
    shown = [category for category in categories if category.active or per_category.get(category.id)]
    shown.sort(key=lambda category: -per_category.get(category.id, 0))  # stable: ties keep their position
    by_category = [(category.name_in("en"), per_category.get(category.id, 0)) for category in shown]
    by_category.append((NO_TOPIC, per_category.get(None, 0)))
    by_language = sorted(per_language.items(), key=lambda item: (-item[1], item[0]))

    # The created_at index alone answers this one; at most one row per day of the period.
    day = _utc_day(db_session).label("day")
    weeks = dict.fromkeys(weeks_between(start, end), 0)
    months = dict.fromkeys(months_between(start, end), 0)
    for value, number in db_session.execute(select(day, count).where(*in_period).group_by(day)):
        weeks[week_label(_as_date(value))] += number
        months[_as_date(value).strftime("%Y-%m")] += number

    return DashboardFigures(
        start=start, end=end, total=sum(statuses.values()),
        by_status=tuple(statuses.items()), by_category=tuple(by_category),
        by_language=tuple(by_language), by_week=tuple(weeks.items()),
        by_source=tuple(sources.items()), by_month=tuple(months.items()),
    )

"""Counts of the submissions that came in during a period, by status, topic, language, source, ISO week and
month: the dashboard's figures, which reports and the weekly digest use too.

They count residents, not rows: a duplicate (the same person, or the same words sent again) is counted once, under
its original, and the number left out is given beside. Meeting feedback has no topic: it counts under "Feedback on
a meeting", never as "No topic".

Counts only, never texts or contact details, so viewers may see them. Two GROUP BY queries over the submissions
created in the period (the created_at index narrows it) give every figure, so it stays fast with a million rows:
Python only adds up the groups, a few hundred by status, topic and language, and at most one per day.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Category, Kind, Source, Status, Submission
from portal.platform.city_days import day_of, days_span

NO_TOPIC = "No topic"  # the English label of concerns without a category, as Category.name_in("en") is
MEETING_FEEDBACK = "Feedback on a meeting"  # the English label under which meeting feedback counts


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
    duplicates: int = 0  # left out of every figure above: counted under their originals


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
    """Counts of the submissions created from the start of `start` to the end of `end` (the city's days)."""
    since, until = days_span(start, end)
    received = (Submission.created_at >= since, Submission.created_at < until)
    in_period = (*received, Submission.duplicate_of_id.is_(None))
    count = func.count(Submission.id)

    # One pass for three figures: at most statuses × topics × languages groups (a few hundred), summed here.
    statuses = dict.fromkeys(Status, 0)
    sources = dict.fromkeys(Source, 0)
    per_category: dict[int | None, int] = defaultdict(int)
    per_language: dict[str, int] = defaultdict(int)
    feedback = 0
    groups = (select(Submission.status, Submission.kind, Submission.category_id, Submission.language,
                     Submission.source, count)
              .where(*in_period)
              .group_by(Submission.status, Submission.kind, Submission.category_id, Submission.language,
                        Submission.source))
    for status, kind, category_id, language, source, number in db_session.execute(groups):
        statuses[status] += number
        sources[source] += number
        per_language[language] += number
        if kind == Kind.MEETING_FEEDBACK and category_id is None:
            feedback += number
        else:
            per_category[category_id] += number

    categories = db_session.scalars(select(Category).order_by(Category.position, Category.id)).all()
    shown = [category for category in categories if category.active or per_category.get(category.id)]
    shown.sort(key=lambda category: -per_category.get(category.id, 0))  # stable: ties keep their position
    by_category = [(category.name_in("en"), per_category.get(category.id, 0)) for category in shown]
    by_category.append((MEETING_FEEDBACK, feedback))
    by_category.append((NO_TOPIC, per_category.get(None, 0)))
    by_language = sorted(per_language.items(), key=lambda item: (-item[1], item[0]))

    # The created_at index alone answers this one; at most one row per day of the period.
    day = day_of(db_session, Submission.created_at, start, end).label("day")
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
        duplicates=db_session.scalar(select(count).where(*received, Submission.duplicate_of_id.is_not(None))) or 0,
    )

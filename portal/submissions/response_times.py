"""How long residents wait: the median days to a first reply and to closing, by language and by topic.

For the submissions received in a period, duplicates left out (their residents hear through the original). The
medians are of those that got a reply, or were closed, so far; the counts beside them say how many that is.
Counts and days only, never a text: viewers see them on the dashboard and in reports.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from statistics import median

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Category, Reply, Submission
from portal.platform.city_days import days_span
from portal.submissions.counts import NO_TOPIC

SECONDS_PER_DAY = 86400


@dataclass(frozen=True)
class ResponseTime:
    label: str  # a language tag, an English topic name, or "" for all submissions
    received: int
    replied: int
    days_to_reply: str | None  # the median, one decimal, as text so a report's snapshot reads back exactly
    closed: int
    days_to_close: str | None

    def as_row(self) -> list:
        return [self.label, self.received, self.replied, self.days_to_reply, self.closed, self.days_to_close]


@dataclass(frozen=True)
class ResponseTimes:
    overall: ResponseTime
    by_language: tuple[ResponseTime, ...]  # most received first
    by_topic: tuple[ResponseTime, ...]

    def as_dict(self) -> dict:
        return {"overall": self.overall.as_row(), "by_language": [item.as_row() for item in self.by_language],
                "by_topic": [item.as_row() for item in self.by_topic]}


def _days(since: datetime, until: datetime | None) -> float | None:
    return None if until is None else max((until - since).total_seconds(), 0) / SECONDS_PER_DAY


def _summary(label: str, waits: list[tuple[float | None, float | None]]) -> ResponseTime:
    replies = [reply for reply, _close in waits if reply is not None]
    closings = [close for _reply, close in waits if close is not None]
    return ResponseTime(label=label, received=len(waits), replied=len(replies),
                        days_to_reply=f"{median(replies):.1f}" if replies else None, closed=len(closings),
                        days_to_close=f"{median(closings):.1f}" if closings else None)


def _grouped(groups: dict[str, list]) -> tuple[ResponseTime, ...]:
    return tuple(_summary(label, waits) for label, waits
                 in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def response_times(db_session: Session, start: date, end: date) -> ResponseTimes:
    since, until = days_span(start, end)
    first_reply = (select(Reply.submission_id, func.min(Reply.created_at).label("first_reply_at"))
                   .group_by(Reply.submission_id).subquery())
    rows = db_session.execute(
        select(Submission.language, Submission.category_id, Submission.created_at, Submission.closed_at,
               first_reply.c.first_reply_at)
        .outerjoin(first_reply, first_reply.c.submission_id == Submission.id)
        .where(Submission.created_at >= since, Submission.created_at < until, Submission.duplicate_of_id.is_(None)))
    topics = {category.id: category.name_in("en") for category in db_session.scalars(select(Category))}
    everything: list[tuple[float | None, float | None]] = []
    by_language: dict[str, list] = defaultdict(list)
    by_topic: dict[str, list] = defaultdict(list)
    for language, category_id, created_at, closed_at, first_reply_at in rows:
        waits = (_days(created_at, first_reply_at), _days(created_at, closed_at))
        everything.append(waits)
        by_language[language].append(waits)
        by_topic[topics.get(category_id, NO_TOPIC) if category_id else NO_TOPIC].append(waits)
    return ResponseTimes(overall=_summary("", everything), by_language=_grouped(by_language),
                         by_topic=_grouped(by_topic))

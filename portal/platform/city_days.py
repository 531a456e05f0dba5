"""The city's calendar days (app.config["TIMEZONE"]) as instants and in SQL: a period "from 2 to 22 November" on
the dashboard, in a report or in the inbox's filters means the city's days, whatever the server's zone, and a
submission sent at 23:30 counts on the day the resident sent it."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, UTC
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Date, case, cast, func
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def city_today() -> date:
    return datetime.now(city_zone()).date()


def start_of_day(day: date) -> datetime:
    """The UTC instant the city's `day` begins."""
    return datetime.combine(day, time.min, tzinfo=city_zone()).astimezone(UTC)


def days_span(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of the city's day `first` to the start of the day after `last`: [start, end) in UTC."""
    return start_of_day(first), start_of_day(last + timedelta(days=1))


def day_of(db_session: Session, column, first: date, last: date) -> ColumnElement:
    """The city's calendar day of a UTC timestamp column, as SQL, exact for the rows between `first` and `last`."""
    if db_session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone(current_app.config["TIMEZONE"], column), Date)
    # SQLite keeps naive UTC text and knows no zones: shift by the city's offset, which changes at most where the
    # clocks change within the period.
    shifts = [(since, f"{minutes:+d} minutes") for since, minutes in _offsets(*days_span(first, last))]
    if len(shifts) == 1:
        return func.date(column, shifts[0][1])
    changes = [(column < since, earlier)
               for (_since, earlier), (since, _later) in zip(shifts, shifts[1:], strict=False)]
    return func.date(column, case(*changes, else_=shifts[-1][1]))


def _offsets(start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The city's UTC offset in minutes from `start` on, and from each minute it changes before `end`."""

    def offset(instant: datetime) -> int:  # the city's wall clock minus UTC's, for a UTC instant
        wall_clock = instant.astimezone(city_zone()).replace(tzinfo=None)
        return int((wall_clock - instant.replace(tzinfo=None)).total_seconds()) // 60

    offsets = [(start, offset(start))]
    day_start = start
    while day_start < end:  # clocks change at most once a day: look for the minute within each day that did
        day_end = min(day_start + timedelta(days=1), end)
        if offset(day_end) != offsets[-1][1]:
            before, after = 0, int((day_end - day_start).total_seconds()) // 60
            while after - before > 1:
                middle = (before + after) // 2
                if offset(day_start + timedelta(minutes=middle)) == offsets[-1][1]:
                    before = middle
                else:
                    after = middle
            changed_at = day_start + timedelta(minutes=after)
            offsets.append((changed_at, offset(changed_at)))
        day_start = day_end
    return offsets

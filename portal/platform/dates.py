"""A meeting's date and times as each language writes them, from Babel's (CLDR's) patterns: an Arabic comma in
Arabic, "ساعت" in Dari, nothing between date and time in Pashto, never an English comma put between them by us."""
from __future__ import annotations

from datetime import datetime

from flask_babel import to_user_timezone
from markupsafe import Markup, escape

from portal.platform.i18n import dates_locale, format_date, format_time


def time_span(starts_at: datetime, ends_at: datetime) -> str:
    """"Friday, December 4, 2026, 6:30 PM – 8:30 PM" in the current locale and the city's time zone."""
    start, end = _start_and_end(starts_at, ends_at)
    return _interval(start, end)


def time_span_html(starts_at: datetime, ends_at: datetime) -> Markup:
    """The same, each end in a <time> element with its machine-readable value."""
    start, end = _start_and_end(starts_at, ends_at)
    return Markup(_interval(
        str(Markup('<time datetime="{}">{}</time>').format(starts_at.isoformat(), start)),
        str(Markup('<time datetime="{}">{}</time>').format(ends_at.isoformat(), end)),
        escape_pattern=True))


def _start_and_end(starts_at: datetime, ends_at: datetime) -> tuple[str, str]:
    start = _date_and_time(starts_at)
    if to_user_timezone(starts_at).date() == to_user_timezone(ends_at).date():
        return start, format_time(ends_at, "short")
    return start, _date_and_time(ends_at)


def _date_and_time(moment: datetime) -> str:
    """The locale's pattern for a full date with a time, as Babel's format_datetime applies it."""
    pattern = str(dates_locale().datetime_formats["full"]).replace("'", "")
    return pattern.replace("{1}", format_date(moment, "full")).replace("{0}", format_time(moment, "short"))


def _interval(start: str, end: str, escape_pattern: bool = False) -> str:
    """The locale's pattern for a range ("{0} – {1}"; in Dari "{0} تا {1}")."""
    pattern = str(dates_locale().interval_formats[None])
    if escape_pattern:
        pattern = str(escape(pattern))
    return pattern.replace("{0}", start).replace("{1}", end)

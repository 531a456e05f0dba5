"""Shared by the meeting tests: the city's next clock change, and a meeting's form as staff fill it in."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE = "America/New_York"


def next_clock_change(zone: str = ZONE) -> date:
    """The first day, at least two days from now, whose noon has another UTC offset than the day before's."""
    tz = ZoneInfo(zone)
    day = datetime.now(tz).date() + timedelta(days=2)
    while datetime.combine(day, time(12), tz).utcoffset() == datetime.combine(day + timedelta(days=1), time(12),
                                                                               tz).utcoffset():
        day += timedelta(days=1)
    return day + timedelta(days=1)


def meeting_form(**overrides) -> dict:
    values = {
        "title_en": "Listening session on policing", "description_en": "Tell the city what you saw.",
        "title_ar": "جلسة استماع حول عمل الشرطة", "description_ar": "",
        "starts_at": "2027-03-13T18:30", "ends_at": "2027-03-13T20:30",
        "place": "Main Library, 301 York Street", "online_url": "", "organisers": "Office for Immigrant Affairs",
        "partners": "Refugee Council, Masjid Al-Noor", "interpreted_languages": ["ar", "ne", "so"],
        "feedback_opens_at": "", "feedback_closes_at": "",
    }
    values.update(overrides)
    return values

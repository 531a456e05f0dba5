"""A meeting as an iCalendar (.ics) file, written with the maintained `icalendar` library."""
from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event

from portal.models import Meeting

PRODUCT_ID = "-//portal//Resident portal//EN"  # the software, not the office (RFC 5545 PRODID)


def meeting_ics(meeting: Meeting, *, title: tuple[str, str], description: str, page_url: str, host: str,
                now: datetime) -> bytes:
    """One VEVENT in UTC; the title is (text, language tag), so calendars know its language."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", title[0], parameters={"LANGUAGE": title[1]})
    if description:
        event.add("description", description)
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    event.add("url", page_url)
    # A calendar that imported the meeting before learns from the higher sequence that it changed.
    event.add("status", "CANCELLED" if meeting.cancelled_at else "CONFIRMED")
    event.add("sequence", 1 if meeting.cancelled_at else 0)
    calendar.add_component(event)
    return calendar.to_ical()

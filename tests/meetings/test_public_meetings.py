"""The resident side of meetings: the list and a meeting's page in several languages, times across a clock change,
the feedback window on the page and on the POST, and the calendar file."""
from datetime import datetime, time, timedelta, UTC
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from portal.platform import db
from portal.models import Submission
from tests.conftest import add_meeting, page
from tests.meetings.helpers import ZONE, next_clock_change

ANSWERS = {"usefulness": "4", "felt_heard": "5", "act_on": "Interpreters at school meetings."}


def plain(text: str) -> str:
    """CLDR puts narrow no-break spaces in times ("6:30 PM"); compare with ordinary spaces."""
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def at_local(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZoneInfo(ZONE)).astimezone(UTC)


def test_the_list_links_each_title_to_its_page_and_calendar_file(app, client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=4), title={"en": "Bus routes", "ar": "خطوط الحافلات"})
    for lang, title in (("en", "Bus routes"), ("ar", "خطوط الحافلات"), ("ne", "Bus routes")):
        html = page(client.get(f"/{lang}/meetings"))
        link = html.select_one(".meeting h3 a")
        assert link["href"] == f"/{lang}/meetings/{meeting_id}" and link.get_text() == title
        assert html.select_one(f".meeting a[href='/{lang}/meetings/{meeting_id}.ics']")


@pytest.mark.parametrize(("lang", "expected"), [("en", "6:30 PM"), ("es", "18:30"), ("vi", "18:30")])
def test_meeting_times_stay_at_the_same_wall_clock_time_across_the_next_clock_change(app, client, lang, expected):
    change = next_clock_change()
    before = at_local(change - timedelta(days=1), 18, 30)  # the evening before the night the clocks change
    after = at_local(change + timedelta(days=1), 18, 30)
    assert after - before != timedelta(days=2)  # an hour more or less: the offsets really differ
    for starts_at in (before, after):
        add_meeting(app, title={"en": f"At {starts_at:%H:%M} UTC"}, starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=2), feedback_opens_at=starts_at,
                    feedback_closes_at=starts_at + timedelta(days=30))
    html = page(client.get(f"/{lang}/meetings"))
    times = html.select(".meetings")[0].select("dd time:first-child")
    assert [element["datetime"] for element in times] == [before.isoformat(), after.isoformat()]
    assert all(expected in plain(element.get_text()) for element in times), [element.get_text() for element in times]
    for starts_at, element in zip((before, after), times, strict=True):
        local_day = starts_at.astimezone(ZoneInfo(ZONE)).day
        assert str(local_day) in element.get_text()


def test_dates_are_localized_in_the_visitors_language(app, client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=5))
    starts = page(client.get(f"/en/meetings/{meeting_id}")).select_one("main time")
    moment = datetime.fromisoformat(starts["datetime"]).astimezone(ZoneInfo(ZONE))
    assert moment.strftime("%B") in starts.get_text()
    spanish_months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                      "octubre", "noviembre", "diciembre"]
    assert spanish_months[moment.month - 1] in page(client.get(f"/es/meetings/{meeting_id}")).select_one(
        "main time").get_text()
    arabic = page(client.get(f"/ar/meetings/{meeting_id}")).select_one("main time").get_text()
    assert not any(character.isascii() and character.isalpha() for character in arabic)


def test_the_meeting_page_shows_details_and_the_feedback_link_while_feedback_is_open(app, client):
    meeting_id = add_meeting(app, organisers="Office for Immigrant Affairs", partners="Refugee Council",
                             online_url="https://meet.example.org/abc")
    html = page(client.get(f"/es/meetings/{meeting_id}"))
    assert html.select_one("h1").get_text() == "Reunión con líderes inmigrantes"
    assert html.select_one("h1")["lang"] == "es"
    facts = plain(html.select_one(".facts").get_text())
    assert "Main Library, 301 York Street" in facts and "Office for Immigrant Affairs, Refugee Council" in facts
    assert html.select_one(".facts a[href='https://meet.example.org/abc']")
    assert [tag["lang"] for tag in html.select(".facts bdi")] == ["es", "ar", "so"]
    button = html.select_one(f"a.button[href='/es/meetings/{meeting_id}/feedback']")
    assert button is not None
    # Described only in English: the Somali page says so, and marks the English text as English.
    somali = page(client.get(f"/so/meetings/{meeting_id}"))
    assert somali.select_one("h1")["lang"] == "en" and somali.select_one("h1 ~ .hint")


@pytest.mark.parametrize(("meeting", "expected"), [
    ({"starts_in": -timedelta(days=45)}, "The time to give feedback on this meeting has ended."),
    ({"starts_in": timedelta(days=5)}, "You can give feedback once the meeting has started."),
    ({"starts_in": -timedelta(days=1), "cancelled": True}, "This meeting is cancelled, so it does not take feedback."),
])
def test_outside_the_window_the_page_says_why_instead_of_linking_the_form(app, client, meeting, expected):
    meeting_id = add_meeting(app, **meeting)
    html = page(client.get(f"/en/meetings/{meeting_id}"))
    assert expected in html.select_one(".meeting-feedback").get_text()
    assert not html.select_one(f"a[href='/en/meetings/{meeting_id}/feedback']")


@pytest.mark.parametrize("meeting", [
    {"starts_in": -timedelta(days=31)},
    {"starts_in": timedelta(hours=1)},
    {"starts_in": -timedelta(hours=1), "cancelled": True},
    {"feedback_closes_at": datetime.now(UTC) - timedelta(minutes=1)},
])
def test_a_post_outside_the_window_stores_nothing(app, client, meeting):
    open_id = add_meeting(app)
    closed_id = add_meeting(app, **meeting)
    token = page(client.get(f"/en/meetings/{open_id}/feedback")).select_one("[name=csrf_token]")["value"]
    response = client.post(f"/en/meetings/{closed_id}/feedback", data={**ANSWERS, "csrf_token": token})
    assert response.status_code == 200 and not page(response).select_one("#usefulness-0")
    with app.app_context():
        assert db.session().scalar(select(func.count(Submission.id))) == 0
    # The same POST to the open meeting is stored.
    assert client.post(f"/en/meetings/{open_id}/feedback", data={**ANSWERS, "csrf_token": token}).status_code == 303
    with app.app_context():
        assert db.session().scalar(select(func.count(Submission.id))) == 1


def test_a_custom_window_is_what_counts(app, client):
    starts = datetime.now(UTC) - timedelta(days=3)
    meeting_id = add_meeting(app, starts_in=-timedelta(days=3), feedback_opens_at=starts + timedelta(days=2),
                             feedback_closes_at=starts + timedelta(days=4))
    html = page(client.get(f"/en/meetings/{meeting_id}"))
    assert html.select_one(f"a.button[href='/en/meetings/{meeting_id}/feedback']")


def test_the_calendar_file_is_in_utc_and_in_the_visitors_language(app, client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=8))
    response = client.get(f"/es/meetings/{meeting_id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert f'filename="meeting-{meeting_id}.ics"' in response.headers["Content-Disposition"]
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    html = page(client.get(f"/es/meetings/{meeting_id}"))
    starts = datetime.fromisoformat(html.select_one("main time")["datetime"])
    assert event.decoded("dtstart") == starts and event.decoded("dtstart").utcoffset() == timedelta(0)
    assert str(event["summary"]) == "Reunión con líderes inmigrantes"
    assert event["summary"].params["LANGUAGE"] == "es"
    assert str(event["location"]) == "Main Library, 301 York Street"
    assert str(event["url"]) == f"http://localhost/es/meetings/{meeting_id}"
    assert f"http://localhost/es/meetings/{meeting_id}/feedback" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"


def test_a_cancelled_meeting_calendar_file_says_cancelled(app, client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=8), cancelled=True)
    [event] = Calendar.from_ical(client.get(f"/ar/meetings/{meeting_id}.ics").data).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED" and event["summary"].params["LANGUAGE"] == "en"


def test_unknown_meetings_are_404(client):
    assert client.get("/en/meetings/999").status_code == 404
    assert client.get("/en/meetings/999.ics").status_code == 404


@pytest.mark.parametrize(("lang", "month"), [("ht", "décembre"), ("rn", "Kigarama"), ("ti", "ታሕሳስ")])
def test_meeting_dates_are_written_in_words_in_the_newer_languages(app, client, lang, month):
    # CLDR has no Haitian Creole dates ("2026 M12 4"): they come from French as written in Haiti.
    starts_at = at_local(datetime(2027, 12, 3, tzinfo=UTC), 18, 30)
    add_meeting(app, title={"en": "Bus routes"}, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                feedback_opens_at=starts_at, feedback_closes_at=starts_at + timedelta(days=30))
    when = plain(page(client.get(f"/{lang}/meetings")).select_one(".meetings dd time").get_text())
    assert month in when and "M12" not in when, when

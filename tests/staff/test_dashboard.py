"""The dashboard: who may open it, the counts for a period, the charts and tables, and nothing personal on it."""
import re
from datetime import date, datetime, timedelta, UTC
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import event

from portal.platform import db
from portal.models import Status
from portal.platform.charts import bar_chart
from portal.platform.config import Defaults
from portal.submissions.counts import period_counts, weeks_between
from portal.submissions.intake import ContactDetails
from tests.conftest import page
from tests.factories import make_submission

SECTIONS = ("by-status", "by-topic", "by-language", "by-week")


def page_svg(markup):
    return BeautifulSoup(str(markup), "html.parser").svg


CITY = ZoneInfo(Defaults.TIMEZONE)  # the test app's


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A time on the city's clock, in UTC as stored: periods are the city's days."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CITY).astimezone(UTC)


def table_counts(html, section: str) -> dict[str, int]:
    """The numbers of one section's table, keyed by the row header's text."""
    table = html.select_one(f"section[aria-labelledby={section}] table.data")
    return {row.th.get_text(" ", strip=True): int(row.td.get_text().replace(",", ""))
            for row in table.select("tbody tr, tfoot tr")}


def dashboard(client, **args):
    response = client.get("/staff/dashboard", query_string=args)
    assert response.status_code == 200
    return page(response)


# A known set: two weeks of November 2026 (ISO weeks 45 and 47), one just outside on each side.
KNOWN = [
    dict(created_at=at(date(2026, 11, 2), 0, 0), language="es", topic="housing"),  # Monday W45, first second
    dict(created_at=at(date(2026, 11, 3)), language="es", topic="housing", status=Status.CLOSED),
    dict(created_at=at(date(2026, 11, 8), 23, 59), language="ar", topic="schools", status=Status.IN_REVIEW),
    dict(created_at=at(date(2026, 11, 20)), language="ar", topic=None, status=Status.IN_REVIEW),
    dict(created_at=at(date(2026, 11, 22), 23, 59), language="fa-AF", topic="housing"),  # Sunday W47, last minute
    dict(created_at=at(date(2026, 11, 1), 23, 59), language="so", topic="safety"),  # the day before: outside
    dict(created_at=at(date(2026, 11, 23), 0, 0), language="so", topic="safety"),  # the day after: outside
]
PERIOD = {"start": "2026-11-02", "end": "2026-11-22"}


@pytest.mark.parametrize("role_client", ["viewer_client", "staff_client", "admin_client"])
def test_viewers_staff_and_admins_can_open_it_from_the_navigation(request, role_client):
    client = request.getfixturevalue(role_client)
    html = dashboard(client)
    assert html.h1.get_text() == "Dashboard"
    first_link = html.select_one(".staff-nav a")
    assert first_link["href"] == "/staff/dashboard" and first_link["aria-current"] == "page"


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/staff/dashboard")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login")


def test_the_counts_for_a_known_set_are_right(app, viewer_client):
    for submission in KNOWN:
        make_submission(app, **submission)
    html = dashboard(viewer_client, **PERIOD)
    assert "5 submissions received from 2026-11-02 to 2026-11-22." in html.select_one("#total").get_text()
    assert html.select_one(".error-summary") is None and html.select_one(".notice") is None
    assert table_counts(html, "by-status") == {
        "Received": 2, "Being reviewed": 2, "Referred": 0, "Included in a recommendation to the Mayor": 0,
        "Closed": 1, "Total": 5}
    topics = table_counts(html, "by-topic")
    assert topics["Housing"] == 3 and topics["Schools"] == 1 and topics["No topic"] == 1
    assert topics["Safety"] == 0 and topics["Total"] == 5
    assert list(topics)[:2] == ["Housing", "Schools"]  # most first
    assert list(topics)[-2:] == ["No topic", "Total"]
    assert table_counts(html, "by-language") == {"العربية (ar)": 2, "Español (es)": 2, "دری (fa-AF)": 1, "Total": 5}
    assert table_counts(html, "by-week") == {"2026-W45": 3, "2026-W46": 0, "2026-W47": 2, "Total": 5}


def test_the_service_counts_in_sql_and_zero_fills(app):
    for submission in KNOWN:
        make_submission(app, **submission)
    with app.app_context():
        figures = period_counts(db.session(), date(2026, 11, 2), date(2026, 11, 22))
    assert figures.total == 5
    assert figures.by_status == ((Status.RECEIVED, 2), (Status.IN_REVIEW, 2), (Status.REFERRED, 0),
                                 (Status.IN_RECOMMENDATION, 0), (Status.CLOSED, 1))
    assert figures.by_language == (("ar", 2), ("es", 2), ("fa-AF", 1))
    assert figures.by_week == (("2026-W45", 3), ("2026-W46", 0), ("2026-W47", 2))
    assert dict(figures.by_category)["No topic"] == 1 and figures.by_category[-1][0] == "No topic"
    assert len(figures.by_category) == 12  # the ten default topics zero-filled, meeting feedback and "No topic"
    assert figures.duplicates == 0


def test_the_service_reads_only_grouped_counts_from_the_submissions(app):
    for submission in KNOWN:
        make_submission(app, **submission)
    statements = []

    def remember(_connection, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()).upper())

    with app.app_context():
        engine = db.engine()
        event.listen(engine, "before_cursor_execute", remember)
        try:
            period_counts(db.session(), date(2026, 1, 1), date(2026, 12, 31))
        finally:
            event.remove(engine, "before_cursor_execute", remember)
    on_submissions = [statement for statement in statements if "FROM SUBMISSION" in statement]
    assert len(on_submissions) == 3  # two grouped passes, and how many duplicates were left out
    assert all("COUNT(SUBMISSION.ID)" in statement for statement in on_submissions)
    assert len([statement for statement in on_submissions if "GROUP BY" in statement]) == 2
    assert not any("SUBMISSION.BODY" in statement or "CONTACT" in statement for statement in statements)


def test_only_an_end_date_shows_the_twelve_weeks_up_to_it(viewer_client):
    html = dashboard(viewer_client, end="2026-11-22")
    weeks = list(table_counts(html, "by-week"))[:-1]
    assert len(weeks) == 12 and weeks[0] == "2026-W36" and weeks[-1] == "2026-W47"
    assert html.select_one("#start")["value"] == "2026-08-31"  # the Monday it started on


def test_the_period_filter_leaves_out_what_came_before_or_after(app, viewer_client):
    for submission in KNOWN:
        make_submission(app, **submission)
    only_the_first_week = dashboard(viewer_client, start="2026-11-02", end="2026-11-08")
    assert table_counts(only_the_first_week, "by-week") == {"2026-W45": 3, "Total": 3}
    assert "Soomaali (so)" not in table_counts(only_the_first_week, "by-language")
    with_the_edges = dashboard(viewer_client, start="2026-11-01", end="2026-11-23")
    assert table_counts(with_the_edges, "by-language")["Soomaali (so)"] == 2
    assert table_counts(with_the_edges, "by-status")["Total"] == 7


def test_weeks_without_submissions_are_listed_with_zero(app, viewer_client):
    make_submission(app, created_at=at(date(2026, 12, 30)))  # ISO week 2026-W53
    make_submission(app, created_at=at(date(2027, 1, 20)))  # 2027-W03
    weeks = table_counts(dashboard(viewer_client, start="2026-12-28", end="2027-01-24"), "by-week")
    assert weeks == {"2026-W53": 1, "2027-W01": 0, "2027-W02": 0, "2027-W03": 1, "Total": 2}
    assert weeks_between(date(2026, 11, 1), date(2026, 11, 2)) == ["2026-W44", "2026-W45"]  # Sunday, Monday


def test_a_submission_at_half_past_eleven_at_night_counts_on_that_city_day(app):
    """Sent on the city's Saturday and Sunday evenings (already the next day in UTC), either side of the night the
    clocks go back (1 November 2026): both count in the week and month of the city's day, not the next."""
    make_submission(app, created_at=at(date(2026, 10, 31), 23, 30), language="es")  # Saturday, 03:30 UTC on Sunday
    make_submission(app, created_at=at(date(2026, 11, 1), 23, 30), language="ar")  # Sunday, 04:30 UTC on Monday
    with app.app_context():
        october = period_counts(db.session(), date(2026, 10, 1), date(2026, 10, 31))
        two_weeks = period_counts(db.session(), date(2026, 10, 26), date(2026, 11, 8))
    assert october.total == 1 and october.by_language == (("es", 1),)
    assert two_weeks.by_week == (("2026-W44", 2), ("2026-W45", 0))
    assert two_weeks.by_month == (("2026-10", 1), ("2026-11", 1))


def test_the_default_period_is_the_last_twelve_weeks_up_to_today(app, viewer_client):
    today = datetime.now(CITY).date()
    make_submission(app, created_at=datetime.now(UTC) - timedelta(minutes=1))
    make_submission(app, created_at=datetime.now(UTC) - timedelta(weeks=13))  # before the period
    html = dashboard(viewer_client)
    weeks = table_counts(html, "by-week")
    assert len(weeks) == 12 + 1  # and the total row
    assert list(weeks)[-2] == f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    assert weeks["Total"] == 1
    assert html.select_one("#end")["value"] == today.isoformat()
    assert date.fromisoformat(html.select_one("#start")["value"]).weekday() == 0  # a Monday


@pytest.mark.parametrize("args, field, message", [
    ({"start": "2026-11-30", "end": "2026-11-01"}, "end", "The end date must be on or after the start date."),
    ({"start": "2026-02-31"}, "start", "Enter a real date, for example 2026-11-26."),
    ({"start": "yesterday", "end": "2026-11-01"}, "start", "Enter a real date, for example 2026-11-26."),
    ({"end": "9999-12-31"}, "end", "Enter a real date, for example 2026-11-26."),
    ({"start": "2020-01-01", "end": "2026-01-01"}, "end", "Choose a period of at most 3 years."),
])
def test_a_bad_period_shows_an_error_and_the_default_period(app, viewer_client, args, field, message):
    make_submission(app, created_at=datetime.now(UTC))
    html = dashboard(viewer_client, **args)
    assert message in html.select_one(f"#{field}-error").get_text()
    assert html.select_one(".error-summary a")["href"] == f"#{field}"
    assert html.select_one(f"#{field}")["aria-invalid"] == "true"
    assert table_counts(html, "by-week")["Total"] == 1  # the default period, which includes today
    assert "this shows the last 12 weeks" in html.select_one(".notice").get_text()
    assert len(table_counts(html, "by-week")) == 13


def test_every_section_has_an_accessible_chart_and_a_table_with_the_same_numbers(app, viewer_client):
    for submission in KNOWN:
        make_submission(app, **submission)
    response = viewer_client.get("/staff/dashboard", query_string=PERIOD)
    html = page(response)
    assert response.get_data(as_text=True).count('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox=') == 4
    for section_id in SECTIONS:
        section = html.select_one(f"section[aria-labelledby={section_id}]")
        chart = section.select_one("svg")
        assert chart["role"] == "img" and not section.find("script")
        title, desc = chart.find("title"), chart.find("desc")
        assert chart["aria-labelledby"] == title["id"] and chart["aria-describedby"] == desc["id"]
        assert title.get_text() and desc.get_text()
        table = chart.find_parent("div").find_next_sibling()
        assert table.name == "table" and "data" in table["class"] and table.caption.get_text(strip=True)
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))
        counts = table_counts(html, section_id)
        del counts["Total"]
        values = [int(text.get_text().replace(",", "")) for text in chart.find_all("text")[1::2]]
        assert values == list(counts.values())
        assert len(chart.find_all("rect")) == sum(1 for value in values if value)


def test_language_names_are_endonyms_tagged_with_their_language(app, viewer_client):
    make_submission(app, created_at=at(date(2026, 11, 3)), language="fa-AF")
    html = dashboard(viewer_client, **PERIOD)
    endonym = html.select_one("section[aria-labelledby=by-language] tbody th bdi[lang]")
    assert endonym["lang"] == "fa-AF" and endonym.get_text() == "دری"
    label = html.select_one("section[aria-labelledby=by-language] svg text")
    assert label["xml:lang"] == "fa-AF" and label.get_text() == "دری (fa-AF)"


def test_no_resident_text_or_contact_detail_is_on_the_page(app, admin_client):
    contact = ContactDetails(name="Amina Yusuf", email="amina@example.net", phone="+1 502 555 0123",
                             preferred_language="so")
    make_submission(app, created_at=at(date(2026, 11, 3)), language="so", body="Milkiilaha ma hagaajin kululeeyaha.",
        contact=contact)
    make_submission(app, created_at=at(date(2026, 11, 4)), body="Secret words from a resident")
    response = admin_client.get("/staff/dashboard", query_string=PERIOD)
    text = response.get_data(as_text=True)
    assert table_counts(page(response), "by-status")["Total"] == 2  # they are counted
    for private in ("Amina", "Yusuf", "amina@example.net", "555 0123", "Milkiilaha", "Secret words"):
        assert private not in text
    assert not re.search(r"/staff/submissions/\d", text)  # not even links to them


def test_the_bar_chart_escapes_labels_and_draws_nothing_from_elsewhere():
    chart = bar_chart('Topics <b>"&', [("<script>alert(1)</script>", 3), ("Tom & Jerry", 0)],
                      description="</desc><script>")
    assert "<script>" not in chart and "<b>" not in chart
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart and "Tom &amp; Jerry" in chart
    assert "&lt;/desc&gt;&lt;script&gt;" in chart
    for forbidden in ("href", "http:", "https:", "style", "foreignObject", "var(", "<image"):
        assert forbidden not in chart.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert chart.count("<rect") == 1  # a zero has no bar


def test_the_bar_chart_scales_bars_to_the_largest_value_and_ids_differ_per_chart():
    chart = bar_chart("Weeks", [("W1", 10), ("W2", 5), ("W3", 1)], description="Per week")
    svg = page_svg(chart)
    widths = [float(rect["width"]) for rect in svg.find_all("rect")]
    assert widths[0] == pytest.approx(2 * widths[1]) and widths[2] > 0
    assert "viewbox" in svg.attrs and "width" not in svg.attrs  # scales to its container
    other = page_svg(bar_chart("Weeks", [("W1", 1)], description="Per week"))
    assert svg.title["id"] != other.title["id"]


def test_long_labels_wrap_onto_two_lines_and_are_cut_after_that():
    svg = page_svg(bar_chart("Topics", [("Included in a recommendation to the Mayor", 1), ("x" * 80, 2)],
                             description="d"))
    first, second = svg.find_all("text")[0], svg.find_all("text")[2]
    assert [line.get_text() for line in first.find_all("tspan")] == ["Included in a recommendation", "to the Mayor"]
    lines = [line.get_text() for line in second.find_all("tspan")]
    assert len(lines) == 2 and all(len(line) <= 30 for line in lines) and lines[-1].endswith("…")


def _luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_chart_colours_meet_wcag_aa_on_white():
    svg = page_svg(bar_chart("Weeks", [("W1", 10)], description="Per week"))
    text_colour, bar_colour = svg["fill"], svg.rect["fill"]
    axis_colour = svg.line["stroke"]
    contrast = {colour: 1.05 / (_luminance(colour) + 0.05) for colour in (text_colour, bar_colour, axis_colour)}
    assert contrast[text_colour] >= 4.5  # text
    assert contrast[bar_colour] >= 3 and contrast[axis_colour] >= 3  # graphics



def test_residents_are_counted_once_and_meeting_feedback_is_not_a_missing_topic(app, viewer_client):
    from tests.conftest import add_meeting
    from tests.factories import make_feedback

    day = at(date(2026, 11, 10))
    original = make_submission(app, created_at=day, language="so", topic="housing")
    for _copy in range(3):  # the same words sent again: one resident
        make_submission(app, created_at=day, language="so", topic="housing", duplicate_of_id=original.id)
    meeting_id = add_meeting(app)
    for _person in range(2):
        make_feedback(app, meeting_id, language="ar", created_at=day)
    html = dashboard(viewer_client, **PERIOD)
    total = html.select_one("#total").get_text(" ", strip=True)
    assert "3 submissions received" in total and "3 more were duplicates" in total
    topics = table_counts(html, "by-topic")
    assert topics["Housing"] == 1 and topics["Feedback on a meeting"] == 2 and topics["No topic"] == 0
    assert table_counts(html, "by-language") == {"العربية (ar)": 2, "Soomaali (so)": 1, "Total": 3}

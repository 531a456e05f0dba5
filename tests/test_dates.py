"""A meeting's date and time in each language's own pattern (Babel's), not with an English comma between them."""
from datetime import datetime, UTC

import pytest
from flask_babel import force_locale

from portal.platform.dates import time_span, time_span_html
from tests.conftest import add_meeting, page

START, END = datetime(2026, 11, 20, 23, 30, tzinfo=UTC), datetime(2026, 11, 21, 1, 30, tzinfo=UTC)  # 18:30 in NY


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "Friday, November 20, 2026, 6:30\u202fPM\u2009–\u20098:30\u202fPM"),
    ("ar", "الجمعة، 20 نوفمبر 2026، 6:30 م – 8:30 م"),
    ("fa_AF", "جمعه 20 نومبر 2026، ساعت 18:30 تا 20:30"),
    # CLDR's Pashto date has commas of its own; its pattern puts nothing but a space between date and time.
    ("ps", "جمعه 20, نومبر, 2026 18:30 – 20:30"),
])
def test_each_language_writes_date_and_time_its_own_way(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        written = time_span(START, END)
    assert written == expected
    if locale in ("ar", "fa_AF"):
        assert ", " not in written


def test_a_meeting_past_midnight_names_both_days(app):
    with app.test_request_context(), force_locale("en"):
        assert time_span(START, datetime(2026, 11, 21, 6, 0, tzinfo=UTC)) == (
            "Friday, November 20, 2026, 6:30\u202fPM\u2009–\u2009Saturday, November 21, 2026, 1:00\u202fAM")


def test_the_page_marks_both_ends_as_times(app, client):
    meeting_id = add_meeting(app)
    when = page(client.get(f"/ar/meetings/{meeting_id}")).select_one(".facts dd")
    times = when.find_all("time")
    assert len(times) == 2 and all(time["datetime"] for time in times)
    assert "، " in when.get_text() and ", " not in when.get_text()
    with app.test_request_context(), force_locale("fa_AF"):
        assert str(time_span_html(START, END)).count(" تا ") == 1

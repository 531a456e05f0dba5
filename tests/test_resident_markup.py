"""Markup residents rely on: an English meeting title on another language's page is marked lang="en" with a note."""
from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext

from tests.conftest import add_meeting, page


@pytest.mark.parametrize("lang", ["fa-AF", "ne", "ar"])
def test_an_english_title_is_marked_and_explained_wherever_it_shows(app, client, lang):
    open_meeting = add_meeting(app, title={"en": "Meeting with immigrant leaders"})
    closed_meeting = add_meeting(app, title={"en": "Meeting with immigrant leaders"}, starts_in=-timedelta(days=60))
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        note = gettext("This meeting is described only in English.")
    assert "English" not in note  # in the page's language
    for path in (f"/{lang}/meetings", f"/{lang}/meetings/{open_meeting}", f"/{lang}/meetings/{open_meeting}/feedback",
                 f"/{lang}/meetings/{closed_meeting}/feedback"):
        html = page(client.get(path))
        titles = html.find_all(string="Meeting with immigrant leaders")
        assert titles and all(title.find_parent(attrs={"lang": True})["lang"] == "en" for title in titles), path
        assert note in html.get_text(), path


def test_a_translated_title_needs_no_note(app, client):
    meeting_id = add_meeting(app)  # English and Spanish titles
    html = page(client.get(f"/es/meetings/{meeting_id}/feedback"))
    assert html.select_one(".meeting-title")["lang"] == "es" and not html.select(".meeting-summary .hint")

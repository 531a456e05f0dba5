"""Feedback on a community meeting: open, closed, cancelled and unknown meetings."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.platform import db
from portal.models import Interpretation, Kind, Submission
from tests.conftest import add_meeting, page, post_form, textarea_text

ANSWERS = {"usefulness": "4", "felt_heard": "2", "interpretation": "partly",
           "act_on": "Explain when police answer calls from ICE.", "improvement": "More Somali interpreters."}


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_feedback_is_stored_for_its_meeting(app, client, lang):
    meeting_id = add_meeting(app)
    url = f"/{lang}/meetings/{meeting_id}/feedback"
    response = post_form(client, url, ANSWERS)
    assert response.headers["Location"] == f"/{lang}/sent#top"
    with app.app_context():
        [stored] = db.session().scalars(select(Submission))
        assert (stored.kind, stored.meeting_id, stored.language) == (Kind.MEETING_FEEDBACK, meeting_id, lang)
        assert (stored.usefulness, stored.felt_heard, stored.interpretation) == (4, 2, Interpretation.PARTLY)
        assert (stored.body, stored.improvement) == (ANSWERS["act_on"], ANSWERS["improvement"])


def test_the_feedback_page_shows_the_meeting_in_the_visitors_language(app, client):
    meeting_id = add_meeting(app)
    html = page(client.get(f"/es/meetings/{meeting_id}/feedback"))
    title = html.select_one(".meeting-title")
    assert title.get_text() == "Reunión con líderes inmigrantes" and title["lang"] == "es"
    english_fallback = page(client.get(f"/so/meetings/{meeting_id}/feedback")).select_one(".meeting-title")
    assert english_fallback["lang"] == "en"


def test_ratings_are_required_and_answers_are_kept(app, client):
    meeting_id = add_meeting(app)
    html = page(post_form(client, f"/en/meetings/{meeting_id}/feedback", {"act_on": "Bus route 23"}))
    assert [link["href"] for link in html.select(".error-summary a")] == ["#usefulness-0", "#felt_heard-0"]
    assert textarea_text(html.select_one("#act_on")) == "Bus route 23"


def test_a_rating_outside_the_scale_is_refused(app, client):
    meeting_id = add_meeting(app)
    html = page(post_form(client, f"/en/meetings/{meeting_id}/feedback", {**ANSWERS, "usefulness": "9"}))
    assert html.select_one("#usefulness-error")


def test_an_unknown_meeting_is_a_translated_404(client):
    response = client.get("/ar/meetings/999/feedback")
    assert response.status_code == 404
    assert page(response).find("html")["dir"] == "rtl"


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        ({"starts_in": -timedelta(days=45)}, "ended"),
        ({"starts_in": timedelta(days=5)}, "once the meeting has started"),
        ({"starts_in": timedelta(days=5), "cancelled": True}, "cancelled"),
    ],
)
def test_a_closed_meeting_shows_a_message_instead_of_a_form(app, client, meeting, expected):
    meeting_id = add_meeting(app, **meeting)
    html = page(client.get(f"/en/meetings/{meeting_id}/feedback"))
    assert expected in html.select_one("main").get_text()
    assert html.select_one("#usefulness-0") is None


def test_feedback_sent_after_the_window_closed_is_shown_back_not_lost(app, client):
    open_id = add_meeting(app)
    token = page(client.get(f"/en/meetings/{open_id}/feedback")).select_one("[name=csrf_token]")["value"]
    closed_id = add_meeting(app, starts_in=-timedelta(days=45))
    response = client.post(f"/en/meetings/{closed_id}/feedback", data={**ANSWERS, "csrf_token": token})
    quoted = [quote.get_text() for quote in page(response).select(".kept-text blockquote")]
    assert quoted == [ANSWERS["act_on"], ANSWERS["improvement"]]
    with app.app_context():
        assert db.session().scalars(select(Submission)).all() == []


def test_meetings_page_lists_upcoming_and_recent_meetings(app, client):
    add_meeting(app, starts_in=timedelta(days=3), title={"en": "Upcoming talk", "ar": "لقاء قادم"})
    add_meeting(app, starts_in=-timedelta(days=3), title={"en": "Past talk"})
    add_meeting(app, starts_in=-timedelta(days=200), title={"en": "Old talk"})
    html = page(client.get("/ar/meetings"))
    titles = [heading.get_text() for heading in html.select(".meeting h3")]
    assert titles == ["لقاء قادم", "Past talk"]
    feedback_links = html.select(".meeting a.button")
    assert len(feedback_links) == 1  # only the past meeting takes feedback
    assert "Somali" not in html.get_text() and "Soomaali" in html.get_text()

"""Looking up a reference code: plain words, replies, nothing revealed by a wrong code, rate limits."""
from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, gettext

from portal.platform import db
from portal.models import Category, Reply, Status
from portal.submissions.intake import record_concern
from portal.platform.reference import format_reference
from tests.conftest import page, post_form


def add_concern(app, *, status=Status.RECEIVED, reply: str | None = None) -> str:
    with app.app_context():
        session = db.session()
        category = session.query(Category).filter_by(slug="housing").one()
        submission = record_concern(session, language="so", category=category,
                                    body="The landlord will not fix the heat.",
                                    neighbourhood="", occurred_on=None, contact=None)
        submission.status = status
        if reply:
            session.add(Reply(submission=submission, body=reply, language="so", created_at=datetime.now(UTC)))
        session.commit()
        return submission.reference


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_code_shows_the_status_in_plain_words(app, client, lang):
    reference = add_concern(app, status=Status.IN_RECOMMENDATION)
    html = page(post_form(client, f"/{lang}/status", {"reference": format_reference(reference)}))
    with app.test_request_context(), force_locale(lang):
        expected = gettext("Included in a recommendation to the Mayor")
    assert html.select_one(".status-word").get_text() == expected


def test_a_reply_is_shown_with_its_own_language_and_escaped(app, client):
    reference = add_concern(app, reply="Waan la xiriirnay milkiilaha. <b>Mahadsanid</b>")
    html = page(post_form(client, "/en/status", {"reference": reference}))
    reply = html.select_one(".reply-text")
    assert reply.get_text() == "Waan la xiriirnay milkiilaha. <b>Mahadsanid</b>"
    assert reply["lang"] == "so" and reply["dir"] == "auto"


@pytest.mark.parametrize("typed", ["lower", "spaced", "dashless"])
def test_codes_are_forgiving_about_case_spaces_and_dashes(app, client, typed):
    reference = add_concern(app)
    variants = {"lower": format_reference(reference).lower(), "spaced": " ".join(reference),
                "dashless": reference}
    html = page(post_form(client, "/en/status", {"reference": variants[typed]}))
    assert html.select_one(".status-word").get_text() == "Received"


@pytest.mark.parametrize("typed", ["K7F3-9QXA-2MWD", "0000-0000-0000", "'; DROP TABLE submission; --", "x"])
def test_a_wrong_code_reveals_nothing(app, client, typed):
    add_concern(app)
    html = page(post_form(client, "/en/status", {"reference": typed}))
    assert html.select_one(".status-word") is None
    assert "We could not find this code" in html.select_one("#reference-error").get_text()


def test_lookups_are_rate_limited_with_a_translated_page(app, client):
    app.config["STATUS_LOOKUP_LIMIT"] = "3 per minute"
    token = page(client.get("/es/status")).select_one("[name=csrf_token]")["value"]
    codes = [client.post("/es/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": token}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.post("/es/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": token})
    assert limited.status_code == 429
    assert page(limited).find("html")["lang"] == "es"
    assert client.get("/es/status").status_code == 200  # reading the form is never limited

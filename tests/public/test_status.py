"""Looking up a reference code: plain words, replies, nothing revealed by a wrong code, rate limits."""
import pytest
from flask_babel import force_locale, gettext

from portal.models import Status
from portal.platform.reference import format_reference
from tests.conftest import page, post_form
from tests.factories import make_submission


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_code_shows_the_status_in_plain_words(app, client, lang):
    reference = make_submission(app, status=Status.IN_RECOMMENDATION).reference
    html = page(post_form(client, f"/{lang}/status", {"reference": format_reference(reference)}))
    with app.test_request_context(), force_locale(lang):
        expected = gettext("Included in a recommendation to the Mayor")
    assert html.select_one(".status-word").get_text() == expected


def test_a_reply_is_shown_with_its_own_language_and_escaped(app, client):
    written = "Waan la xiriirnay milkiilaha. <b>Mahadsanid</b>"
    reference = make_submission(app, language="so", replies=[written]).reference
    html = page(post_form(client, "/en/status", {"reference": reference}))
    reply = html.select_one(".reply-text")
    assert reply.get_text() == "Waan la xiriirnay milkiilaha. <b>Mahadsanid</b>"
    assert reply["lang"] == "so" and reply["dir"] == "auto"


@pytest.mark.parametrize("typed", ["lower", "spaced", "dashless"])
def test_codes_are_forgiving_about_case_spaces_and_dashes(app, client, typed):
    reference = make_submission(app).reference
    variants = {"lower": format_reference(reference).lower(), "spaced": " ".join(reference),
                "dashless": reference}
    html = page(post_form(client, "/en/status", {"reference": variants[typed]}))
    assert html.select_one(".status-word").get_text() == "Received"


@pytest.mark.parametrize("typed, answer", [
    ("K7F3-9QXA-2MWD", "We could not find this code"), ("0000-0000-0000", "We could not find this code"),
    ("'; DROP TABLE submission; --", "A reference code has 12 letters"), ("x", "A reference code has 12 letters"),
])
def test_a_wrong_code_reveals_nothing(app, client, typed, answer):
    make_submission(app)
    html = page(post_form(client, "/en/status", {"reference": typed}))
    assert html.select_one(".status-word") is None
    assert answer in html.select_one("#reference-error").get_text()


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

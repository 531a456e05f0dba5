"""The concern form: sending, every kind of bad input, and nothing typed ever lost."""
import re

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.platform import db
from portal.models import Contact, Kind, Status, Submission
from portal.platform.reference import ALPHABET
from tests.conftest import csrf_token_from, page, post_form, textarea_text

VALID = {"category": "police-immigration", "body": "Police came with ICE agents to our building on Monday."}


def submissions(app) -> list[Submission]:
    with app.app_context():
        query = select(Submission).options(selectinload(Submission.category), selectinload(Submission.contact))
        return list(db.session().scalars(query))


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_concern_is_stored_and_the_resident_gets_a_reference_code(app, client, lang):
    response = post_form(client, f"/{lang}/concern", VALID)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/{lang}/sent#top"

    [stored] = submissions(app)
    assert stored.kind == Kind.CONCERN and stored.language == lang and stored.status == Status.RECEIVED
    assert stored.body == VALID["body"] and stored.category.slug == "police-immigration"
    assert stored.contact is None and not stored.follow_up_requested

    receipt = client.get(f"/{lang}/sent")
    code = page(receipt).select_one(".reference").get_text(strip=True)
    assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)
    assert code.replace("-", "") == stored.reference


def test_the_code_is_never_in_a_url(client):
    response = post_form(client, "/en/concern", VALID)
    assert response.headers["Location"] == "/en/sent#top"
    receipt = page(client.get("/en/sent"))
    code = receipt.select_one(".reference").get_text(strip=True)
    assert all(code not in (link.get("href") or "") for link in receipt.find_all(["a", "form"]))


def test_forgetting_the_receipt_removes_the_code_from_the_session(client):
    post_form(client, "/en/concern", VALID)
    sent = client.get("/en/sent")
    token = re.search(r'name="csrf_token" value="([^"]+)"', sent.get_data(as_text=True)).group(1)
    client.post("/en/sent/forget", data={"csrf_token": token})
    assert client.get("/en/sent").headers["Location"] == "/en/"


def _csrf_tokens_signed(monkeypatch) -> list:
    from itsdangerous import URLSafeTimedSerializer

    signed, dumps = [], URLSafeTimedSerializer.dumps

    def counting_dumps(serializer, obj, salt=None):
        if serializer.salt == b"wtf-csrf-token":
            signed.append(obj)
        return dumps(serializer, obj, salt)

    monkeypatch.setattr(URLSafeTimedSerializer, "dumps", counting_dumps)
    return signed


def test_a_concern_sent_without_mistakes_signs_no_csrf_token_it_would_not_show(client, monkeypatch):
    token = csrf_token_from(client.get("/en/concern"))
    signed = _csrf_tokens_signed(monkeypatch)
    assert client.post("/en/concern", data={**VALID, "csrf_token": token}).status_code == 303
    assert signed == []


def test_a_form_shown_again_carries_a_token_that_sends_it(app, client, monkeypatch):
    token = csrf_token_from(client.get("/en/concern"))
    signed = _csrf_tokens_signed(monkeypatch)
    again = client.post("/en/concern", data={"body": VALID["body"], "csrf_token": token})
    assert len(signed) == 1
    resent = client.post("/en/concern", data={**VALID, "csrf_token": csrf_token_from(again)})
    assert resent.status_code == 303 and len(submissions(app)) == 1


def test_missing_answers_come_back_with_an_error_summary_linking_to_each_field(client):
    response = post_form(client, "/en/concern", {"neighbourhood": "Beechmont"})
    html = page(response)
    assert html.title.get_text().startswith("Error:")
    links = [link["href"] for link in html.select(".error-summary a")]
    assert links == ["#category-0", "#body"]
    assert " ".join(html.select_one("#body-error").get_text().split()) == "Error: Tell us what happened."
    assert html.select_one("#body")["aria-describedby"] == "body-hint body-error"
    assert html.select_one("#neighbourhood")["value"] == "Beechmont"


@pytest.mark.parametrize("lang", ["es", "ar", "so"])
def test_errors_are_translated(app, client, lang):
    html = page(post_form(client, f"/{lang}/concern", {}))
    with app.test_request_context(), force_locale(lang):
        error_prefix, message = gettext("Error:"), gettext("Tell us what happened.")
    assert message != "Tell us what happened."  # ("Error:" is the same word in Spanish)
    assert html.title.get_text().startswith(error_prefix)
    assert message in html.select_one(".error-summary").get_text()


def test_an_overlong_text_is_kept_and_explained(client):
    body = "ع" * 5001
    html = page(post_form(client, "/en/concern", {**VALID, "body": body}))
    assert textarea_text(html.select_one("#body")) == body
    assert "5,001" in html.select_one("#body-error").get_text()


def test_follow_up_needs_a_way_to_reply_and_consent(client):
    html = page(post_form(client, "/en/concern", {**VALID, "follow_up": "y", "name": "Amina"}))
    assert [link["href"] for link in html.select(".error-summary a")] == ["#email"]
    html = page(post_form(client, "/en/concern", {**VALID, "follow_up": "y", "email": "amina@example.org"}))
    assert [link["href"] for link in html.select(".error-summary a")] == ["#consent"]
    assert html.select_one("#email")["value"] == "amina@example.org"


@pytest.mark.parametrize(
    ("field", "value"), [("email", "not-an-address"), ("phone", "call me maybe"), ("phone", "12")]
)
def test_a_bad_email_or_phone_is_refused_with_the_value_kept(client, field, value):
    html = page(post_form(client, "/en/concern", {**VALID, "follow_up": "y", "consent": "y", field: value}))
    assert html.select_one(f"#{field}-error")
    assert html.select_one(f"#{field}")["value"] == value


def test_contact_details_are_stored_apart_when_follow_up_is_asked(app, client):
    data = {**VALID, "follow_up": "y", "consent": "y", "name": "Amina", "email": "Amina@Example.org",
            "phone": "(502) 555-0123", "contact_language": "so"}
    assert post_form(client, "/en/concern", data).status_code == 303
    [stored] = submissions(app)
    with app.app_context():
        contact = db.session().get(Contact, stored.id)
        assert (contact.name, contact.email, contact.phone, contact.preferred_language) == (
            "Amina", "Amina@example.org", "+15025550123", "so")
    assert stored.follow_up_requested


def test_control_characters_are_removed_and_markup_is_kept_as_text(app, client):
    body = "Line one\x00\x07\r\nLine two <script>alert(1)</script>"
    assert post_form(client, "/en/concern", {**VALID, "body": body}).status_code == 303
    [stored] = submissions(app)
    assert stored.body == "Line one\nLine two <script>alert(1)</script>"


def test_markup_in_a_returned_form_is_escaped(client):
    response = post_form(client, "/en/concern", {"body": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert textarea_text(page(response).select_one("#body")) == "<script>alert(1)</script>"


def test_a_tampered_topic_is_refused(client):
    html = page(post_form(client, "/en/concern", {**VALID, "category": "nonsense"}))
    assert html.select_one("#category-error")


def test_a_future_date_is_refused(client):
    future = {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"}
    html = page(post_form(client, "/en/concern", {**VALID, **future}))
    assert html.select_one("#occurred_on-error")
    assert html.select_one("#occurred_on-year")["value"] == "2999"


def test_an_expired_csrf_token_brings_the_form_back_with_the_text(app, client):
    client.get("/es/concern")
    response = client.post("/es/concern", data={**VALID, "csrf_token": "expired-or-forged"})
    html = page(response)
    assert textarea_text(html.select_one("#body")) == VALID["body"]
    summary = html.select_one(".error-summary").get_text()
    assert "CSRF" not in summary and "Bad Request" not in response.get_data(as_text=True)
    assert submissions(app) == []
    # The page carries a fresh token, so pressing the button again works.
    resend = client.post("/es/concern", data={**VALID, "csrf_token": html.select_one("[name=csrf_token]")["value"]})
    assert resend.status_code == 303


def test_a_body_over_the_size_limit_gets_a_translated_413_page(client):
    response = client.post("/ar/concern", data={"body": "x" * (300 * 1024)})
    assert response.status_code == 413
    html = page(response)
    assert html.find("html")["dir"] == "rtl"
    assert "Too Large" not in html.get_text()

"""The receipt on a shared phone: the code is never readable from a cookie, leaves after 30 minutes or at once on
"Remove it", and Back after sending shows an empty form (tests/browser/test_resident_forms.py)."""
import time

import pytest
from flask_babel import force_locale, ngettext

from portal.platform.crypto import EXTENSION
from tests.conftest import page, post_form

CONCERN = {"category": "police-immigration", "body": "Police came with ICE agents to our building on Monday."}


def sent_code(client, lang: str) -> str:
    return page(client.get(f"/{lang}/sent")).select_one(".reference").get_text(strip=True)


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_the_code_cannot_be_read_from_any_cookie(app, client, lang):
    response = post_form(client, f"/{lang}/concern", CONCERN)
    code = sent_code(client, lang)
    set_cookies = response.headers.getlist("Set-Cookie")
    assert set_cookies and all(code.replace("-", "") not in header and code not in header for header in set_cookies)
    session_cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    opened = app.session_interface.get_signing_serializer(app).loads(session_cookie.value)
    assert code.replace("-", "") not in repr(opened)  # the signed session, readable by anyone, holds no code
    [receipt] = [header for header in set_cookies if header.startswith("receipt=")]
    assert "Max-Age=1800" in receipt and "HttpOnly" in receipt and "SameSite=Lax" in receipt


@pytest.mark.parametrize("lang", ["es", "fa-AF", "ne"])
def test_the_receipt_says_when_the_code_leaves_the_screen(app, client, lang):
    post_form(client, f"/{lang}/concern", CONCERN)
    hint = page(client.get(f"/{lang}/sent")).select("main .hint")[-1].get_text()
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        expected = ngettext(
            "On a shared phone: this code leaves this screen after %(num)s minute, or at once when you press this "
            "button.", "On a shared phone: this code leaves this screen after %(num)s minutes, or at once when you "
            "press this button.", 30)
    assert hint == expected


def test_after_30_minutes_the_code_is_gone(app, client):
    post_form(client, "/ar/concern", CONCERN)
    assert sent_code(client, "ar")
    with app.app_context():
        keys = app.extensions[EXTENSION]
        older = keys.encrypt_at_time(b'{"reference": "K7F39QXA2MWC", "kind": "concern"}', int(time.time()) - 31 * 60)
    client.set_cookie("receipt", older.decode())
    response = client.get("/ar/sent")
    assert response.status_code == 302 and response.headers["Location"] == "/ar/"
    assert client.get_cookie("receipt") is None  # and the browser is told to drop it


def test_a_receipt_made_with_another_key_or_altered_is_nothing(client):
    client.set_cookie("receipt", "gAAAAABnot-a-real-token")
    assert client.get("/ne/sent").headers["Location"] == "/ne/"


def test_forget_removes_the_cookie_at_once(client):
    post_form(client, "/ne/concern", CONCERN)
    token = page(client.get("/ne/sent")).select_one("form [name=csrf_token]")["value"]
    client.post("/ne/sent/forget", data={"csrf_token": token})
    assert client.get_cookie("receipt") is None
    assert client.get("/ne/sent").headers["Location"] == "/ne/"


def test_pages_with_forms_and_receipts_are_never_stored_by_the_browser(client):
    post_form(client, "/ps/concern", CONCERN)
    for path in ("/ps/concern", "/ps/sent", "/ps/status"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_deleting_the_message_takes_its_receipt_away(app, client):
    post_form(client, "/uk/concern", CONCERN)
    code = sent_code(client, "uk")
    status = post_form(client, "/uk/status", {"reference": code})
    form = page(status).select_one(".delete-own form")
    token = form.select_one("[name=csrf_token]")["value"]
    confirm = page(client.post("/uk/delete", data={"csrf_token": token, "reference": code.replace("-", "")}))
    confirmed = {field["name"]: field.get("value", "") for field in confirm.select("main form input")}
    client.post("/uk/delete", data=confirmed)
    assert client.get_cookie("receipt") is None

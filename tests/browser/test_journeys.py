"""Residents' journeys in a real browser, with JavaScript off as on many cheap phones."""
import re

import pytest
from flask_babel import force_locale, gettext

from tests.conftest import add_meeting

pytestmark = pytest.mark.browser
REFERENCE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        return gettext(message)


def check_status(app, page, lang: str, reference: str) -> None:
    page.goto(f"/{lang}/status")
    page.fill("#reference", reference.lower())
    page.get_by_role("button", name=translated(app, lang, "Check")).click()
    assert page.locator(".status-word").inner_text() == translated(app, lang, "Received")


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_resident_shares_a_concern_and_checks_its_status(app, browser_page, lang):
    page = browser_page
    page.goto(f"/{lang}/")
    page.get_by_role("link", name=translated(app, lang, "Share a concern")).click()
    page.get_by_label(translated(app, lang, "Language access and interpreters")).check()
    page.fill("#body", "لم يكن هناك مترجم في مكتب المدينة." if lang == "ar" else "No interpreter at the city office.")
    page.get_by_role("button", name=translated(app, lang, "Send my concern")).click()
    assert page.url.endswith(f"/{lang}/sent#top")
    reference = page.locator(".reference").inner_text()
    assert REFERENCE.match(reference)
    check_status(app, page, lang, reference)


@pytest.mark.parametrize("lang", ["en", "es", "ar"])
def test_a_resident_gives_feedback_on_a_meeting(app, browser_page, lang):
    meeting_id = add_meeting(app)
    page = browser_page
    page.goto(f"/{lang}/meetings")
    page.get_by_role("link", name=translated(app, lang, "Give feedback on this meeting")).click()
    assert page.url.endswith(f"/{lang}/meetings/{meeting_id}/feedback")
    page.check("#usefulness-3")
    page.check("#felt_heard-4")
    page.check("#interpretation-0")
    page.fill("#act_on", "Police should explain their role.")
    page.get_by_role("button", name=translated(app, lang, "Send my feedback")).click()
    reference = page.locator(".reference").inner_text()
    assert REFERENCE.match(reference)
    check_status(app, page, lang, reference)


def test_a_mistake_keeps_what_was_typed_and_the_summary_leads_to_the_field(app, browser_page):
    page = browser_page
    page.goto("/ar/concern")
    page.fill("#neighbourhood", "40214")
    page.get_by_role("button", name=translated(app, "ar", "Send my concern")).click()
    assert page.title().startswith(translated(app, "ar", "Error:"))
    assert page.locator("#neighbourhood").input_value() == "40214"
    page.locator(".error-summary a").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "body"

"""/outcomes with published recommendations, in Chromium: axe-clean in English, Arabic and Somali (a checked
Arabic translation, English marked as such elsewhere), reached from the home page with JavaScript off, and a
quoted resident's status page with its news."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale, gettext

from portal.platform.reference import format_reference
from tests.browser.test_accessibility import WCAG_21_AA
from tests.public.test_outcomes import tracked
from tests.outcome_data import AR_PUBLIC_TEXT, PUBLIC_TEXT

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_cache_off")]


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(message)


@pytest.mark.parametrize("lang", ["en", "ar", "so"])
def test_the_outcomes_and_status_pages_with_content_pass_axe(app, browser, live_server, lang):
    final = tracked(app)
    context = browser.new_context(base_url=live_server)  # axe is a script; the pages have none of their own
    page = context.new_page()
    found = {}
    page.goto(f"/{lang}/outcomes")
    found["/outcomes"] = Axe().run(page, options=WCAG_21_AA).response["violations"]
    page.goto(f"/{lang}/status")
    page.fill("#reference", format_reference(final.references[0]))
    page.locator("main form button[type=submit]").last.click()
    assert page.locator("#news-title").count() == 1
    found["/status with news"] = Axe().run(page, options=WCAG_21_AA).response["violations"]
    context.close()
    assert {path: [violation["id"] for violation in problems] for path, problems in found.items() if problems} == {}


@pytest.mark.parametrize("lang", ["en", "ar", "so"])
def test_a_resident_finds_what_the_city_did_from_the_home_page(app, browser_page, lang):
    tracked(app)
    page = browser_page  # JavaScript off
    page.goto(f"/{lang}/")
    page.get_by_role("link", name=translated(app, lang, "What we heard, and what the city is doing")).first.click()
    assert page.url.endswith(f"/{lang}/outcomes")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    text = page.locator("main li p").first
    if lang == "ar":
        assert text.inner_text() == AR_PUBLIC_TEXT and text.get_attribute("lang") is None
    else:
        assert text.inner_text() == PUBLIC_TEXT
        assert text.get_attribute("lang") == (None if lang == "en" else "en")

"""What a resident's browser does with the forms, JavaScript off: switching language keeps what was typed, Back
before sending keeps it too (the neighbourhood included), Back after sending shows an empty form, and the contact
fields appear only with "Yes"."""
import pytest

from tests.browser.test_journeys import REFERENCE, translated

pytestmark = pytest.mark.browser
BODY = {"ne": "सहरको कार्यालयमा दोभाषे थिएन।", "ar": "لم يكن هناك مترجم في مكتب المدينة.", "es": "No había intérprete."}


def fill_concern(app, page, lang: str) -> None:
    page.get_by_label(translated(app, lang, "Language access and interpreters")).check()
    page.fill("#body", BODY[lang])
    page.fill("#neighbourhood", "40214")


@pytest.mark.parametrize(("lang", "other"), [("ne", "ar"), ("ar", "es"), ("es", "ne")])
def test_switching_language_mid_form_keeps_everything_typed(app, browser_page, lang, other):
    page = browser_page
    page.goto(f"/{lang}/concern")
    fill_concern(app, page, lang)
    page.check("#follow_up")
    page.fill("#email", "amina@example.org")
    page.locator(f'#languages button[lang="{other}"]').click()
    assert page.url.endswith(f"/{other}/concern")
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").inner_text() == translated(app, other, "Share a concern")
    assert page.input_value("#body") == BODY[lang]
    assert page.input_value("#neighbourhood") == "40214"
    assert page.input_value("#email") == "amina@example.org"
    assert page.is_checked("#follow_up")
    assert page.get_by_label(translated(app, other, "Language access and interpreters")).is_checked()
    assert page.locator(".error-summary").count() == 0  # nothing was checked, nothing is wrong yet
    page.check("#consent")
    page.get_by_role("button", name=translated(app, other, "Send my concern")).click()
    assert page.url.endswith(f"/{other}/sent#top")


@pytest.mark.parametrize("lang", ["ne", "ar"])
def test_back_before_sending_keeps_the_text_and_the_neighbourhood(app, browser_page, lang):
    page = browser_page
    page.goto(f"/{lang}/concern")
    fill_concern(app, page, lang)
    page.get_by_role("link", name=translated(app, lang, "Our privacy promise")).click()
    page.go_back()
    assert page.input_value("#body") == BODY[lang]
    assert page.input_value("#neighbourhood") == "40214"


@pytest.mark.parametrize("lang", ["ne", "ar", "es"])
def test_back_after_sending_shows_an_empty_form(app, browser_page, lang):
    page = browser_page
    page.goto(f"/{lang}/concern")
    fill_concern(app, page, lang)
    page.get_by_role("button", name=translated(app, lang, "Send my concern")).click()
    assert REFERENCE.match(page.locator(".reference").inner_text())
    page.go_back()
    assert page.url.split("#")[0].endswith(f"/{lang}/concern")
    assert page.input_value("#body") == ""
    assert page.input_value("#neighbourhood") == ""
    assert not page.get_by_label(translated(app, lang, "Language access and interpreters")).is_checked()


@pytest.mark.parametrize("lang", ["ar", "ne"])
def test_contact_fields_appear_only_after_yes(app, browser_page, lang):
    page = browser_page
    page.goto(f"/{lang}/concern")
    assert not page.is_visible("#email")
    page.check("#follow_up")
    assert page.is_visible("#email") and page.is_visible("#phone") and page.is_visible("#consent")
    page.uncheck("#follow_up")
    assert not page.is_visible("#email")

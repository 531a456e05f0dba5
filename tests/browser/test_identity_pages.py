"""The office's identity, 'Suggest better wording' and the admins' identity pages in a real browser, with axe."""
import pytest

from portal.identity import office
from portal.identity.suggestions import record_suggestion
from portal.platform import db
from tests.browser.test_accessibility import violations
from tests.browser.test_staff import sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def office_set(app):
    """Spanish and English texts only: Arabic readers see English stand-ins, marked lang="en", in a right-to-left
    page."""
    app.config["PAGE_CACHE_SECONDS"] = 0
    with app.app_context():
        office.save_identity(db.session(), {
            office.OFFICE_NAME: {"en": "Office for Immigrant Affairs", "es": "Oficina de Asuntos de Inmigrantes"},
            office.CITY_NAME: {"en": "Louisville"}, office.INTERPRETER_PHONE: {"en": "502-555-0100"},
            office.POSTAL_ADDRESS: {"en": "100 Example Street\nLouisville, KY 40202"},
            office.REQUESTS_FROM_AUTHORITIES: {"en": "We answer only a judge's warrant.\n\nWe tell you when we can."},
        }, actor=None)
        db.session().commit()


def test_a_reader_suggests_better_wording_from_the_page_and_comes_back_to_it(app, browser_page, office_set):
    page = browser_page
    page.goto("/so/concern")
    page.get_by_role("link", name="Soo jeedi qoraal ka wanaagsan").click()
    assert page.locator("html").get_attribute("lang") == "so"
    page.fill("#text", "Noo sheeg waxa ku walwalinaya")
    page.locator("button[type=submit]").click()
    page.get_by_role("link", name="Ku noqo bogga").click()
    assert page.url.endswith("/so/concern")
    with app.app_context():
        from portal.identity.suggestions import suggestions_in
        [stored] = suggestions_in(db.session(), "so")
        assert (stored.page, stored.text) == ("public.concern", "Noo sheeg waxa ku walwalinaya")


def test_pages_with_the_office_set_and_the_suggestion_form_pass_axe(app, browser, live_server, office_set):
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    found = {}
    for path in ("/ar/", "/ar/privacy", "/es/privacy", "/ar/suggest-wording?page=public.home&back=/ar/",
                 "/es/suggest-wording/thanks?page=public.home"):
        page.goto(path)
        found[path] = violations(page)
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto("/ar/suggest-wording?page=public.privacy")
    page.locator("button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    found["suggestion with errors"] = violations(page)
    page.goto("/ar/privacy")
    assert page.locator(".site-name span[lang=en]").first.inner_text() == "Office for Immigrant Affairs"
    assert page.locator("#requests-from-authorities h2 + div").get_attribute("lang") == "en"
    context.close()
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_the_admins_identity_pages_pass_axe(app, browser, live_server, office_set):
    make_user(app, "admin", email="admin@example.org")
    with app.app_context():
        record_suggestion(db.session(), language="ar", page="public.home", text="اكتب ما يقلقك")
        db.session().commit()
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    sign_in(page, "admin@example.org")
    found = {}
    for path in ("/staff/admin/office", "/staff/admin/language-access", "/staff/admin/wording?language=ar"):
        page.goto(path)
        found[path] = violations(page)
    page.goto("/staff/admin/office")
    page.fill("#office_name_en", "")
    page.get_by_role("button", name="Save the office's details").click()
    found["office with errors"] = violations(page)
    context.close()
    assert {path: problems for path, problems in found.items() if problems} == {}

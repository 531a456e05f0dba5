"""The office's identity: set per language by admins, audited, shown on pages, mails and flyers; English stands in."""
import pytest
from sqlalchemy import select

from portal.identity import office
from portal.meetings import flyer
from portal.models import AuditEvent, Meeting
from portal.platform import db
from tests.configured_app import configured_app
from tests.conftest import add_meeting, make_user, page, post_form, sign_in

SPANISH_NAME = "Oficina de Asuntos de Inmigrantes"


@pytest.fixture
def admin_client(app, page_cache_off):
    make_user(app, "admin")
    client = app.test_client()
    sign_in(client, "admin@example.org")
    return client


def save(client, **fields):
    form = {"office_name_en": "Office for Immigrant Affairs", **fields}
    return post_form(client, "/staff/admin/office", form)


def test_a_new_install_shows_the_configured_english_name_in_every_language(app):
    with configured_app(app, OFFICE_NAME="Office of New Americans", CITY_NAME="Dayton") as named:
        header = page(named.test_client().get("/ar/")).select_one(".site-name")
    assert header.get_text(" ", strip=True) == "Office of New Americans Dayton"
    assert [span["lang"] for span in header.select("span[lang]")] == ["en", "en"]


def test_admins_set_it_per_language_and_residents_read_their_own_or_the_english_marked(admin_client, client):
    response = save(admin_client, office_name_es=SPANISH_NAME, city_name_en="Louisville",
                    interpreter_phone_en="502-555-0100", postal_address_en="100 Example Street\nLouisville, KY")
    assert response.status_code == 302

    spanish = page(client.get("/es/"))
    assert spanish.select_one(".site-name").get_text(" ", strip=True) == f"{SPANISH_NAME} Louisville"
    assert spanish.select_one(".site-city > span[lang=en]").get_text() == "Louisville"  # no Spanish city name yet
    assert SPANISH_NAME in spanish.select_one(".lead").get_text()
    assert spanish.title.get_text().endswith(f"– {SPANISH_NAME}, Louisville")
    footer = spanish.select_one(".site-footer").get_text(" ", strip=True)
    assert "502-555-0100" in footer and "100 Example Street" in footer

    arabic = page(client.get("/ar/privacy"))
    marked = arabic.select_one(".site-name > span[lang=en]")
    assert marked.get_text() == "Office for Immigrant Affairs" and marked["dir"] == "ltr"
    assert [span.get_text() for span in arabic.select("main li span[lang=en]")] == ["Office for Immigrant Affairs"] * 2


def test_the_admin_sees_which_languages_miss_a_version_and_every_change_is_audited(app, admin_client):
    save(admin_client, office_name_es=SPANISH_NAME)
    missing = page(admin_client.get("/staff/admin/office")).select_one(".missing-languages").get_text(" ")
    assert "Arabic (ar): Office's name" in missing and "Spanish" not in missing
    save(admin_client, office_name_es=SPANISH_NAME)  # nothing changed: nothing audited
    with app.app_context():
        [event] = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "office.changed")).all()
        assert event.details == {"fields": ["office_name"], "languages": ["es"]}
        assert event.actor_id is not None


def test_only_admins_change_it(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    assert client.get("/staff/admin/office").status_code == 403


def test_the_english_name_is_required(admin_client):
    response = post_form(admin_client, "/staff/admin/office", {"office_name_en": "  "})
    assert response.status_code == 200
    assert "Give the office's name in English." in page(response).select_one(".error-summary").get_text()


def test_a_language_the_city_stopped_offering_keeps_its_texts(app, admin_client):
    with app.app_context():
        office.save_identity(db.session(), {office.OFFICE_NAME: {"en": "Office", "fr": "Bureau"}}, actor=None)
        db.session().commit()
        app.extensions["portal.languages"] = tuple(
            language for language in app.extensions["portal.languages"] if language.tag != "fr")
    assert 'name="office_name_fr"' not in admin_client.get("/staff/admin/office").get_data(as_text=True)
    save(admin_client, office_name_es=SPANISH_NAME)
    with app.app_context():
        assert office.stored_identity(db.session()).versions["office_name"] == {
            "en": "Office for Immigrant Affairs", "fr": "Bureau", "es": SPANISH_NAME}


def test_the_privacy_page_shows_the_citys_text_on_requests_from_authorities(admin_client, client):
    save(admin_client, requests_from_authorities_en="We answer only a judge's warrant.\n\nWe tell you if we can.",
         requests_from_authorities_es="Solo respondemos a una orden judicial.")
    # Under the standard heading, in the reader's language; the city's text replaces the standard section.
    section = page(client.get("/es/privacy")).select_one("#requests-from-authorities")
    spanish = section.select_one("h2 + div")
    assert section.h2.get_text() != "Requests from immigration authorities, police or courts"
    assert spanish.get_text(strip=True) == "Solo respondemos a una orden judicial." and not spanish.get("lang")
    arabic = page(client.get("/ar/privacy")).select_one("#requests-from-authorities h2 + div")
    assert arabic["lang"] == "en" and len(arabic.select("p")) == 2
    assert page(client.get("/es/")).select_one("#requests-from-authorities") is None


def test_the_flyer_names_the_office_in_its_first_language(app, admin_client):
    save(admin_client, office_name_es=SPANISH_NAME, city_name_en="Louisville")
    meeting_id = add_meeting(app)
    with app.test_request_context():
        meeting = db.session().get(Meeting, meeting_id)
        html = page_of(flyer.flyer_html(meeting, ["es", "en"], flyer.A4))
        assert html.select_one(".office").get_text(" ", strip=True) == f"{SPANISH_NAME}, Louisville"


def page_of(html: str):
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser")


def test_mail_comes_from_the_office_as_named_in_english(app, admin_client):
    save(admin_client, office_name_es=SPANISH_NAME)
    from portal.platform import mail
    with app.test_request_context():
        assert mail.sender() == "Office for Immigrant Affairs <no-reply@localhost>"


def test_pages_show_the_configured_name_when_the_setting_cannot_be_read(app, tmp_path):
    """Every page shows the office, the error page too: a database that is down must not make a second error."""
    with configured_app(app, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}",
                        OFFICE_NAME="Office of Welcome") as unmigrated:
        header = page(unmigrated.test_client().get("/es/privacy")).select_one(".site-name")
    assert header.get_text(strip=True) == "Office of Welcome"

"""PORTAL_LANGUAGES: a city offers some of the shipped languages; everything a resident meets follows."""
import pytest

from portal import create_app
from portal.platform.i18n import languages_from_setting
from tests.configured_app import configured_app
from tests.conftest import RESIDENT_PAGES, add_meeting, make_user, page, sign_in

OFFERED = "en,es,ar,so"


@pytest.fixture
def city_app(app):
    """The test app, made again with four languages offered (the URL converter is built at start-up)."""
    with configured_app(app, LANGUAGES=OFFERED) as offered:
        yield offered


def test_unset_offers_every_shipped_language_and_english_is_always_offered():
    assert languages_from_setting(None) == languages_from_setting("") == languages_from_setting(
        [language.tag for language in languages_from_setting(None)])
    assert [language.tag for language in languages_from_setting("ar, es")] == ["en", "es", "ar"]


def test_a_tag_the_portal_does_not_ship_stops_the_start(app):
    with pytest.raises(RuntimeError, match="xx"):
        create_app({"DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "k", "DATA_KEY": app.config["DATA_KEY"],
                    "LANGUAGES": "en,es,xx"})


@pytest.mark.parametrize("path", RESIDENT_PAGES)
def test_a_language_not_offered_is_a_404(city_app, path):
    client = city_app.test_client()
    assert client.get(f"/es{path}").status_code == 200
    assert client.get(f"/fr{path}").status_code == 404
    assert client.get(f"/fa-AF{path}").status_code == 404


def test_the_switcher_lists_only_the_offered_languages(city_app):
    links = page(city_app.test_client().get("/es/privacy")).select("#languages a")
    assert [link["lang"] for link in links] == OFFERED.split(",")


def test_accept_language_negotiates_among_the_offered_languages(city_app):
    client = city_app.test_client()
    assert client.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9,ar;q=0.5"}).headers["Location"] == "/ar/"
    assert client.get("/", headers={"Accept-Language": "uk"}).headers["Location"] == "/en/"


def test_the_contact_language_choice_offers_the_offered_languages(city_app):
    choices = page(city_app.test_client().get("/en/concern")).select("select[name=contact_language] option")
    assert [option["value"] for option in choices] == OFFERED.split(",")


def test_staff_choose_flyer_and_interpretation_languages_among_the_offered_ones(city_app):
    meeting_id = add_meeting(city_app, interpreted_languages=["es", "fr"])
    make_user(city_app, "admin")
    client = city_app.test_client()
    sign_in(client, "admin@example.org")
    flyer_page = page(client.get(f"/staff/meetings/{meeting_id}/flyer"))
    assert {box["value"] for box in flyer_page.select("input[name=languages]")} == set(OFFERED.split(","))
    assert {box["value"] for box in flyer_page.select("input[name=languages][checked]")} == {"en", "es"}
    assert client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?languages=en&languages=fr").status_code == 400
    qr_choices = page(client.get(f"/staff/meetings/{meeting_id}")).select("select#qr option")
    assert [option["value"] for option in qr_choices] == OFFERED.split(",")
    assert client.get(f"/staff/meetings/{meeting_id}/qr.svg?lang=fr").status_code == 404
    edit_page = page(client.get(f"/staff/meetings/{meeting_id}/edit"))
    assert {box["value"] for box in edit_page.select("input[name=interpreted_languages]")} == set(OFFERED.split(","))
    new_submission = page(client.get("/staff/submissions/new"))
    assert [option["value"] for option in new_submission.select("select[name=language] option")] == [
        "", *OFFERED.split(",")]  # "Choose the language" first: staff choose, nothing is assumed

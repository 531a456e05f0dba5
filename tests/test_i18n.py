"""Languages: negotiation, the switcher, direction, unknown tags, localized numbers and plurals."""
import pytest

from portal.platform.i18n import LANGUAGES
from tests.conftest import RESIDENT_PAGES, add_meeting, page

RTL = {"ar", "fa-AF", "ps"}


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
        ("fa-IR", "/fa-AF/"),  # Farsi readers get Dari, the closest shipped language
        ("so", "/so/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
        ("uk-UA,ru;q=0.8", "/uk/"),
        ("fr-CA", "/fr/"),
    ],
)
def test_root_redirects_to_the_best_language(client, accept_language, expected):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302 and response.headers["Location"] == expected


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.tag)
def test_every_language_serves_every_page_with_lang_and_dir(client, language):
    for path in RESIDENT_PAGES:
        html = page(client.get(f"/{language.tag}{path}"))
        root = html.find("html")
        assert root["lang"] == language.tag
        assert root["dir"] == ("rtl" if language.tag in RTL else "ltr")


@pytest.mark.parametrize("path", ["/xx/", "/de/concern", "/fa/", "/EN/", "/en-US/status"])
def test_an_unknown_language_tag_is_a_404_page(client, path):
    response = client.get(path, headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert page(response).find("html")["lang"] == "es"


def test_the_switcher_names_each_language_in_itself_and_leads_to_the_same_page(app, client):
    meeting_id = add_meeting(app)
    html = page(client.get(f"/es/meetings/{meeting_id}"))
    links = html.select("#languages a")
    assert [link.get_text() for link in links] == [language.endonym for language in LANGUAGES]
    dari = next(link for link in links if link["lang"] == "fa-AF")
    assert dari.get_text() == "دری" and dari["hreflang"] == "fa-AF" and dari["dir"] == "rtl"
    assert dari["href"] == f"/fa-AF/meetings/{meeting_id}"
    assert html.select_one('#languages a[aria-current="true"]')["lang"] == "es"


@pytest.mark.parametrize("lang", ["es", "ar", "ne"])
def test_on_a_form_page_the_switcher_sends_the_form_to_the_same_page_in_the_other_language(app, client, lang):
    meeting_id = add_meeting(app)
    html = page(client.get(f"/{lang}/meetings/{meeting_id}/feedback"))
    buttons = html.select("#languages button")
    assert [button.get_text() for button in buttons] == [language.endonym for language in LANGUAGES]
    assert all(button["form"] == html.select_one("main form")["id"] for button in buttons)
    dari = next(button for button in buttons if button["lang"] == "fa-AF")
    assert dari["formaction"] == f"/fa-AF/meetings/{meeting_id}/feedback" and dari["dir"] == "rtl"
    assert html.select_one('#languages button[aria-current="true"]')["lang"] == lang


def test_numbers_and_dates_are_localized(app, client):
    add_meeting(app)
    concern_hint = page(client.get("/fr/concern")).select_one("#body-hint").get_text()
    assert "5\u202f000" in concern_hint or "5\u00a0000" in concern_hint  # French groups thousands with a space
    meetings = page(client.get("/uk/meetings")).select_one(".facts dd").get_text()
    assert any(month in meetings for month in ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня",
                                                 "серпня", "вересня", "жовтня", "листопада", "грудня"))


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("en", "1 reply from the office", "2 replies from the office"),
    ("ar", "ردّ واحد من المكتب", "ردّان من المكتب"),
])
def test_plural_forms_follow_the_count(app, client, lang, one, many):
    from portal.platform import db
    from portal.models import Reply, Submission
    from tests.conftest import post_form
    from tests.factories import make_submission

    reference = make_submission(app, language="so", replies=["First reply"]).reference
    assert page(post_form(client, f"/{lang}/status", {"reference": reference})).find("h2", string=one)
    with app.app_context():
        submission = db.session().query(Submission).filter_by(reference=reference).one()
        db.session().add(Reply(submission=submission, body="Second reply", language="so"))
        db.session().commit()
    assert page(post_form(client, f"/{lang}/status", {"reference": reference})).find("h2", string=many)

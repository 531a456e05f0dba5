"""Error pages speak the address's language, and no language link leads to a page that cannot be opened."""
import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.models import Submission
from portal.platform import db
from portal.platform.reference import format_reference
from tests.conftest import csrf_token_from, page, post_form
from tests.factories import make_submission


def translated(app, lang: str, message: str) -> str:
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        return gettext(message)


@pytest.mark.parametrize("lang", ["ar", "fa-AF", "ne", "uk"])
def test_an_unknown_address_under_a_language_is_a_404_in_that_language(app, client, lang):
    response = client.get(f"/{lang}/nope", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    html = page(response)
    assert html.find("html")["lang"] == lang
    assert html.find("h1").get_text() == translated(app, lang, "Page not found")
    assert html.select_one('#languages a[aria-current="true"]')["lang"] == lang


def confirmation(client, lang: str, reference: str):
    status = post_form(client, f"/{lang}/status", {"reference": format_reference(reference)})
    form = page(status).select_one(".delete-own form")
    return client.post(form["action"], data={"csrf_token": csrf_token_from(status),
                                              "reference": form.select_one("[name=reference]")["value"]})


@pytest.mark.parametrize(("lang", "other"), [("en", "ar"), ("ar", "ne"), ("ne", "fa-AF")])
def test_the_delete_confirmation_switches_language_without_deleting(app, client, lang, other):
    reference = make_submission(app).reference
    html = page(confirmation(client, lang, reference))
    assert html.find("h1").get_text() == translated(app, lang, "Delete what you sent?")
    assert html.select("#languages a") == []  # a link would GET /delete: a 405
    button = html.select_one(f'#languages button[lang="{other}"]')
    form = html.select_one(f'#{button["form"]}')
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    switched = client.post(button["formaction"], data={**data, button["name"]: button["value"]})
    assert switched.status_code == 200
    switched_html = page(switched)
    assert switched_html.find("html")["lang"] == other
    assert switched_html.find("h1").get_text() == translated(app, other, "Delete what you sent?")
    with app.app_context():
        assert db.session().scalar(select(Submission.reference)) == reference  # nothing deleted


def test_every_link_on_the_delete_confirmation_opens(app, client):
    reference = make_submission(app).reference
    html = page(confirmation(client, "ar", reference))
    for link in html.select("a[href^='/']"):
        assert client.get(link["href"].split("#")[0]).status_code in (200, 302), link["href"]

"""'Suggest better wording': on each resident page, a form without account; admins read suggestions per language."""
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import inspect, select

from portal.models import AuditEvent, WordingSuggestion
from portal.platform import db
from tests.conftest import RESIDENT_PAGES, add_meeting, make_user, page, post_form, sign_in


@pytest.mark.parametrize("path", [*RESIDENT_PAGES, "/meetings/{meeting}", "/meetings/{meeting}/feedback"])
def test_every_resident_page_links_to_the_form_for_itself(app, client, path):
    path = path.format(meeting=add_meeting(app))
    link = page(client.get(f"/so{path}")).select_one(".suggest-wording a")
    target = urlsplit(link["href"])
    assert target.path == "/so/suggest-wording"
    assert parse_qs(target.query) == {"page": [parse_qs(target.query)["page"][0]], "back": [f"/so{path}"]}


def test_a_suggestion_is_stored_with_its_page_and_language_only(app, client):
    response = post_form(client, "/ar/suggest-wording?page=public.concern&back=/ar/concern",
                         {"page": "public.concern", "back": "/ar/concern", "text": "  اكتب ما يقلقك  "})
    assert response.status_code == 303
    thanks = page(client.get(response.headers["Location"]))
    assert thanks.find("html")["lang"] == "ar" and thanks.select_one("main a[href='/ar/concern']")
    with app.app_context():
        [stored] = db.session().scalars(select(WordingSuggestion)).all()
        assert (stored.language, stored.page, stored.text) == ("ar", "public.concern", "اكتب ما يقلقك")
    assert {column.key for column in inspect(WordingSuggestion).columns} == {"id", "language", "page", "text"}


def test_an_empty_suggestion_is_refused_and_an_unknown_page_is_a_404(client):
    response = post_form(client, "/es/suggest-wording?page=public.home", {"page": "public.home", "text": " "})
    assert response.status_code == 200 and page(response).select_one(".error-summary")
    assert client.get("/es/suggest-wording?page=staff.inbox").status_code == 404


def test_the_way_back_is_only_ever_a_page_of_ours_in_that_language(client):
    for back in ("https://evil.example/", "//evil.example/es/", "/fr/concern"):
        form = page(client.get(f"/es/suggest-wording?page=public.home&back={back}"))
        assert form.select_one("main > p:last-child a")["href"] == "/es/"


def test_admins_read_suggestions_per_language_and_remove_them_audited(app, client):
    for tag, text in (("es", "Mejor: comparta su preocupación"), ("es", "Otra"), ("so", "Fiican")):
        post_form(client, f"/{tag}/suggest-wording?page=public.privacy", {"page": "public.privacy", "text": text})
    make_user(app, "admin")
    admin = app.test_client()
    sign_in(admin, "admin@example.org")
    overview = page(admin.get("/staff/admin/wording"))
    counts = {row.select_one("a")["href"].rsplit("=", 1)[1]: row.select_one("td").get_text()
              for row in overview.select("tbody tr")}
    assert counts["es"] == "2" and counts["so"] == "1" and counts["ar"] == "0"
    spanish = page(admin.get("/staff/admin/wording?language=es"))
    texts = [element.get_text() for element in spanish.select(".suggestion-text")]
    assert texts == ["Mejor: comparta su preocupación", "Otra"]
    assert spanish.select_one(".suggestion .hint a")["href"] == "/es/privacy"
    with app.app_context():
        first = db.session().scalars(select(WordingSuggestion).order_by(WordingSuggestion.id)).first()
    token = spanish.select_one(".suggestion input[name=csrf_token]")["value"]
    admin.post(f"/staff/admin/wording/{first.id}/remove", data={"csrf_token": token})
    with app.app_context():
        assert db.session().get(WordingSuggestion, first.id) is None
        event = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "wording_suggestion.removed")).one()
        assert event.details == {"language": "es", "page": "public.privacy"}


def test_only_admins_read_them(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    assert client.get("/staff/admin/wording").status_code == 403

"""The page cache: the same page for everyone in a language, but each visitor's own CSRF and form tokens."""
import re
from datetime import timedelta

from sqlalchemy import select

from portal.platform import db
from portal.models import Category, Submission
from tests.conftest import add_meeting, csrf_token_from, post_form

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" type="hidden" value="([^"]+)"')


def without_tokens(html: str) -> str:
    form_token = FORM_TOKEN.search(html).group(1)
    return TOKEN.sub("", html).replace(form_token, "")


def test_each_visitor_gets_their_own_token_and_can_send(app):
    first, second = app.test_client(), app.test_client()
    page_one, page_two = first.get("/es/concern"), second.get("/es/concern")
    token_one, token_two = csrf_token_from(page_one), csrf_token_from(page_two)
    assert token_one != token_two
    html_one, html_two = page_one.get_data(as_text=True), page_two.get_data(as_text=True)
    assert FORM_TOKEN.search(html_one).group(1) != FORM_TOKEN.search(html_two).group(1)
    assert without_tokens(html_one) == without_tokens(html_two)
    response = second.post("/es/concern", data={"csrf_token": token_two, "category": "housing",
                                                "body": "No hay calefacción."})
    assert response.status_code == 303


def test_languages_are_cached_apart(app, client):
    assert client.get("/ar/concern").get_data(as_text=True) != client.get("/en/concern").get_data(as_text=True)
    assert 'lang="ar"' in client.get("/ar/concern").get_data(as_text=True)


def test_a_cached_page_is_served_until_the_cache_lets_it_go(app, client):
    assert "New talk" not in client.get("/en/meetings").get_data(as_text=True)
    add_meeting(app, starts_in=timedelta(days=2), title={"en": "New talk"})
    assert "New talk" not in client.get("/en/meetings").get_data(as_text=True)  # still the cached copy
    app.config["PAGE_CACHE_SECONDS"] = 0
    assert "New talk" in client.get("/en/meetings").get_data(as_text=True)


def test_forms_with_errors_are_never_cached(app, client):
    client.get("/en/concern")
    response = post_form(client, "/en/concern", {"body": "my own words"})
    assert "my own words" in response.get_data(as_text=True)
    assert "my own words" not in app.test_client().get("/en/concern").get_data(as_text=True)


def test_kept_topics_serve_many_concerns_in_many_requests(app):
    for tag, topic in [("so", "housing"), ("ar", "schools"), ("en", "housing")]:
        response = post_form(app.test_client(), f"/{tag}/concern", {"category": topic, "body": "Words."})
        assert response.status_code == 303
    with app.app_context():
        stored = db.session().execute(select(Submission.language, Category.slug).join(Submission.category)
                                      .order_by(Submission.id)).all()
    assert [tuple(row) for row in stored] == [("so", "housing"), ("ar", "schools"), ("en", "housing")]

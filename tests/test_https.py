"""Over HTTPS behind nginx, as a browser meets the portal: it sends a Referer only as the portal's own
Referrer-Policy allows, and Flask-WTF's strict HTTPS check (WTF_CSRF_SSL_STRICT) still has one to compare."""
from __future__ import annotations

import pytest
from flask import g

from portal import create_app
from portal.platform import db
from tests.conftest import TEST_DATA_KEY, csrf_token_from, make_user

PORTAL = "https://portal.test"
# What nginx adds to every request it passes on (deploy/nginx.conf).
FROM_NGINX = {"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "portal.test"}
# The Referer a browser sends on a same-origin form submission, by the Referrer-Policy of the page holding the form
# (https://www.w3.org/TR/referrer-policy/#referrer-policies).
SAME_ORIGIN_REFERER = {
    "no-referrer": lambda url: None,
    "origin": lambda url: f"{PORTAL}/",
    "strict-origin": lambda url: f"{PORTAL}/",
    "same-origin": lambda url: url,
    "origin-when-cross-origin": lambda url: url,
    "strict-origin-when-cross-origin": lambda url: url,
    "no-referrer-when-downgrade": lambda url: url,
    "unsafe-url": lambda url: url,
}


@pytest.fixture
def production_app(app, database_url):
    """The `app` fixture empties the tables; this is the same database as gunicorn runs it in production."""
    production = create_app({"ENV": "production", "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
                             "DATA_KEY": TEST_DATA_KEY, "PROXY_HOPS": 1, "PUBLIC_URL": PORTAL})
    yield production
    with production.app_context():
        db.engine().dispose()


def post_like_a_browser(client, path: str, data: dict):
    """Fetches the form page, then posts the form with only the headers a browser adds under the page's policy."""
    form_page = client.get(path, base_url=PORTAL, headers=FROM_NGINX)
    referer = SAME_ORIGIN_REFERER[form_page.headers["Referrer-Policy"]](f"{PORTAL}{path}")
    headers = {**FROM_NGINX, **({"Referer": referer} if referer else {})}
    return client.post(path, base_url=PORTAL, headers=headers, data={**data, "csrf_token": csrf_token_from(form_page)})


def test_staff_sign_in_over_https_with_only_what_a_browser_sends(app, production_app):
    make_user(app, "staff", email="amal@example.org")
    client = production_app.test_client()
    response = post_like_a_browser(client, "/staff/login", {"email": "amal@example.org",
                                                            "password": "correct horse battery staple"})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    # Signed in: production asks for two-factor first (the sign-in itself is what this test is about).
    assert client.get("/staff/", base_url=PORTAL, headers=FROM_NGINX).headers["Location"] == (
        "/staff/account/two-factor")
    assert client.get("/staff/account/two-factor", base_url=PORTAL, headers=FROM_NGINX).status_code == 200


def test_a_resident_form_over_https_passes_the_csrf_check_itself(app, production_app):
    """Not only through the CSRF error handler, which shows a resident's form again with what they typed."""
    client = production_app.test_client()
    with client:  # keeps the last request's context, to read what Flask-WTF concluded
        response = post_like_a_browser(client, "/ar/concern", {"category": "housing",
                                                               "body": "لا توجد تدفئة في الشتاء"})
        assert g.get("csrf_valid") is True
    assert response.status_code == 303 and response.headers["Location"] == "/ar/sent#top"


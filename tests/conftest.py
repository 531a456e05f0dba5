"""Fixtures in the Flask tutorial's shape: app, client, runner, and a clean database for each test.

The suite runs on the embedded SQLite default; PORTAL_TEST_DATABASE_URL points it at PostgreSQL instead.
"""
from __future__ import annotations

import os
from pathlib import Path
import re
from collections import Counter
from datetime import datetime, timedelta, UTC

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from portal import create_app
from portal.platform import db
from portal.platform.db import Base
from portal.models import Meeting
from portal.platform.schema import upgrade_to_head
from portal.topics.service import ensure_default_categories
from tests.smtp import smtp_server

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
RESIDENT_PAGES = ("/", "/concern", "/meetings", "/status", "/privacy", "/outcomes")
TEST_DATA_KEY = "hK3mJ0l7yQbV1d0cJm3b2vJqkJr1m9hUu3mW8tYwX2M="


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A database at the newest migration, created once for the whole run."""
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.db'}"
        engine = create_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    return url


class CheckedClient(FlaskClient):
    """Checks every HTML page it fetches the way a careful reviewer would (after notifications-admin)."""

    def open(self, *args, **kwargs):
        # Buffered, as a real server sends a response: it then closes it, which runs what the request queued for
        # after its response (portal/platform/jobs.py), so tests see the mail it sent.
        kwargs.setdefault("buffered", True)
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and response.status_code != 302 and response.status_code != 303:
            check_page(response.get_data(as_text=True))
        return response


def check_page(html: str) -> None:
    page = BeautifulSoup(html, "html.parser")
    root = page.find("html")
    assert root is not None and root.get("lang") and root.get("dir") in {"ltr", "rtl"}, "<html> needs lang and dir"
    assert page.title is not None and page.title.get_text(strip=True), "every page needs a title"
    ids = Counter(element["id"] for element in page.find_all(id=True))
    duplicates = [element_id for element_id, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in page.find_all("form"):
        assert form.get("action"), "every form needs an action"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": re.compile(r"(^|-)csrf_token$")}), "POST forms carry a CSRF token"


@pytest.fixture(scope="session")
def cleaning_engine(database_url):
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def app(database_url, cleaning_engine, tmp_path):
    # Before create_app, whose start-up check decrypts a stored contact: a test may have left one under another key.
    _empty_all_tables(cleaning_engine)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "DATA_KEY": TEST_DATA_KEY,
        }
    )
    app.test_client_class = CheckedClient
    with app.app_context():
        ensure_default_categories(db.session())
        db.session().commit()
    yield app
    with app.app_context():
        db.engine().dispose()


@pytest.fixture
def page_cache_off(app):
    """For a test that changes what a cached page or value shows (portal/platform/cache.py) and reads it again at
    once; in production the change shows within PORTAL_PAGE_CACHE_SECONDS."""
    app.config["PAGE_CACHE_SECONDS"] = 0


def _empty_all_tables(engine) -> None:
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def mailbox(app):
    """Every message the app sends, as a real SMTP server (tests/smtp.py) received it; a refused send is tried again
    at once."""
    with smtp_server() as box:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=box.port, MAIL_USE_TLS=False, JOB_INLINE_RETRY_SECONDS=0)
        yield box


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token_from(response) -> str:
    match = re.search(r'name="(?:[\w-]*-)?csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


def session_csrf_token(client, page_url: str) -> str:
    """The session's CSRF token, read from a page that carries a form (any form on it will do)."""
    return csrf_token_from(client.get(page_url))


def post_form(client, url: str, data: dict, **kwargs):
    """Fetches the form page first, as a browser does, and sends the form with its real CSRF token."""
    token = csrf_token_from(client.get(url))
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def add_meeting(app, *, starts_in: timedelta = -timedelta(days=2), cancelled: bool = False, **fields) -> int:
    starts_at = datetime.now(UTC).replace(microsecond=0) + starts_in
    values = {
        "title": {"en": "Meeting with immigrant leaders", "es": "Reunión con líderes inmigrantes"},
        "description": {"en": "We want to hear your concerns."},
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "place": "Main Library, 301 York Street",
        "interpreted_languages": ["es", "ar", "so"],
        "feedback_opens_at": starts_at,
        "feedback_closes_at": starts_at + timedelta(days=30),
        "cancelled_at": starts_at - timedelta(days=1) if cancelled else None,
        **fields,
    }
    with app.app_context():
        meeting = Meeting(**values)
        db.session().add(meeting)
        db.session().commit()
        return meeting.id


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def textarea_text(element) -> str:
    """A textarea's value as a browser reads it: WTForms starts it with a newline the browser drops."""
    return element.get_text().removeprefix("\r\n").removeprefix("\n")


STAFF_PASSWORD = "correct horse battery staple"


def make_user(app, role: str, email: str | None = None, password: str = STAFF_PASSWORD):
    """A staff account of the given role ("admin", "staff" or "viewer"); returns its id."""
    from portal.models import Role
    from portal.accounts import service as accounts

    with app.app_context():
        user = accounts.create_user(db.session(), email=email or f"{role}@example.org", password=password,
                                    role=Role(role))
        db.session().commit()
        return user.id


def sign_in(client, email: str, password: str = STAFF_PASSWORD):
    """Signs in through the real form, CSRF token included; returns the response."""
    return post_form(client, "/staff/login", {"email": email, "password": password})


@pytest.fixture
def staff_client(app, client):
    """A client signed in as a member of staff (role "staff")."""
    make_user(app, "staff")
    assert sign_in(client, "staff@example.org").status_code == 302
    return client


@pytest.fixture
def admin_client(app, client):
    make_user(app, "admin")
    assert sign_in(client, "admin@example.org").status_code == 302
    return client


@pytest.fixture
def viewer_client(app, client):
    make_user(app, "viewer")
    assert sign_in(client, "viewer@example.org").status_code == 302
    return client


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the whole run (tests/browser and tests/test_production.py): a second one started while
    the first runs fails, its event loop being already running. A missing Chromium fails the run, loudly."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as driver:
        yield driver


def production_environment(monkeypatch, tmp_path, public_url: str | None = None) -> None:
    """What a production start-up reads from the environment: its own instance folder and database, real keys."""
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PORTAL_DATA_KEY", TEST_DATA_KEY)
    monkeypatch.setenv("PORTAL_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    if public_url:
        monkeypatch.setenv("PORTAL_PUBLIC_URL", public_url)

"""Links that leave the page (email, QR codes, flyers, calendar files) go to PORTAL_PUBLIC_URL, never to the host a
request names: a concern sent with `Host: evil.example` must not mail residents or staff a link to evil.example."""
from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from sqlalchemy import select

from portal import create_app
from portal.platform import db
from portal.models import User
from tests.conftest import (
    TEST_DATA_KEY, CheckedClient, add_meeting, csrf_token_from, make_user, production_environment, sign_in,
)
from tests.meetings.test_qr_and_flyer import pdf_pages_as_png, poppler, zbar
from tests.smtp import parts

PUBLIC_URL = "https://portal.example.gov"
EVIL = "evil.example"
EVIL_HEADERS = {"X-Forwarded-Host": EVIL, "X-Forwarded-Proto": "http"}
LINK = re.compile(r"https?://[^\s\"'<>)]+")


def app_like_the_tests(database_url: str, **config):
    made = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
                       "DATA_KEY": TEST_DATA_KEY, "JOB_INLINE_RETRY_SECONDS": 0,
                       "MAIL_USE_TLS": False, "MAIL_SERVER": "127.0.0.1", **config})
    made.test_client_class = CheckedClient
    return made


@pytest.fixture
def behind_nginx(app, database_url, mailbox):
    """Behind one proxy (PORTAL_PROXY_HOPS=1), which passes on whatever X-Forwarded-Host a client sent."""
    proxied = app_like_the_tests(database_url, PROXY_HOPS=1, PUBLIC_URL=PUBLIC_URL + "/", MAIL_PORT=mailbox.port)
    yield proxied
    with proxied.app_context():
        db.engine().dispose()


def send_concern_to(client, host: str, headers: dict) -> int:
    token = csrf_token_from(client.get("/en/concern", base_url=f"http://{host}", headers=headers))
    return client.post("/en/concern", base_url=f"http://{host}", headers=headers, data={
        "csrf_token": token, "category": "police-immigration", "body": "Officers at the bus stop.",
        "follow_up": "y", "email": "amina@example.org", "contact_language": "so", "consent": "y"}).status_code


def watcher(app) -> None:
    make_user(app, "staff", email="watcher@example.org")
    with app.app_context():
        db.session().scalars(select(User)).one().watched_categories = ["police-immigration"]
        db.session().commit()


def links_in(message) -> list[str]:
    return LINK.findall("".join(parts(message)))


def test_mail_links_go_to_the_public_url_whatever_host_the_request_names(behind_nginx, mailbox):
    watcher(behind_nginx)
    assert send_concern_to(behind_nginx.test_client(), EVIL, EVIL_HEADERS) == 303
    messages = mailbox.wait_for(2)
    assert sorted(message["To"] for message in messages) == ["amina@example.org", "watcher@example.org"]
    for message in messages:
        assert EVIL not in message.as_string()
        assert links_in(message) and all(link.startswith(f"{PUBLIC_URL}/") for link in links_in(message))
    receipt = next(message for message in messages if message["To"] == "amina@example.org")
    assert f"{PUBLIC_URL}/so/status" in links_in(receipt)


def test_calendar_files_qr_codes_and_flyers_link_to_the_public_url(behind_nginx, tmp_path):
    meeting_id = add_meeting(behind_nginx)
    resident = behind_nginx.test_client()
    ics = resident.get(f"/es/meetings/{meeting_id}.ics", base_url=f"http://{EVIL}", headers=EVIL_HEADERS)
    [event] = Calendar.from_ical(ics.data).walk("VEVENT")
    assert str(event["url"]) == f"{PUBLIC_URL}/es/meetings/{meeting_id}"
    assert f"{PUBLIC_URL}/es/meetings/{meeting_id}/feedback" in str(event["description"])
    assert str(event["uid"]) == f"meeting-{meeting_id}@portal.example.gov"

    make_user(behind_nginx, "staff")
    staff = behind_nginx.test_client()
    assert sign_in(staff, "staff@example.org").status_code == 302
    svg = staff.get(f"/staff/meetings/{meeting_id}/qr.svg?lang=ar", headers=EVIL_HEADERS).get_data(as_text=True)
    assert f"{PUBLIC_URL}/ar/meetings/{meeting_id}/feedback" in svg and EVIL not in svg
    flyer = staff.get(f"/staff/meetings/{meeting_id}/flyer.pdf?languages=en&languages=ar&paper=a4",
                      headers=EVIL_HEADERS)
    assert flyer.status_code == 200
    assert EVIL not in poppler("pdftotext", flyer.data, tmp_path, "-raw")
    [png] = pdf_pages_as_png(flyer.data, tmp_path)
    assert sorted(zbar(png)) == [f"{PUBLIC_URL}/{tag}/meetings/{meeting_id}/feedback" for tag in ("ar", "en")]


def test_in_development_without_a_public_url_mail_never_links_to_the_requests_host(app, database_url, mailbox):
    development = app_like_the_tests(database_url, MAIL_PORT=mailbox.port)
    try:
        assert send_concern_to(development.test_client(), EVIL, {}) == 303
    finally:
        with development.app_context():
            db.engine().dispose()
    [receipt] = mailbox.wait_for(1)
    assert EVIL not in receipt.as_string() and "http://localhost:5000/so/status" in links_in(receipt)


def test_production_refuses_to_start_without_a_public_url(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path)
    with pytest.raises(RuntimeError, match="PORTAL_PUBLIC_URL must be set in production"):
        create_app()


@pytest.mark.parametrize("wrong", ["portal.example.gov", "ftp://portal.example.gov", "https://"])
def test_a_public_url_that_is_not_an_address_is_refused_at_start_up(monkeypatch, tmp_path, wrong):
    production_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("PORTAL_PUBLIC_URL", wrong)
    with pytest.raises(RuntimeError, match="PORTAL_PUBLIC_URL must be an address"):
        create_app()

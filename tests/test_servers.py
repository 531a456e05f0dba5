"""Several servers: two gunicorn servers on different ports, each with its own empty instance folder, against the
same PostgreSQL database and the same Redis (both on this machine). What a resident sends to one, staff see on the
other; a session signed by one is good on the other; a rate limit counts across both."""
from __future__ import annotations

import http.cookiejar
import importlib.util
import os
import re
import secrets
import subprocess
import uuid
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, build_opener

import pytest
from cryptography.fernet import Fernet
from redis import Redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/6"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
# The code's three groups, each in its own span so that none breaks inside (templates/public/sent.html).
REFERENCE = re.compile(r'class="reference"[^>]*>((?:<[^>]+>|[A-Z0-9-])+)</p>')
PASSWORD = "correct horse battery staple"
BODY = "Two officers asked for papers at the bus stop on Vine Street."


def _serve_module():
    """bench/serve.py starts gunicorn on a free port; the benchmarks use it too."""
    spec = importlib.util.spec_from_file_location("bench_serve", ROOT / "bench" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # show us the 302/303 itself


class Browser:
    """A client with its own cookies; cookies for 127.0.0.1 go to both ports, as behind one load balancer."""

    def __init__(self) -> None:
        self.opener = build_opener(HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects())

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, data=body, timeout=30) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except HTTPError as error:
            with error:
                return error.code, error.read().decode(), error.headers.get("Location", "")

    def token(self, url: str) -> str:
        status, html, _ = self.request(url)
        assert status == 200, (url, status)
        return TOKEN.search(html).group(1)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    serve = _serve_module()
    run = uuid.uuid4().hex[:8]  # several test runs on one machine do not meet in PostgreSQL or Redis
    database = f"portal_two_servers_{run}"
    workdir = tmp_path_factory.mktemp("two-servers")
    database_url = serve.fresh_database("postgres", workdir, name=database)
    shared = {
        **os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_REDIS_URL": REDIS_URL,
        "PORTAL_SECRET_KEY": secrets.token_hex(32), "PORTAL_DATA_KEY": Fernet.generate_key().decode(),
        "PORTAL_SUBMISSION_LIMIT": "3 per hour", "PORTAL_RATE_LIMIT_KEY_PREFIX": f"two-servers-{run}",
        "PORTAL_JOB_QUEUE": f"two-servers-{run}",
    }
    flask = [serve.VENV_BIN / "flask", "--app", "portal"]
    subprocess.run([*flask, "init-db"], env={**shared, "PORTAL_INSTANCE_PATH": str(workdir / "setup")}, cwd=ROOT,
                   check=True, capture_output=True)
    subprocess.run([*flask, "create-user", "staff@example.org", "--role", "staff"], input=PASSWORD + "\n",
                   text=True, env={**shared, "PORTAL_INSTANCE_PATH": str(workdir / "setup")}, cwd=ROOT,
                   check=True, capture_output=True)
    try:
        with serve.gunicorn({**shared, "PORTAL_INSTANCE_PATH": str(workdir / "a")}) as first, \
                serve.gunicorn({**shared, "PORTAL_INSTANCE_PATH": str(workdir / "b")}) as second:
            yield first, second, database_url, workdir
    finally:
        redis = Redis.from_url(REDIS_URL)
        for key in redis.scan_iter(f"*two-servers-{run}*"):
            redis.delete(key)
        redis.srem("rq:queues", f"rq:queue:two-servers-{run}")
        redis.close()
        serve.drop_database(database)


def concern(browser: Browser, server: str, token: str) -> tuple[int, str, str]:
    return browser.request(f"{server}/en/concern", {"csrf_token": token, "category": "police-immigration",
                                                    "body": BODY})


def test_a_submission_sent_to_one_server_is_seen_by_staff_on_the_other(servers):
    first, second, _database_url, workdir = servers
    resident = Browser()
    token = resident.token(f"{first}/en/concern")  # the form (and the session's CSRF token) from the first
    status, _, location = concern(resident, second, token)  # sent to the second: same key, same session
    assert (status, location) == (303, "/en/sent#top")
    status, receipt, _ = resident.request(f"{first}/en/sent")  # the receipt, read back from the first
    assert status == 200
    code = re.sub(r"<[^>]+>", "", REFERENCE.search(receipt).group(1))

    staff = Browser()
    status, _, location = staff.request(f"{second}/staff/login", {
        "csrf_token": staff.token(f"{second}/staff/login"), "email": "staff@example.org", "password": PASSWORD})
    assert status == 302 and "/staff/login" not in location
    status, inbox, _ = staff.request(f"{first}/staff/")  # signed in on the second, reading on the first
    assert status == 200 and code in inbox
    submission_path = re.search(rf'href="(/staff/submissions/\d+)"[^>]*>{code}<', inbox).group(1)
    status, shown, _ = staff.request(f"{first}{submission_path}")
    assert status == 200 and BODY in shown
    # Neither server keeps anything of its own: no database file, no generated key, nothing in its instance folder.
    assert list((workdir / "a").iterdir()) == [] and list((workdir / "b").iterdir()) == []


def test_a_rate_limit_counts_across_both_servers(servers):
    first, second, _database_url, _workdir = servers
    resident = Browser()  # one browser session, counted in Redis whichever server it reaches
    token = resident.token(f"{first}/en/concern")
    assert [concern(resident, server, token)[0] for server in (first, second, first)] == [303] * 3
    status, page, _ = concern(resident, second, token)
    assert status == 429 and BODY in page  # the translated 429 page keeps what was typed
    assert concern(resident, second, token)[0] == 429
    redis = Redis.from_url(REDIS_URL)
    assert any(True for _ in redis.scan_iter("*two-servers-*"))
    redis.close()


def test_behind_a_proxy_each_resident_has_their_own_limit_not_the_proxys(app, database_url):
    """PORTAL_PROXY_HOPS=1 behind nginx: the limit is keyed by X-Forwarded-For, not by nginx's own address."""
    from portal import create_app
    from portal.platform import db
    from tests.conftest import TEST_DATA_KEY, csrf_token_from

    behind_nginx = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key",
                               "DATA_KEY": TEST_DATA_KEY, "PROXY_HOPS": 1,
                               "SUBMISSION_LIMIT_PER_ADDRESS": "1 per hour"})

    def send(client, address):
        headers = {"X-Forwarded-For": address}  # HTTPS behind nginx: tests/test_https.py, tests/test_production.py
        token = csrf_token_from(client.get("/en/concern", headers=headers))
        return client.post("/en/concern", headers=headers, data={
            "csrf_token": token, "category": "housing", "body": BODY}).status_code

    client = behind_nginx.test_client()
    try:
        assert [send(client, "203.0.113.5"), send(client, "203.0.113.5"),
                send(client, "203.0.113.6")] == [303, 429, 303]
    finally:
        with behind_nginx.app_context():
            db.engine().dispose()

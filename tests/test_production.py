"""The portal as a city runs it: Debian's nginx with the shipped deploy/nginx.conf terminating TLS, gunicorn with the
shipped gunicorn.conf.py, PORTAL_ENV=production with real keys, on SQLite and on PostgreSQL. Debian's Chromium, with
nothing added to its requests, goes through what staff and residents do. A missing nginx or Chromium fails."""
from __future__ import annotations

import gzip
import os
import re
import socket
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyotp
import pytest

from tests.browser.conftest import CHROMIUM_ARGS
from tests.conftest import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "bench"))  # bench/behind_nginx.py starts nginx for this test and for bench/load.py
import behind_nginx  # noqa: E402
import serve  # noqa: E402

pytestmark = pytest.mark.browser
STAFF_EMAIL = "amal@example.org"
PASSWORD = "correct horse battery staple"
REFERENCE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
CONCERN = "لم يكن هناك مترجم في مكتب المدينة عندما ذهبت لتجديد الإيجار."


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def deployment(request, tmp_path_factory):
    """Yields (where nginx listens, nginx's folder) for a fresh portal behind nginx; one staff account, no
    two-factor yet."""
    workdir = tmp_path_factory.mktemp(f"production-{request.param}")
    database = f"portal_production_{uuid.uuid4().hex[:8]}"  # its own database: safe beside other test runs
    front = behind_nginx.reserve_front()
    environment = {**os.environ, **behind_nginx.production_environment(front),
                   "PORTAL_INSTANCE_PATH": str(workdir / "instance"),
                   "PORTAL_DATABASE_URL": serve.fresh_database(request.param, workdir, name=database)}
    environment.pop("PORTAL_REDIS_URL", None)
    flask = [serve.VENV_BIN / "flask", "--app", "portal"]
    subprocess.run([*flask, "init-db"], env=environment, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "create-user", STAFF_EMAIL, "--role", "staff"], input=PASSWORD + "\n", text=True,
                   env=environment, cwd=ROOT, check=True, capture_output=True)
    try:
        with serve.gunicorn(environment) as gunicorn_url, \
                behind_nginx.nginx(front, gunicorn_url.removeprefix("http://"), workdir / "nginx"):
            yield front, workdir / "nginx"
    finally:
        if request.param == "postgres":
            serve.drop_database(database)


@pytest.fixture(scope="module")
def chromium(playwright_driver):
    # portal.test resolves to 127.0.0.1 inside Chromium only; the certificate is this run's own, self-signed.
    resolve = f"--host-resolver-rules=MAP {behind_nginx.HOST} 127.0.0.1"
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, resolve],
                                                headless=True)
    yield browser
    browser.close()


def new_page(chromium, public_url: str):
    context = chromium.new_context(base_url=public_url, ignore_https_errors=True, java_script_enabled=False)
    return context, context.new_page()


def submit(page, form_action: str) -> None:
    page.locator(f"form[action^='{form_action}'] button[type=submit]").click()


def sign_in(page, password: str = PASSWORD) -> None:
    page.goto("/staff/login")
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", password)
    submit(page, "/staff/login")


def test_staff_and_a_resident_over_https_behind_nginx(deployment, chromium):
    front, nginx_folder = deployment
    public_url = front.public_url
    staff, staff_page = new_page(chromium, public_url)
    sign_in(staff_page)
    assert staff_page.url == f"{public_url}/staff/account/two-factor"  # production requires two-factor at once
    totp = pyotp.TOTP(staff_page.locator("code[dir=ltr]").inner_text())
    staff_page.fill("#code", totp.now())
    enrolled_step = totp.timecode(time.time())
    submit(staff_page, "/staff/account/two-factor")
    assert staff_page.locator(".notice").count() == 1  # "Two-factor sign-in is on."
    assert staff_page.locator(".recovery-codes code").count() == 10  # shown this once
    submit(staff_page, "/staff/logout")
    assert staff_page.url == f"{public_url}/staff/login"

    resident, resident_page = new_page(chromium, public_url)
    first = resident_page.goto("/ar/concern")
    assert first.headers["strict-transport-security"] == "max-age=31536000"
    resident_page.check("input[name=category][value=housing]")
    resident_page.fill("#body", CONCERN)
    submit(resident_page, "/ar/concern")
    assert resident_page.url == f"{public_url}/ar/sent#top"
    reference = resident_page.locator(".reference").inner_text()
    assert REFERENCE.match(reference)

    sign_in(staff_page)
    assert staff_page.url == f"{public_url}/staff/login/code"
    while totp.timecode(time.time()) == enrolled_step:  # a code is good once: the next one, as a person would
        time.sleep(0.5)
    staff_page.fill("#code", totp.now())
    submit(staff_page, "/staff/login/code")
    assert staff_page.url == f"{public_url}/staff/"
    assert reference in staff_page.locator("main").inner_text()

    resident_page.goto("/ar/status")
    resident_page.fill("#reference", reference)
    submit(resident_page, "/ar/status")
    assert resident_page.locator(".status-word").count() == 1
    resident_page.locator("details.delete-own summary").click()
    submit(resident_page, "/ar/delete")  # "Delete what I sent", then "Yes, delete it"
    assert reference in resident_page.locator(".lead").inner_text()
    submit(resident_page, "/ar/delete")
    assert resident_page.title().startswith(resident_page.locator("h1").inner_text())  # "Your message is deleted"
    assert resident_page.locator("form[action='/ar/delete']").count() == 0
    resident_page.goto("/ar/status")
    resident_page.fill("#reference", reference)
    submit(resident_page, "/ar/status")
    assert resident_page.locator(".error-summary").count() == 1 and resident_page.locator(".status-word").count() == 0

    staff_page.reload()
    assert reference not in staff_page.locator("main").inner_text()
    for context in (staff, resident):  # the receipt's cookie left with the deletion
        [cookie] = context.cookies()
        assert (cookie["name"], cookie["secure"], cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (
            "__Host-session", True, True, "Lax", "/")
    submit(staff_page, "/staff/logout")
    staff_page.goto("/staff/")
    assert staff_page.url.startswith(f"{public_url}/staff/login")
    staff.close()
    resident.close()

    access_log = (nginx_folder / "portal.access.log").read_text()
    assert '"POST /staff/login/code" 302' in access_log and '"POST /ar/concern" 303' in access_log
    assert "127.0.0.1" not in access_log and "Chrome" not in access_log  # what happened, never who


def test_nginx_answers_only_for_the_portals_name(deployment):
    front, _nginx_folder = deployment
    with socket.create_connection(("127.0.0.1", front.http_port), timeout=5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        assert connection.recv(1024) == b""  # 444: closed without a word
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    for name in ("evil.example", None):  # another name, or none (an address typed in)
        with socket.create_connection(("127.0.0.1", front.https_port), timeout=5) as connection:
            with pytest.raises(ssl.SSLError, match="UNRECOGNIZED_NAME|ALERT"):
                context.wrap_socket(connection, server_hostname=name)


def test_static_files_are_kept_a_year_behind_nginx_and_pages_never(deployment):
    front, _nginx_folder = deployment
    connection = behind_nginx.PortalConnection(front.https_port)
    try:
        connection.request("GET", "/ne/")
        response = connection.getresponse()
        html = response.read().decode()
        assert response.status == 200 and response.getheader("Cache-Control") == "no-store"
        links = re.findall(r'href="(/static/[^"]+)"', html)
        assert any(link.endswith(".css") for link in links)
        fetched_font = False
        for link in links:
            connection.request("GET", link, headers={"Accept-Encoding": "gzip"})
            static = connection.getresponse()
            body = static.read()
            assert static.status == 200 and body
            assert static.getheader("Cache-Control") == "public, max-age=31536000, immutable"
            assert static.getheader("Set-Cookie") is None
            fetched_font = fetched_font or link.endswith(".woff2")
            if link.endswith(".css"):
                assert static.getheader("Content-Encoding") == "gzip"
                # A web font named in fonts.css joins the links, fetched in its turn.
                fonts = re.findall(r"url\(\.\./(fonts/web/[^)]+)\)", gzip.decompress(body).decode())
                links.extend(f"/static/{font}" for font in fonts[:1])
        assert fetched_font  # a web font named in fonts.css, kept a year too
    finally:
        connection.close()

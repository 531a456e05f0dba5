"""A live server and Debian's Chromium driven by Playwright. A missing browser fails the run, loudly."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import CHROMIUM

# Without these, Chromium keeps trying to reach Google on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    outside_requests: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(live_server)
            else outside_requests.append(request.url))
    yield page
    context.close()
    assert not outside_requests, f"pages asked other hosts for: {outside_requests}"

"""Nothing slow inside a resident's request: without Redis, the mail a request queues goes after its response has
been sent, with a short timeout, so a mail server that accepts and never answers is no portal outage."""
from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest
from sqlalchemy import create_engine, select

from portal.platform import db
from portal.models import MailFailure
from tests.conftest import post_form
from tests.test_mail import RESIDENT
from tests.test_servers import Browser, _serve_module


@contextlib.contextmanager
def silent_smtp_server():
    """Yields (port, accepted): a server that accepts connections, holds them open and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def accept_forever():
        with contextlib.suppress(OSError):  # the listener closed
            while True:
                accepted.append(listener.accept()[0])

    threading.Thread(target=accept_forever, daemon=True).start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        listener.close()
        for connection in accepted:
            connection.close()


@pytest.fixture
def silent_mail(app):
    with silent_smtp_server() as (port, accepted):
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
        yield accepted


def failures(app) -> list[MailFailure]:
    with app.app_context():
        return list(db.session().scalars(select(MailFailure)))


CONCERN = {"category": "housing", "body": "The heating has been off for a week.", "follow_up": "y",
           "email": RESIDENT, "contact_language": "ar", "consent": "y"}


def send_concern(client, **kwargs):
    return post_form(client, "/en/concern", CONCERN, **kwargs)


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def test_mail_queued_by_a_request_goes_when_the_server_closes_the_response(app, client, silent_mail):
    response, took = timed(lambda: send_concern(client, buffered=False))  # not yet closed, as a server sending it
    assert response.status_code == 303 and took < 2
    assert silent_mail == [] and failures(app) == []  # nothing tried yet
    _, took = timed(response.close)  # what gunicorn does once the last byte is written
    assert len(silent_mail) == 1  # the receipt went then
    assert 3 <= took < 6  # MAIL_INLINE_TIMEOUT (3 s) once; a second try at the silent server would add 3 s more
    [failure] = failures(app)
    assert failure.gave_up and "did not answer" in failure.error


def test_after_a_mail_server_did_not_answer_inline_sends_wait_a_while_before_trying_again(app, client, silent_mail):
    app.config.update(JOB_INLINE_RETRY_SECONDS=0, MAIL_INLINE_PAUSE_SECONDS=2)
    _, took = timed(lambda: send_concern(client))
    assert 3 <= took < 6 and len(silent_mail) == 1  # the second try is not made either (it would add 3 s)
    _, took = timed(lambda: send_concern(app.test_client()))
    assert took < 2 and len(silent_mail) == 1  # not tried: on the failures page for an admin's "Try again"
    assert [failure.gave_up for failure in failures(app)] == [True, True]
    time.sleep(2)
    send_concern(app.test_client())
    assert len(silent_mail) == 2  # the pause is over: tried again


def test_a_silent_mail_server_slows_no_resident_of_a_real_gunicorn(tmp_path):
    """Two sync workers, as shipped: the one that took the concern is busy sending after its response; the
    other serves the receipt and the next resident at once."""
    serve = _serve_module()
    with silent_smtp_server() as (port, accepted), serve.portal_server("sqlite", extra_env={
            "PORTAL_MAIL_SERVER": "127.0.0.1", "PORTAL_MAIL_PORT": str(port),
            "PORTAL_MAIL_USE_TLS": "False"}) as served:
        resident = Browser()
        token = resident.token(f"{served.base_url}/en/concern")
        (status, _, location), took = timed(lambda: resident.request(f"{served.base_url}/en/concern", {
            "csrf_token": token, **CONCERN}))
        assert (status, location) == (303, "/en/sent#top") and took < 2
        (status, receipt, _), took = timed(lambda: resident.request(f"{served.base_url}/en/sent"))
        assert status == 200 and 'class="reference"' in receipt and took < 2
        (status, _, _), took = timed(lambda: Browser().request(f"{served.base_url}/en/"))
        assert status == 200 and took < 2
        engine = create_engine(served.database_url)
        try:
            assert recorded_failures(engine) == 0  # the receipt is still waiting for the mail server
            deadline = time.monotonic() + 15
            while recorded_failures(engine) == 0 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert recorded_failures(engine) == 1 and len(accepted) == 1
        finally:
            engine.dispose()


def recorded_failures(engine) -> int:
    with engine.connect() as connection:
        return len(connection.execute(select(MailFailure.id)).all())

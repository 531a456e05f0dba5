"""No log line ever holds a resident's email, phone or reference code: not a failed send's traceback, not the
development console transport, not the record of a failure that could not itself be recorded."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from portal.platform import db
from portal.models import Submission
from portal.platform import mail
from portal.platform.reference import format_reference
from tests.conftest import post_form
from tests.smtp import free_port

EMAIL = "Canary.Resident@example.org"
PHONE = "+1 513 555 0199"
SMTP_SERVER_LOGGERS = {"mail.log"}  # aiosmtpd, the far end of the wire in these tests, logs what it receives


def send_concern(client):
    return post_form(client, "/en/concern", {
        "category": "police-immigration", "body": "Officers waited outside the clinic.", "neighbourhood": "",
        "follow_up": "y", "email": EMAIL, "phone": PHONE, "contact_language": "so", "consent": "y"})


def everything_logged(caplog) -> str:
    """Every record as a handler would write it, tracebacks (with their chained causes) included."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    ours = [record for record in caplog.records if record.name not in SMTP_SERVER_LOGGERS]
    return "\n".join(formatter.format(record) for record in ours)


def assert_no_canary(app, logged: str) -> None:
    with app.app_context():
        reference = db.session().scalar(select(Submission.reference))
    assert reference, "the concern was stored"
    for secret in (EMAIL, EMAIL.lower(), PHONE, PHONE.replace(" ", ""), reference, format_reference(reference)):
        assert secret not in logged, f"{secret} is in the log:\n{logged}"


@pytest.fixture
def refusing_server(mailbox):
    """An SMTP server that refuses the recipient every time, naming the address in its answer."""
    mailbox.refusals_left = 100
    return mailbox


def test_a_refused_recipient_leaves_no_address_in_the_log(app, client, refusing_server, caplog):
    caplog.set_level(logging.DEBUG)
    assert send_concern(client).status_code == 303
    assert refusing_server.refused >= 1
    logged = everything_logged(caplog)
    assert "SMTPRecipientsRefused" in logged and "451" in logged  # the log still says what went wrong
    assert_no_canary(app, logged)


def test_a_failure_that_cannot_be_recorded_leaves_no_address_in_the_log(app, client, refusing_server, caplog,
                                                                        monkeypatch):
    def database_down():
        raise ConnectionError("the database is down too")

    monkeypatch.setattr(mail, "_own_session", database_down)
    caplog.set_level(logging.DEBUG)
    send_concern(client)
    logged = everything_logged(caplog)
    assert "Could not record a failed email/receipt" in logged
    assert_no_canary(app, logged)


def test_an_unreachable_server_leaves_no_address_in_the_log(app, client, caplog):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False, JOB_INLINE_RETRY_SECONDS=0)
    caplog.set_level(logging.DEBUG)
    send_concern(client)
    logged = everything_logged(caplog)
    assert "ConnectionRefusedError" in logged
    assert_no_canary(app, logged)


def test_the_development_console_transport_logs_neither_address_nor_code(app, client, caplog, capsys):
    app.config["MAIL_SERVER"] = None
    caplog.set_level(logging.DEBUG)
    send_concern(client)
    logged = everything_logged(caplog) + capsys.readouterr().err
    assert "not sent: PORTAL_MAIL_SERVER is not set" in logged and "To: C•••@example.org" in logged
    assert_no_canary(app, logged)

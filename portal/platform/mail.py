"""Sending email: translated templates in, a plain-text and an HTML part out, over SMTP with Python's smtplib.

    message = mail.compose(to=..., template="email/receipt", language="ar", subject=_l("..."), **context)
    mail.deliver(message)   # inside a job (portal/platform/jobs.py): failures are recorded for admins

Templates come in pairs, templates/<template>.txt and .html, rendered inside flask_babel.force_locale with
<html lang dir> from portal.platform.i18n, so Arabic, Dari and Pashto read right to left. No images, no tracking.
Where mail goes: PORTAL_MAIL_SERVER when set; otherwise, in development, the log (stderr); in production, nowhere.
"""
from __future__ import annotations

import logging
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, UTC
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from portal.platform.i18n import BY_TAG, DEFAULT_TAG
from portal.models import MailFailure
from portal.platform import jobs
from portal.platform.reference import ALPHABET
from portal.platform.office_name import office_name_in_english

log = logging.getLogger(__name__)
ERROR_LIMIT = 500
_ANY_ADDRESS = re.compile(r"[^\s<>()\[\]{}'\",;:@]+@[^\s<>()\[\]{}'\",;:@]+")
_ANY_CODE = re.compile(rf"\b[{ALPHABET}]{{4}}-?[{ALPHABET}]{{4}}-?[{ALPHABET}]{{4}}\b")  # formatted or not


@dataclass(frozen=True)
class Outgoing:
    to: str
    subject: str
    text: str
    html: str
    template: str
    language: str


def job(func: Callable) -> Callable:
    """Marks a job that sends mail, so an admin may run it again from the failures page (and nothing else)."""
    func.sends_mail = True  # type: ignore[attr-defined]  # mypy knows no function attributes
    return func


def retry_intervals() -> list[int]:
    return list(current_app.config["MAIL_RETRY_INTERVALS"])


def compose(*, to: str, template: str, language: str, subject: Any, **context) -> Outgoing:
    """Render templates/<template>.txt and .html, and the subject, in `language` (a tag such as "fa-AF")."""
    chosen = BY_TAG.get(language) or BY_TAG[DEFAULT_TAG]
    environment = current_app.jinja_env
    with force_locale(chosen.locale):
        subject_text = str(subject)
        values = {**context, "language": chosen, "subject": subject_text, "config": current_app.config,
                  "office_name_in_english": office_name_in_english()}
        text = environment.get_template(f"{template}.txt").render(values)
        html = environment.get_template(f"{template}.html").render(values)
    return Outgoing(to=to, subject=subject_text, text=text, html=html, template=template, language=chosen.tag)


def sender() -> str:
    configured = current_app.config.get("MAIL_SENDER")
    if configured:
        return configured
    host = urlsplit(current_app.config.get("PUBLIC_URL") or "").hostname or "localhost"
    return formataddr((office_name_in_english(), f"no-reply@{host}"))


def email_message(outgoing: Outgoing) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = outgoing.subject
    message["From"] = sender()
    message["To"] = outgoing.to
    if current_app.config.get("MAIL_REPLY_TO"):
        message["Reply-To"] = current_app.config["MAIL_REPLY_TO"]
    message["Date"] = format_datetime(datetime.now(UTC))
    domain = parseaddr(sender())[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies to a robot
    message.set_content(outgoing.text)
    message.add_alternative(outgoing.html, subtype="html")
    message["Content-Language"] = outgoing.language  # after the parts: set_content moves Content-* headers
    return message


def transport() -> str:
    """"smtp", "console" (development without a server) or "off" (production without a server)."""
    if current_app.config.get("MAIL_SERVER"):
        return "smtp"
    return "off" if current_app.config["ENV"] == "production" else "console"


def send(outgoing: Outgoing) -> None:
    """Hand the message to the SMTP server (or the log); raises when that fails."""
    kind = transport()
    message = email_message(outgoing)
    if kind == "smtp":
        _send_smtp(message)
    elif kind == "console":
        _write_to_log(message, outgoing)
    else:
        log.warning("PORTAL_MAIL_SERVER is not set, so %s was not sent.", outgoing.template)


class MailServerSilent(TimeoutError):
    """Not tried: the server did not answer an inline send a moment ago (see _send_smtp)."""


def _send_smtp(message: EmailMessage) -> None:
    """Inline (no Redis, in a web server's process) with a short timeout; and once the server has not answered,
    inline sends fail at once for MAIL_INLINE_PAUSE_SECONDS (recorded for admins to try again), so an outage costs
    a process one timeout now and then, not one per message. On the worker: MAIL_TIMEOUT, every time."""
    config, running = current_app.config, jobs.current()
    inline = running is not None and running.inline
    silent_until = current_app.extensions.get("portal.mail_silent_until", 0.0)
    if inline and time.monotonic() < silent_until:
        raise MailServerSilent(f"{config['MAIL_SERVER']} did not answer a moment ago; not tried again yet")
    try:
        _connect_and_send(message, timeout=float(config["MAIL_INLINE_TIMEOUT" if inline else "MAIL_TIMEOUT"]))
    except OSError as error:
        if inline and _timed_out(error):
            current_app.extensions["portal.mail_silent_until"] = (
                time.monotonic() + float(config["MAIL_INLINE_PAUSE_SECONDS"]))
        raise


def _timed_out(error: BaseException) -> bool:
    """smtplib reports a server that never answers as SMTPServerDisconnected raised from the socket's timeout."""
    return isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError)


def _connect_and_send(message: EmailMessage, *, timeout: float) -> None:
    config = current_app.config
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    smtp: smtplib.SMTP
    if config["MAIL_USE_SSL"]:
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def _write_to_log(message: EmailMessage, outgoing: Outgoing) -> None:
    """Development without a server: the headers and the text part in the log (gunicorn's error log), with the
    address masked and reference codes blanked, since a log is kept and read by more people than a mailbox."""
    headers = "\n".join(f"{name}: {mask(value) if name == 'To' else value}" for name, value in message.items())
    log.warning("---- email (not sent: PORTAL_MAIL_SERVER is not set) ----\n%s\n\n%s\n---- end of email ----",
                headers, without_codes(outgoing.text))


def mask(address: str) -> str:
    """r•••@example.org: enough for an admin to spot a typo in the domain, not enough to identify anyone."""
    local, at, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}" if at else "•••"


def without_codes(text: str) -> str:
    return _ANY_CODE.sub("••••-••••-••••", text)


def _clean_error(error: BaseException, address: str) -> str:
    """The error's type and text with every address in it masked (the one sent to, and any other: a server may
    quote it in another spelling or escaped) and any reference code blanked."""
    text = f"{type(error).__name__}: {error}"
    if address:
        text = re.sub(re.escape(address), mask(address), text, flags=re.IGNORECASE)
    text = _ANY_ADDRESS.sub(lambda found: mask(found.group()), text)
    return without_codes(text)[:ERROR_LIMIT]


class DeliveryFailed(Exception):
    """A send failed; its text is the cleaned error, and it carries no chained exception holding the address."""


def deliver(outgoing: Outgoing, *, submission_id: int | None = None) -> None:
    """Send, and keep the failures page up to date: a failure is recorded (then raised, so the job is tried
    again), and a later success removes the record.

    What is raised, and so what the job runner and RQ log, is DeliveryFailed with the cleaned error: smtplib's own
    exceptions carry the recipient's address (and its traceback would chain them to anything raised after)."""
    running = jobs.current()
    error = _send_and_describe_failure(outgoing)
    if error is None:
        if running is not None and running.attempt > 1:
            _forget_failure(running.id)
        return
    if running is not None:
        _record_failure(running, outgoing, error, submission_id)
    raise DeliveryFailed(error)


def _send_and_describe_failure(outgoing: Outgoing) -> str | None:
    """None once sent, else the cleaned error. Returning text, not the exception, ends its traceback here."""
    try:
        send(outgoing)
    except Exception as error:
        return _clean_error(error, outgoing.to)
    return None


def _own_session():
    """Failures are written apart from the job's own transaction, which rolls back when the job raises."""
    return current_app.extensions["portal.db"]()


def _record_failure(running: jobs.JobContext, outgoing: Outgoing, error: str, submission_id: int | None) -> None:
    now = datetime.now(UTC)
    try:
        with _own_session() as db_session:
            failure = db_session.scalar(select(MailFailure).where(MailFailure.job_id == running.id))
            if failure is None:
                failure = MailFailure(job_id=running.id, job_name=running.name, job_args=list(running.args),
                                      template=outgoing.template, recipient=mask(outgoing.to),
                                      submission_id=submission_id, first_failed_at=now)
                db_session.add(failure)
            failure.attempts, failure.gave_up = running.attempt, running.last
            failure.error, failure.last_failed_at = error, now
            db_session.commit()
    except Exception:  # the database is down too: the log is all that is left
        log.exception("Could not record a failed %s", outgoing.template)


def _forget_failure(job_id: str) -> None:
    with _own_session() as db_session:
        failure = db_session.scalar(select(MailFailure).where(MailFailure.job_id == job_id))
        if failure is not None:
            db_session.delete(failure)
            db_session.commit()


def failures(db_session) -> list[MailFailure]:
    return list(db_session.scalars(select(MailFailure).order_by(MailFailure.last_failed_at.desc()).limit(500)))


def send_again(db_session, failure: MailFailure) -> None:
    """An admin's "Try again": the same job, queued anew once this request commits; the record goes."""
    func = jobs.resolve(failure.job_name) if failure.job_name.startswith("portal.") else None
    if func is None or not getattr(func, "sends_mail", False):
        raise ValueError(f"{failure.job_name} is not a mail job")
    jobs.after_commit(db_session, func, *failure.job_args, retry=retry_intervals())
    db_session.delete(failure)

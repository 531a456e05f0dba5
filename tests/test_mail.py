"""Email, captured by a real SMTP server (aiosmtpd): residents hear back in their language, right to left where it
should be, never with what they wrote; staff get alerts for the topics they watch and a weekly digest; failures are
tried again, recorded for admins, and never make a resident's submission fail. Jobs run inline here (no Redis);
tests/test_jobs.py sends the same mail through the machine's Redis and a real worker."""
from __future__ import annotations

import re
import sqlite3

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.platform import db
from portal.cli import backup, send_digest
from portal.platform.i18n import BY_TAG
from portal.models import AuditEvent, Category, MailFailure, Status, Submission, User
from portal.submissions import resident_mail
from portal.submissions.intake import ContactDetails
from portal.platform.reference import format_reference
from tests.conftest import make_user, page, post_form, session_csrf_token, sign_in
from tests.factories import make_submission
from tests.smtp import free_port, parts

BODY = "Officers waited outside the clinic on Fifth Street for two hours."
PLACE = "Beechmont"
RESIDENT = "Amina.Warsame@example.org"


def send_concern(client, *, page_language="en", contact_language="ar", email=RESIDENT, category="police-immigration",
                 phone=""):
    return post_form(client, f"/{page_language}/concern", {
        "category": category, "body": BODY, "neighbourhood": PLACE, "follow_up": "y", "email": email, "phone": phone,
        "contact_language": contact_language, "consent": "y"})

OFFICE = {"office": "Office for Immigrant Affairs"}  # the default name, in English while no admin set it


def translated(app, tag: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(BY_TAG[tag].locale):
        return gettext(message, **values)


def only_submission(app) -> Submission:
    with app.app_context():
        return db.session().scalars(select(Submission).options(selectinload(Submission.contact))).one()


def assert_nothing_the_resident_wrote(message) -> None:
    whole = message.as_string() + "".join(parts(message))
    assert BODY not in whole and "Fifth Street" not in whole and PLACE not in whole


@pytest.mark.parametrize("tag", ["en", "es", "ar", "fa-AF", "ps"])
def test_the_receipt_comes_in_the_chosen_language_with_the_code_and_never_the_text(app, client, mailbox, tag):
    response = send_concern(client, page_language="en", contact_language=tag)
    assert response.status_code == 303
    [message] = mailbox.messages
    stored = only_submission(app)
    text, html = parts(message)

    assert message["To"] == RESIDENT and message["Content-Language"] == tag
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Subject"] == translated(app, tag, "Thank you. We received your message.")
    html_text = BeautifulSoup(html, "html.parser").get_text()
    for sentence, values in (("What happens next", {}),
                             ("Staff at the %(office)s read every message, in every language.", OFFICE)):
        expected = translated(app, tag, sentence, **values)
        assert expected in text and expected in html_text
        assert tag == "en" or expected != sentence % values
    assert format_reference(stored.reference) in text and format_reference(stored.reference) in html
    assert f"http://localhost:5000/{tag}/status" in text  # development without PORTAL_PUBLIC_URL

    root = BeautifulSoup(html, "html.parser").find("html")
    assert root["lang"] == tag
    assert root["dir"] == ("rtl" if tag in {"ar", "fa-AF", "ps"} else "ltr")
    assert BeautifulSoup(html, "html.parser").find("body")["dir"] == root["dir"]
    code = BeautifulSoup(html, "html.parser").find(string=format_reference(stored.reference)).parent
    assert code["dir"] == "ltr" and code["translate"] == "no"
    assert "<img" not in html and "<script" not in html
    links = BeautifulSoup(html, "html.parser").find_all("a")
    assert {link["href"].split("/")[2] for link in links} == {"localhost:5000"}
    assert_nothing_the_resident_wrote(message)


def test_feedback_gets_its_own_next_steps(app, client, mailbox):
    from tests.conftest import add_meeting

    meeting_id = add_meeting(app)
    post_form(client, f"/es/meetings/{meeting_id}/feedback", {
        "usefulness": "4", "felt_heard": "3", "interpretation": "yes", "act_on": BODY, "follow_up": "y",
        "email": RESIDENT, "contact_language": "es", "consent": "y"})
    [message] = mailbox.messages
    text, _html = parts(message)
    assert translated(app, "es", "Your feedback helps us plan the next meetings.") in text
    assert BODY not in text


def test_no_email_without_an_address(app, client, mailbox):
    assert post_form(client, "/en/concern", {"category": "housing", "body": BODY}).status_code == 303
    assert send_concern(client, email="", phone="502 555 0123").status_code == 303
    assert mailbox.messages == []


def test_nothing_is_sent_for_a_transaction_that_rolled_back(app, mailbox):
    contact = ContactDetails(name="", email=RESIDENT, phone="", preferred_language="so")
    with app.app_context():
        session = db.session()
        submission = make_submission(session, language="so", topic=None, body=BODY, contact=contact)
        resident_mail.queue_receipt(session, submission)
        session.rollback()
        assert mailbox.messages == [] and session.scalars(select(Submission)).all() == []
        submission = make_submission(session, language="so", topic=None, body=BODY, contact=contact)
        resident_mail.queue_receipt(session, submission)
        session.commit()
    [message] = mailbox.messages
    assert message["Content-Language"] == "so"


def test_demo_submissions_never_send_mail(app, runner, mailbox):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert mailbox.messages == []


def _triage(staff_client, submission_id, status, note=""):
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    return staff_client.post(f"/staff/submissions/{submission_id}/triage", data={
        "triage-csrf_token": token, "triage-status": status, "triage-priority": "normal", "triage-category": "",
        "triage-assignee": "", "triage-tags": "", "triage-note": note})


def test_a_reply_and_closing_reach_the_resident_in_their_language_without_the_texts(app, client, mailbox):
    send_concern(client, page_language="en", contact_language="ar")
    submission = only_submission(app)
    make_user(app, "staff")
    staff = app.test_client()
    sign_in(staff, "staff@example.org")
    token = session_csrf_token(staff, f"/staff/submissions/{submission.id}")
    staff.post(f"/staff/submissions/{submission.id}/reply",
               data={"reply-csrf_token": token, "reply-body": "We called the clinic's director."})
    _triage(staff, submission.id, "closed", note="Done; the police chief answered.")

    receipt, reply, closed = mailbox.messages
    assert reply["Subject"] == translated(app, "ar", "The %(office)s replied to your message", **OFFICE)
    assert closed["Subject"] == translated(app, "ar", "We have finished working on your message")
    for message in (reply, closed):
        text, html = parts(message)
        assert message["To"] == RESIDENT
        assert BeautifulSoup(html, "html.parser").find("html")["dir"] == "rtl"
        assert translated(app, "ar", "Use your reference code to see what happened and read our reply.") in text
        assert format_reference(submission.reference) in text and "http://localhost:5000/ar/status" in text
        assert "clinic's director" not in text + html and "police chief" not in text + html
        assert_nothing_the_resident_wrote(message)
    closed_text, _ = parts(closed)
    assert translated(app, "ar", "We have finished working on your message. Thank you for telling us.") in closed_text


def _an_original_and_its_duplicate(app, client, mailbox):
    """Two residents' concerns, the second marked a duplicate of the first; an empty mailbox and a member of staff
    signed in."""
    send_concern(client, contact_language="es")
    send_concern(app.test_client(), contact_language="uk", email="second@example.org")
    with app.app_context():
        first, second = db.session().scalars(select(Submission).order_by(Submission.id)).all()
        second.duplicate_of_id = first.id
        db.session().commit()
    mailbox.messages.clear()
    make_user(app, "staff")
    staff = app.test_client()
    sign_in(staff, "staff@example.org")
    return first, second, staff


def test_closing_an_original_tells_its_duplicates_and_a_reopened_case_sends_nothing(app, client, mailbox):
    first, second, staff = _an_original_and_its_duplicate(app, client, mailbox)
    _triage(staff, second.id, "closed", note="Duplicate.")
    assert mailbox.messages == []  # residents of a duplicate see the original's status, which did not change
    _triage(staff, first.id, "closed", note="Answered.")
    assert sorted(message["To"] for message in mailbox.messages) == [RESIDENT, "second@example.org"]
    assert {message["Content-Language"] for message in mailbox.messages} == {"es", "uk"}


def test_a_reply_on_an_original_reaches_only_its_own_resident(app, client, mailbox):
    first, second, staff = _an_original_and_its_duplicate(app, client, mailbox)
    token = session_csrf_token(staff, f"/staff/submissions/{first.id}")
    staff.post(f"/staff/submissions/{first.id}/reply", data={"reply-csrf_token": token, "reply-body": "We called."})
    assert [message["To"] for message in mailbox.messages] == [RESIDENT]  # the duplicate's resident cannot read it


def test_staff_get_alerts_for_the_topics_they_watch(app, client, mailbox):
    make_user(app, "staff", email="watcher@example.org")
    make_user(app, "staff", email="housing@example.org")
    make_user(app, "viewer", email="mayor@example.org")
    watcher = app.test_client()
    sign_in(watcher, "watcher@example.org")
    account = page(watcher.get("/staff/account"))
    boxes = {box["value"]: box for box in account.select("input[name='watch-categories']")}
    assert "police-immigration" in boxes and all(not box.has_attr("checked") for box in boxes.values())
    response = watch(watcher, ["police-immigration", "schools"])
    assert response.status_code == 302
    assert {box["value"] for box in page(watcher.get("/staff/account")).select(
        "input[name='watch-categories'][checked]")} == {"police-immigration", "schools"}
    with app.app_context():
        for user in db.session().scalars(select(User).where(User.email != "watcher@example.org")):
            user.watched_categories = ["housing"] if user.email == "housing@example.org" else ["police-immigration"]
        db.session().commit()

    send_concern(client, email="", phone="502 555 0123")
    submission = only_submission(app)
    [alert] = mailbox.messages  # the viewer watches the topic too, but cannot open submissions
    text, html = parts(alert)
    assert alert["To"] == "watcher@example.org"
    assert alert["Subject"] == "New submission about Police and immigration enforcement"
    assert f"http://localhost:5000/staff/submissions/{submission.id}" in text
    assert BeautifulSoup(html, "html.parser").find("html")["lang"] == "en"
    assert "502" not in text + html and format_reference(submission.reference) not in text
    assert_nothing_the_resident_wrote(alert)

    viewer = app.test_client()
    sign_in(viewer, "mayor@example.org")
    assert not page(viewer.get("/staff/account")).select("input[name='watch-categories']")
    assert watch(watcher, ["no-such-topic"]).status_code == 200


def watch(client, slugs):
    token = session_csrf_token(client, "/staff/account")
    return client.post("/staff/account/alerts", data={"watch-csrf_token": token, "watch-categories": slugs})


def test_staff_entering_a_submission_alert_others_but_not_themselves(app, mailbox):
    make_user(app, "staff", email="entering@example.org")
    make_user(app, "admin", email="other@example.org")
    with app.app_context():
        for user in db.session().scalars(select(User)):
            user.watched_categories = ["work-wages"]
        category = db.session().scalar(select(Category.id).where(Category.slug == "work-wages"))
        db.session().commit()
    staff = app.test_client()
    sign_in(staff, "entering@example.org")
    post_form(staff, "/staff/submissions/new", {"source": "phone", "language": "so", "category": str(category),
                                               "body": "Mushahaar la'aan."})
    assert [message["To"] for message in mailbox.messages] == ["other@example.org"]



def test_who_watches_is_kept_a_while_but_each_alert_checks_again(app, client, mailbox):
    make_user(app, "staff", email="watcher@example.org")
    make_user(app, "staff", email="stopped@example.org")
    with app.app_context():
        for user in db.session().scalars(select(User)):
            user.watched_categories = ["police-immigration"]
        db.session().commit()
    send_concern(client, email="", phone="502 555 0123")  # fills the process's list of watchers
    assert sorted(message["To"] for message in mailbox.messages) == ["stopped@example.org", "watcher@example.org"]
    with app.app_context():
        db.session().scalars(select(User).where(User.email == "stopped@example.org")).one().watched_categories = []
        db.session().commit()
    send_concern(app.test_client(), email="", phone="502 555 0123")  # the kept list still names both people
    assert sorted(message["To"] for message in mailbox.messages[2:]) == ["watcher@example.org"]

def test_the_weekly_digest_counts_without_texts(app, client, runner, mailbox):
    make_user(app, "staff")
    make_user(app, "admin")
    make_user(app, "viewer")
    send_concern(client, email="", phone="502 555 0123")
    send_concern(app.test_client(), category="housing", email="", phone="502 555 0123")
    assert runner.invoke(send_digest).exit_code != 0  # no PORTAL_PUBLIC_URL: it says so rather than link nowhere
    app.config["PUBLIC_URL"] = "https://portal.example.gov"
    result = runner.invoke(send_digest, ["--days-ago", "0"])
    assert result.exit_code == 0 and "queued for 2 people" in result.output
    assert sorted(message["To"] for message in mailbox.messages) == ["admin@example.org", "staff@example.org"]
    text, html = parts(mailbox.messages[0])
    assert "2 new submissions from" in text and "Waiting to be read: 2" in text
    assert re.search(r"Police and immigration enforcement: 1", text) and re.search(r"Housing: 1", text)
    assert "https://portal.example.gov/staff/" in text
    assert_nothing_the_resident_wrote(mailbox.messages[0])



def test_staff_can_stop_the_weekly_digest_on_their_account_page(app, runner, mailbox):
    make_user(app, "staff", email="reader@example.org")
    make_user(app, "staff", email="stopper@example.org")
    stopper = app.test_client()
    sign_in(stopper, "stopper@example.org")
    box = page(stopper.get("/staff/account")).select_one("input[name='watch-weekly_digest']")
    assert box.has_attr("checked")  # on unless someone turns it off
    assert watch(stopper, []).status_code == 302  # the box left unticked
    assert not page(stopper.get("/staff/account")).select_one("input[name='watch-weekly_digest']").has_attr("checked")
    app.config["PUBLIC_URL"] = "https://portal.example.gov"
    result = runner.invoke(send_digest, ["--days-ago", "0"])
    assert "queued for 1 people" in result.output
    assert [message["To"] for message in mailbox.messages] == ["reader@example.org"]
    assert "You can stop it on your account page." in parts(mailbox.messages[0])[0]

def test_a_failed_receipt_never_fails_the_submission_and_admins_see_it_masked(app, client, admin_client, mailbox):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    response = send_concern(app.test_client(), contact_language="ps")
    assert response.status_code == 303 and only_submission(app).contact.email == RESIDENT
    with app.app_context():
        [failure] = db.session().scalars(select(MailFailure)).all()
        assert failure.gave_up and failure.attempts == 2 and failure.template == "email/receipt"
        assert failure.recipient == "A•••@example.org" and "ConnectionRefusedError" in failure.error

    listing = admin_client.get("/staff/admin/mail/").get_data(as_text=True)
    assert "A•••@example.org" in listing and "ConnectionRefusedError" in listing
    assert RESIDENT not in listing and BODY not in listing

    app.config["MAIL_PORT"] = mailbox.port
    post_form(admin_client, "/staff/admin/mail/", {"failure": str(failure.id), "action": "retry"})
    [message] = mailbox.messages
    assert message["To"] == RESIDENT and message["Content-Language"] == "ps"
    with app.app_context():
        assert db.session().scalars(select(MailFailure)).all() == []
        assert db.session().scalar(select(AuditEvent.action).where(AuditEvent.action == "mail.retried"))


def test_a_refused_address_is_masked_in_the_error_too(app, client, admin_client, mailbox):
    mailbox.refusals_left = 10
    send_concern(client)
    with app.app_context():
        [failure] = db.session().scalars(select(MailFailure)).all()
    assert "SMTPRecipientsRefused" in failure.error and "451" in failure.error
    assert RESIDENT.lower() not in failure.error.lower() and "A•••@example.org" in failure.error
    post_form(admin_client, "/staff/admin/mail/", {"failure": str(failure.id), "action": "remove"})
    with app.app_context():
        assert db.session().scalars(select(MailFailure)).all() == []


def test_one_refusal_is_tried_again_inline_and_leaves_no_failure(app, client, mailbox):
    mailbox.refusals_left = 1
    send_concern(client)
    assert mailbox.refused == 1 and len(mailbox.messages) == 1
    with app.app_context():
        assert db.session().scalars(select(MailFailure)).all() == []


def test_a_deleted_submission_takes_its_failed_mail_with_it(app, client, mailbox):
    mailbox.refusals_left = 10
    send_concern(client)
    reference = only_submission(app).reference
    resident = app.test_client()
    post_form(resident, "/en/status", {"reference": reference})
    token = session_csrf_token(resident, "/en/status")
    resident.post("/en/delete", data={"csrf_token": token, "reference": reference, "confirmed": "yes"})
    with app.app_context():
        assert db.session().scalars(select(Submission)).all() == []
        assert db.session().scalars(select(MailFailure)).all() == []


def test_without_a_server_development_writes_mail_to_the_log(app, client, caplog):
    app.config["MAIL_SERVER"] = None
    send_concern(client, contact_language="ar")
    logged = caplog.text
    assert "not sent: PORTAL_MAIL_SERVER is not set" in logged and "To: A•••@example.org" in logged
    assert translated(app, "ar", "What happens next") in logged


def test_the_mail_page_says_how_mail_goes(app, admin_client, mailbox):
    html = page(admin_client.get("/staff/admin/mail/"))
    assert "Through the SMTP server 127.0.0.1" in html.get_text()
    assert "Inline, in the web server" in html.get_text()
    assert html.select_one("a[href='/staff/admin/mail/']")  # in the navigation, for admins


def test_backup_copies_sqlite_online_or_names_pg_dump(app, client, runner, database_url, tmp_path):
    send_concern(client, email="", phone="502 555 0123")
    destination = tmp_path / "copy.db"
    result = runner.invoke(backup, [str(destination)])
    if database_url.startswith("sqlite"):
        assert result.exit_code == 0, result.output
        with sqlite3.connect(destination) as copy:
            assert copy.execute("SELECT count(*) FROM submission").fetchone() == (1,)
    else:
        assert result.exit_code != 0 and "pg_dump --format=custom" in result.output


def test_the_worker_needs_redis(runner):
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "PORTAL_REDIS_URL is not set" in result.output


def test_a_closed_message_waits_for_status(app, mailbox):
    """A job reads the submission again when it runs: reopened meanwhile, nothing is said."""
    contact = ContactDetails(name="", email=RESIDENT, phone="", preferred_language="vi")
    app.config["PUBLIC_URL"] = "https://portal.example.gov"
    with app.app_context():
        submission = make_submission(db.session(), language="vi", topic=None, body=BODY, contact=contact)
        db.session().commit()
        resident_mail.send("closed", submission.id)
        assert mailbox.messages == []
        submission.status = Status.CLOSED
        db.session().commit()
        resident_mail.send("closed", submission.id)
    [message] = mailbox.messages
    assert "https://portal.example.gov/vi/status" in parts(message)[0]

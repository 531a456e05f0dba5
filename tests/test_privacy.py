"""Keeping little and protecting it: encryption at rest, retention, a resident's own deletion, honeypot,
error pages that keep what was typed, and the headers and cookies production needs."""
from datetime import datetime, timedelta, UTC

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select, text

from portal import create_app
from portal.platform import db
from portal.models import AuditEvent, Contact, MailFailure, Note, Reply, Status, Submission
from portal.submissions import triage
from portal.submissions.intake import ContactDetails
from tests.conftest import page, post_form, production_environment, textarea_text
from tests.factories import load_submission, make_submission

CONTACT = ContactDetails(name="Amina Yusuf", email="amina@example.org", phone="+15025550123", preferred_language="so")


def test_contact_details_are_encrypted_in_the_database(app):
    submission_id = make_submission(app, contact=CONTACT).id
    with app.app_context():
        raw = db.session().execute(text("SELECT name, email, phone FROM contact")).one()
        assert all(value.startswith("gAAAAA") for value in raw)  # Fernet tokens
        assert "amina" not in " ".join(raw).lower()
        assert db.session().get(Contact, submission_id).email == "amina@example.org"


def test_a_new_key_decrypts_old_data_and_rotation_re_encrypts_it(app, runner):
    submission_id = make_submission(app, contact=CONTACT).id
    old_key, new_key = Fernet(app.config["DATA_KEY"].encode()), Fernet.generate_key().decode()
    with app.app_context():
        old_token = db.session().execute(text("SELECT email FROM contact")).scalar_one()
    rotated_app = create_app({**app.config, "DATA_KEY": f"{new_key},{app.config['DATA_KEY']}"})
    result = rotated_app.test_cli_runner().invoke(args=["rotate-data-key"])
    assert result.exit_code == 0, result.output
    with rotated_app.app_context():
        new_token = db.session().execute(text("SELECT email FROM contact")).scalar_one()
        assert db.session().get(Contact, submission_id).email == "amina@example.org"
        db.session().close()
        db.engine().dispose()
    assert new_token != old_token
    assert Fernet(new_key.encode()).decrypt(new_token.encode()) == b"amina@example.org"
    with pytest.raises(InvalidToken):
        old_key.decrypt(new_token.encode())


def test_a_wrong_data_key_is_refused_at_start_up_not_at_each_page(app):
    make_submission(app, contact=CONTACT)
    with pytest.raises(RuntimeError, match="PORTAL_DATA_KEY cannot decrypt the contact details"):
        create_app({**app.config, "DATA_KEY": Fernet.generate_key().decode()})
    create_app({**app.config, "DATA_KEY": f"{Fernet.generate_key().decode()},{app.config['DATA_KEY']}"})


def test_any_data_key_starts_while_no_contact_details_are_stored(app):
    create_app({**app.config, "DATA_KEY": Fernet.generate_key().decode()})


def test_production_needs_a_data_key(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("PORTAL_PUBLIC_URL", "https://portal.example")
    with pytest.raises(RuntimeError, match="PORTAL_DATA_KEY"):
        create_app()


def test_production_cookies_and_hsts(monkeypatch, tmp_path):
    production_environment(monkeypatch, tmp_path, public_url="https://portal.example")
    production = create_app()
    response = production.test_client().get("/en/status", base_url="https://portal.example")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Domain" not in cookie and "Path=/" in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_closing_starts_the_retention_clock_and_purge_erases_then_anonymizes(app, runner):
    now = datetime.now(UTC)
    old = make_submission(app, contact=CONTACT, body="My neighbour Rosa was stopped.", status=Status.CLOSED,
                          closed_at=now - timedelta(days=800), redacted_text="My neighbour [name] was stopped.").id
    recent = make_submission(app, contact=CONTACT, status=Status.CLOSED, closed_at=now - timedelta(days=100)).id
    open_case = make_submission(app, contact=CONTACT).id
    with app.app_context():
        db.session().add_all([Note(submission_id=old, body="Rosa's case"), Reply(submission_id=old, body="Hi Rosa",
                                                                               language="en")])
        db.session().add_all([MailFailure(job_id=f"job-{submission_id}", job_name="send", job_args=[submission_id],
                                          template="email/receipt", recipient="r•••@example.org", error="refused",
                                          submission_id=submission_id)
                              for submission_id in (old, recent, open_case)])
        db.session().commit()
    first = runner.invoke(args=["purge"])
    assert first.exit_code == 0
    assert "Erased contact details of 2 closed submissions; anonymized 1 submissions." in first.output
    assert "Erased contact details of 0 closed submissions; anonymized 0" in runner.invoke(args=["purge"]).output
    with app.app_context():
        remaining = set(db.session().scalars(select(Contact.submission_id)))
        assert remaining == {open_case}
        assert set(db.session().scalars(select(MailFailure.submission_id))) == {open_case}
        anonymized = triage.find_submission(db.session(), old)  # with its notes and replies
        assert anonymized.body == "My neighbour [name] was stopped." and anonymized.anonymized_at
        assert anonymized.notes == [] and anonymized.replies == []
        assert db.session().get(Submission, recent).body  # not yet due


def test_reopening_stops_the_clock(app, staff_client):
    from tests.conftest import session_csrf_token

    submission_id = make_submission(app).id
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    base = {"triage-csrf_token": token, "triage-priority": "normal", "triage-category": "", "triage-assignee": "",
            "triage-tags": ""}
    staff_client.post(f"/staff/submissions/{submission_id}/triage",
                      data={**base, "triage-status": "closed", "triage-note": "Done."})
    assert load_submission(app, submission_id).closed_at is not None
    staff_client.post(f"/staff/submissions/{submission_id}/triage", data={**base, "triage-status": "in_review"})
    assert load_submission(app, submission_id).closed_at is None


def test_a_resident_deletes_their_submission_after_confirming(app, client):
    submission_id = make_submission(app, contact=CONTACT).id
    reference = load_submission(app, submission_id).reference
    status_page = page(post_form(client, "/so/status", {"reference": reference}))
    token = status_page.select_one(".delete-own [name=csrf_token]")["value"]
    confirm = client.post("/so/delete", data={"csrf_token": token, "reference": reference})
    assert confirm.status_code == 200 and load_submission(app, submission_id) is not None  # nothing deleted yet
    confirm_form = page(confirm).select_one("main form")
    data = {field["name"]: field.get("value", "") for field in confirm_form.select("input")}
    assert data["confirmed"] == "yes"
    done = client.post("/so/delete", data=data)
    assert done.status_code == 200 and page(done).find("html")["lang"] == "so"
    with app.app_context():
        assert db.session().get(Submission, submission_id) is None
        assert db.session().scalars(select(Contact)).all() == []
        events = db.session().scalars(select(AuditEvent.action)).all()
        assert "submission.deleted_by_resident" in events


def test_deleting_needs_the_right_code(app, client):
    submission_id = make_submission(app).id
    token = page(client.get("/en/status")).select_one("[name=csrf_token]")["value"]
    response = client.post("/en/delete", data={"csrf_token": token, "reference": "AAAA-AAAA-AAAA", "confirmed": "yes"})
    assert response.status_code == 303 and load_submission(app, submission_id) is not None


def test_the_honeypot_stores_nothing(app, client):
    response = post_form(client, "/en/concern", {"category": "housing", "body": "Buy cheap watches",
                                                 "leave_empty": "http://spam.example"})
    assert response.status_code == 303 and response.headers["Location"] == "/en/"
    with app.app_context():
        assert db.session().scalars(select(Submission)).all() == []


def test_over_the_limit_the_429_page_is_translated_and_keeps_the_text(app, client):
    app.config["SUBMISSION_LIMIT"] = "1 per hour"
    post_form(client, "/ar/concern", {"category": "housing", "body": "الأولى"})
    response = post_form(client, "/ar/concern", {"category": "housing", "body": "رسالتي الثانية المهمة"})
    assert response.status_code == 429
    html = page(response)
    assert html.find("html")["dir"] == "rtl"
    assert textarea_text(html.select_one("textarea[name=body]")) == "رسالتي الثانية المهمة"
    assert client.get("/ar/concern").status_code == 200  # reading never counts against the limit


def test_a_database_outage_gives_a_translated_503_that_keeps_the_text(app, client):
    token = page(client.get("/es/concern")).select_one("[name=csrf_token]")["value"]
    broken = create_app({**app.config, "DATABASE_URL":
                         "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"})
    broken_client = broken.test_client()
    with client.session_transaction() as session:
        cookie_session = dict(session)
    with broken_client.session_transaction() as session:
        session.update(cookie_session)
    response = broken_client.post("/es/concern", data={"csrf_token": token, "category": "housing",
                                                       "body": "No hay calefacción en el edificio"})
    with broken.app_context():
        db.engine().dispose()
    assert response.status_code == 503
    html = page(response)
    assert html.find("html")["lang"] == "es"
    assert [quote.get_text() for quote in html.select(".kept-text blockquote")] == ["No hay calefacción en el edificio"]


def test_each_form_and_each_address_has_its_own_limit(app, client):
    app.config.update(SUBMISSION_LIMIT="1 per hour", STATUS_LOOKUP_LIMIT="1 per minute")
    assert post_form(client, "/en/concern", {"category": "housing", "body": "First"}).status_code == 303
    assert post_form(client, "/en/concern", {"category": "housing", "body": "Second"}).status_code == 429
    assert post_form(client, "/en/status", {"reference": "AAAA-AAAA-AAAA"}).status_code == 200
    neighbour = app.test_client()
    sent = post_form(neighbour, "/en/concern", {"category": "housing", "body": "Mine"},
                     environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert sent.status_code == 303


def test_with_redis_unreachable_a_resident_can_still_send(app, caplog):
    from tests.smtp import free_port

    without_redis = create_app({**app.config, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"})
    try:
        response = post_form(without_redis.test_client(), "/en/concern",
                             {"category": "housing", "body": "Still heard"})
        assert response.status_code == 303 and response.headers["Location"] == "/en/sent#top"
        assert "Rate-limit counters unreachable" in caplog.text
        with without_redis.app_context():
            assert db.session().scalars(select(Submission.body)).all() == ["Still heard"]
    finally:
        with without_redis.app_context():
            db.engine().dispose()

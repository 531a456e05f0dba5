"""The translators' queue: staff send a submission, a translator of its language corrects the machine's draft and
marks it checked; who and when are recorded, every step is in the audit log."""
from __future__ import annotations

from sqlalchemy import select

from portal.models import AuditEvent, User
from portal.platform import db
from tests.conftest import make_user, page, session_csrf_token, sign_in
from tests.factories import load_submission, make_submission
from tests.translation.test_detection import KINYARWANDA, SOMALI
from tests.translation.test_machine_translation import SOMALI_ENGLISH

CORRECTED = "The police stopped me on my way home from work and asked for my papers."


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_staff_send_to_the_queue_and_a_translator_of_that_language_checks_it(app, engine, client):
    somali_id = make_submission(app, body=SOMALI, language="en").id  # sent from the English page
    kinyarwanda_id = make_submission(app, body=KINYARWANDA, language="rw").id
    staff = app.test_client()
    make_user(app, "staff")
    sign_in(staff, "staff@example.org")
    for submission_id in (somali_id, kinyarwanda_id):
        token = session_csrf_token(staff, f"/staff/submissions/{submission_id}")
        assert staff.post(f"/staff/submissions/{submission_id}/translator",
                          data={"ask-csrf_token": token}).status_code == 302
    assert "In the translators' queue since" in page(staff.get(f"/staff/submissions/{somali_id}")).get_text()

    admin = app.test_client()
    make_user(app, "admin")
    sign_in(admin, "admin@example.org")
    translator_id = make_user(app, "translator", email="interpreter@example.org")
    token = session_csrf_token(admin, "/staff/admin/users")
    prefix = f"user{translator_id}"
    assert admin.post(f"/staff/admin/users/{translator_id}", data={
        f"{prefix}-csrf_token": token, f"{prefix}-role": "translator", f"{prefix}-active": "y",
        f"{prefix}-translator_languages": ["so"]}).status_code == 302
    with app.app_context():
        assert db.session().get(User, translator_id).translator_languages == ["so"]

    sign_in(client, "interpreter@example.org")
    assert client.get("/staff/").status_code == 403
    queues = page(client.get("/staff/translations/"))
    assert [item.get_text(" ", strip=True) for item in queues.select(".queue-list li")] == [
        "Soomaali (so) : 1 waiting"]
    assert client.get("/staff/translations/rw").status_code == 404
    assert client.get(f"/staff/translations/submissions/{kinyarwanda_id}").status_code == 404
    queue = page(client.get("/staff/translations/so"))
    link = queue.select_one("a[href^='/staff/translations/submissions/']")["href"]
    assert link == f"/staff/translations/submissions/{somali_id}"
    form_page = page(client.get(link))
    assert form_page.select_one("#translation").get_text().strip() == SOMALI_ENGLISH  # the draft to correct
    token = session_csrf_token(client, link)
    assert client.post(link, data={"csrf_token": token, "translation": CORRECTED}).status_code == 302

    checked = load_submission(app, somali_id)
    assert (checked.translation, checked.translation_checked_by_id) == (CORRECTED, translator_id)
    assert checked.translation_checked_at is not None and checked.human_translation_requested_at is None
    assert "Nothing is waiting." in page(client.get("/staff/translations/so")).get_text()
    english = page(staff.get(f"/staff/submissions/{somali_id}")).select_one(".english")
    assert "Checked by interpreter@example.org" in english.get_text() and CORRECTED in english.get_text()
    assert "Machine translation" not in english.get_text()
    actions = audit_actions(app)
    assert actions.count("translation.requested") == 2
    assert {"user.translator_languages", "translation.checked"} <= set(actions)


def test_english_needs_no_translator(app, staff_client):
    submission_id = make_submission(app, body="The police stood by while agents knocked on our door.").id
    assert load_submission(app, submission_id).written_language == "en"
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert html.select_one(".english") is None

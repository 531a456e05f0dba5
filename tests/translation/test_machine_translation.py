"""Machine translation through a LibreTranslate-compatible engine (our own fake one on 127.0.0.1), as a job after
the commit: stored apart from a person's English, labelled, kept from viewers and reports, failures on the admins'
page, and nothing sent anywhere when no engine is configured."""
from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import select

from portal.models import AuditEvent, Evidence, MachineTranslationState, Submission
from portal.platform import db
from tests.conftest import add_meeting, make_user, page, post_form, session_csrf_token, sign_in
from tests.factories import load_submission, make_feedback, make_submission
from tests.test_jobs import queued, redis_app, work  # noqa: F401 (redis_app: a fixture)
from tests.translation.fake_engine import API_KEY, PHRASES, fake_engine
from tests.translation.test_detection import DARI, PASHTO, SOMALI

SOMALI_ENGLISH = PHRASES[SOMALI]
LABEL = "Machine translation — not checked"


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def send_concern(client, body: str, page_language: str = "en"):
    response = post_form(client, f"/{page_language}/concern", {"category": "police-immigration", "body": body},
                         buffered=True)  # closed as a server closes it: the work queued after the commit runs
    assert response.status_code == 303
    with client.application.app_context():
        return db.session().scalars(select(Submission).order_by(Submission.id.desc())).first()


def test_without_an_engine_the_language_is_detected_and_nothing_is_sent_anywhere(app, client):
    with fake_engine() as listening:  # running, but not configured: it must hear nothing
        submission = send_concern(client, SOMALI)
        assert (submission.detected_language, submission.language) == ("so", "en")
        assert submission.machine_translation == "" and submission.machine_translation_state is None
        assert listening.requests == [] and listening.language_lists_sent == 0
    staff = app.test_client()
    make_user(app, "staff")
    sign_in(staff, "staff@example.org")
    html = page(staff.get(f"/staff/submissions/{submission.id}"))
    assert " ".join(html.select_one(".written-language").get_text().split()) == (
        "Written in Soomaali (so) · sent from the English (en) page")
    assert "No English yet." in html.select_one(".english").get_text()


def test_a_residents_concern_is_translated_after_the_response_and_labelled_everywhere_staff_read(
        app, client, engine):
    submission = send_concern(client, SOMALI)
    assert engine.requests == [{"q": SOMALI, "source": "so", "target": "en", "format": "text", "api_key": API_KEY}]
    assert submission.machine_translation == SOMALI_ENGLISH
    assert (submission.machine_translation_engine, submission.machine_translation_state) == (
        "LibreTranslate", MachineTranslationState.DONE)
    assert submission.machine_translated_at is not None and submission.translation == ""

    staff = app.test_client()
    make_user(app, "staff")
    sign_in(staff, "staff@example.org")
    html = page(staff.get(f"/staff/submissions/{submission.id}"))
    english = html.select_one(".english")
    assert LABEL in english.select_one(".machine-label").get_text()
    assert english.select_one(".machine-translation").get_text() == SOMALI_ENGLISH
    inbox = page(staff.get("/staff/?language=so"))
    [excerpt] = inbox.select(".excerpt-text.english")
    assert LABEL in excerpt.get_text() and SOMALI_ENGLISH[:40] in excerpt.get_text()
    [row] = list(csv.DictReader(io.StringIO(staff.get("/staff/export.csv").data.decode("utf-8-sig"))))
    # The original and its English carry the same names: only in the admins' export with contact details.
    assert "text" not in row and "machine_translation_not_checked" not in row
    assert (row["language"], row["written_language"], row["written_language_uncertain"]) == ("en", "so", "no")
    admin = app.test_client()
    make_user(app, "admin")
    sign_in(admin, "admin@example.org")
    [row] = list(csv.DictReader(io.StringIO(admin.get("/staff/export.csv?include_contact=1").data.decode(
        "utf-8-sig"))))
    assert (row["text"], row["machine_translation_not_checked"], row["checked_translation"]) == (
        SOMALI, SOMALI_ENGLISH, "")


def test_a_language_the_engine_does_not_offer_says_ask_a_translator(app, engine, staff_client):
    submission_id = make_submission(app, body=PASHTO, language="ps").id
    saved = load_submission(app, submission_id)
    assert saved.machine_translation_state is MachineTranslationState.UNSUPPORTED and engine.requests == []
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert "No machine translation for Pashto: ask a translator." in html.select_one(".no-english").get_text()
    make_submission(app, body=DARI, language="fa-AF")  # the engine's "fa": asked as such
    assert engine.requests[-1]["source"] == "fa" and engine.language_lists_sent == 1  # the list is remembered


def test_a_translation_that_keeps_failing_shows_on_the_admins_page_and_can_be_tried_again(app, engine, client):
    engine.failures_left = 2  # the first try and the one retry inline
    submission_id = make_submission(app, body=SOMALI, language="so").id
    failed = load_submission(app, submission_id)
    assert failed.machine_translation_state is MachineTranslationState.FAILED and len(engine.requests) == 2
    assert "500" in failed.machine_translation_error and failed.detected_language == "so"

    make_user(app, "admin")
    sign_in(client, "admin@example.org")
    html = page(client.get("/staff/admin/translation"))
    assert "The model crashed" in html.select_one("table.data").get_text()
    coverage = html.get_text()
    assert "Pashto" not in coverage or "no: a translator translates these" in coverage
    token = session_csrf_token(client, "/staff/admin/translation")
    assert client.post(f"/staff/admin/translation/{submission_id}/retry", data={"csrf_token": token},
                       buffered=True).status_code == 302
    retried = load_submission(app, submission_id)
    assert retried.machine_translation == SOMALI_ENGLISH and retried.machine_translation_error is None
    assert "translation.machine_retried" in actions(app)
    assert "No translation failed." in page(client.get("/staff/admin/translation")).get_text()


def test_correcting_the_language_is_audited_and_translates_again_from_the_right_one(app, engine, staff_client):
    submission_id = make_submission(app, body="نص", language="ar").id  # short: uncertain
    assert load_submission(app, submission_id).detected_language_uncertain
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/language",
                      data={"language-csrf_token": token, "language-language": "fa-AF"}, buffered=True)
    corrected = load_submission(app, submission_id)
    assert (corrected.detected_language, corrected.detected_language_uncertain) == ("fa-AF", False)
    assert engine.requests[-1]["source"] == "fa" and corrected.machine_translation == "[fa→en] نص"
    assert "translation.language_corrected" in actions(app)


def test_a_checked_translation_wins_over_the_machine_and_records_who_and_when(app, engine, staff_client):
    submission_id = make_submission(app, body=SOMALI, language="so").id
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert html.select_one("#translation-translation").get_text().strip() == SOMALI_ENGLISH  # the draft to correct
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/translation",
                      data={"translation-csrf_token": token, "translation-translation": "Police stopped me."})
    saved = load_submission(app, submission_id)
    assert saved.translation == "Police stopped me." and saved.machine_translation == SOMALI_ENGLISH
    assert saved.translation_checked_at is not None and saved.translation_checked_by_id is not None
    english = page(staff_client.get(f"/staff/submissions/{submission_id}")).select_one(".english")
    assert LABEL not in english.get_text() and "Checked by staff@example.org" in english.get_text()
    assert english.select_one(".checked-translation").get_text() == "Police stopped me."


def test_viewers_read_only_a_persons_english_of_the_redacted_text_in_meeting_summaries(app, engine, client):
    meeting_id = add_meeting(app)
    feedback_id = make_feedback(app, meeting_id, language="so", act_on=SOMALI).id
    staff = app.test_client()
    make_user(app, "staff")
    sign_in(staff, "staff@example.org")
    staff_view = page(staff.get(f"/staff/meetings/{meeting_id}")).select_one(".comments")
    assert LABEL in staff_view.get_text() and SOMALI_ENGLISH in staff_view.get_text()

    make_user(app, "viewer")
    sign_in(client, "viewer@example.org")
    assert SOMALI_ENGLISH not in client.get(f"/staff/meetings/{meeting_id}").get_data(as_text=True)
    token = session_csrf_token(staff, f"/staff/submissions/{feedback_id}")
    staff.post(f"/staff/submissions/{feedback_id}/redaction",
               data={"redaction-csrf_token": token, "redaction-redacted_text": "Booliska ayaa i joojiyay [...]",
                     "redaction-redacted_translation": "The police stopped me [...]"})
    viewer_view = page(client.get(f"/staff/meetings/{meeting_id}")).select_one(".comments")
    assert "The police stopped me [...]" in viewer_view.get_text() and LABEL not in viewer_view.get_text()
    assert SOMALI_ENGLISH not in viewer_view.get_text()
    assert "translation.redacted_saved" in actions(app)


def test_reports_never_take_the_machines_english(app, engine):
    from portal.reports import service as reports

    submission_id = make_submission(app, body=SOMALI, language="so", redacted_text=SOMALI).id
    with app.app_context():
        session = db.session()
        report = reports.create_report(session, title="Draft", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                       actor=None)
        recommendation = reports.add_recommendation(session, report, title="Interpreters", actor=None)
        submission = session.get(Submission, submission_id)
        assert submission.machine_translation == SOMALI_ENGLISH
        added, _skipped = reports.add_redacted_texts(session, recommendation, [submission], actor=None)
        evidence = session.scalars(select(Evidence).where(Evidence.submission_id == submission_id)).one()
        assert added == [submission] and evidence.quote == SOMALI and evidence.translation == ""


def test_on_the_rq_worker_a_failed_translation_is_tried_again(redis_app, engine):  # noqa: F811 (the fixture)
    redis_app.config["TRANSLATION_RETRY_INTERVALS"] = [0]  # RQ puts it back at once instead of in 60 s
    engine.failures_left = 1
    submission_id = make_submission(redis_app, body=SOMALI, language="so").id
    assert queued(redis_app) == 1 and engine.requests == []  # nothing done inside the request's transaction
    assert load_submission(redis_app, submission_id).detected_language is None
    work(redis_app)
    translated = load_submission(redis_app, submission_id)
    assert len(engine.requests) == 2 and translated.machine_translation == SOMALI_ENGLISH
    assert translated.detected_language == "so" and translated.machine_translation_error is None

"""What staff do in the inbox and on a submission's page, and what residents then see."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.platform import db
from portal.models import AuditEvent, Category, Priority, Status, Submission, User
from portal.submissions.intake import ContactDetails
from portal.platform.reference import format_reference
from tests.conftest import add_meeting, page, post_form, session_csrf_token
from tests.factories import load_submission, make_submission


def actions(app) -> list[str]:
    with app.app_context():
        return [event.action for event in db.session().scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_the_original_text_keeps_its_own_language_and_direction(app, staff_client):
    submission_id = make_submission(app, body="الشرطة وقفت مع عناصر الهجرة أمام بيتنا", language="ar").id
    original = page(staff_client.get(f"/staff/submissions/{submission_id}")).select_one(".original")
    assert original["lang"] == "ar" and original["dir"] == "auto"
    assert page(staff_client.get(f"/staff/submissions/{submission_id}")).find("html")["dir"] == "ltr"


def test_triage_changes_are_saved_and_audited(app, staff_client):
    submission_id = make_submission(app).id
    with app.app_context():
        staff_id = db.session().scalar(select(User.id))
        housing = db.session().scalar(select(Category.id).where(Category.slug == "housing"))
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    response = staff_client.post(f"/staff/submissions/{submission_id}/triage", data={
        "triage-csrf_token": token, "triage-category": str(housing), "triage-status": "in_review",
        "triage-assignee": str(staff_id), "triage-priority": "urgent", "triage-tags": "Landlord, heat ,landlord",
        "triage-note": ""})
    assert response.status_code == 302
    saved = load_submission(app, submission_id)
    assert saved.status == Status.IN_REVIEW and saved.priority == Priority.URGENT
    assert saved.assignee_id == staff_id and saved.category_id == housing
    assert [tag.name for tag in saved.tags] == ["heat", "landlord"]
    assert {"submission.status_changed", "submission.assigned", "submission.category_changed",
            "submission.priority_changed", "submission.tags_changed"} <= set(actions(app))


@pytest.mark.parametrize("status", ["referred", "closed"])
def test_referring_or_closing_needs_a_note(app, staff_client, status):
    submission_id = make_submission(app).id
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    data = {"triage-csrf_token": token, "triage-status": status, "triage-priority": "normal",
            "triage-category": "", "triage-assignee": "", "triage-tags": ""}
    html = page(staff_client.post(f"/staff/submissions/{submission_id}/triage", data=data))
    assert html.select_one("#triage-note-error")
    assert load_submission(app, submission_id).status == Status.RECEIVED
    response = staff_client.post(f"/staff/submissions/{submission_id}/triage",
                                 data={**data, "triage-note": "Sent to the housing department."})
    assert response.status_code == 302
    saved = load_submission(app, submission_id)
    assert saved.status == Status(status) and saved.notes[0].body == "Sent to the housing department."


def test_notes_stay_internal_and_replies_reach_the_resident_in_their_language(app, staff_client, client):
    submission_id = make_submission(app, body="ما في مترجم في المدرسة", language="ar",
                                    contact=ContactDetails(name="", email="a@example.org", phone="",
                                                           preferred_language="ar")).id
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/note",
                      data={"note-csrf_token": token, "note-body": "Call the school district."})
    page_html = page(staff_client.get(f"/staff/submissions/{submission_id}")).get_text()
    assert "العربية (ar)" in page_html  # staff see which language the resident chose
    staff_client.post(f"/staff/submissions/{submission_id}/reply",
                      data={"reply-csrf_token": token, "reply-body": "تواصلنا مع المدرسة. شكرا لك."})
    reference = load_submission(app, submission_id).reference
    resident = app.test_client()
    status_page = page(post_form(resident, "/ar/status", {"reference": reference}))
    assert status_page.select_one(".reply-text").get_text() == "تواصلنا مع المدرسة. شكرا لك."
    assert "Call the school district" not in status_page.get_text()


def test_translation_and_redaction_are_saved(app, staff_client):
    submission_id = make_submission(app, body="Llame a Rosa al 502 555 0199 o rosa@example.org", language="es").id
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert [mark.get_text() for mark in html.select(".original mark")] == ["502 555 0199", "rosa@example.org"]
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/translation",
                      data={"translation-csrf_token": token, "translation-translation": "Call Rosa at ..."})
    staff_client.post(f"/staff/submissions/{submission_id}/redaction",
                      data={"redaction-csrf_token": token, "redaction-redacted_text": "Llame a [nombre] al [teléfono]"})
    saved = load_submission(app, submission_id)
    assert saved.translation == "Call Rosa at ..." and saved.redacted_text == "Llame a [nombre] al [teléfono]"
    assert {"translation.checked", "submission.redacted"} <= set(actions(app))


def test_a_redaction_starts_masked_and_nothing_is_quotable_until_a_person_saves_it(app, staff_client):
    submission_id = make_submission(app, body="Soy Rosa, llame al 502 555 0199 o a rosa@example.org, caso 48213.",
                                    language="es").id
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert html.select_one("#redaction-redacted_text").get_text().strip() == (
        "Soy Rosa, llame al [phone] o a [email], caso [number].")
    assert html.select_one("#redaction-unsaved") is not None
    assert load_submission(app, submission_id).redacted_text is None, "showing a first redaction saves nothing"
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/redaction", data={
        "redaction-csrf_token": token, "redaction-redacted_text": "Soy [nombre], llame al [phone] o a [email]."})
    assert load_submission(app, submission_id).redacted_text == "Soy [nombre], llame al [phone] o a [email]."
    assert page(staff_client.get(f"/staff/submissions/{submission_id}")).select_one("#redaction-unsaved") is None


def test_contact_details_stay_hidden_until_revealed_and_each_reveal_is_recorded(app, staff_client):
    submission_id = make_submission(app, contact=ContactDetails(name="Amina", email="amina@example.org", phone="",
                                                                preferred_language="so")).id
    assert "amina@example.org" not in staff_client.get(f"/staff/submissions/{submission_id}").get_data(as_text=True)
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    revealed = staff_client.post(f"/staff/submissions/{submission_id}/contact", data={"csrf_token": token})
    assert "amina@example.org" in revealed.get_data(as_text=True)
    assert actions(app).count("submission.contact_revealed") == 1


def test_duplicates_point_to_the_original_and_residents_see_its_status(app, staff_client):
    original_id = make_submission(app, status=Status.REFERRED).id
    duplicate_id = make_submission(app, body="Same thing happened to my neighbour.").id
    original_reference = load_submission(app, original_id).reference
    token = session_csrf_token(staff_client, f"/staff/submissions/{duplicate_id}")
    staff_client.post(f"/staff/submissions/{duplicate_id}/duplicate",
                      data={"duplicate-csrf_token": token, "duplicate-original": format_reference(original_reference)})
    assert load_submission(app, duplicate_id).duplicate_of_id == original_id
    listed = page(staff_client.get(f"/staff/submissions/{original_id}")).get_text()
    duplicate_reference = load_submission(app, duplicate_id).reference
    assert format_reference(duplicate_reference) in listed
    status_page = page(post_form(app.test_client(), "/en/status", {"reference": duplicate_reference}))
    assert status_page.select_one(".status-word").get_text() == "Referred"
    html = page(staff_client.post(f"/staff/submissions/{duplicate_id}/duplicate",
                                  data={"duplicate-csrf_token": token, "duplicate-original": "ZZZZ-ZZZZ-ZZZZ"}))
    assert html.select_one("#duplicate-original-error")


def test_a_duplicates_resident_sees_the_originals_status_never_its_replies(app, staff_client):
    original_id = make_submission(app, status=Status.REFERRED).id
    duplicate_id = make_submission(app, body="Same thing happened to my neighbour.").id
    with app.app_context():
        db.session().get(Submission, duplicate_id).duplicate_of_id = original_id
        db.session().commit()
    for submission_id, body in ((original_id, "Dear Ms Yusuf, we called your landlord."),
                                (duplicate_id, "We joined your message to one like it.")):
        token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
        staff_client.post(f"/staff/submissions/{submission_id}/reply",
                          data={"reply-csrf_token": token, "reply-body": body})

    duplicate_reference = load_submission(app, duplicate_id).reference
    status_page = page(post_form(app.test_client(), "/en/status", {"reference": duplicate_reference}))
    assert status_page.select_one(".status-word").get_text() == "Referred"
    replies = [reply.get_text() for reply in status_page.select(".reply-text")]
    assert replies == ["We joined your message to one like it."]


def test_the_reply_form_warns_when_duplicates_will_not_see_the_reply(app, staff_client):
    original_id = make_submission(app).id
    duplicate_id = make_submission(app, duplicate_of_id=original_id).id
    warning = "residents of its duplicates do not see this reply"
    assert warning in page(staff_client.get(f"/staff/submissions/{original_id}")).select_one(
        "#reply-title").parent.get_text()
    assert warning not in page(staff_client.get(f"/staff/submissions/{duplicate_id}")).get_text()


def test_staff_enter_a_phone_call_on_someones_behalf(app, staff_client):
    with app.app_context():
        category = db.session().scalar(select(Category.id).where(Category.slug == "work-wages"))
    response = post_form(staff_client, "/staff/submissions/new", {
        "source": "phone", "language": "so", "category": str(category),
        "body": "Shaqo-bixiyuhu lacagtii saacadaha dheeraadka ah ma bixin."})
    assert response.status_code == 302
    with app.app_context():
        created = db.session().scalar(select(Submission))
        assert (created.source.value, created.language, created.kind.value) == ("phone", "so", "concern")


def test_a_phone_call_is_entered_with_the_callers_contact_consent_language_and_an_english_summary(app, staff_client):
    form = page(staff_client.get("/staff/submissions/new"))
    assert form.select_one("#category option:checked, #category option[selected]")["value"] == "", "no default topic"
    assert form.select_one("#language option")["value"] == "", "no language chosen for staff either"
    with app.app_context():
        category = db.session().scalar(select(Category.id).where(Category.slug == "work-wages"))
    call = {"source": "phone", "kind": "concern", "language": "so", "category": str(category),
            "body": "Shaqo-bixiyuhu lacagtii saacadaha dheeraadka ah ma bixin.",
            "english_summary": "The employer did not pay overtime.", "follow_up": "y", "name": "Hodan Ali",
            "phone": "502 555 0187", "contact_language": "so"}
    refused = page(post_form(staff_client, "/staff/submissions/new", {**call, "category": ""}))
    assert "Choose the topic of the concern." in refused.select_one(".error-summary").get_text()
    refused = page(post_form(staff_client, "/staff/submissions/new", call))
    assert refused.select_one("#consent-error"), "contact details only with the caller's consent"
    assert post_form(staff_client, "/staff/submissions/new", {**call, "consent": "y"}).status_code == 302
    with app.app_context():
        created = db.session().scalar(select(Submission).options(selectinload(Submission.contact),
                                                                 selectinload(Submission.notes)))
        assert created.body == call["body"] and created.language == "so", "the text keeps its language"
        assert created.translation == "The employer did not pay overtime."
        assert created.follow_up_requested and created.contact.name == "Hodan Ali"
        assert (created.contact.phone, created.contact.preferred_language) == ("+15025550187", "so")
        assert created.contact.consented_at is not None
        assert "agreed that we keep their contact details" in created.notes[0].body
    assert {"submission.note_added", "translation.checked"} <= set(actions(app))


def test_a_paper_feedback_form_is_entered_with_its_meeting_and_ratings(app, staff_client):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=2))
    paper = {"source": "paper", "kind": "meeting_feedback", "language": "fa-AF", "meeting": str(meeting_id),
             "usefulness": "4", "felt_heard": "2", "interpretation": "partly",
             "body": "مترجم دری خوب بود", "improvement": "وقت بیشتر برای سوال"}
    refused = page(post_form(staff_client, "/staff/submissions/new", {**paper, "felt_heard": ""}))
    assert refused.select_one("#felt_heard-error")
    assert post_form(staff_client, "/staff/submissions/new", paper).status_code == 302
    with app.app_context():
        created = db.session().scalar(select(Submission))
        assert (created.kind.value, created.meeting_id, created.usefulness, created.felt_heard) == (
            "meeting_feedback", meeting_id, 4, 2)
        assert created.interpretation.value == "partly" and created.category_id is None
        assert (created.body, created.improvement, created.source.value) == (paper["body"], paper["improvement"],
                                                                             "paper")
        assert not created.follow_up_requested


def test_saving_one_panel_keeps_what_was_typed_in_the_others(app, staff_client):
    """The page is one form: "Save triage" saves the triage alone; a translation and a note typed beside it come
    back on the page, unsaved and untouched."""
    submission_id = make_submission(app, body="La policía vino con agentes", language="es").id
    html = page(staff_client.get(f"/staff/submissions/{submission_id}"))
    assert len(html.select("main form")) == 1, "one form for every panel"
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    tokens = {f"{prefix}-csrf_token": token for prefix in ("triage", "note", "reply", "translation", "redaction",
                                                           "duplicate")}
    everything = {**tokens, "triage-category": "", "triage-status": "in_review",
                  "triage-assignee": "", "triage-priority": "high", "triage-tags": "", "triage-note": "",
                  "translation-translation": "The police came with agents", "note-body": "Call back on Monday",
                  "reply-body": "", "redaction-redacted_text": "La policía vino con agentes", "duplicate-original": ""}
    response = staff_client.post(f"/staff/submissions/{submission_id}/triage", data=everything)
    assert response.status_code == 200
    kept = page(response)
    assert kept.select_one("#translation-translation").get_text().strip() == "The police came with agents"
    assert kept.select_one("#note-body").get_text().strip() == "Call back on Monday"
    assert "not saved yet" in kept.get_text()
    saved = load_submission(app, submission_id)
    assert saved.status == Status.IN_REVIEW and saved.priority == Priority.HIGH
    assert saved.translation == "" and saved.notes == [], "only the triage was saved"

    # Then the translation is saved: the note typed earlier is still kept, the triage shows as saved.
    response = staff_client.post(f"/staff/submissions/{submission_id}/translation", data=everything)
    kept = page(response)
    assert kept.select_one("#note-body").get_text().strip() == "Call back on Monday"
    assert kept.select_one("#triage-status option[selected]")["value"] == "in_review"
    assert load_submission(app, submission_id).translation == "The police came with agents"

    # With nothing typed elsewhere, a save goes back to the page as usual.
    response = staff_client.post(f"/staff/submissions/{submission_id}/note", data={**everything, "note-body": "Done"})
    assert response.status_code == 302
    assert [note.body for note in load_submission(app, submission_id).notes] == ["Done"]


def test_a_refused_panel_comes_back_with_every_panel_as_typed(app, staff_client):
    submission_id = make_submission(app).id
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    html = page(staff_client.post(f"/staff/submissions/{submission_id}/duplicate", data={
        "duplicate-csrf_token": token, "duplicate-original": "ZZZZ-ZZZZ-ZZZZ",
        "translation-translation": "Typed, not saved", "reply-body": "Dear resident"}))
    assert html.select_one("#duplicate-original-error")
    assert html.select_one("#translation-translation").get_text().strip() == "Typed, not saved"
    assert html.select_one("#reply-body").get_text().strip() == "Dear resident"

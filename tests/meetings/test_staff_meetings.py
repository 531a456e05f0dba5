"""Staff create, edit and cancel meetings (local times in, UTC stored), write closing reports, link concerns, and
read the feedback summary; viewers only read it."""
from datetime import datetime, timedelta, UTC

import pytest
from sqlalchemy import event, select

from portal.platform import db
from portal.models import AuditEvent, Interpretation, Meeting, Source, Submission
from portal.meetings import service as meeting_service
from portal.submissions.intake import ContactDetails
from portal.platform.reference import format_reference
from tests.conftest import add_meeting, page, post_form, session_csrf_token
from tests.factories import make_feedback, make_submission
from tests.meetings.helpers import meeting_form


def stored(app, meeting_id=None) -> Meeting:
    with app.app_context():
        query = select(Meeting).order_by(Meeting.id.desc())
        return db.session().get(Meeting, meeting_id) if meeting_id else db.session().scalars(query).first()


def actions(app) -> list[tuple[str, dict]]:
    with app.app_context():
        return [(event.action, event.details) for event in db.session().scalars(select(AuditEvent)
                                                                                   .order_by(AuditEvent.id))]


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_staff_create_a_meeting_and_local_times_are_stored_in_utc(app, staff_client):
    response = post_form(staff_client, "/staff/meetings/new", meeting_form())
    meeting = stored(app)
    assert response.status_code == 302 and response.headers["Location"] == f"/staff/meetings/{meeting.id}"
    assert meeting.title == {"en": "Listening session on policing", "ar": "جلسة استماع حول عمل الشرطة"}
    assert meeting.description == {"en": "Tell the city what you saw."}
    # 6:30 pm Eastern Standard Time is 23:30 UTC.
    assert (meeting.starts_at, meeting.ends_at) == (utc(2027, 3, 13, 23, 30), utc(2027, 3, 14, 1, 30))
    assert meeting.feedback_opens_at == meeting.starts_at  # the default window
    assert meeting.feedback_closes_at == meeting.starts_at + timedelta(days=30)
    assert meeting.partners == "Refugee Council, Masjid Al-Noor" and meeting.interpreted_languages == ["ar", "so", "ne"]
    assert actions(app)[-1][0] == "meeting.create"


def test_the_same_wall_clock_time_on_both_sides_of_the_spring_change_is_an_hour_apart_in_utc(app, staff_client):
    post_form(staff_client, "/staff/meetings/new", meeting_form(starts_at="2027-03-13T18:30",
                                                                ends_at="2027-03-13T20:30"))
    before = stored(app)
    post_form(staff_client, "/staff/meetings/new", meeting_form(starts_at="2027-03-15T18:30",
                                                                ends_at="2027-03-15T20:30"))
    after = stored(app)
    assert before.starts_at == utc(2027, 3, 13, 23, 30)  # EST, UTC-5
    assert after.starts_at == utc(2027, 3, 15, 22, 30)  # EDT, UTC-4
    # The edit form gives staff back the wall-clock time they typed, on both sides.
    for meeting in (before, after):
        html = page(staff_client.get(f"/staff/meetings/{meeting.id}/edit"))
        assert html.select_one("#starts_at")["value"].endswith("18:30")


def test_a_time_skipped_by_the_clock_change_is_refused_and_a_repeated_one_means_daylight_time(app, staff_client):
    html = page(post_form(staff_client, "/staff/meetings/new", meeting_form(starts_at="2027-03-14T02:30",
                                                                            ends_at="2027-03-14T04:00")))
    assert "does not exist in America/New_York" in html.select_one("#starts_at-error").get_text()
    assert stored(app) is None
    post_form(staff_client, "/staff/meetings/new", meeting_form(starts_at="2027-11-07T01:30",
                                                                ends_at="2027-11-07T03:00"))
    assert stored(app).starts_at == utc(2027, 11, 7, 5, 30)  # 1:30 EDT, the first of the two


def test_missing_and_contradictory_answers_are_shown_in_page_order(app, staff_client):
    html = page(post_form(staff_client, "/staff/meetings/new", meeting_form(
        title_en="", starts_at="2027-05-01T18:00", ends_at="2027-05-01T17:00", place="", online_url="ftp://x",
        feedback_opens_at="2027-05-01T18:00", feedback_closes_at="2027-04-01T18:00")))
    links = [link["href"] for link in html.select(".error-summary a")]
    assert links == ["#title_en", "#ends_at", "#online_url", "#feedback_closes_at"]
    html = page(post_form(staff_client, "/staff/meetings/new", meeting_form(place="", starts_at="tomorrow")))
    assert [link["href"] for link in html.select(".error-summary a")] == ["#starts_at", "#place"]
    assert "for example 2026-12-03 18:30" in html.select_one("#starts_at-error").get_text()
    assert stored(app) is None


def test_an_online_meeting_needs_no_place_and_languages_come_from_the_list_only(app, staff_client):
    post_form(staff_client, "/staff/meetings/new", meeting_form(place="", online_url="https://meet.example.org/x"))
    assert stored(app).online_url == "https://meet.example.org/x" and stored(app).place == ""
    html = page(post_form(staff_client, "/staff/meetings/new", meeting_form(interpreted_languages=["xx"])))
    assert html.select_one(".error-summary a")["href"] == "#interpreted_languages-0"


def test_editing_changes_the_meeting_and_is_audited(app, staff_client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=10))
    form = page(staff_client.get(f"/staff/meetings/{meeting_id}/edit"))
    assert form.select_one("#title_en")["value"] == "Meeting with immigrant leaders"
    assert form.select_one("#title_es")["value"] == "Reunión con líderes inmigrantes"
    assert form.select_one("#title_es")["lang"] == "es"
    response = post_form(staff_client, f"/staff/meetings/{meeting_id}/edit", meeting_form(
        title_en="Meeting with immigrant leaders (new room)", title_es="", starts_at="2027-06-02T18:00",
        ends_at="2027-06-02T20:00", feedback_opens_at="2027-06-02T17:00", feedback_closes_at="2027-06-20T23:59"))
    assert response.status_code == 302
    meeting = stored(app, meeting_id)
    assert meeting.title["en"] == "Meeting with immigrant leaders (new room)" and "es" not in meeting.title
    assert meeting.starts_at == utc(2027, 6, 2, 22, 0)
    assert (meeting.feedback_opens_at, meeting.feedback_closes_at) == (utc(2027, 6, 2, 21, 0), utc(2027, 6, 21, 3, 59))
    action, details = actions(app)[-1]
    assert action == "meeting.edit" and "title" in details["changed"] and "starts_at" in details["changed"]


def test_cancelling_asks_to_confirm_is_audited_and_residents_see_it(app, staff_client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=3))
    token = session_csrf_token(staff_client, f"/staff/meetings/{meeting_id}")
    unconfirmed = staff_client.post(f"/staff/meetings/{meeting_id}/cancel", data={"cancel-csrf_token": token})
    assert unconfirmed.status_code == 200 and stored(app, meeting_id).cancelled_at is None
    summary = page(unconfirmed)
    assert summary.title.get_text().startswith("Error:")
    assert "Tick the box to confirm that the meeting is cancelled." in summary.select_one(".error-summary").get_text()
    response = staff_client.post(f"/staff/meetings/{meeting_id}/cancel",
                                 data={"cancel-csrf_token": token, "cancel-confirm": "y"})
    assert response.status_code == 302
    assert stored(app, meeting_id).cancelled_at is not None
    assert actions(app)[-1] == ("meeting.cancel", {"meeting_id": meeting_id})
    resident_page = staff_client.get(f"/en/meetings/{meeting_id}")
    assert "This meeting is cancelled." in page(resident_page).select_one("main").get_text()
    # A second cancel changes nothing and records nothing.
    staff_client.post(f"/staff/meetings/{meeting_id}/cancel", data={"cancel-csrf_token": token, "cancel-confirm": "y"})
    assert [action for action, _details in actions(app)].count("meeting.cancel") == 1


def test_cancel_needs_the_csrf_token(app, staff_client):
    meeting_id = add_meeting(app, starts_in=timedelta(days=3))
    staff_client.get(f"/staff/meetings/{meeting_id}")
    staff_client.post(f"/staff/meetings/{meeting_id}/cancel", data={})
    assert stored(app, meeting_id).cancelled_at is None


@pytest.mark.parametrize("path", ["/new", "/{id}/edit", "/{id}/report", "/{id}/flyer", "/{id}/qr.svg"])
def test_viewers_may_not_change_or_print(app, viewer_client, path):
    meeting_id = add_meeting(app)
    assert viewer_client.get("/staff/meetings" + path.format(id=meeting_id)).status_code == 403


def test_viewers_read_the_list_and_summary_without_contact_details_or_unredacted_text(app, viewer_client):
    meeting_id = add_meeting(app)
    reference = make_feedback(app, meeting_id, language="ar", usefulness=4, felt_heard=3,
                              interpretation=Interpretation.YES, act_on="اتصلوا بي على 502 555 0123",
                              contact=ContactDetails(name="Amal", email="amal@example.org", phone="502 555 0123",
                                                     preferred_language="ar")).reference
    make_feedback(app, meeting_id, language="es", usefulness=2, felt_heard=2, act_on="Más intérpretes",
                  redacted_text="Más intérpretes (redacted)")
    listing = page(viewer_client.get("/staff/meetings"))
    assert listing.select_one(f"a[href='/staff/meetings/{meeting_id}']")
    assert not listing.select_one("a[href='/staff/meetings/new']")
    html = page(viewer_client.get(f"/staff/meetings/{meeting_id}"))
    text = html.get_text()
    assert "2 responses." in text
    assert "Más intérpretes (redacted)" in text and "Not redacted yet." in text
    for secret in ("amal@example.org", "502 555 0123", "Amal", "اتصلوا", format_reference(reference)):
        assert secret not in text
    assert not html.select("form[method=post]")[1:]  # only sign-out: no cancel, no link form
    assert not html.select_one("img[src*='qr.svg']")


def test_the_feedback_summary_counts_averages_distributions_languages_and_comments(app, staff_client):
    meeting_id, other = add_meeting(app), add_meeting(app)
    answers = [("ar", 5, 4, Interpretation.YES, "نحتاج مترجمين في المدارس"), ("ar", 4, 4, Interpretation.PARTLY, ""),
               ("so", 2, 1, Interpretation.NO, "Turjubaan Soomaali ah ma jirin"), ("en", 3, None, None, "")]
    with app.app_context():
        for language, useful, heard, interpretation, act_on in answers:
            submission = make_feedback(db.session(), meeting_id, language=language, usefulness=useful,
                                       felt_heard=heard or 1, interpretation=interpretation, act_on=act_on)
            if heard is None:
                submission.felt_heard = None
        db.session().commit()
        arabic_id = db.session().scalar(select(Submission.id).where(Submission.body.startswith("نحتاج")))
    html = page(staff_client.get(f"/staff/meetings/{meeting_id}"))
    assert html.select_one("#feedback-heading + p").get_text() == "4 responses."
    assert "Average: 3.5 out of 5" in html.select_one("#usefulness-heading").parent.get_text()
    assert "Average: 3.0 out of 5" in html.select_one("#felt_heard-heading").parent.get_text()
    usefulness_rows = [[cell.get_text() for cell in row.select("th, td")]
                       for row in html.select_one("#usefulness-heading").parent.select("tbody tr")]
    assert usefulness_rows == [["1", "0"], ["2", "1"], ["3", "1"], ["4", "1"], ["5", "1"]]
    assert html.select_one("#usefulness-heading").parent.select_one("svg[role=img]")
    interpretation = {row.select_one("th").get_text(): [cell.get_text() for cell in row.select("td")]
                      for row in html.select("table")[2].select("tbody tr")}
    assert interpretation == {"العربية (ar)": ["1", "1", "0", "0", "0"], "English (en)": ["0", "0", "0", "0", "1"],
                              "Soomaali (so)": ["0", "0", "1", "0", "0"]}
    comments = html.select(".comments li")
    assert len(comments) == 2
    arabic = comments[0]
    assert arabic.select_one(".body")["lang"] == "ar" and arabic.select_one(".body").get_text() == answers[0][4]
    assert arabic.select_one(f"a[href='/staff/submissions/{arabic_id}']")
    assert "No feedback" not in page(staff_client.get(f"/staff/meetings/{other}")).get_text()
    assert page(staff_client.get(f"/staff/meetings/{other}")).select_one("#feedback-heading + p").get_text() == \
        "0 responses."


def test_the_closing_report_is_saved_audited_and_residents_read_its_summary(app, staff_client):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=40))
    html = page(post_form(staff_client, f"/staff/meetings/{meeting_id}/report", {"attendance": "many"}))
    assert [link["href"] for link in html.select(".error-summary a")] == ["#attendance", "#summary_en"]
    response = post_form(staff_client, f"/staff/meetings/{meeting_id}/report", {
        "attendance": "84", "organisations_present": "Refugee Council\nMasjid Al-Noor",
        "summary_en": "People asked for interpreters at schools.", "summary_ar": "طلب الناس مترجمين في المدارس."})
    assert response.status_code == 302
    meeting = stored(app, meeting_id)
    assert meeting.attendance == 84 and meeting.reported_at is not None
    assert meeting.summary == {"en": "People asked for interpreters at schools.", "ar": "طلب الناس مترجمين في المدارس."}
    assert actions(app)[-1][0] == "meeting.report"
    staff_page = page(staff_client.get(f"/staff/meetings/{meeting_id}")).get_text()
    assert "84" in staff_page and "Masjid Al-Noor" in staff_page
    arabic = page(staff_client.get(f"/ar/meetings/{meeting_id}"))
    assert arabic.select_one("main .text-block[lang=ar]:last-of-type").get_text() == "طلب الناس مترجمين في المدارس."
    spanish = page(staff_client.get(f"/es/meetings/{meeting_id}"))
    summary = spanish.select("main .text-block")[-1]
    assert summary["lang"] == "en" and summary.get_text() == "People asked for interpreters at schools."
    assert spanish.select_one("main h2 + .hint")  # says the summary is only in English
    # The form shows the report again for editing.
    again = page(staff_client.get(f"/staff/meetings/{meeting_id}/report"))
    assert again.select_one("#attendance")["value"] == "84"


def test_staff_link_a_concern_raised_at_the_meeting_by_its_reference_code_and_unlink_it(app, staff_client):
    meeting_id = add_meeting(app)
    concern = make_submission(app, language="so", body="Wax ka qabta booliska", source=Source.MEETING)
    concern_id, reference = concern.id, concern.reference
    url = f"/staff/meetings/{meeting_id}"
    token = session_csrf_token(staff_client, url)
    typed = format_reference(reference).lower().replace("-", " ")
    response = staff_client.post(f"{url}/concerns", data={"link-csrf_token": token, "link-reference": typed})
    assert response.status_code == 302
    with app.app_context():
        assert db.session().get(Submission, concern_id).meeting_id == meeting_id
    html = page(staff_client.get(url))
    assert html.select_one(f"#concerns a[href='/staff/submissions/{concern_id}']")
    # The inbox's meeting filter finds it.
    inbox = page(staff_client.get(f"/staff/?meeting_id={meeting_id}"))
    assert inbox.select_one(f"a[href^='/staff/submissions/{concern_id}?']")  # the link carries the inbox's filters
    assert actions(app)[-1][0] == "meeting.link_concern"

    staff_client.post(f"{url}/concerns/{concern_id}/unlink", data={"csrf_token": token})
    with app.app_context():
        assert db.session().get(Submission, concern_id).meeting_id is None
    assert actions(app)[-1][0] == "meeting.unlink_concern"


@pytest.mark.parametrize("reads_originals", [True, False])
def test_linked_concerns_come_in_one_query_with_codes_only_for_those_who_triage(app, reads_originals):
    meeting_id = add_meeting(app)
    references = [make_submission(app, language="so", body="Wax ka qabta booliska", source=Source.MEETING,
                                  meeting_id=meeting_id).reference for _ in range(3)]
    statements = []

    def remember(_connection, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        meeting = db.session().get(Meeting, meeting_id)
        event.listen(db.engine(), "before_cursor_execute", remember)
        try:
            concerns = meeting_service.linked_concerns(db.session(), meeting, reads_originals=reads_originals)
            rendered = [(concern.reference, concern.topic, concern.status) for concern in concerns]
        finally:
            event.remove(db.engine(), "before_cursor_execute", remember)
    assert len(statements) == 1
    assert [reference for reference, _topic, _status in rendered] == (references if reads_originals else [None] * 3)
    assert all(topic and status for _reference, topic, status in rendered)


def test_feedback_and_unknown_codes_cannot_be_linked(app, staff_client):
    meeting_id = add_meeting(app)
    feedback_reference = make_feedback(app, meeting_id).reference
    url = f"/staff/meetings/{meeting_id}"
    token = session_csrf_token(staff_client, url)
    for typed, message in ((feedback_reference, "linked to its meeting already"),
                           ("ZZZZ-ZZZZ-ZZZZ", "No submission has that reference code")):
        html = page(staff_client.post(f"{url}/concerns", data={"link-csrf_token": token, "link-reference": typed}))
        assert message in html.select_one("#link-reference-error").get_text()
        assert html.select_one(".error-summary a")["href"] == "#link-reference"


REPORT = {"attendance": "30", "summary_en": "People asked for interpreters at schools.",
          "summary_fa_AF": "مردم در مکتب‌ها ترجمان خواستند."}


@pytest.mark.parametrize("when", ["future", "cancelled"])
def test_no_closing_report_before_the_meeting_starts_or_for_a_cancelled_one(app, staff_client, when):
    meeting_id = add_meeting(app, starts_in=timedelta(days=40) if when == "future" else -timedelta(days=2),
                             cancelled=when == "cancelled")
    url = f"/staff/meetings/{meeting_id}/report"
    refused = staff_client.get(url)
    assert refused.status_code == 409 and not page(refused).select_one("textarea")
    assert ("once the meeting has started" if when == "future" else "is cancelled") in page(refused).get_text()
    token = session_csrf_token(staff_client, f"/staff/meetings/{meeting_id}")
    assert staff_client.post(url, data={**REPORT, "csrf_token": token}).status_code == 409
    assert stored(app, meeting_id).reported_at is None and stored(app, meeting_id).summary == {}
    assert REPORT["summary_fa_AF"] not in page(staff_client.get(f"/fa-AF/meetings/{meeting_id}")).get_text()
    assert not page(staff_client.get(f"/staff/meetings/{meeting_id}")).select_one(f"a[href='{url}']")


def test_a_preview_shows_what_residents_will_read_and_publishes_nothing(app, staff_client):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=1))
    html = page(post_form(staff_client, f"/staff/meetings/{meeting_id}/report", {**REPORT, "action": "preview"}))
    previews = {article["lang"]: article for article in html.select("#preview article")}
    assert previews["fa-AF"]["dir"] == "rtl"
    assert previews["fa-AF"].select_one(".text-block[lang=fa-AF]").get_text() == REPORT["summary_fa_AF"]
    # The first language without a translation shows the English, with the note its readers get, in their language.
    untranslated = next(tag for tag in previews if tag not in ("en", "fa-AF"))
    assert previews[untranslated].select_one(".text-block")["lang"] == "en"
    assert previews[untranslated].select_one(".hint").get_text() != "This summary is only in English."
    assert html.select_one("#summary_fa_AF").get_text().strip() == REPORT["summary_fa_AF"]  # the form keeps the text
    assert stored(app, meeting_id).reported_at is None
    assert REPORT["summary_fa_AF"] not in page(staff_client.get(f"/fa-AF/meetings/{meeting_id}")).get_text()


def test_a_published_report_can_be_taken_down_and_published_again(app, staff_client):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=1))
    assert post_form(staff_client, f"/staff/meetings/{meeting_id}/report",
                     {**REPORT, "action": "publish"}).status_code == 302
    assert REPORT["summary_fa_AF"] in page(staff_client.get(f"/fa-AF/meetings/{meeting_id}")).get_text()
    token = session_csrf_token(staff_client, f"/staff/meetings/{meeting_id}")
    response = staff_client.post(f"/staff/meetings/{meeting_id}/report/take-down", data={"csrf_token": token})
    assert response.status_code == 302
    assert REPORT["summary_fa_AF"] not in page(staff_client.get(f"/fa-AF/meetings/{meeting_id}")).get_text()
    assert stored(app, meeting_id).summary["fa-AF"] == REPORT["summary_fa_AF"]  # kept as a draft
    assert "taken down" in page(staff_client.get(f"/staff/meetings/{meeting_id}")).get_text()
    assert actions(app)[-1][0] == "meeting.report_taken_down"
    assert post_form(staff_client, f"/staff/meetings/{meeting_id}/report", REPORT).status_code == 302
    assert REPORT["summary_fa_AF"] in page(staff_client.get(f"/fa-AF/meetings/{meeting_id}")).get_text()

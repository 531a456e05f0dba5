"""The recommendation tracker: the mayor's office decides (its one write action), staff record progress,
milestones, updates and the public text with checked translations; every change is audited and the frozen report
never changes."""
from __future__ import annotations

from sqlalchemy import select

from portal.models import (
    AuditEvent, Decision, Milestone, Progress, ProgressUpdate, RecommendationText, Report, Tracking,
)
from portal.platform import db
from portal.reports import service as reports
from tests.conftest import add_meeting, make_user, page, session_csrf_token, sign_in
from tests.outcome_data import PUBLIC_TEXT, final_report_quoting_residents


def post(client, url: str, prefix: str, **fields):
    token = session_csrf_token(client, "/staff/account")
    data = {f"{prefix}-csrf_token": token, **{f"{prefix}-{key}" if key != "action" else key: value
                                              for key, value in fields.items()}}
    return client.post(url, data=data)


def tracking(app, recommendation_id: int) -> Tracking | None:
    with app.app_context():
        return db.session().get(Tracking, recommendation_id)


def audited(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEvent.action).where(AuditEvent.action.startswith("outcome."))
                                         .order_by(AuditEvent.id)))


def snapshot_digest(app, report_id: int) -> str:
    with app.app_context():
        return reports.content_digest(db.session().get(Report, report_id).snapshot)


def test_the_mayors_office_records_its_decision_and_the_final_report_stays_frozen(app, viewer_client):
    final = final_report_quoting_residents(app, add_meeting(app))
    before = snapshot_digest(app, final.report_id)
    url = f"/staff/tracker/{final.recommendation_id}"
    assert "Record the decision" in viewer_client.get(url).get_data(as_text=True)

    response = post(viewer_client, f"{url}/decision", "decision", decision="accepted_with_changes",
                    reason="The police will publish it after the council's review.")
    assert response.status_code == 302
    stored = tracking(app, final.recommendation_id)
    assert stored.decision is Decision.ACCEPTED_WITH_CHANGES and stored.decided_on is not None
    assert stored.decision_reason == "The police will publish it after the council's review."
    assert audited(app) == ["outcome.decided"]
    assert snapshot_digest(app, final.report_id) == before
    shown = page(viewer_client.get(url))
    assert "Accepted with changes" in shown.get_text() and "viewer@example.org" in shown.get_text()
    # a viewer reads the tracker but sees no form for staff's work
    assert not shown.find("form", action=f"{url}/progress")


def test_a_decision_other_than_accepted_needs_its_reason(app, viewer_client):
    final = final_report_quoting_residents(app, add_meeting(app))
    response = post(viewer_client, f"/staff/tracker/{final.recommendation_id}/decision", "decision",
                    decision="declined", reason="")
    assert response.status_code == 200
    assert "Give the reason" in page(response).find(class_="error-summary").get_text()
    assert tracking(app, final.recommendation_id) is None and audited(app) == []


def test_staff_record_progress_milestones_updates_and_texts_but_never_the_decision(app, staff_client):
    final = final_report_quoting_residents(app, add_meeting(app))
    before = snapshot_digest(app, final.report_id)
    url = f"/staff/tracker/{final.recommendation_id}"
    assert post(staff_client, f"{url}/decision", "decision", decision="accepted").status_code == 403

    assert post(staff_client, f"{url}/progress", "progress", owner_department="Police Department",
                progress="in_progress").status_code == 302
    assert post(staff_client, f"{url}/milestones", "milestone", title="Draft the policy",
                due_on="2027-02-01").status_code == 302
    with app.app_context():
        milestone_id = db.session().scalar(select(Milestone.id))
    assert post(staff_client, f"{url}/milestones/{milestone_id}", f"milestone-{milestone_id}", action="done",
                done_on="2027-01-20").status_code == 302
    assert post(staff_client, f"{url}/updates", "update", happened_on="2027-01-21",
                body="The police chief presented a first draft at the library meeting.").status_code == 302
    assert post(staff_client, f"{url}/public-text", "public", text=PUBLIC_TEXT, published="y").status_code == 302
    assert post(staff_client, f"{url}/translations", "translation", language="ar", text="نص", reason="",
                checked="").status_code == 302

    stored = tracking(app, final.recommendation_id)
    assert stored.owner_department == "Police Department" and stored.progress is Progress.IN_PROGRESS
    assert stored.published and stored.public_text == PUBLIC_TEXT and stored.decision is None
    with app.app_context():
        session = db.session()
        assert str(session.get(Milestone, milestone_id).done_on) == "2027-01-20"
        assert session.scalar(select(ProgressUpdate.body)).startswith("The police chief")
        draft = session.get(RecommendationText, (final.recommendation_id, "ar"))
        assert draft.text == "نص" and not draft.is_checked  # unticked: a draft residents do not see
    assert audited(app) == ["outcome.progress_saved", "outcome.milestone_added", "outcome.milestone_done",
                            "outcome.update_added", "outcome.public_text_saved", "outcome.translation_saved"]
    assert snapshot_digest(app, final.report_id) == before
    listed = page(staff_client.get("/staff/tracker")).get_text()
    assert "Police policy in writing" in listed and "2 in 2 languages" in listed


def test_publishing_needs_a_text_and_a_refusal_keeps_what_was_typed(app, staff_client):
    final = final_report_quoting_residents(app, add_meeting(app))
    response = post(staff_client, f"/staff/tracker/{final.recommendation_id}/public-text", "public", text="",
                    published="y")
    assert response.status_code == 200
    assert "Write the text for residents before publishing." in response.get_data(as_text=True)
    assert tracking(app, final.recommendation_id) is None


def test_reading_the_tracker_writes_nothing_and_drafts_have_no_tracker(app, viewer_client):
    final = final_report_quoting_residents(app, add_meeting(app))
    assert viewer_client.get(f"/staff/tracker/{final.recommendation_id}").status_code == 200
    assert tracking(app, final.recommendation_id) is None
    with app.app_context():
        session = db.session()
        start = final_start(app, final)
        draft = reports.create_report(session, title="Draft", start=start, end=start, actor=None)
        draft_recommendation = reports.add_recommendation(session, draft, title="Not final", actor=None)
        session.commit()
        draft_id = draft_recommendation.id
    assert viewer_client.get(f"/staff/tracker/{draft_id}").status_code == 404


def final_start(app, final):
    with app.app_context():
        return db.session().get(Report, final.report_id).period_start


def test_admins_may_decide_too(app, client):
    final = final_report_quoting_residents(app, add_meeting(app))
    make_user(app, "admin")
    sign_in(client, "admin@example.org")
    assert post(client, f"/staff/tracker/{final.recommendation_id}/decision", "decision",
                decision="accepted").status_code == 302
    assert tracking(app, final.recommendation_id).decision is Decision.ACCEPTED

"""The trust question: optional, the same on every form and in every language, counted apart from submissions and
contact details; its trend by month and language community on the dashboard and in reports."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, select

from portal.models import Recommendation, Source, Submission, TrustAnswerCount
from portal.platform import db
from portal.platform.city_days import city_today
from portal.reports import outcomes
from portal.reports import service as reports
from portal.submissions import trust
from tests.conftest import add_meeting, page, post_form, session_csrf_token
from tests.outcome_data import final_report_quoting_residents

QUESTION = "If a neighbour of yours was robbed, how likely is it that they would call the city police? (optional)"


def counts(app) -> list[tuple[str, str, int, int]]:
    with app.app_context():
        return [(row.language, row.source, row.answer, row.number) for row in db.session().scalars(
            select(TrustAnswerCount).order_by(TrustAnswerCount.language, TrustAnswerCount.answer))]


def test_the_counts_table_cannot_tie_an_answer_to_anyone(app):
    with app.app_context():
        columns = {column["name"] for column in inspect(db.engine()).get_columns("trust_answer_count")}
    assert columns == {"id", "month", "language", "source", "answer", "number"}


@pytest.mark.parametrize("lang", ["en", "ar", "so"])
def test_the_concern_and_feedback_forms_ask_it_optionally(app, client, lang):
    meeting_id = add_meeting(app)
    for path in ("/concern", f"/meetings/{meeting_id}/feedback"):
        html = page(client.get(f"/{lang}{path}"))
        options = [item["value"] for item in html.select("input[name=trust]")]
        assert options == ["5", "4", "3", "2", "1", "0"]  # five points, and "I prefer not to say"
        assert not any(item.has_attr("required") for item in html.select("input[name=trust]"))


def test_answers_are_counted_apart_and_skipping_it_counts_nothing(app, client):
    meeting_id = add_meeting(app)
    for lang, body, answer in (("ar", "لا تدفئة", "2"), ("ar", "لا ماء", "2"), ("en", "No water", "0")):
        assert post_form(client, f"/{lang}/concern", {"category": "housing", "body": body, "trust": answer}
                         ).status_code == 303
    assert post_form(client, "/en/concern", {"category": "housing", "body": "Mould"}).status_code == 303
    assert post_form(client, f"/so/meetings/{meeting_id}/feedback",
                     {"usefulness": "4", "felt_heard": "4", "trust": "5"}).status_code == 303
    assert counts(app) == [("ar", "web", 2, 2), ("en", "web", 0, 1), ("so", "web", 5, 1)]
    with app.app_context():
        assert db.session().scalar(select(Submission.id).where(Submission.body == "Mould")) is not None


def test_a_tampered_answer_is_refused_with_the_form_kept(app, client):
    response = post_form(client, "/en/concern", {"category": "housing", "body": "No water", "trust": "9"})
    assert response.status_code == 200 and "Choose one of the options." in response.get_data(as_text=True)
    assert counts(app) == []


def test_staff_enter_the_answer_from_a_paper_form(app, staff_client):
    token = session_csrf_token(staff_client, "/staff/submissions/new")
    with app.app_context():
        category_id = db.session().scalar(select(Submission.category_id).limit(1))
    html = page(staff_client.get("/staff/submissions/new"))
    category = html.select("select[name=category] option")[1]["value"]  # the first says "Choose a topic"
    response = staff_client.post("/staff/submissions/new", data={
        "csrf_token": token, "kind": "concern", "source": "paper", "language": "ne",
        "category": category or category_id, "body": "Written on a paper form at the library.", "neighbourhood": "",
        "trust": "4"})
    assert response.status_code == 302
    assert counts(app) == [("ne", "paper", 4, 1)]


def test_the_same_count_grows_on_both_databases(app):
    with app.app_context():
        session = db.session()
        for _ in range(3):
            trust.count_answer(session, 3, language="uk", source=Source.MEETING, day=date(2026, 10, 15))
        trust.count_answer(session, 3, language="uk", source=Source.MEETING, day=date(2026, 11, 1))
        session.commit()
        by_month, by_language = trust.trust_counts(session, date(2026, 10, 1), date(2026, 11, 30))
    assert [(cell.month, cell.answered, cell.mean) for cell in by_month] == [("2026-10", 3, 3.0), ("2026-11", 1, 3.0)]
    assert [cell.language for cell in by_language] == ["uk", "uk"]
    with pytest.raises(ValueError):
        with app.app_context():
            trust.count_answer(db.session(), 7, language="uk", source=Source.WEB)


def test_the_dashboard_and_a_report_show_the_trend_with_sample_sizes_and_the_citys_actions(app, viewer_client):
    with app.app_context():
        today = city_today()
    this_month, last_month = today.replace(day=1), (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    final = final_report_quoting_residents(app, add_meeting(app))
    with app.app_context():
        session = db.session()
        for answer, language, day in ((2, "ar", last_month), (3, "ar", last_month), (4, "ar", this_month),
                                      (5, "so", this_month), (0, "so", this_month)):
            trust.count_answer(session, answer, language=language, source=Source.WEB, day=day)
        recommendation = session.get(Recommendation, final.recommendation_id)
        outcomes.record_decision(session, recommendation, decision=outcomes.Decision.ACCEPTED, reason="",
                                 actor=None, today=today, now=datetime.now(UTC))
        session.commit()
    start = last_month.isoformat()
    html = page(viewer_client.get(f"/staff/dashboard?start={start}&end={today.isoformat()}"))
    section = html.find("section", attrs={"aria-labelledby": "trust-title"})
    chart = section.find("svg")
    assert chart["role"] == "img" and "n=2" in chart.get_text()  # the sample sizes under the months
    by_month = section.find("caption", string="Answers to the trust question by month").parent
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in by_month.select("tbody tr")]
    assert [row[1:] for row in rows] == [["2.50", "2", "0"], ["4.50", "2", "1"]]
    by_language = section.find("caption", string="Answers to the trust question by month and language community")
    assert "Somali" in by_language.parent.get_text()
    actions = section.find("caption", string="The city's actions on the same time line").parent
    assert "Police policy in writing" in actions.get_text() and "Decision of the mayor's office" in actions.get_text()
    assert len(chart.select("line[stroke-dasharray]")) == 1  # the decision, marked on the time line

    with app.app_context():
        session = db.session()
        content = reports.build_content(session, session.get(reports.Report, final.report_id),
                                        generated_on=today, now=datetime.now(UTC))
    assert content["figures"]["trust"]["by_month"][-1] == [this_month.strftime("%Y-%m"), 2, "4.50", 1]
    assert content["figures"]["trust"]["actions"][0][1:] == ["decided", "Police policy in writing"]

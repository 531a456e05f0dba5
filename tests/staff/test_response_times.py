"""Median days to a first reply and to closing, by language and by topic, on the dashboard and in reports."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from portal.models import Reply, Status
from portal.platform import db
from portal.submissions.response_times import response_times
from tests.conftest import page
from tests.factories import make_submission

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def received(app, *, language: str, topic: str | None, replied_after: list[float], closed_after: float | None,
             **changes):
    submission = make_submission(app, language=language, topic=topic, created_at=START,
                                 closed_at=START + timedelta(days=closed_after) if closed_after is not None else None,
                                 status=Status.CLOSED if closed_after is not None else Status.RECEIVED, **changes)
    with app.app_context():
        db.session().add_all(Reply(submission_id=submission.id, body="Thank you.", language=language,
                                   created_at=START + timedelta(days=days)) for days in replied_after)
        db.session().commit()
    return submission


def test_medians_by_language_and_topic_count_the_first_reply_and_leave_duplicates_out(app):
    first = received(app, language="ar", topic="housing", replied_after=[1, 9], closed_after=10)
    received(app, language="ar", topic="housing", replied_after=[3], closed_after=None)
    received(app, language="ar", topic="police-immigration", replied_after=[], closed_after=None)
    received(app, language="so", topic=None, replied_after=[2.5], closed_after=4)
    received(app, language="so", topic=None, replied_after=[0.5], closed_after=1, duplicate_of_id=first.id)
    with app.app_context():
        times = response_times(db.session(), START.date(), START.date() + timedelta(days=1))
    assert times.overall.as_row() == ["", 4, 3, "2.5", 2, "7.0"]
    assert [item.as_row() for item in times.by_language] == [["ar", 3, 2, "2.0", 1, "10.0"],
                                                             ["so", 1, 1, "2.5", 1, "4.0"]]
    by_topic = {item.label: item.as_row()[1:] for item in times.by_topic}
    assert by_topic["Housing"] == [2, 2, "2.0", 1, "10.0"] and by_topic["No topic"] == [1, 1, "2.5", 1, "4.0"]


def test_the_dashboard_shows_them_to_the_mayors_office(app, viewer_client):
    received(app, language="ar", topic="housing", replied_after=[2], closed_after=6)
    html = page(viewer_client.get(f"/staff/dashboard?start={START.date().isoformat()}&end=2026-11-30"))
    section = html.find("section", attrs={"aria-labelledby": "response-title"})
    by_language = section.find("caption", string="Response times by language").parent
    assert [cell.get_text() for cell in by_language.select("tbody tr")[0].find_all(["th", "td"])] == [
        "Arabic", "1", "1", "2.0", "1", "6.0"]
    assert section.find("caption", string="Response times by topic")

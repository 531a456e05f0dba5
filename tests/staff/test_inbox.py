"""The inbox: filters in the URL, full-text search in each database's engine, counts, pages, bulk actions."""
from datetime import datetime, timedelta, UTC
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.platform import db
from portal.models import Priority, Status, User
from portal.platform.config import Defaults
from portal.submissions.intake import ContactDetails
from tests.conftest import page, session_csrf_token
from tests.factories import load_submission, make_submission


def codes(html) -> list[str]:
    return [link.get_text() for link in html.select("tbody td:nth-of-type(3) a")]


def listed_ids(client, query: str = "") -> set[int]:
    html = page(client.get(f"/staff/?{query}"))
    return {int(box["value"]) for box in html.select("input[name=selected]")}


def test_newest_first_with_counts_per_status(app, staff_client):
    now = datetime.now(UTC)
    old = make_submission(app, created_at=now - timedelta(days=3), status=Status.CLOSED).id
    new = make_submission(app, created_at=now - timedelta(hours=1)).id
    html = page(staff_client.get("/staff/"))
    assert [int(box["value"]) for box in html.select("input[name=selected]")] == [new, old]
    counts = [link.get_text() for link in html.select(".counts a")]
    assert counts[0] == "All (2)" and "Received (1)" in counts and "Closed (1)" in counts


@pytest.mark.parametrize("query, expected", [
    ("status=in_review", {"reviewed"}), ("language=ar", {"arabic"}), ("priority=urgent", {"urgent"}),
    ("follow_up=1", {"follow"}), ("kind=concern", {"reviewed", "arabic", "urgent", "follow", "housing"}),
    ("tag=bus", {"reviewed"}), ("assignee=none", {"arabic", "urgent", "follow", "housing"}),
])
def test_each_filter_narrows_the_list(app, staff_client, query, expected):
    with app.app_context():
        staff = db.session().scalar(select(User))
    made = {
        "reviewed": make_submission(app, status=Status.IN_REVIEW, assignee_id=staff.id).id,
        "arabic": make_submission(app, body="نص عربي", language="ar").id,
        "urgent": make_submission(app, priority=Priority.URGENT).id,
        "follow": make_submission(app, contact=ContactDetails(name="", email="x@example.org", phone="",
                                                              preferred_language="en")).id,
        "housing": make_submission(app, topic="housing").id,
    }
    token = session_csrf_token(staff_client, "/staff/")
    staff_client.post("/staff/bulk", data={"bulk-csrf_token": token, "selected": [made["reviewed"]],
                                           "bulk-action": "tag", "bulk-tags": "bus"})
    assert listed_ids(staff_client, query) == {made[name] for name in expected}


def test_the_received_date_range_filter(app, staff_client):
    now = datetime.now(UTC)
    inside = make_submission(app, created_at=now - timedelta(days=10)).id
    make_submission(app, created_at=now - timedelta(days=40))
    start, end = (now - timedelta(days=15)).date(), (now - timedelta(days=5)).date()
    assert listed_ids(staff_client, f"received_from={start}&received_to={end}") == {inside}


def test_the_date_range_is_the_city_s_days(app, staff_client):
    late_evening = datetime(2026, 11, 20, 23, 30, tzinfo=ZoneInfo(Defaults.TIMEZONE))  # 04:30 UTC on the 21st
    sent = make_submission(app, created_at=late_evening.astimezone(UTC)).id
    assert listed_ids(staff_client, "received_from=2026-11-20&received_to=2026-11-20") == {sent}
    assert listed_ids(staff_client, "received_from=2026-11-21") == set()


@pytest.mark.parametrize("query, expected", [
    ("interpreter", {"en"}), ("INTERPRETER", {"en"}), ("مترجم", {"ar"}), ("दोभाषे", {"ne"}),
    ("перекладача", {"uk"}), ("landlord", {"translated"}), ("interpreter school", {"en"}),
    ("nothingmatchesthis", set()), ('"; DROP TABLE submission; --', set()), ("interp*", {"en"}),
    ("NEAR(a b) OR x:*", set()),
])
def test_full_text_search_over_originals_and_translations(app, staff_client, query, expected):
    made = {
        "en": make_submission(app, body="There was no interpreter at the school meeting.").id,
        "ar": make_submission(app, body="لم يكن هناك مترجم في المستشفى", language="ar").id,
        "ne": make_submission(app, body="अस्पतालमा दोभाषे थिएन", language="ne").id,
        "uk": make_submission(app, body="У школі не було перекладача", language="uk").id,
        "translated": make_submission(app, body="Mwenye nyumba hataki kurekebisha", language="sw",
                                      translation="The landlord refuses to repair").id,
    }
    from urllib.parse import quote

    assert listed_ids(staff_client, f"q={quote(query)}") == {made[name] for name in expected}


def test_a_changed_text_is_found_by_its_new_words(app, staff_client):
    submission_id = make_submission(app, body="first words").id
    token = session_csrf_token(staff_client, f"/staff/submissions/{submission_id}")
    staff_client.post(f"/staff/submissions/{submission_id}/translation",
                      data={"translation-csrf_token": token, "translation-translation": "zebra crossing"})
    assert listed_ids(staff_client, "q=zebra") == {submission_id}


def test_keyset_pages_walk_the_whole_list_without_repeats(app, staff_client):
    app.config["INBOX_PAGE_SIZE"] = 3
    now = datetime.now(UTC)
    # Eight submissions at four times: ties on purpose.
    made = [make_submission(app, created_at=now - timedelta(minutes=minute % 4)).id for minute in range(8)]
    seen, url = [], "/staff/"
    while url:
        html = page(staff_client.get(url))
        seen += [int(box["value"]) for box in html.select("input[name=selected]")]
        older = html.find("a", string="Older")
        url = older["href"] if older else None
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_filters_survive_paging(app, staff_client):
    app.config["INBOX_PAGE_SIZE"] = 1
    make_submission(app, language="ar", body="نص")
    make_submission(app, language="ar", body="نص آخر")
    html = page(staff_client.get("/staff/?language=ar"))
    assert "language=ar" in html.find("a", string="Older")["href"]


def test_bulk_assign_and_status(app, staff_client):
    first, second, untouched = make_submission(app).id, make_submission(app).id, make_submission(app).id
    with app.app_context():
        staff_id = db.session().scalar(select(User.id))
    token = session_csrf_token(staff_client, "/staff/")
    staff_client.post("/staff/bulk", data={"bulk-csrf_token": token, "selected": [first, second],
                                           "bulk-action": "assign", "bulk-assignee": str(staff_id)})
    assert load_submission(app, first).assignee_id == staff_id == load_submission(app, second).assignee_id
    assert load_submission(app, untouched).assignee_id is None
    staff_client.post("/staff/bulk", data={"bulk-csrf_token": token, "selected": [first],
                                           "bulk-action": "status", "bulk-status": "closed"})
    assert load_submission(app, first).status == Status.RECEIVED  # closing needs a note
    staff_client.post("/staff/bulk", data={"bulk-csrf_token": token, "selected": [first], "bulk-action": "status",
                                           "bulk-status": "closed", "bulk-note": "Answered at the meeting."})
    closed = load_submission(app, first)
    assert closed.status == Status.CLOSED and closed.notes[0].body == "Answered at the meeting."


def test_viewers_never_reach_the_inbox(viewer_client):
    assert viewer_client.get("/staff/").status_code == 403


def test_a_common_word_pages_newest_first_as_a_rare_one_does(app, monkeypatch):
    """A common word is answered by walking the newest rows; the pages must be the ones fetching every hit gives."""
    from portal.submissions import inbox, search

    start = datetime(2026, 11, 1, tzinfo=UTC)
    for day in (3, 1, 4, 0, 2):  # stored out of date order, as staff entry of old letters would
        make_submission(app, body=f"The bus was late again ({day}).", created_at=start + timedelta(days=day))
    make_submission(app, body="Nothing about transport here.", created_at=start + timedelta(days=5))

    def pages(rare_limit: int) -> list[list[str]]:
        monkeypatch.setattr(search, "RARE_LIMIT", rare_limit)
        with app.app_context():
            seen, after = [], None
            while True:
                rows, after = inbox.page(db.session(), inbox.InboxFilters(q="bus"), after, 2)
                seen.append([row.body for row in rows])
                if after is None:
                    return seen

    assert pages(0) == pages(1000) == [["The bus was late again (4).", "The bus was late again (3)."],
                                        ["The bus was late again (2).", "The bus was late again (1)."],
                                        ["The bus was late again (0)."]]


@pytest.mark.parametrize("rare_limit", [0, 1000])
def test_search_gives_the_same_answer_whichever_plan_the_database_takes(app, staff_client, monkeypatch, rare_limit):
    from portal.submissions import search

    monkeypatch.setattr(search, "RARE_LIMIT", rare_limit)  # 0: every word counts as common
    wanted = make_submission(app, body="The bus driver would not stop for us.").id
    make_submission(app, body="Nothing about transport here.")
    assert listed_ids(staff_client, "q=bus+driver") == {wanted}

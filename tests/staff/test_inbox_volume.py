"""Triage at volume: select a whole page, act on every match of the filters, walk submissions in the inbox's order,
the oldest without a reply first, those waiting too long, open work per person; several duplicates at once."""
from datetime import datetime, timedelta, UTC
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from portal.models import Status, Submission, User
from portal.platform import db
from portal.platform.reference import format_reference
from tests.conftest import page, session_csrf_token, textarea_text
from tests.factories import load_submission, make_submission


def ticked(html) -> list[int]:
    return [int(box["value"]) for box in html.select("input[name=selected]") if box.has_attr("checked")]


def listed(client, url: str) -> list[int]:
    return [int(box["value"]) for box in page(client.get(url)).select("input[name=selected]")]


def test_select_all_on_this_page_ticks_every_row_of_that_page_only(app, staff_client):
    app.config["INBOX_PAGE_SIZE"] = 2
    now = datetime.now(UTC)
    made = [make_submission(app, created_at=now - timedelta(hours=hours)).id for hours in range(3)]
    first = page(staff_client.get("/staff/"))
    assert ticked(first) == []
    second = page(staff_client.get(first.find("a", string="Older")["href"]))
    second = page(staff_client.get(second.find("a", string="Select all on this page")["href"]))
    assert ticked(second) == [made[2]]
    assert second.find("a", string="Untick all")


def test_all_that_match_the_filters_changes_every_match_and_says_how_many(app, staff_client):
    app.config["INBOX_PAGE_SIZE"] = 2
    arabic = [make_submission(app, language="ar", body=f"نص {number}").id for number in range(5)]
    english = make_submission(app).id
    html = page(staff_client.get("/staff/?language=ar"))
    assert html.find("label", string="All 5 that match these filters")
    form = html.select_one("#bulk-form")
    sent = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    assert sent["language"] == "ar" and sent["bulk-expected"] == "5"
    response = staff_client.post("/staff/bulk", data={**sent, "bulk-scope": "matching", "bulk-action": "tag",
                                                      "bulk-tags": "wave"}, follow_redirects=True)
    assert "Changed 5 submissions." in response.get_data(as_text=True)
    assert all([tag.name for tag in load_submission(app, id_).tags] == ["wave"] for id_ in arabic)
    assert load_submission(app, english).tags == []


def test_all_that_match_is_refused_when_the_matches_changed_since_the_page(app, staff_client):
    make_submission(app, language="ar", body="نص")
    sent = {field["name"]: field.get("value", "") for field in
            page(staff_client.get("/staff/?language=ar")).select("#bulk-form input[type=hidden]")}
    late = make_submission(app, language="ar", body="نص آخر").id
    response = staff_client.post("/staff/bulk", data={**sent, "bulk-scope": "matching", "bulk-action": "tag",
                                                      "bulk-tags": "wave"}, follow_redirects=True)
    assert "2 submissions match these filters now, not 1" in response.get_data(as_text=True)
    assert load_submission(app, late).tags == []


def test_oldest_without_a_reply_first(app, staff_client):
    now = datetime.now(UTC)
    answered = make_submission(app, created_at=now - timedelta(days=9), replies=["We called you."]).id
    oldest = make_submission(app, created_at=now - timedelta(days=8)).id
    newer = make_submission(app, created_at=now - timedelta(days=1)).id
    assert listed(staff_client, "/staff/") == [newer, oldest, answered]
    assert listed(staff_client, "/staff/?sort=unanswered") == [oldest, newer]


def test_oldest_without_a_reply_pages_forward_without_repeats(app, staff_client):
    app.config["INBOX_PAGE_SIZE"] = 2
    now = datetime.now(UTC)
    made = [make_submission(app, created_at=now - timedelta(days=day % 3)).id for day in range(5)]
    seen, url = [], "/staff/?sort=unanswered"
    while url:
        html = page(staff_client.get(url))
        seen += [int(box["value"]) for box in html.select("input[name=selected]")]
        more = html.find("a", string="Next page")
        url = more["href"] if more else None
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_waiting_more_than_n_days(app, staff_client):
    now = datetime.now(UTC)
    waiting = make_submission(app, created_at=now - timedelta(days=10)).id
    make_submission(app, created_at=now - timedelta(days=10), replies=["Thank you, we are on it."])
    make_submission(app, created_at=now - timedelta(days=10), status=Status.CLOSED)
    make_submission(app, created_at=now - timedelta(days=2))
    assert listed(staff_client, "/staff/?waiting_days=7") == [waiting]
    link = page(staff_client.get("/staff/")).find("a", string="Waiting more than 7 days")["href"]
    assert listed(staff_client, link) == [waiting]


def test_previous_and_next_follow_the_inbox_the_person_came_from(app, staff_client):
    now = datetime.now(UTC)
    first, second, third = (make_submission(app, language="ar", body="نص", created_at=now - timedelta(hours=h)).id
                            for h in (1, 2, 3))
    make_submission(app, created_at=now - timedelta(hours=2, minutes=30))  # English: filtered out
    inbox = page(staff_client.get("/staff/?language=ar"))
    second_url = inbox.select("tbody td:nth-of-type(3) a")[1]["href"]
    html = page(staff_client.get(second_url))
    previous, following = html.find("a", rel="prev")["href"], html.find("a", rel="next")["href"]
    assert urlsplit(previous).path == f"/staff/submissions/{first}"
    assert urlsplit(following).path == f"/staff/submissions/{third}"
    assert parse_qs(urlsplit(following).query) == {"language": ["ar"]}
    last = page(staff_client.get(following))
    assert last.find("a", rel="next") is None and last.find("a", rel="prev")
    # After saving, the page comes back still walking the same list.
    token = session_csrf_token(staff_client, second_url)
    response = staff_client.post(f"/staff/submissions/{second}/note", data={
        "note-csrf_token": token, "note-body": "Checked.", "inbox": "language=ar"})
    assert response.status_code == 302 and parse_qs(urlsplit(response.headers["Location"]).query) == {
        "language": ["ar"]}


def test_the_oldest_without_a_reply_order_walks_oldest_first(app, staff_client):
    now = datetime.now(UTC)
    old, new = (make_submission(app, created_at=now - timedelta(days=days)).id for days in (5, 1))
    html = page(staff_client.get(f"/staff/submissions/{old}?sort=unanswered"))
    assert urlsplit(html.find("a", rel="next")["href"]).path == f"/staff/submissions/{new}"
    assert html.find("a", rel="prev") is None


def test_open_work_per_person(app, staff_client):
    now = datetime.now(UTC)
    with app.app_context():
        staff = db.session().scalar(select(User))
        staff_id, staff_email = staff.id, staff.email
    make_submission(app, assignee_id=staff_id, created_at=now - timedelta(days=12))
    make_submission(app, assignee_id=staff_id, created_at=now - timedelta(days=20), replies=["Answered."])
    make_submission(app, assignee_id=staff_id, status=Status.CLOSED, created_at=now - timedelta(days=40))
    make_submission(app)
    html = page(staff_client.get("/staff/workload"))
    rows = {row.th.get_text(strip=True): row for row in html.select("tbody tr")}
    mine = rows[staff_email]
    assert [cell.get_text(strip=True) for cell in mine.select("td")][0] == "2"
    assert "12 days" in mine.select("td")[1].get_text()
    assert parse_qs(urlsplit(mine.th.a["href"]).query) == {"assignee": [str(staff_id)]}
    assert rows["Nobody (unassigned)"].td.get_text() == "1"
    waiting = mine.select("td")[1].a["href"]
    assert len(listed(staff_client, waiting)) == 1


def test_several_duplicates_of_this_one_at_once(app, staff_client):
    original = make_submission(app).id
    copies = [make_submission(app, body=f"The same again ({number}).") for number in range(3)]
    codes = "\n".join(format_reference(copy.reference) for copy in copies) + "\n"
    token = session_csrf_token(staff_client, f"/staff/submissions/{original}")
    response = staff_client.post(f"/staff/submissions/{original}/duplicates",
                                 data={"duplicates-csrf_token": token, "duplicates-codes": codes})
    assert response.status_code == 302
    assert all(load_submission(app, copy.id).duplicate_of_id == original for copy in copies)


def test_refused_codes_are_named_nothing_is_marked_and_nothing_typed_is_lost(app, staff_client):
    original = make_submission(app)
    copy = make_submission(app, body="The same again.")
    with app.app_context():
        original_code = format_reference(db.session().get(Submission, original.id).reference)
    typed = f"{format_reference(copy.reference)}\nZZZZ-ZZZZ-ZZZZ\n{original_code}"
    token = session_csrf_token(staff_client, f"/staff/submissions/{original.id}")
    html = page(staff_client.post(f"/staff/submissions/{original.id}/duplicates", data={
        "duplicates-csrf_token": token, "duplicates-codes": typed, "note-body": "Half a note"}))
    error = html.select_one("#duplicates-codes-error").get_text()
    assert "ZZZZ-ZZZZ-ZZZZ (no submission has this code)" in error
    assert f"{original_code} (this submission or its original)" in error
    assert format_reference(copy.reference) not in error
    assert textarea_text(html.select_one("#duplicates-codes")) == typed
    assert textarea_text(html.select_one("#note-body")) == "Half a note"
    assert load_submission(app, copy.id).duplicate_of_id is None


def test_closing_every_match_tells_each_resident_who_gave_an_email(app, staff_client, mailbox):
    from portal.submissions.intake import ContactDetails

    for number in range(3):
        make_submission(app, language="so", body=f"Qoraal {number}", contact=ContactDetails(
            name="", email=f"resident{number}@example.org", phone="", preferred_language="so"))
    make_submission(app, language="so", body="Qoraal la'aan email")
    sent = {field["name"]: field.get("value", "") for field in
            page(staff_client.get("/staff/?language=so")).select("#bulk-form input[type=hidden]")}
    staff_client.post("/staff/bulk", data={**sent, "bulk-scope": "matching", "bulk-action": "status",
                                           "bulk-status": "closed", "bulk-note": "Answered at the meeting."})
    mailbox.wait_for(3)
    assert sorted(message["To"] for message in mailbox.messages) == [
        f"resident{number}@example.org" for number in range(3)]

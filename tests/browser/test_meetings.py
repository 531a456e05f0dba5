"""Meetings in a real browser: staff create one through the form, then axe-core on every meeting page, staff and
resident (in English, Arabic and Spanish)."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.platform import db
from portal.models import Meeting
from tests.browser.test_accessibility import violations
from tests.browser.test_staff import sign_in
from tests.conftest import add_meeting, make_user
from tests.factories import make_feedback

pytestmark = pytest.mark.browser


def test_staff_create_a_meeting_in_the_browser_and_residents_see_it_in_arabic(app, browser_page):
    make_user(app, "staff", email="amal@example.org")
    page = browser_page
    sign_in(page, "amal@example.org")
    page.get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="New meeting").click()
    page.fill("#title_en", "Listening session on policing")
    page.fill("#starts_at", "2030-05-02T18:30")
    page.fill("#ends_at", "2030-05-02T20:00")
    page.fill("#place", "Main Library, 301 York Street")
    page.check("#interpreted_languages-2")  # ar
    page.locator("summary", has_text="(ar)").click()
    page.fill("#title_ar", "جلسة استماع حول عمل الشرطة")
    page.get_by_role("button", name="Save meeting").click()
    assert page.locator("h1").inner_text() == "Listening session on policing"
    with app.app_context():
        meeting = db.session().scalars(select(Meeting)).one()
        assert meeting.interpreted_languages == ["ar"] and meeting.starts_at.hour == 22  # 18:30 EDT
    page.goto(f"/ar/meetings/{meeting.id}")
    assert page.locator("h1").inner_text() == "جلسة استماع حول عمل الشرطة"
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_every_meeting_page_passes_axe(app, browser, live_server):
    make_user(app, "admin", email="admin@example.org")
    meeting_id = add_meeting(app, partners="Refugee Council", online_url="https://meet.example.org/x")
    with app.app_context():
        meeting = db.session().get(Meeting, meeting_id)
        meeting.summary = {"en": "People asked for interpreters at schools.", "ar": "طلب الناس مترجمين في المدارس."}
        meeting.attendance = 40
        meeting.reported_at = meeting.starts_at + timedelta(days=1)
        for language, useful in (("ar", 4), ("so", 2), ("es", 5)):
            make_feedback(db.session(), meeting_id, language=language, usefulness=useful, act_on="نحتاج مترجمين",
                          improvement="More chairs")
        db.session().commit()
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    sign_in(page, "admin@example.org")
    found = {}
    for path in ("/staff/meetings", "/staff/meetings/new", f"/staff/meetings/{meeting_id}",
                 f"/staff/meetings/{meeting_id}/edit", f"/staff/meetings/{meeting_id}/report",
                 f"/staff/meetings/{meeting_id}/flyer"):
        page.goto(path)
        found[path] = violations(page)
    page.goto("/staff/meetings/new")
    page.get_by_role("button", name="Save meeting").click()
    found["new with errors"] = violations(page)
    page.goto(f"/staff/meetings/{meeting_id}/flyer.pdf?languages=")
    found["flyer with errors"] = violations(page)
    for lang in ("en", "ar", "es"):
        page.goto(f"/{lang}/meetings/{meeting_id}")
        found[f"/{lang}/meetings/{meeting_id}"] = violations(page)
    context.close()
    assert {path: problems for path, problems in found.items() if problems} == {}

"""The back office in a real browser: a triage journey ending on the resident's Arabic status page, and axe."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import WCAG_21_AA
from tests.conftest import STAFF_PASSWORD, make_user
from tests.factories import load_submission, make_submission

pytestmark = pytest.mark.browser


def sign_in(page, email: str) -> None:
    page.goto("/staff/login")
    page.fill("#email", email)
    page.fill("#password", STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_staff_triage_an_arabic_submission_and_the_resident_reads_the_reply(app, browser_page):
    make_user(app, "staff", email="amal@example.org")
    make_submission(app, body="English concern about bus stops")
    submission_id = make_submission(app, body="الشرطة جاءت مع موظفي الهجرة إلى عمارتنا ولم يشرح أحد شيئا",
                                    language="ar").id
    page = browser_page
    sign_in(page, "amal@example.org")
    page.select_option("#language", "ar")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("tbody tr").count() == 1
    page.locator("tbody td a").first.click()
    assert page.locator(".original").get_attribute("lang") == "ar"

    page.fill("#translation-translation", "Police came with immigration officers to our building; nobody explained.")
    page.get_by_role("button", name="Save as checked translation").click()
    assert "Checked by amal@example.org" in page.locator(".english").inner_text()
    page.fill("#triage-tags", "police, ice")
    page.select_option("#triage-assignee", label="amal@example.org")
    page.select_option("#triage-status", "in_review")
    page.get_by_role("button", name="Save triage").click()
    page.fill("#reply-body", "شكرا لك. سنطلب من الشرطة توضيح دورها.")
    page.get_by_role("button", name="Send reply").click()

    saved = load_submission(app, submission_id)
    assert saved.translation.startswith("Police came") and [tag.name for tag in saved.tags] == ["ice", "police"]
    page.goto("/ar/status")
    page.fill("#reference", saved.reference)
    page.locator("button[type=submit]").click()
    assert page.locator(".reply-text").inner_text() == "شكرا لك. سنطلب من الشرطة توضيح دورها."
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_every_staff_page_passes_axe(app, browser, live_server):
    make_user(app, "admin", email="admin@example.org")
    submission_id = make_submission(app, body="لا يوجد مترجم 502 555 0123", language="ar").id
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    sign_in(page, "admin@example.org")
    paths = ["/staff/", f"/staff/submissions/{submission_id}", "/staff/submissions/new", "/staff/admin/users",
             "/staff/admin/settings", "/staff/audit", "/staff/account", "/staff/account/two-factor",
             "/staff/dashboard", "/staff/admin/mail/", "/staff/admin/topics/", "/staff/admin/topics/new"]
    with app.app_context():  # the mail page with a failed message on it
        from portal.platform import db
        from portal.models import Category, MailFailure

        paths.append(f"/staff/admin/topics/{db.session().query(Category).first().id}")

        db.session().add(MailFailure(job_id="axe", job_name="portal.submissions.resident_mail:send",
                                     job_args=["receipt", submission_id], template="email/receipt",
                                     recipient="a•••@example.org", error="SMTPRecipientsRefused: 451", attempts=5,
                                     gave_up=True, submission_id=submission_id))
        db.session().commit()
    found = {}
    for path in paths:
        page.goto(path)
        results = Axe().run(page, options=WCAG_21_AA)
        found[path] = [violation["id"] for violation in results.response["violations"]]
    page.goto("/staff/submissions/new")
    page.get_by_role("button", name="Save submission").click()
    found["new with errors"] = [v["id"] for v in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    page.goto("/staff/admin/topics/new")
    page.get_by_role("button", name="Save topic").click()
    found["new topic with errors"] = [v["id"] for v in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    context.close()
    assert {path: ids for path, ids in found.items() if ids} == {}

"""A report built in a real browser without JavaScript: from the inbox to a downloaded PDF; and axe on its pages."""
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import WCAG_21_AA
from tests.browser.test_staff import sign_in
from tests.conftest import make_user
from tests.factories import make_submission

pytestmark = pytest.mark.browser

QUOTE = "لا يوجد مترجم في مكتب المدينة"


def test_staff_build_a_report_from_the_inbox_and_download_its_pdf(app, browser_page, tmp_path):
    make_user(app, "staff", email="amal@example.org")
    arabic = make_submission(app, body=f"أنا سلمى. {QUOTE}.", language="ar", redacted_text=f"أنا [الاسم]. {QUOTE}.",
                             translation="There is no interpreter at the city office.").id
    page = browser_page
    sign_in(page, "amal@example.org")

    page.get_by_role("link", name="Reports", exact=True).click()
    page.fill("#report-title", "Language access at city offices")
    page.get_by_role("button", name="Start report").click()
    page.fill("#report-summary", "Residents cannot be served without interpreters.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.fill("#recommendation-title", "Phone interpreters at every city counter")
    page.fill("#recommendation-responsible", "Language Access Coordinator")
    page.get_by_role("button", name="Add recommendation").click()
    report_url = page.url.split("#")[0]

    page.get_by_role("link", name="Inbox", exact=True).click()
    page.select_option("#language", "ar")
    page.get_by_role("button", name="Filter").click()
    page.check(f"#select-{arabic}")
    page.select_option("#bulk-recommendation", label="1. Phone interpreters at every city counter")
    page.get_by_role("button", name="Add chosen to recommendation").click()
    assert "Added 1 submissions" in page.locator(".notice").first.inner_text()

    page.goto(report_url)
    quote = page.locator(".quote blockquote")
    assert quote.get_attribute("lang") == "ar" and quote.get_attribute("dir") == "rtl"
    assert QUOTE in quote.inner_text() and "سلمى" not in page.content()

    # Trim the quote on the recommendation's page, then finalize.
    page.get_by_role("link", name="Edit the recommendation and its quotes").click()
    page.locator("textarea[id$='-quote']").fill(QUOTE)
    page.get_by_role("button", name="Save quote").click()
    page.goto(report_url)
    page.fill("#finalize-signed_by", "Amina Yusuf")
    page.check("#finalize-confirm")
    page.get_by_role("button", name="Finalize report").click()
    assert "The report is final" in page.locator(".notice").first.inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Phone interpreters at every city counter" in text and "Language access at city offices" in text
    assert all(word in text for word in QUOTE.split())


def test_the_report_pages_pass_axe(app, browser, live_server):
    make_user(app, "admin", email="admin@example.org")
    arabic = make_submission(app, body=f"{QUOTE}.", language="ar", redacted_text=f"{QUOTE}.",
                             translation="No interpreter.").id
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    sign_in(page, "admin@example.org")
    page.goto("/staff/reports")
    page.fill("#report-title", "Axe")
    page.get_by_role("button", name="Start report").click()
    page.fill("#recommendation-title", "Interpreters")
    page.get_by_role("button", name="Add recommendation").click()
    report_path = page.url.split("#")[0]
    page.goto(f"/staff/submissions/{arabic}")
    page.get_by_role("button", name="Add to recommendation").click()
    found = {}
    for path in ("/staff/reports", report_path, f"/staff/submissions/{arabic}", "/staff/?language=ar"):
        page.goto(path)
        found[path] = [violation["id"] for violation in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    page.goto(report_path)
    page.get_by_role("link", name="Edit the recommendation and its quotes").click()
    found["recommendation"] = [v["id"] for v in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    page.goto(report_path)
    page.get_by_role("button", name="Finalize report").click()  # without the box ticked: the error summary
    found["finalize error"] = [v["id"] for v in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    context.close()
    assert {path: ids for path, ids in found.items() if ids} == {}

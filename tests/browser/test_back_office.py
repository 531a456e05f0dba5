"""The back office as staff use it (issue 20): the inbox read at a glance, a submission's panels that never lose
what was typed, staff entry of a phone call, the evidence picker. Screenshots go to the test's temporary folder
(or to PORTAL_SCREENSHOTS when set), to look at."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.test_staff import sign_in
from tests.conftest import make_user
from tests.factories import load_submission, make_submission

pytestmark = pytest.mark.browser

LONG_TEXTS = {
    "fa-AF": "پولیس با مأموران مهاجرت به خانه همسایه ما آمدند و هیچ کس به زبان ما توضیح نداد که چه اتفاقی افتاده است. "
             "فرزندان ما از رفتن به مکتب می‌ترسند و ما نمی‌دانیم به چه کسی اعتماد کنیم.",
    "ps": "پولیس د کډوالۍ له مامورینو سره زموږ ګاونډي ته راغلل او هیچا زموږ په ژبه څه ونه ویل. "
          "زموږ ماشومان ښوونځي ته له تګه ویریږي.",
    "ar": "جاءت الشرطة مع موظفي الهجرة إلى عمارتنا ولم يشرح أحد شيئا بلغتنا. أطفالنا يخافون الذهاب إلى المدرسة "
          "ولا نعرف بمن نثق.",
    "en": "The police stood by while agents knocked on our neighbour's door, and nobody explained anything in a "
          "language we understand. Our children are now afraid to walk to school and we do not know whom to trust.",
}


def screenshot(page, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("PORTAL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_the_inbox_names_languages_in_english_and_their_own_script_in_dense_readable_rows(app, browser_page,
                                                                                       tmp_path):
    make_user(app, "staff", email="amal@example.org")
    for number in range(30):
        language = list(LONG_TEXTS)[number % len(LONG_TEXTS)]
        make_submission(app, body=LONG_TEXTS[language] * 2, language=language)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "amal@example.org")
    screenshot(page, tmp_path, "inbox")

    languages = page.locator("tbody td.language").all_inner_texts()
    assert {"Dari · دری", "Pashto · پښتو", "Arabic · العربية", "English"} == set(languages)
    assert page.locator("tbody td.language bdi[lang='fa-AF']").first.inner_text() == "دری"
    excerpt = page.locator("tbody td.excerpt").first.bounding_box()
    assert excerpt["width"] >= 350, f"the text column is {excerpt['width']} px wide"
    table = page.locator("table.inbox-table").bounding_box()
    assert table["height"] < 30 * 90, f"30 rows take {table['height']} px"
    assert table["width"] <= 1280


def test_saving_one_panel_of_a_submission_keeps_what_was_typed_in_another(app, browser_page, tmp_path):
    make_user(app, "staff", email="amal@example.org")
    submission_id = make_submission(app, body="پولیس با مأموران مهاجرت آمدند. شماره من 0799 123 456 است.",
                                    language="fa-AF").id
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "amal@example.org")
    page.goto(f"/staff/submissions/{submission_id}")
    page.fill("#translation-translation", "The police came with immigration officers. My number is [phone].")
    page.fill("#note-body", "Interpreter: two hours, invoice 7.")
    page.select_option("#triage-status", "in_review")
    page.get_by_role("button", name="Save triage").click()
    screenshot(page, tmp_path, "submission-kept")

    assert "not saved yet" in page.locator(".notice[role=status]").all_inner_texts()[-1]
    assert page.input_value("#translation-translation") == (
        "The police came with immigration officers. My number is [phone].")
    assert page.input_value("#note-body") == "Interpreter: two hours, invoice 7."
    assert page.input_value("#triage-status") == "in_review"
    page.get_by_role("button", name="Save as checked translation").click()
    assert page.input_value("#note-body") == "Interpreter: two hours, invoice 7.", "still kept after a second save"
    page.get_by_role("button", name="Add note").click()
    assert page.locator(".timeline").inner_text().count("Interpreter: two hours") == 1

    saved = load_submission(app, submission_id)
    assert saved.status.value == "in_review"
    assert saved.translation == "The police came with immigration officers. My number is [phone]."
    assert [note.body for note in saved.notes] == ["Interpreter: two hours, invoice 7."]
    assert page.locator(".notice").first.inner_text() == "Saved."


def test_evidence_is_added_to_a_recommendation_of_the_report_chosen_first(app, browser_page, tmp_path):
    make_user(app, "staff", email="amal@example.org")
    submission_id = make_submission(app, body="No interpreter at the clinic.", language="en",
                                    redacted_text="No interpreter at the clinic.").id
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "amal@example.org")
    for title in ("Demo: language access", "Language access 2026"):
        page.goto("/staff/reports")
        page.fill("#report-title", title)
        page.get_by_role("button", name="Start report").click()
        page.fill("#recommendation-title", "Interpreters at clinics")
        page.get_by_role("button", name="Add recommendation").click()

    page.goto(f"/staff/submissions/{submission_id}")
    page.fill("#translation-translation", "Typed and not saved")
    assert page.locator("#evidence-recommendation").count() == 0, "no recommendation before a report is chosen"
    chosen = page.locator("#evidence-report option", has_text="Language access 2026").inner_text()
    page.select_option("#evidence-report", label=chosen)
    page.get_by_role("button", name="Show its recommendations").click()
    screenshot(page, tmp_path, "evidence-picker")
    assert page.locator("#evidence-recommendation option").all_inner_texts() == [
        "Choose a recommendation", "1. Interpreters at clinics"]
    assert page.input_value("#translation-translation") == "Typed and not saved"
    page.select_option("#evidence-recommendation", label="1. Interpreters at clinics")
    page.get_by_role("button", name="Add to recommendation").click()
    assert "in the report “Language access 2026”" in page.locator(".notice").first.inner_text()
    assert page.input_value("#translation-translation") == "Typed and not saved"

    with app.app_context():
        from sqlalchemy import select

        from portal.models import Evidence, Recommendation, Report
        from portal.platform import db
        titles = db.session().scalars(select(Report.title).join(Recommendation).join(Evidence)).all()
    assert titles == ["Language access 2026"]


def test_staff_enter_a_phone_call_with_the_callers_consent_and_an_english_summary(app, browser_page, tmp_path):
    make_user(app, "staff", email="amal@example.org")
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "amal@example.org")
    page.goto("/staff/submissions/new")
    assert page.input_value("#category") == "" and page.input_value("#language") == ""
    page.select_option("#source", "phone")
    page.select_option("#language", "ps")
    page.select_option("#category", label="Police and immigration enforcement")
    page.fill("#body", "پولیس زموږ کور ته راغلل.")
    page.fill("#english_summary", "The police came to our house.")
    page.check("#follow_up")
    page.fill("#name", "Gul Khan")
    page.fill("#phone", "502 555 0144")
    page.select_option("#contact_language", "ps")
    page.get_by_role("button", name="Save submission").click()
    screenshot(page, tmp_path, "new-submission-refused")
    assert page.locator("#consent-error").count() == 1
    assert page.input_value("#body") == "پولیس زموږ کور ته راغلل.", "what was typed stays"
    page.check("#consent")
    page.get_by_role("button", name="Save submission").click()
    assert "Give the person this reference code" in page.locator(".notice").first.inner_text()
    assert page.input_value("#translation-translation") == "The police came to our house."
    assert page.locator(".original").first.get_attribute("lang") == "ps"  # then its English, apart
    page.get_by_role("button", name="Show contact details").click()
    assert "Gul Khan" in page.locator("[aria-labelledby=contact-title]").inner_text()
    screenshot(page, tmp_path, "new-submission-saved")

"""The back office as staff use it (issue 20): the inbox read at a glance, a submission's panels that never lose
what was typed, staff entry of a phone call, the evidence picker. Screenshots go to the test's temporary folder
(or to PORTAL_SCREENSHOTS when set), to look at."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.test_staff import sign_in
from tests.conftest import make_user
from tests.factories import make_submission

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

"""Reflow and text size (WCAG 2.1 1.4.10 and 1.4.4): every resident page, in every language, on a 320 px wide screen
with the phone's text at 100% and at 200%, shows everything without scrolling sideways; the reference code keeps each
group of four on one line and stays large."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.platform.i18n import LANGUAGES
from tests.conftest import add_meeting
from tests.factories import make_submission

pytestmark = pytest.mark.browser
WIDTH = 320
TEXT_SIZES = (16, 32)  # the browser's default text size in px: 100% and 200%
CODE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")

# What sticks out of the page's width, ignoring what is meant to be off screen (skip link, honeypot, hidden text).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, scrolled = document.documentElement.scrollWidth;
  const problems = [];
  if (scrolled > width) problems.push(`page ${scrolled}px wide`);
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('.skip-link, .honeypot, .visually-hidden, head, option')) continue;
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.left < -1 || box.right > width + 1) {
      const where = `${Math.round(box.left)}..${Math.round(box.right)}`;
      problems.push(`${element.tagName.toLowerCase()}.${element.className} ${where}: `
                    + (element.textContent || '').trim().slice(0, 40));
    }
  }
  return problems;
}"""


def set_text_size(page, pixels: int) -> None:
    """The browser's default text size, as a phone's text-size setting changes it (every size here is in rem)."""
    session = page.context.new_cdp_session(page)
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": {"standard": pixels, "fixed": round(pixels * 13 / 16)}})


@pytest.fixture
def resident_pages(app):
    """The resident pages of one language, as (name, how to reach it) pairs: some are reached by sending a form."""
    app.config["STATUS_LOOKUP_LIMIT"] = "10000 per minute"
    open_meeting = add_meeting(app, title={"en": "Meeting with immigrant leaders and community organisations"},
                               online_url="https://meet.example.org/community-meeting-with-the-office-2026-12")
    closed_meeting = add_meeting(app, starts_in=-timedelta(days=60))
    answered = make_submission(app, replies=["Thank you. We passed your concern to the police chief's office."])
    code = answered.reference

    def send(page, path, fill=None):
        page.goto(path)
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        with page.expect_navigation():
            page.locator("main form[novalidate] button[type=submit]").last.click()

    return [
        ("home", lambda page, lang: page.goto(f"/{lang}/")),
        ("concern", lambda page, lang: page.goto(f"/{lang}/concern")),
        ("concern with errors", lambda page, lang: send(page, f"/{lang}/concern")),
        ("meetings", lambda page, lang: page.goto(f"/{lang}/meetings")),
        ("meeting", lambda page, lang: page.goto(f"/{lang}/meetings/{open_meeting}")),
        ("feedback", lambda page, lang: page.goto(f"/{lang}/meetings/{open_meeting}/feedback")),
        ("feedback with errors", lambda page, lang: send(page, f"/{lang}/meetings/{open_meeting}/feedback")),
        ("feedback closed", lambda page, lang: page.goto(f"/{lang}/meetings/{closed_meeting}/feedback")),
        ("status", lambda page, lang: page.goto(f"/{lang}/status")),
        ("status with errors", lambda page, lang: send(page, f"/{lang}/status")),
        ("status with a reply", lambda page, lang: send(page, f"/{lang}/status", {"#reference": code})),
        ("privacy", lambda page, lang: page.goto(f"/{lang}/privacy")),
        ("receipt", lambda page, lang: page.goto(f"/{lang}/sent")),
        ("not found", lambda page, lang: page.goto(f"/{lang}/no-such-page")),
    ]


def send_a_concern(page) -> str:
    page.goto("/en/concern")
    page.check("input[name=category]")
    page.fill("#body", "There was no interpreter at the housing office.")
    page.locator("main form button[type=submit]").click()
    return page.locator(".reference").inner_text()


@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_every_resident_page_in_every_language_reflows_at_320_px(browser, live_server, resident_pages, text_size):
    context = browser.new_context(base_url=live_server, viewport={"width": WIDTH, "height": 640})
    page = context.new_page()
    set_text_size(page, text_size)
    assert CODE.match(send_a_concern(page))
    problems = {}
    for language in LANGUAGES:
        for name, reach in resident_pages:
            reach(page, language.tag)
            assert page.locator("main h1").count() == 1, f"{language.tag} {name}: {page.url}"
            found = page.evaluate(OVERFLOW)
            if found:
                problems[f"{language.tag} {name}"] = found[:3]
    context.close()
    assert problems == {}


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("lang", ["en", "ar", "ne", "uk"])
def test_the_reference_code_never_breaks_inside_a_group_and_stays_large(browser, live_server, width, text_size, lang):
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 640})
    page = context.new_page()
    set_text_size(page, text_size)
    code = send_a_concern(page)
    page.goto(f"/{lang}/sent")
    reference = page.locator(".reference")
    assert reference.inner_text().replace("\n", "") == code  # what a person copies
    groups = page.locator(".reference-group")
    assert groups.count() == 3
    for index in range(3):
        lines = groups.nth(index).evaluate("group => group.getClientRects().length")
        assert lines == 1, f"group {index + 1} of {code} breaks"
        box = groups.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    size, text = (float(page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
                  for selector in (".reference", "main .lead"))
    assert size >= 28 and size >= 1.4 * text  # well above the text around it, at any text size
    assert page.evaluate(OVERFLOW) == []
    context.close()

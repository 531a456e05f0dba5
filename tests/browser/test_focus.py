"""Focus (WCAG 2.2): yellow and black as GOV.UK draws it; after a failed send the error summary has the focus,
without JavaScript; an error's link lands on its field with the question in view."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_reflow import set_text_size
from tests.conftest import add_meeting

pytestmark = pytest.mark.browser
YELLOW, BLACK = (255, 221, 0), (11, 12, 12)


def luminance(rgb: tuple[int, ...]) -> float:
    channels = [value / 255 for value in rgb]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colours(css: str) -> list[tuple[int, ...]]:
    """rgb(...) values in a computed style, in order."""
    return [tuple(int(part) for part in match.split(", ")[:3]) for match in re.findall(r"rgba?\(([^)]*)\)", css)]


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_focus_is_yellow_and_black_on_every_kind_of_control(browser, live_server, lang):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/{lang}/concern")
    page.check("input[name=follow_up]")  # the contact fields, the language select among them, show after "Yes"
    seen = {}
    for _ in range(60):  # through the page by keyboard, as a person without a mouse goes
        page.keyboard.press("Tab")
        kind = page.evaluate("() => { const e = document.activeElement; return e.classList.contains('button') ? "
                             "'button' : e.tagName.toLowerCase() + (e.type ? ':' + e.type : ''); }")
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return "
                              "[s.outlineColor, s.outlineStyle, s.outlineWidth, s.backgroundColor, s.boxShadow]; }")
        if kind != "body":  # past the last control, before the first again
            seen.setdefault(kind, style)
    assert {"a", "input:radio", "textarea:textarea", "input:text", "input:checkbox", "select:select-one",
            "button"} <= set(seen), seen
    for kind, (outline, outline_style, width, background, shadow) in seen.items():
        drawn = colours(outline) + colours(background) + colours(shadow)
        assert YELLOW in drawn and BLACK in drawn, (kind, seen[kind])
        if kind.startswith(("input", "textarea", "select")):
            assert colours(outline) == [YELLOW] and outline_style == "solid" and width == "3px"
    # The black bar or border against white, and the yellow against the black: both far past 3:1.
    assert contrast(BLACK, (255, 255, 255)) > 3 and contrast(YELLOW, BLACK) > 3
    context.close()


@pytest.mark.parametrize("text_size", [16, 32])
@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_after_a_failed_send_the_error_summary_has_the_focus_and_its_links_show_the_question(
        app, browser, live_server, lang, text_size):
    meeting_id = add_meeting(app)
    context = browser.new_context(base_url=live_server, java_script_enabled=False,
                                  viewport={"width": 360, "height": 640})
    page = context.new_page()
    set_text_size(page, text_size)
    for path in ("/concern", f"/meetings/{meeting_id}/feedback"):
        page.goto(f"/{lang}{path}")
        page.fill("#body" if path == "/concern" else "#act_on", "x" * 6000)  # too long: a second error
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.evaluate("document.activeElement.className") == "error-summary", path
        links = page.locator(".error-summary a")
        assert links.count() >= 1
        for index in range(links.count()):
            target = links.nth(index).get_attribute("href").removeprefix("#")
            page.evaluate("window.scrollTo(0, 0)")
            links.nth(index).click()
            assert page.evaluate("document.activeElement.id") == target
            # The question (label or legend) in view; with the phone's text at 200%, a question with its hint and
            # message can be taller than the screen: then at least the message right above the field.
            above = ("field => (field.closest('fieldset')?.querySelector('legend') || field.labels[0])"
                     if text_size == 16 else "field => field.closest('.field').querySelector('.error-message')")
            top = page.locator(f"#{target}").evaluate(f"{above}.getBoundingClientRect().top")
            assert 0 <= top < 640, f"{path} #{target}: what it asks is at {top}px"
    context.close()

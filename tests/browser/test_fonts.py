"""Web fonts: a device without Devanagari (this machine has none) gets Nepali in the portal's own Noto subset instead
of boxes; a device that has the scripts downloads no font at all."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM_ARGS
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.browser
STATIC = Path(__file__).resolve().parent.parent.parent / "static"
SHOTS = Path(os.environ.get("PORTAL_SCREENSHOTS", "/tmp/portal-screenshots"))
TEXT_WIDTH = """selector => { const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector)); return range.getBoundingClientRect().width; }"""
NEPALI_TEXT = ("h1", ".lead", ".emergency", "footer [lang=ne]")  # the office's name is the city's setting


def web_fonts_requested(page, path: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1])
            if request.url.endswith(".woff2") else None)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    return requested


def fonts_drawing(page, selector: str) -> list[dict]:
    """Which fonts Chromium drew an element's text with, and how many glyphs each (DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def devanagari_letters(text: str) -> int:
    return sum(1 for character in text if "DEVANAGARI" in unicodedata.name(character, ""))


def test_nepali_is_drawn_in_the_portals_devanagari_where_the_device_has_none(browser, live_server):
    installed = subprocess.run(["fc-list", ":charset=0915"], capture_output=True, text=True, check=True).stdout
    assert not installed, "this test needs a machine without a Devanagari font"
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    requested = web_fonts_requested(page, "/ne/concern")
    assert any(name.startswith("NotoSansDevanagari-Regular-devanagari.") for name in requested)
    # The other fonts this machine lacks are only for the language switcher's names (see the next test).
    assert all(name.startswith("NotoSansDevanagari-") or "-names." in name for name in requested), requested
    for selector in NEPALI_TEXT:
        text = page.locator(selector).first.inner_text()
        assert devanagari_letters(text) > 3, selector
        fonts = fonts_drawing(page, selector)
        ours = [font for font in fonts if font["isCustomFont"] and font["familyName"] == "Noto Sans Devanagari"]
        others = sum(font["glyphCount"] for font in fonts if font not in ours)
        # Every Devanagari letter from our font; the system's fonts draw at most the spaces, digits and punctuation.
        assert ours and others <= len(text) - devanagari_letters(text), (selector, fonts)
    SHOTS.mkdir(parents=True, exist_ok=True)
    heading = page.locator("h1")
    drawn = heading.screenshot(path=str(SHOTS / "ne-heading.png"))
    drawn_width = page.evaluate(TEXT_WIDTH, "h1")
    page.screenshot(path=str(SHOTS / "ne-concern-fonts.png"), full_page=True)
    context.close()

    # The same heading where the fonts cannot load: the boxes Nepali readers saw before.
    context = browser.new_context(base_url=live_server)
    context.route("**/*.woff2", lambda route: route.abort())
    page = context.new_page()
    page.goto("/ne/concern")
    tofu = page.locator("h1").screenshot(path=str(SHOTS / "ne-heading-without-fonts.png"))
    tofu_width = page.evaluate(TEXT_WIDTH, "h1")
    context.close()
    assert drawn != tofu and abs(drawn_width - tofu_width) > 10


@pytest.mark.parametrize("lang", ["en", "es", "uk"])
def test_other_pages_fetch_only_the_letters_of_the_language_names(browser, live_server, lang):
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    requested = web_fonts_requested(page, f"/{lang}/")
    # नेपाली in the language switcher: a subset of its six letters, not the whole script.
    assert any(name.startswith("NotoSansDevanagari-Regular-devanagari-names.") for name in requested)
    assert not any(re.match(r"NotoSansDevanagari-\w+-devanagari\.", name) for name in requested), requested
    # This machine lacks Arabic and two Vietnamese letters among its named fonts: their names' letters, not the scripts.
    assert all("-names." in name for name in requested), requested
    fonts = fonts_drawing(page, "footer a[lang=ne]")
    assert [font["familyName"] for font in fonts if font["isCustomFont"]] == ["Noto Sans Devanagari"]
    assert sum(font["glyphCount"] for font in fonts if not font["isCustomFont"]) == 0, fonts
    context.close()


@pytest.fixture
def device_with_the_scripts(playwright_driver, tmp_path):
    """A Chromium on a machine with Noto Sans (Vietnamese included), Noto Sans Devanagari, Noto Naskh Arabic, Noto
    Sans Myanmar and Noto Sans Ethiopic installed, as Android phones have them."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("NotoSans-Regular", "NotoSans-Bold", "NotoSansDevanagari-Regular", "NotoSansDevanagari-Bold",
                 "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoSansMyanmar-Regular", "NotoSansMyanmar-Bold",
                 "NotoSansEthiopic-Regular", "NotoSansEthiopic-Bold"):
        shutil.copy(STATIC / "fonts" / f"{name}.ttf", fonts)
    configuration = tmp_path / "fonts.conf"
    configuration.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n")
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                                env={**os.environ, "FONTCONFIG_FILE": str(configuration)})
    yield browser
    browser.close()


def test_a_device_that_has_the_scripts_downloads_no_font(device_with_the_scripts, live_server):
    context = device_with_the_scripts.new_context(base_url=live_server)
    page = context.new_page()
    for path in ("/ne/concern", "/ar/concern", "/en/", "/fa-AF/meetings"):
        assert web_fonts_requested(page, path) == [], path
    page.goto("/ne/concern")
    fonts = fonts_drawing(page, "h1")
    assert {font["familyName"] for font in fonts if font["glyphCount"] > 2} == {"Noto Sans Devanagari"}
    context.close()

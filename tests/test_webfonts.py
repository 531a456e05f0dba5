"""The web fonts in static/fonts/web and static/css/fonts.css are what `python -m portal.platform.webfonts` makes from
the bundled fonts: every font by script, each file named by its content, each range drawn by its file."""
from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from fontTools.ttLib import TTFont

from portal.platform import webfonts
from portal.platform.static_files import digest_of, plain_name

STATIC = Path(__file__).resolve().parent.parent / "static"
RULE = re.compile(r'@font-face \{ font-family: "(?P<family>[^"]+)"; font-weight: (?P<weight>[\d ]+);.*?'
                  r"url\(\.\./(?P<url>[^)]+)\).*?unicode-range: (?P<range>[^;]+); \}")


def rules() -> list[re.Match]:
    return list(RULE.finditer((STATIC / webfonts.STYLESHEET).read_text(encoding="utf-8")))


def code_points(unicode_range: str) -> set[int]:
    points: set[int] = set()
    for part in unicode_range.split(", "):
        first, _, last = part.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_every_bundled_font_is_served_for_its_script_in_its_weight():
    served = {(rule["family"], rule["weight"]) for rule in rules()}
    for source in (STATIC / webfonts.FONTS).glob("*.[ot]tf"):
        font = TTFont(source, lazy=True)
        family = font["name"].getBestFamilyName()
        if webfonts.scripts_of(family) != webfonts.BASE_SCRIPTS:
            assert (webfonts.FAMILY_PREFIX + family, webfonts.weight_of(font)) in served, source.name
        font.close()


def test_each_file_is_named_by_its_content_and_draws_its_whole_range():
    assert rules()
    for rule in rules():
        filename, digest = plain_name(rule["url"])
        data = (STATIC / filename).read_bytes()
        assert digest == digest_of(data), filename
        drawn = set(TTFont(io.BytesIO(data)).getBestCmap())
        assert code_points(rule["range"]) <= drawn, filename
        assert not code_points(rule["range"]) & {0x20, 0x2C, 0x2E, 0x30, 0xA0}  # never spaces, digits, punctuation
    served = {f"{webfonts.WEB_FONTS}/{plain_name(rule['url'].removeprefix('../'))[0].split('/')[-1]}"
              for rule in rules()}
    assert {f"{webfonts.WEB_FONTS}/{path.name}" for path in (STATIC / webfonts.WEB_FONTS).iterdir()} == served


def test_every_family_is_in_the_pages_font_lists():
    stylesheet = (STATIC / "css/portal.css").read_text()
    for family in {rule["family"] for rule in rules()}:
        assert f'"{family}"' in stylesheet, family


def test_the_script_makes_the_same_files_again(tmp_path):
    """Reproducible: the same font gives the same bytes and the same rules (one font, to stay quick)."""
    (tmp_path / webfonts.FONTS).mkdir()
    shutil.copy(STATIC / webfonts.FONTS / "NotoSansDevanagari-Regular.ttf", tmp_path / webfonts.FONTS)
    (tmp_path / "css").mkdir()
    made = webfonts.build(tmp_path)
    assert {web_font.filename for web_font in made} == {
        "fonts/web/NotoSansDevanagari-Regular-devanagari.woff2",
        "fonts/web/NotoSansDevanagari-Regular-devanagari-names.woff2"}
    for web_font in made:
        assert (tmp_path / web_font.filename).read_bytes() == (STATIC / web_font.filename).read_bytes()
    committed = (STATIC / webfonts.STYLESHEET).read_text(encoding="utf-8").splitlines()
    for line in (tmp_path / webfonts.STYLESHEET).read_text(encoding="utf-8").splitlines():
        assert line in committed

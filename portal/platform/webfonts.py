"""Web fonts for the pages: WOFF2 subsets of the Noto fonts bundled for PDFs, one per font and script, and the
@font-face rules that load them (static/css/fonts.css). Run it again after adding or changing a font in static/fonts:

    .venv/bin/python -m portal.platform.webfonts

It needs the dev extra (fonttools and brotli); the app never imports it. The output is the same bytes each time
for the same fonts and fonttools, and tests/test_webfonts.py fails when the committed files are not what it makes.

A device downloads a subset only for letters its own fonts do not draw, as each rule's `unicode-range` is exactly
the letters of its subset (never spaces, digits or punctuation, which every device has). Pages (static/css/portal.css)
list the Arabic and Latin families after the system fonts. The scripts of SYSTEM_FONTS come first instead, each rule
naming the fonts systems have for that script in `local()` before its own file, so a device with one of them uses
it and downloads nothing: Chromium never reached a Devanagari web font listed after an installed font, and drew
boxes (tests/browser/test_fonts.py).
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from portal.platform.i18n import LANGUAGES
from portal.platform.static_files import digest_of, fingerprinted_name

STATIC = Path(__file__).resolve().parent.parent.parent / "static"
FONTS = "fonts"  # the bundled TrueType fonts, relative to static/
WEB_FONTS = "fonts/web"  # what this writes
STYLESHEET = "css/fonts.css"
FAMILY_PREFIX = "Portal "  # "Portal Noto Sans Devanagari": never the name of a font a device has installed
# Fonts systems have for a script, by family (Android and Linux, Windows, iOS and macOS): a rule for that script
# names them in local() before its own file, and pages list its family before the system fonts (see above).
SYSTEM_FONTS: dict[str, tuple[str, ...]] = {
    "devanagari": ("Noto Sans Devanagari", "Noto Sans Devanagari UI", "Nirmala UI", "Kohinoor Devanagari",
                   "Devanagari Sangam MN", "Mangal", "Lohit Devanagari"),
    "myanmar": ("Noto Sans Myanmar", "Noto Sans Myanmar UI", "Myanmar Text", "Myanmar Sangam MN", "Padauk"),
    "ethiopic": ("Noto Sans Ethiopic", "Ebrima", "Kefa", "Nyala", "Abyssinica SIL"),
}
# The language switcher names every language in its own script on every page. A device without one of those scripts
# gets that script's letters of these names alone, a few kilobytes, rather than the whole script: from the first
# family for the scripts of SYSTEM_FONTS (listed before the system fonts), from the second for the others.
LANGUAGE_NAMES_FAMILY = "Portal Language Names"
LANGUAGE_NAMES_FALLBACK_FAMILY = "Portal Language Names Fallback"
ENDONYM_LETTERS = frozenset(ord(letter) for language in LANGUAGES for letter in language.endonym)

# The characters of each script, as (first, last) code points; from the subsets Google Fonts serves the same Noto
# families with (the Vietnamese letters are in "latin"). A font whose family name ends with a script's name
# ("Noto Sans Devanagari") is cut to that script; a family without one ("Noto Sans") to the scripts of BASE_SCRIPTS.
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "latin": ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x0259, 0x0259), (0x02B0, 0x036F),
              (0x1AB0, 0x1AFF), (0x1D00, 0x1EFF), (0x20A0, 0x20C0), (0x2C60, 0x2C7F), (0xA720, 0xA7FF)),
    "cyrillic": ((0x0400, 0x052F), (0x1C80, 0x1C8A), (0x2116, 0x2116), (0x2DE0, 0x2DFF), (0xA640, 0xA69F),
                 (0xFE2E, 0xFE2F)),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0x2E41, 0x2E41), (0xFB50, 0xFDFF),
               (0xFE70, 0xFEFC), (0x1EE00, 0x1EEFF)),
    "devanagari": ((0x0900, 0x097F), (0x1CD0, 0x1CF9), (0x20A8, 0x20A8), (0x20B9, 0x20B9), (0x20F0, 0x20F0),
                   (0x25CC, 0x25CC), (0xA830, 0xA839), (0xA8E0, 0xA8FF)),
    "myanmar": ((0x1000, 0x109F), (0x25CC, 0x25CC), (0xA92E, 0xA92E), (0xA9E0, 0xA9FE), (0xAA60, 0xAA7F)),
    "ethiopic": ((0x030E, 0x030E), (0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB01, 0xAB2F), (0x1E7E0, 0x1E7FF)),
}
# Every device draws the Latin and Cyrillic alphabets, and a Latin web font in the list took Latin letters inside a
# Nepali sentence from the portal rather than the device: of the base font, only the language names are served.
BASE_SCRIPTS = ("latin", "cyrillic")
# What text in every script is written with: spaces, digits, punctuation, joiners. Each subset draws those its font
# has, so words keep the spaces and punctuation of their own font; but no unicode-range names them: every device
# draws them already, and a browser would download a font for the spaces around a word it cannot draw.
COMMON: tuple[tuple[int, int], ...] = (
    (0x0020, 0x0040), (0x005B, 0x0060), (0x007B, 0x007E), (0x00A0, 0x00A0), (0x00AB, 0x00AB), (0x00AD, 0x00AD),
    (0x00BB, 0x00BB), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2000, 0x206F),
)


@dataclass(frozen=True)
class WebFont:
    family: str  # as in the CSS: "Portal Noto Sans Devanagari"
    local_names: tuple[str, ...]  # the font's full and PostScript names, for local()
    weight: str  # "400", or "100 900" for a variable font
    filename: str  # relative to static/
    url_name: str  # the same, fingerprinted
    code_points: tuple[int, ...]


def scripts_of(family: str) -> tuple[str, ...]:
    words = family.lower().split()
    named = [script for script in SCRIPTS if words and words[-1] == script]
    if named:
        return tuple(named)
    if len(words) <= 2:  # "Noto Sans", "Noto Serif": the base font, for the Latin and Cyrillic alphabets
        return BASE_SCRIPTS
    raise SystemExit(f"{family}: name its script's code points in SCRIPTS in {__file__}")


def build(static: Path = STATIC) -> list[WebFont]:
    """Writes the subsets into static/fonts/web and static/css/fonts.css; returns what fonts.css loads."""
    output = static / WEB_FONTS
    output.mkdir(parents=True, exist_ok=True)
    for old in output.glob("*.woff2"):
        old.unlink()
    web_fonts = []
    for source in sorted((static / FONTS).glob("*.[ot]tf")):
        font = TTFont(source, lazy=True)
        names = font["name"]
        family, weight, cmap = names.getBestFamilyName(), weight_of(font), set(font.getBestCmap())
        regular = weight == "400" or " " in weight and float(weight.split()[0]) <= 400 <= float(weight.split()[1])
        own_names = (names.getDebugName(4), names.getDebugName(6), family if regular else None)
        font.close()
        common = tuple(point for point in cmap if _in(point, COMMON))
        for script in scripts_of(family):
            letters = tuple(sorted(point for point in cmap if _in(point, SCRIPTS[script])))
            if not letters:
                continue
            local_names = tuple(dict.fromkeys(filter(None, (*own_names, *_system_names(script, regular)))))
            face = functools.partial(_web_font, static, source, local_names, weight, common=common)
            if script not in BASE_SCRIPTS:
                web_fonts.append(face(FAMILY_PREFIX + family, script, letters))
            language_names = tuple(sorted(point for point in ENDONYM_LETTERS if point in letters))
            if language_names and regular:
                names_family = LANGUAGE_NAMES_FAMILY if script in SYSTEM_FONTS else LANGUAGE_NAMES_FALLBACK_FAMILY
                web_fonts.append(face(names_family, f"{script}-names", language_names))
    (static / STYLESHEET).write_text(stylesheet(web_fonts), encoding="utf-8")
    return web_fonts


def _web_font(static: Path, source: Path, local_names: tuple[str, ...], weight: str, family: str, name: str,
              code_points: tuple[int, ...], common: tuple[int, ...]) -> WebFont:
    data = _subset(source, code_points + common)
    filename = f"{WEB_FONTS}/{source.stem}-{name}.woff2"
    (static / filename).write_bytes(data)
    return WebFont(family, local_names, weight, filename, fingerprinted_name(filename, digest_of(data)), code_points)


def _system_names(script: str, regular: bool) -> tuple[str, ...]:
    """What local() matches: a font's full name ("Nirmala UI Bold") or, for many regular faces, the family alone."""
    families = SYSTEM_FONTS.get(script, ())
    if regular:
        return tuple(name for family in families for name in (family, f"{family} Regular"))
    return tuple(f"{family} Bold" for family in families)


def _in(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= point <= last for first, last in ranges)


def weight_of(font: TTFont) -> str:
    if "fvar" in font:
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                return f"{axis.minValue:g} {axis.maxValue:g}"
    return str(font["OS/2"].usWeightClass)


def _subset(source: Path, code_points: tuple[int, ...]) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every shaping feature: conjuncts, joining forms, marks
    options.hinting = False  # smaller; phones render outlines unhinted
    options.recalc_timestamp = False  # the same fonts give the same bytes
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    data = io.BytesIO()
    subset.save_font(font, data, options)
    font.close()
    return data.getvalue()


def unicode_range(code_points: tuple[int, ...]) -> str:
    """Consecutive code points as ranges: U+0900-0903, U+0905-0939, ..."""
    ranges: list[list[int]] = []
    for point in code_points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ", ".join(f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}" for first, last in ranges)


def stylesheet(web_fonts: list[WebFont]) -> str:
    """font-display: block, as the text these fonts are for shows as boxes without them: better blank for a moment
    (three seconds at most, then boxes until the font arrives) than a page of boxes that looks broken."""
    rules = ["/* Written by `python -m portal.platform.webfonts` from the fonts in static/fonts "
             "(SIL Open Font License, static/fonts/OFL.txt): do not edit. */"]
    for web_font in web_fonts:
        sources = [f'local("{name}")' for name in web_font.local_names]
        sources.append(f'url(../{web_font.url_name.removeprefix("css/")}) format("woff2")')
        rules.append(
            f'@font-face {{ font-family: "{web_font.family}"; font-weight: {web_font.weight}; font-style: normal; '
            f"font-display: block; src: {', '.join(sources)}; unicode-range: {unicode_range(web_font.code_points)}; }}")
    return "\n".join(rules) + "\n"


def main() -> None:
    for web_font in build():
        print(f"{web_font.filename}: {web_font.family} {web_font.weight}, {len(web_font.code_points)} characters, "
              f"{(STATIC / web_font.filename).stat().st_size} bytes")


if __name__ == "__main__":
    main()

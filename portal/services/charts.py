"""Small server-rendered charts: plain SVG 1.1, no scripts, no CSS, nothing fetched from anywhere.

A chart is an image to screen readers (role="img", named by its <title>, described by its <desc>); the page
puts a table with the same numbers right under it. Only presentation attributes are used, never style="" or
<style>, so the site's Content-Security-Policy allows it and WeasyPrint draws it the same in report PDFs.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 640  # viewBox units; without a width attribute the chart scales to its container
LABEL_WIDTH = 260  # labels end here, bars start here
VALUE_ROOM = 64  # after the longest bar, for its number
ROW_HEIGHT = 28
BAR_HEIGHT = 18
PADDING = 8
FONT_SIZE = 14
BASELINE_SHIFT = 5  # centres a line of FONT_SIZE text on the bar (dominant-baseline is not drawn everywhere)
MAX_LABEL_CHARACTERS = 36  # about what fits LABEL_WIDTH at FONT_SIZE; the table under the chart has it whole
FONT_FAMILY = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', "
               "'Noto Sans Devanagari', sans-serif")
TEXT_COLOUR = "#1b1b1b"  # 16.8:1 on white
BAR_COLOUR = "#0b4f9c"  # 8.1:1 on white, well over the 3:1 graphics need
AXIS_COLOUR = "#505a5f"  # 7:1 on white


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[:MAX_LABEL_CHARACTERS - 1].rstrip() + "…"


def _chart_id(title: str, description: str, rows: Sequence[tuple[str, int]]) -> str:
    """Stable across renders, different for different charts on one page."""
    content = repr((str(title), str(description), [(str(label), value) for label, value in rows]))
    digest = hashlib.sha1(content.encode(), usedforsecurity=False)
    return f"chart-{digest.hexdigest()[:10]}"


def bar_chart(title: str, rows: Sequence[tuple[str, int]], *, description: str,
              label_languages: Sequence[str | None] = (), chart_id: str | None = None) -> Markup:
    """A horizontal bar chart of (label, count) rows, top to bottom in the order given.

    label_languages, when given, holds a language tag per row for labels written in another language
    (an endonym), so screen readers and fonts get them right; chart_id overrides the generated id prefix.
    """
    chart_id = chart_id or _chart_id(title, description, rows)
    largest = max((value for _label, value in rows), default=0)
    bar_room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    height = 2 * PADDING + max(len(rows), 1) * ROW_HEIGHT
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {} {}" role="img" '
               'class="chart" aria-labelledby="{}-title" aria-describedby="{}-desc" font-family="{}" '
               'font-size="{}" fill="{}">').format(WIDTH, height, chart_id, chart_id, FONT_FAMILY, FONT_SIZE,
                                                   TEXT_COLOUR),
        Markup('<title id="{}-title">{}</title>').format(chart_id, escape(str(title))),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, escape(str(description))),
    ]
    for index, (label, value) in enumerate(rows):
        top = PADDING + index * ROW_HEIGHT
        baseline = top + ROW_HEIGHT / 2 + BASELINE_SHIFT
        length = max(round(bar_room * value / largest, 1), 2) if value and largest else 0  # 1 stays visible
        language = label_languages[index] if index < len(label_languages) else None
        language_attribute = Markup(' xml:lang="{}"').format(language) if language else ""
        parts.append(Markup('<text x="{}" y="{}" text-anchor="end"{}>{}</text>').format(
            LABEL_WIDTH - 8, baseline, language_attribute, escape(_short(str(label)))))
        if length:
            parts.append(Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>').format(
                LABEL_WIDTH, top + (ROW_HEIGHT - BAR_HEIGHT) / 2, length, BAR_HEIGHT, BAR_COLOUR))
        parts.append(Markup('<text x="{}" y="{}">{}</text>').format(
            LABEL_WIDTH + length + 6, baseline, f"{value:,}"))
    parts.append(Markup('<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1"/>').format(
        LABEL_WIDTH, PADDING, height - PADDING, AXIS_COLOUR))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)

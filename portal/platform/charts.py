"""Small server-rendered charts: plain SVG 1.1, no scripts, no CSS, nothing fetched from anywhere.

A chart is an image to screen readers (role="img", named by its <title>, described by its <desc>); the page
puts a table with the same numbers right under it. Only presentation attributes are used, never style="" or
<style>, so the site's Content-Security-Policy allows it and WeasyPrint draws it the same in report PDFs.
"""
from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 640  # viewBox units; without a width attribute the chart scales to its container
LABEL_WIDTH = 260  # labels end here, bars start here
VALUE_ROOM = 64  # after the longest bar, for its number
ROW_HEIGHT = 28  # a row with a one-line label; a two-line label makes its row taller
LINE_HEIGHT = 17
BAR_HEIGHT = 18
PADDING = 8
FONT_SIZE = 14
BASELINE_SHIFT = 5  # centres a line of FONT_SIZE text on a point (dominant-baseline is not drawn everywhere)
LINE_CHARACTERS = 30  # what surely fits LABEL_WIDTH at FONT_SIZE; the table under the chart has the label whole
MAX_LINES = 2
FONT_FAMILY = ("system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', "
               "'Noto Sans Devanagari', sans-serif")
TEXT_COLOUR = "#1b1b1b"  # 17.2:1 on white
BAR_COLOUR = "#0b4f9c"  # 8.0:1 on white, well over the 3:1 that graphics need
AXIS_COLOUR = "#505a5f"  # 7.1:1 on white


def label_lines(label: str) -> list[str]:
    """The label in at most two lines, cut with an ellipsis when longer."""
    lines = textwrap.wrap(label, LINE_CHARACTERS) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][:LINE_CHARACTERS - 1].rstrip() + "…"
    return lines


def _chart_id(title: str, description: str, rows: Sequence[tuple[str, int]]) -> str:
    """Stable across renders, different for different charts on one page."""
    content = repr((str(title), str(description), [(str(label), value) for label, value in rows]))
    digest = hashlib.sha1(content.encode(), usedforsecurity=False)
    return f"chart-{digest.hexdigest()[:10]}"


def bar_chart(title: str, rows: Sequence[tuple[str, int]], *, description: str,
              label_languages: Sequence[str | None] = (), chart_id: str | None = None,
              font_family: str = FONT_FAMILY) -> Markup:
    """A horizontal bar chart of (label, count) rows, top to bottom in the order given.

    label_languages, when given, holds a language tag per row for labels written in another language
    (an endonym), so screen readers and fonts get them right; chart_id overrides the generated id prefix;
    font_family lets a PDF name its bundled font first (WeasyPrint draws SVG text letter by letter, unshaped,
    so charts meant for PDFs keep their labels in Latin script).
    """
    chart_id = chart_id or _chart_id(title, description, rows)
    largest = max((value for _label, value in rows), default=0)
    bar_room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    body: list[Markup] = []
    top = PADDING
    for index, (label, value) in enumerate(rows):
        lines = label_lines(str(label))
        height = max(ROW_HEIGHT, len(lines) * LINE_HEIGHT + 10)
        middle = top + height / 2
        first_baseline = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + BASELINE_SHIFT
        language = label_languages[index] if index < len(label_languages) else None
        body.append(Markup('<text x="{}" y="{}" text-anchor="end"{}>').format(
            LABEL_WIDTH - 8, first_baseline, Markup(' xml:lang="{}"').format(language) if language else ""))
        if len(lines) == 1:
            body.append(escape(lines[0]))
        else:
            body.extend(Markup('<tspan x="{}" y="{}">{}</tspan>').format(
                LABEL_WIDTH - 8, first_baseline + number * LINE_HEIGHT, escape(line))
                for number, line in enumerate(lines))
        body.append(Markup("</text>"))
        length = max(round(bar_room * value / largest, 1), 2) if value and largest else 0  # 1 stays visible
        if length:
            body.append(Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>').format(
                LABEL_WIDTH, middle - BAR_HEIGHT / 2, length, BAR_HEIGHT, BAR_COLOUR))
        body.append(Markup('<text x="{}" y="{}">{}</text>').format(
            LABEL_WIDTH + length + 6, middle + BASELINE_SHIFT, f"{value:,}"))
        top += height
    bottom = max(top, PADDING + ROW_HEIGHT)
    return Markup("").join([
        Markup('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {} {}" role="img" '
               'class="chart" aria-labelledby="{}-title" aria-describedby="{}-desc" font-family="{}" '
               'font-size="{}" fill="{}">').format(WIDTH, bottom + PADDING, chart_id, chart_id, font_family,
                                                   FONT_SIZE, TEXT_COLOUR),
        Markup('<title id="{}-title">{}</title>').format(chart_id, escape(str(title))),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, escape(str(description))),
        *body,
        Markup('<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1"/>').format(
            LABEL_WIDTH, PADDING, bottom, AXIS_COLOUR),
        Markup("</svg>"),
    ])


PLOT_LEFT = 56  # room for the scale's labels
PLOT_RIGHT = 16
PLOT_TOP = 28  # room for the numbers of the marks
PLOT_HEIGHT = 200
AXIS_ROOM = 48  # under the plot: the month and its sample size
MARK_COLOUR = "#b3261e"  # 6.5:1 on white


def trend_chart(title: str, columns: Sequence[tuple[str, float | None, str]], *, description: str,
                scale: tuple[int, int], marks: Sequence[tuple[float, str]] = (), chart_id: str | None = None,
                font_family: str = FONT_FAMILY) -> Markup:
    """A line through one value per column (a month), on a fixed scale, with the columns' second line of labels
    (a sample size, "n=12") under them, and numbered vertical marks (events on the same time line).

    columns: (label, value or None when there is none, second label); a missing value breaks the line.
    marks: (position in columns, counted from 0 at the first column's left edge, its short label).
    """
    chart_id = chart_id or _chart_id(title, description, [(label, 0) for label, _value, _n in columns])
    low, high = scale
    step = (WIDTH - PLOT_LEFT - PLOT_RIGHT) / max(len(columns), 1)
    bottom = PLOT_TOP + PLOT_HEIGHT

    def y(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * PLOT_HEIGHT, 1)

    body: list[Markup] = []
    for level in range(low, high + 1):
        body.append(Markup('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.5"/>').format(
            PLOT_LEFT, y(level), WIDTH - PLOT_RIGHT, y(level), AXIS_COLOUR))
        body.append(Markup('<text x="{}" y="{}" text-anchor="end">{}</text>').format(
            PLOT_LEFT - 8, y(level) + BASELINE_SHIFT, level))
    for position, label in marks:
        x = round(PLOT_LEFT + position * step, 1)
        body.append(Markup('<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="2" '
                           'stroke-dasharray="4 3"/>').format(x, PLOT_TOP - 6, bottom, MARK_COLOUR))
        body.append(Markup('<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>').format(
            x, PLOT_TOP - 10, MARK_COLOUR, escape(label)))
    segment: list[str] = []
    segments: list[list[str]] = []
    for index, (label, value, second) in enumerate(columns):
        x = round(PLOT_LEFT + (index + 0.5) * step, 1)
        body.append(Markup('<text x="{}" y="{}" text-anchor="middle">{}</text>').format(
            x, bottom + 20, escape(label)))
        body.append(Markup('<text x="{}" y="{}" text-anchor="middle">{}</text>').format(
            x, bottom + 38, escape(second)))
        if value is None:
            segments.append(segment)
            segment = []
            continue
        segment.append(f"{x},{y(value)}")
        body.append(Markup('<circle cx="{}" cy="{}" r="4" fill="{}"/>').format(x, y(value), BAR_COLOUR))
    segments.append(segment)
    for points in segments:
        if len(points) > 1:
            body.append(Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>').format(
                " ".join(points), BAR_COLOUR))
    return Markup("").join([
        Markup('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {} {}" role="img" '
               'class="chart" aria-labelledby="{}-title" aria-describedby="{}-desc" font-family="{}" '
               'font-size="{}" fill="{}">').format(WIDTH, bottom + AXIS_ROOM, chart_id, chart_id, font_family,
                                                   FONT_SIZE, TEXT_COLOUR),
        Markup('<title id="{}-title">{}</title>').format(chart_id, escape(str(title))),
        Markup('<desc id="{}-desc">{}</desc>').format(chart_id, escape(str(description))),
        *body,
        Markup("</svg>"),
    ])

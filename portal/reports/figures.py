"""A report's figures as SVG charts, the same markup on the staff page and in the PDF, and its PDF.

Chart labels stay in Latin script (English language names, not endonyms): WeasyPrint draws SVG text letter by
letter, so Arabic or Devanagari labels would come out unshaped. The tables under the charts carry the endonyms.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from flask import current_app, render_template
from flask_babel import gettext as _, lazy_gettext as _l
from markupsafe import Markup

from portal.identity.office import office_name_in
from portal.models import Priority, Source
from portal.platform.i18n import DEFAULT_TAG
from portal.platform.charts import FONT_FAMILY, bar_chart, trend_chart
from portal.platform.pdf import render_pdf
from portal.reports.service import language_name, pdf_identifier
from portal.submissions.counts import MEETING_FEEDBACK
from portal.submissions.labels import PRIORITY_LABELS, SOURCE_LABELS

CHART_ROWS = 20  # rows per chart: 20 fit a PDF page under their heading
# The bundled font first, so the PDF embeds only our fonts; browsers fall back to their own.
CHART_FONT_FAMILY = "'Portal Sans', system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


def month_label(month: str) -> str:
    """ "2026-11" -> "Nov 2026", in English whatever the request's locale, so a PDF never depends on it."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "MMM y", locale="en")


def language_label(tag: str) -> str:
    return f"{language_name(tag)} ({tag})"


def source_label(value: str) -> str:
    return str(SOURCE_LABELS[Source(value)])


def priority_label(value: str) -> str:
    return str(PRIORITY_LABELS[Priority(value)])


def topic_label(name: str | None) -> str:
    if name is None:
        return _("No topic")
    return _("Feedback on a meeting") if name == MEETING_FEEDBACK else name


ACTION_LABELS = {"decided": _l("Decision of the mayor's office"), "done": _l("Work done"),
                 "milestone": _l("Milestone reached")}


def action_label(kind: str) -> str:
    return str(ACTION_LABELS[kind])


def _position_in_months(day: str, months: list[str]) -> float:
    """Where a day falls on a time line of whole months: 0 at the first month's start, 1 at the second's."""
    on = date.fromisoformat(day)
    index = months.index(on.strftime("%Y-%m"))
    days_in_month = (date(on.year + on.month // 12, on.month % 12 + 1, 1) - date(on.year, on.month, 1)).days
    return index + (on.day - 1) / days_in_month


def trust_chart(trust: dict, *, chart_id: str | None = None, font_family: str = FONT_FAMILY) -> Markup:
    """The trust question's mean answer by month, its sample size under each month, and the city's actions as
    numbered marks on the same time line (the table under the chart names them)."""
    months = [month for month, *_rest in trust["by_month"]]
    return trend_chart(
        _("Trust in the city police, by month"),
        [(month_label(month), float(mean) if mean else None, f"n={answered}")
         for month, answered, mean, _declined in trust["by_month"]],
        description=_("The mean answer, from 1 (very unlikely) to 5 (very likely), to “If a neighbour of yours was "
                      "robbed, how likely is it that they would call the city police?”, each month, with how many "
                      "answered under it; dashed lines mark the city's actions, numbered as in the table under "
                      "the chart."),
        scale=(1, 5), chart_id=chart_id, font_family=font_family,
        marks=[(_position_in_months(day, months), str(number))
               for number, (day, _kind, _title) in enumerate(trust["actions"], start=1)])


def report_charts(content: dict) -> dict[str, Markup]:
    figures = content["figures"]
    period = {"start": content["period"]["start"], "end": content["period"]["end"]}
    same_numbers = _("The table under the chart gives the same numbers.")

    def chart(key: str, title: str, rows: list, description: str) -> Markup:
        """One chart; a long one (40 recommendations) in parts of CHART_ROWS, so each fits a PDF page."""
        if len(rows) <= CHART_ROWS:
            return bar_chart(title, rows, description=f"{description} {same_numbers}", chart_id=f"report-{key}",
                             font_family=CHART_FONT_FAMILY)
        parts = []
        for number, first in enumerate(range(0, len(rows), CHART_ROWS), start=1):
            part = rows[first:first + CHART_ROWS]
            parts.append(bar_chart(
                _("%(title)s, %(first)s to %(last)s", title=title, first=first + 1, last=first + len(part)), part,
                description=f"{description} {same_numbers}", chart_id=f"report-{key}-{number}",
                font_family=CHART_FONT_FAMILY))
        return Markup("").join(parts)

    return {
        "category": chart("category", _("Submissions by topic"),
                          [(topic_label(name), number) for name, number in figures["by_category"]],
                          _("How many submissions received from %(start)s to %(end)s are about each topic, most "
                            "first.", **period)),
        "theme": chart("theme", _("Residents by theme"), [tuple(row) for row in figures.get("by_theme", [])],
                       _("How many residents who wrote from %(start)s to %(end)s raised each theme, most first; a "
                         "resident counts once in each theme they raised.", **period)),
        "language": chart("language", _("Submissions by language"),
                          [(language_label(tag), number) for tag, number in figures["by_language"]],
                          _("How many submissions received from %(start)s to %(end)s were written in each "
                            "language, most first.", **period)),
        "month": chart("month", _("Submissions by month"),
                       [(month_label(month), number) for month, number in figures["by_month"]],
                       _("How many submissions were received in each month from %(start)s to %(end)s; the first "
                         "and last month may be partial.", **period)),
        "source": chart("source", _("Submissions by how they reached us"),
                        [(source_label(value), number) for value, number in figures["by_source"]],
                        _("How many submissions received from %(start)s to %(end)s came through the web form, on "
                          "paper, by phone or in person at a meeting.", **period)),
        "usefulness": chart("usefulness", _("How useful residents found the meetings"),
                            [(_("%(rating)s of 5", rating=rating), number) for rating, number in figures["usefulness"]],
                            _("How many pieces of feedback on the meetings held from %(start)s to %(end)s gave each "
                              "rating, from 1 (not useful) to 5 (very useful).", **period)),
        "felt_heard": chart("felt-heard", _("How far residents felt heard"),
                            [(_("%(rating)s of 5", rating=rating), number) for rating, number in figures["felt_heard"]],
                            _("How many pieces of feedback on the meetings held from %(start)s to %(end)s gave each "
                              "rating, from 1 (not heard) to 5 (fully heard).", **period)),
        **({"trust": trust_chart(figures["trust"], chart_id="report-trust", font_family=CHART_FONT_FAMILY)}
           if "trust" in figures else {}),  # reports finalized before the trust question have none
        # Numbers, not titles, as labels: one line each, so 20 fit a page; the table under it has the titles.
        "evidence": chart("evidence", _("Evidence per recommendation"),
                          [(_("Recommendation %(number)s", number=index), number) for index, (_label, number)
                           in enumerate(figures["evidence_per_recommendation"], start=1)],
                          _("How many residents' submissions are quoted as evidence for each recommendation."))
    }


def render_report_pdf(content: dict) -> bytes:
    """The report as a tagged PDF. A final report's comes from its snapshot alone, with a file identifier and
    dates taken from it, so rendering the same snapshot again gives the same bytes."""
    html = render_template("pdf/report.html", report=content, charts=report_charts(content),
                           office_name=office_name_in(DEFAULT_TAG).text,
                           page_counter=page_counter_content(_("Page %(page)s of %(pages)s")))
    options = {"pdf_identifier": pdf_identifier(content)} if content["status"] == "final" else {}
    return render_pdf(html, **options)


def long_date(iso: str) -> str:
    return format_date(date.fromisoformat(iso), "long", locale="en")


def meeting_time(iso: str) -> str:
    """A meeting's start in the city's time zone, in English, whatever the request's locale."""
    return format_datetime(datetime.fromisoformat(iso), "MMMM d, y, h:mm a",
                           tzinfo=ZoneInfo(current_app.config["TIMEZONE"]), locale="en")


TEMPLATE_FILTERS = {
    "month_label": month_label, "language_label": language_label, "source_label": source_label,
    "priority_label": priority_label, "topic_label": topic_label, "long_date": long_date,
    "meeting_time": meeting_time, "language_name": language_name, "action_label": action_label,
}


def css_string(text: str) -> str:
    """Text as a CSS string literal, for generated content."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_counter_content(pattern: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as a CSS content value with the page counters in it."""
    values = []
    for part in re.split(r"(%\(pages?\)s)", pattern):
        if part in ("%(page)s", "%(pages)s"):
            values.append(f"counter({part[2:-2]})")
        elif part:
            values.append(css_string(part))
    return Markup(" ".join(values))

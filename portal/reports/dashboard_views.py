"""The dashboard: counts by status, topic, language and week for a chosen period, as SVG charts and tables.

Viewers (the mayor's office) see it, so it shows counts only: never a resident's text or contact details.
"""
from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, render_template, request
from flask_babel import gettext as _, lazy_gettext as _l
from markupsafe import Markup
from wtforms import DateField
from wtforms.validators import Optional

from portal.platform import db
from portal.accounts.permissions import Permission, require
from portal.platform.forms import PortalForm
from portal.platform.i18n import BY_TAG
from portal.platform.charts import bar_chart
from portal.platform.city_days import city_today
from portal.reports.figures import trust_chart
from portal.reports.service import trust_figures
from portal.submissions.counts import MEETING_FEEDBACK, NO_TOPIC, DashboardFigures, period_counts
from portal.submissions.response_times import response_times
from portal.submissions.labels import STATUS_LABELS
from portal.themes.service import residents_by_theme

bp = Blueprint("dashboard", __name__, url_prefix="/staff")
DEFAULT_WEEKS = 12
MAX_DAYS = 3 * 366  # a longer period would draw hundreds of week bars
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)  # 9999-12-31 would overflow the day after it
NOT_A_DATE = _l("Enter a real date, for example 2026-11-26.")


class PeriodForm(PortalForm):
    """Read from the query string; changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("Until"), validators=[Optional()])


def default_period(today: date) -> tuple[date, date]:
    """The last 12 ISO weeks, this one included: from a Monday 11 weeks back to today."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=DEFAULT_WEEKS - 1), today


def chosen_period(form: PeriodForm, today: date) -> tuple[date, date]:
    """The form's period; the default one, with the problem on the form, when the form's is not usable."""
    default = default_period(today)
    form.validate()
    for field in (form.start, form.end):
        if field.errors or (field.data and not EARLIEST <= field.data <= LATEST):
            field.errors = [NOT_A_DATE]  # WTForms' own message is not in our catalogs
    if form.start.errors or form.end.errors:
        return default
    end = form.end.data or today
    start = form.start.data or default_period(end)[0]  # only an end: the 12 weeks up to it
    if start > end:
        form.end.errors = [_("The end date must be on or after the start date.")]
        return default
    if (end - start).days >= MAX_DAYS:
        form.end.errors = [_("Choose a period of at most 3 years.")]
        return default
    for field, value in ((form.start, start), (form.end, end)):
        if not field.raw_data or not field.raw_data[0]:
            field.data = value  # an empty field shows the date that was used for it
    return start, end


def _language_label(tag: str) -> str:
    return f"{BY_TAG[tag].endonym} ({tag})" if tag in BY_TAG else tag


def topic_name(name: str) -> str:
    """A topic's English name, or the label of what has none: meeting feedback, or a concern without a topic."""
    return {NO_TOPIC: _("No topic"), MEETING_FEEDBACK: _("Feedback on a meeting")}.get(name, name)


def _charts(figures: DashboardFigures, by_theme: list[tuple[str, int]]) -> dict[str, Markup]:
    period = {"start": figures.start.isoformat(), "end": figures.end.isoformat()}
    same_numbers = _("The table under the chart gives the same numbers.")
    return {
        "status": bar_chart(
            _("Submissions by status"), [(str(STATUS_LABELS[status]), count) for status, count in figures.by_status],
            description=" ".join((_("How many submissions received from %(start)s to %(end)s have each status now.",
                                    **period), same_numbers))),
        "category": bar_chart(
            _("Submissions by topic"),
            [(topic_name(name), count) for name, count in figures.by_category],
            description=" ".join((_("How many submissions received from %(start)s to %(end)s are about each "
                                    "topic, most first.", **period), same_numbers))),
        "theme": bar_chart(
            _("Residents by theme"), by_theme,
            description=" ".join((_("How many residents who wrote from %(start)s to %(end)s raised each theme, most "
                                    "first; a resident counts once in each theme they raised.", **period),
                                  same_numbers))),
        "language": bar_chart(
            _("Submissions by language"), [(_language_label(tag), count) for tag, count in figures.by_language],
            label_languages=[tag if tag in BY_TAG else None for tag, _count in figures.by_language],
            description=" ".join((_("How many submissions received from %(start)s to %(end)s were written in "
                                    "each language, most first.", **period), same_numbers))),
        "week": bar_chart(
            _("Submissions by week"), list(figures.by_week),
            description=" ".join((_("How many submissions were received in each ISO week (Monday to Sunday) from "
                                    "%(start)s to %(end)s; the first and last week may be partial.", **period),
                                  same_numbers))),
    }


@bp.get("/dashboard")
@require(Permission.VIEW_DASHBOARD)
def dashboard():
    today = city_today()
    form = PeriodForm(request.args)
    start, end = chosen_period(form, today)
    figures = period_counts(db.session(), start, end)
    trust = trust_figures(db.session(), start, end)
    by_theme = residents_by_theme(db.session(), start, end)
    return render_template("staff/dashboard.html", form=form, figures=figures, charts=_charts(figures, by_theme),
                           topic_name=topic_name, trust=trust, trust_chart=trust_chart(trust),
                           response=response_times(db.session(), start, end).as_dict(), by_theme=by_theme)

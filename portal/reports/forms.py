"""Forms of the reports area: a report, a recommendation, evidence, and the small forms of their actions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.platform.forms import PortalForm
from portal.models import Recommendation, Report
from portal.submissions.forms import PrefixedForm, choices
from portal.submissions.labels import PRIORITY_LABELS

NOT_A_DATE = _l("Enter a real date, for example 2026-11-26.")


class RecommendationReportForm(PrefixedForm):
    """A recommendation report's title, period and summary."""

    prefix_name = "report"
    title = StringField(_l("Title"), validators=[InputRequired(_l("Give the report a title.")), Length(max=300)])
    period_start = DateField(_l("Period from"), validators=[InputRequired(NOT_A_DATE)])
    period_end = DateField(_l("Period until"), validators=[InputRequired(NOT_A_DATE)])
    summary = TextAreaField(_l("Executive summary"), validators=[Length(max=20000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in (self.period_start, self.period_end):
            if field.errors:
                field.errors = [NOT_A_DATE]  # WTForms' own message is not in our catalogs
        if valid and self.period_start.data > self.period_end.data:
            self.period_end.errors = [_l("The end of the period must be on or after its start.")]
            return False
        return valid and not self.period_end.errors


class RecommendationForm(PrefixedForm):
    prefix_name = "recommendation"
    title = StringField(_l("Title"), validators=[InputRequired(_l("Give the recommendation a title.")),
                                                 Length(max=300)])
    body = TextAreaField(_l("The recommendation"), validators=[Length(max=20000)])
    rationale = TextAreaField(_l("Rationale"), validators=[Length(max=20000)])
    responsible = StringField(_l("Responsible department or partner"), validators=[Length(max=300)])
    priority = SelectField(_l("Priority"), choices=choices(PRIORITY_LABELS), default="normal")


class EvidenceForm(PrefixedForm):
    """On a submission's page: quote this submission in a draft report's recommendation."""

    prefix_name = "evidence"
    # The report first, then one of its recommendations: a list of every draft's recommendations sent quotes to
    # the look-alike of another report.
    report = SelectField(_l("Report"), validators=[DataRequired(_l("Choose a report."))])
    recommendation = SelectField(_l("Recommendation"), validators=[InputRequired(_l("Choose a recommendation."))])
    quote = TextAreaField(_l("Quote from the redacted text"),
                          validators=[InputRequired(_l("Choose a quote.")), Length(max=20000)])
    translation = TextAreaField(_l("English translation of the quote"), validators=[Length(max=20000)])


class EvidenceEditForm(PortalForm):
    """A quote already in a recommendation; each on the page gets its own prefix ("evidence-<id>")."""

    quote = TextAreaField(_l("Quote from the redacted text"),
                          validators=[InputRequired(_l("Choose a quote.")), Length(max=20000)])
    translation = TextAreaField(_l("English translation of the quote"), validators=[Length(max=20000)])


class BulkEvidenceForm(PrefixedForm):
    """In the inbox: shares the bulk form's prefix, so it reads the same CSRF token, return address and choices."""

    prefix_name = "bulk"
    recommendation = SelectField(_l("Recommendation"), validators=[Optional()])
    next_url = HiddenField()


class FinalizeForm(PrefixedForm):
    prefix_name = "finalize"
    # The report names who finalized it; an account's name is optional, and an email address is no name.
    signed_by = StringField(_l("Your name, as the report will show it"),
                            validators=[InputRequired(_l("Write your name.")), Length(max=200)])
    confirm = BooleanField(_l("I have checked this report. Once final, nothing in it can change."),
                           validators=[InputRequired(_l("Tick the box to confirm that the report is ready."))])


class DeleteForm(PrefixedForm):
    prefix_name = "delete"
    confirm = BooleanField(_l("Delete this draft with its recommendations and quotes."),
                           validators=[InputRequired(_l("Tick the box to confirm that you want to delete it."))])


class ActionForm(PortalForm):
    """A button that changes something: only the CSRF token, and the button's own name and value."""


def report_choices(reports: list[Report], *, first_label) -> list[SelectChoice]:
    """Draft reports told apart by their period and number as well as their title; demo ones say so."""
    def label(report: Report) -> str:
        period = f"{report.period_start.isoformat()} – {report.period_end.isoformat()}"
        return f"{report.title} ({period}, #{report.id})" + (" – demo" if report.is_demo else "")

    return [SelectChoice("", first_label)] + [SelectChoice(str(report.id), label(report)) for report in reports]


def recommendation_choices(recommendations: list[Recommendation], *, first_label=None) -> list[SelectChoice]:
    """Draft recommendations grouped by their report."""
    options = [SelectChoice(str(item.id), f"{item.position}. {item.title}",
                            optgroup=f"{item.report.title} (#{item.report.id})")
               for item in recommendations]
    return ([SelectChoice("", first_label)] if first_label else []) + options

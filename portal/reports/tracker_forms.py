"""Forms of the recommendation tracker: the mayor's office's decision, progress, milestones, updates, and the
public text with its translations."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.models import Decision, Progress
from portal.platform.i18n import BY_TAG
from portal.reports.forms import NOT_A_DATE
from portal.reports.outcomes import TRANSLATED_LANGUAGES
from portal.submissions.forms import PrefixedForm

DECISION_LABELS = {Decision.ACCEPTED: _l("Accepted"), Decision.ACCEPTED_WITH_CHANGES: _l("Accepted with changes"),
                   Decision.DECLINED: _l("Declined")}
PROGRESS_LABELS = {Progress.NOT_STARTED: _l("Not started"), Progress.IN_PROGRESS: _l("In progress"),
                   Progress.DONE: _l("Done")}


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value.value, label) for value, label in labels.items()]


def translation_language_choices() -> list[SelectChoice]:
    return [SelectChoice(tag, f"{BY_TAG[tag].endonym} ({tag})", {"lang": tag}) for tag in TRANSLATED_LANGUAGES]


class DecisionForm(PrefixedForm):
    prefix_name = "decision"
    decision = RadioField(_l("Decision of the mayor's office"), choices=_choices(DECISION_LABELS),
                          validators=[InputRequired(_l("Choose a decision."))])
    reason = TextAreaField(_l("Reason"), validators=[Length(max=5000)])


class ProgressForm(PrefixedForm):
    prefix_name = "progress"
    owner_department = StringField(_l("Owner department"), validators=[Length(max=300)])
    progress = SelectField(_l("Progress"), choices=_choices(PROGRESS_LABELS))


class MilestoneForm(PrefixedForm):
    prefix_name = "milestone"
    title = StringField(_l("Milestone"), validators=[InputRequired(_l("Say what the milestone is.")),
                                                     Length(max=300)])
    due_on = DateField(_l("Due on (optional)"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.due_on.errors:
            self.due_on.errors = [NOT_A_DATE]  # WTForms' own message is not in our catalogs
        return valid


class UpdateForm(PrefixedForm):
    prefix_name = "update"
    happened_on = DateField(_l("Date"), validators=[InputRequired(NOT_A_DATE)])
    body = TextAreaField(_l("What happened, in plain English for residents"),
                         validators=[InputRequired(_l("Write what happened.")), Length(max=5000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.happened_on.errors:
            self.happened_on.errors = [NOT_A_DATE]
        return valid


class PublicTextForm(PrefixedForm):
    prefix_name = "public"
    text = TextAreaField(_l("The recommendation in plain English for residents"), validators=[Length(max=5000)])
    published = BooleanField(_l("Show it on the residents' page “What we heard, and what the city is doing”"))


class TranslationForm(PrefixedForm):
    prefix_name = "translation"
    language = SelectField(_l("Language"), choices=translation_language_choices())
    text = TextAreaField(_l("The recommendation for residents, translated"),
                         validators=[InputRequired(_l("Write the translation.")), Length(max=5000)])
    reason = TextAreaField(_l("The reason for the decision, translated"), validators=[Length(max=5000)])
    checked = BooleanField(_l("A person who reads this language wrote or checked it"))


class UpdateTranslationForm(PrefixedForm):
    """One per update on the page, each with its own prefix ("update-<id>")."""

    language = SelectField(_l("Language"), choices=translation_language_choices())
    text = TextAreaField(_l("The update, translated"),
                         validators=[InputRequired(_l("Write the translation.")), Length(max=5000)])
    checked = BooleanField(_l("A person who reads this language wrote or checked it"))


class MilestoneDoneForm(PrefixedForm):
    """One per milestone on the page, each with its own prefix ("milestone-<id>")."""

    done_on = DateField(_l("Reached on"), validators=[Optional()])

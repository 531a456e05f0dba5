"""Forms of the theme board (staff only, English)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.submissions.forms import PrefixedForm, choices
from portal.submissions.labels import STATUS_LABELS

NAME_REQUIRED = _l("Give the theme a name.")


class ThemeForm(PrefixedForm):
    prefix_name = "theme"
    name = StringField(_l("Name"), validators=[InputRequired(NAME_REQUIRED), Length(max=200)])
    description = TextAreaField(_l("What it is about"), validators=[Length(max=5000)])


class MembersForm(PrefixedForm):
    """The chosen members of a theme (checkboxes named "selected"): remove them, or split them into a new theme."""
    prefix_name = "members"
    action = SelectField(_l("With the chosen submissions"), choices=[
        SelectChoice("remove", _l("Remove from this theme")), SelectChoice("split", _l("Move into a new theme"))])
    new_name = StringField(_l("Name of the new theme"), validators=[Optional(), Length(max=200)])


class MergeForm(PrefixedForm):
    prefix_name = "merge"
    target = SelectField(_l("Merge this theme into"), validators=[InputRequired(_l("Choose a theme."))])


class StatusForm(PrefixedForm):
    prefix_name = "status"
    status = SelectField(_l("Set the status of every submission in this theme"), choices=choices(STATUS_LABELS))
    note = TextAreaField(_l("Note (needed when you refer or close)"), validators=[Length(max=5000)])


class AssignForm(PrefixedForm):
    prefix_name = "assign"
    assignee = SelectField(_l("Assign every submission in this theme to"))


class AddMembersForm(PrefixedForm):
    prefix_name = "add"
    references = TextAreaField(_l("Reference codes to add, one a line or separated by commas"),
                               validators=[InputRequired(_l("Enter at least one reference code.")),
                                           Length(max=20000)])


class AcceptForm(PrefixedForm):
    """Accepting a suggestion: its chosen members (checkboxes named "selected") into a theme."""
    theme = SelectField(_l("Into the theme"), validators=[Optional()])
    new_name = StringField(_l("Or a new theme named"), validators=[Optional(), Length(max=200)])
    as_duplicates = BooleanField(_l("Mark them as duplicates of the earliest instead"))


class RecommendationThemesForm(PrefixedForm):
    """Themes a recommendation rests on (checkboxes named "theme"), for its evidence finder."""
    prefix_name = "rthemes"

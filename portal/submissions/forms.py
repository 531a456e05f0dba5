"""Forms of the back office: inbox filters, triage, notes, replies, translation, redaction, new submissions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.platform.forms import PortalForm
from portal.platform.i18n import LANGUAGES, offered_languages
from portal.models import Source
from portal.submissions.labels import PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS



def choices(labels: dict, *, any_label=None) -> list[SelectChoice]:
    options = [SelectChoice(str(value), label) for value, label in labels.items()]
    return ([SelectChoice("", any_label)] if any_label else []) + options


def language_choices(*, any_label=None, offered_only: bool = False) -> list[SelectChoice]:
    """Every shipped language (to find what was sent in one the city no longer offers), or the offered ones."""
    options = [SelectChoice(language.tag, f"{language.endonym} ({language.tag})", {"lang": language.tag})
               for language in (offered_languages() if offered_only else LANGUAGES)]
    return ([SelectChoice("", any_label)] if any_label else []) + options


class InboxFilterForm(FlaskForm):
    """Read from the URL's query string; no CSRF token, since it changes nothing."""

    class Meta:
        csrf = False

    q = StringField(_l("Search the texts"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])
    category_id = SelectField(_l("Topic"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    meeting_id = SelectField(_l("Meeting"), validators=[Optional()])
    assignee = SelectField(_l("Assigned to"), validators=[Optional()])
    priority = SelectField(_l("Priority"), validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=64)])
    received_from = DateField(_l("Received from"), validators=[Optional()])
    received_to = DateField(_l("Received until"), validators=[Optional()])
    follow_up = SelectField(_l("Asked for follow-up"), validators=[Optional()],
                            choices=[SelectChoice("", _l("Either")), SelectChoice("1", _l("Yes"))])


class PrefixedForm(PortalForm):
    """For pages with several forms: a prefix keeps every field's id unique on the page."""

    prefix_name = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.prefix_name)
        super().__init__(*args, **kwargs)


class TriageForm(PrefixedForm):
    prefix_name = "triage"
    category = SelectField(_l("Topic"))
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS))
    assignee = SelectField(_l("Assigned to"))
    priority = SelectField(_l("Priority"), choices=choices(PRIORITY_LABELS))
    tags = StringField(_l("Tags"), validators=[Length(max=500)],
                       description=_l("Separate tags with commas."))
    note = TextAreaField(_l("Note (needed when you refer or close)"), validators=[Length(max=5000)])


class NoteForm(PrefixedForm):
    prefix_name = "note"
    body = TextAreaField(_l("Internal note"), validators=[InputRequired(_l("Write the note.")), Length(max=5000)])


class ReplyForm(PrefixedForm):
    prefix_name = "reply"
    body = TextAreaField(_l("Reply to the resident"),
                         validators=[InputRequired(_l("Write the reply.")), Length(max=5000)])


class TranslationForm(PrefixedForm):
    prefix_name = "translation"
    translation = TextAreaField(_l("Translation into English"), validators=[Length(max=20000)])


class RedactionForm(PrefixedForm):
    prefix_name = "redaction"
    redacted_text = TextAreaField(_l("Redacted text for reports"), validators=[Length(max=20000)])


class DuplicateForm(PrefixedForm):
    prefix_name = "duplicate"
    original = StringField(_l("Reference code of the original"), validators=[Length(max=40)])


class BulkForm(PrefixedForm):
    prefix_name = "bulk"
    action = SelectField(_l("Action"), choices=[SelectChoice("assign", _l("Assign to")),
                                                SelectChoice("status", _l("Set status")),
                                                SelectChoice("tag", _l("Add tags"))])
    assignee = SelectField(_l("Person"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS), validators=[Optional()])
    tags = StringField(_l("Tags"), validators=[Length(max=500)])
    note = StringField(_l("Note (needed when you refer or close)"), validators=[Length(max=5000)])
    next_url = HiddenField()


class StaffSubmissionForm(PortalForm):
    """A paper form, a phone call or a conversation at a meeting, entered on someone's behalf."""

    source = SelectField(_l("How it reached us"), choices=choices(
        {key: label for key, label in SOURCE_LABELS.items() if key != Source.WEB}))
    language = SelectField(_l("Language the person used"), choices=lambda: language_choices(offered_only=True))
    category = SelectField(_l("Topic"))
    body = TextAreaField(_l("What the person said"),
                         validators=[InputRequired(_l("Write what the person said.")), Length(max=20000)])
    neighbourhood = StringField(_l("Neighbourhood or ZIP code (optional)"), validators=[Length(max=100)])

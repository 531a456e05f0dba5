"""Forms of the back office: inbox filters, triage, notes, replies, translation, redaction, new submissions."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from email_validator import EmailNotValidError, validate_email
from wtforms import (
    BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectChoice, SelectField, StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.platform.forms import PortalForm
from portal.platform.i18n import LANGUAGES, offered_languages
from portal.models import Interpretation, Kind, Source
from portal.submissions.intake import ContactDetails, FeedbackAnswers
from portal.submissions.labels import PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS
from portal.submissions.public_forms import normalized_phone
from portal.submissions.trust import TRUST_CHOICES



def choices(labels: dict, *, any_label=None) -> list[SelectChoice]:
    options = [SelectChoice(str(value), label) for value, label in labels.items()]
    return ([SelectChoice("", any_label)] if any_label else []) + options


RATING_CHOICES = [SelectChoice("", "–")] + [SelectChoice(str(number), str(number)) for number in range(1, 6)]
INTERPRETATION_CHOICES = [
    SelectChoice("", _l("Not answered")), SelectChoice(Interpretation.YES.value, _l("Yes")),
    SelectChoice(Interpretation.PARTLY.value, _l("Partly")), SelectChoice(Interpretation.NO.value, _l("No")),
    SelectChoice(Interpretation.NOT_NEEDED.value, _l("Did not need interpretation")),
]


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
    language = SelectField(_l("Written in"), validators=[Optional()])
    meeting_id = SelectField(_l("Meeting"), validators=[Optional()])
    assignee = SelectField(_l("Assigned to"), validators=[Optional()])
    priority = SelectField(_l("Priority"), validators=[Optional()])
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=64)])
    received_from = DateField(_l("Received from"), validators=[Optional()])
    received_to = DateField(_l("Received until"), validators=[Optional()])
    follow_up = SelectField(_l("Asked for follow-up"), validators=[Optional()],
                            choices=[SelectChoice("", _l("Either")), SelectChoice("1", _l("Yes"))])
    waiting_days = IntegerField(_l("Waiting more than (days)"), validators=[Optional(), NumberRange(0, 3650)],
                                description=_l("No reply yet and not closed."))
    sort = SelectField(_l("Order"), validators=[Optional()],
                       choices=[SelectChoice("", _l("Newest first")),
                                SelectChoice("unanswered", _l("Without a reply, oldest first"))])


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
    translation = TextAreaField(_l("Checked translation into English"), validators=[Length(max=20000)],
                                description=_l("Saving it records you as the person who checked it. Start from "
                                               "the machine's draft, if there is one, and correct it."))


class RedactionForm(PrefixedForm):
    prefix_name = "redaction"
    redacted_text = TextAreaField(_l("Redacted text for reports"), validators=[Length(max=20000)])
    redacted_translation = TextAreaField(
        _l("English of the redacted text"), validators=[Length(max=20000)],
        description=_l("The only English the mayor's office reads: written or checked by a person, without names, "
                       "phone numbers or addresses."))


class LanguageForm(PrefixedForm):
    prefix_name = "language"
    language = SelectField(_l("Written in"), choices=language_choices())


class AskTranslatorForm(PrefixedForm):
    """Only the CSRF token: sends the submission to the translators' queue of its language."""
    prefix_name = "ask"


class DuplicateForm(PrefixedForm):
    prefix_name = "duplicate"
    original = StringField(_l("Reference code of the original"), validators=[Length(max=40)])


class DuplicatesForm(PrefixedForm):
    prefix_name = "duplicates"
    codes = TextAreaField(_l("Reference codes of its duplicates"), validators=[Length(max=20000)],
                          description=_l("One per line: each becomes a duplicate of this submission."))


class BulkForm(PrefixedForm):
    prefix_name = "bulk"
    scope = RadioField(_l("Apply to"), default="chosen", choices=[
        SelectChoice("chosen", _l("The chosen submissions")),
        SelectChoice("matching", _l("Every submission that matches these filters"))])
    # How many matched when the page was shown: a bulk action on every match is refused if that changed since.
    expected = HiddenField()
    action = SelectField(_l("Action"), choices=[SelectChoice("assign", _l("Assign to")),
                                                SelectChoice("status", _l("Set status")),
                                                SelectChoice("tag", _l("Add tags"))])
    assignee = SelectField(_l("Person"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=choices(STATUS_LABELS), validators=[Optional()])
    tags = StringField(_l("Tags"), validators=[Length(max=500)])
    note = StringField(_l("Note (needed when you refer or close)"), validators=[Length(max=5000)])
    next_url = HiddenField()


class StaffSubmissionForm(PortalForm):
    """A paper form, a phone call or a conversation at a meeting, entered on someone's behalf: a concern, or
    feedback on a meeting with its ratings; the person's own words in their language, and an English summary apart;
    contact details only with the consent the person gave, recorded."""

    source = SelectField(_l("How it reached us"), choices=choices(
        {key: label for key, label in SOURCE_LABELS.items() if key != Source.WEB}))
    kind = RadioField(_l("What it is"), default=Kind.CONCERN.value, choices=[
        SelectChoice(Kind.CONCERN.value, _l("A concern")),
        SelectChoice(Kind.MEETING_FEEDBACK.value, _l("Feedback on a meeting (a paper feedback form)"))])
    language = SelectField(_l("Language the person used"), validators=[InputRequired(_l("Choose the language."))])
    category = SelectField(_l("Topic (for a concern)"), default="")
    meeting = SelectField(_l("Meeting (for feedback)"), default="")
    usefulness = SelectField(_l("How useful was the meeting? (1–5)"), choices=RATING_CHOICES, default="")
    felt_heard = SelectField(_l("Did they feel heard? (1–5)"), choices=RATING_CHOICES, default="")
    interpretation = SelectField(_l("Could they follow, with interpretation?"), choices=INTERPRETATION_CHOICES,
                                 default="")
    body = TextAreaField(_l("What the person said or wrote"),
                         description=_l("In their words and in their language, as written on the form or said. "
                                        "Put their name and number in the contact details below, not here."),
                         validators=[InputRequired(_l("Write what the person said.")), Length(max=20000)])
    improvement = TextAreaField(_l("What the meeting could do better (for feedback)"),
                                validators=[Length(max=20000)])
    english_summary = TextAreaField(_l("English summary (optional)"),
                                    description=_l("Kept apart as the English translation; the text above keeps "
                                                   "the language it is in."),
                                    validators=[Length(max=20000)])
    neighbourhood = StringField(_l("Neighbourhood or ZIP code (optional)"), validators=[Length(max=100)])
    # Counted apart from the submission, as on the residents' forms (portal/submissions/trust.py).
    trust = SelectField(_l("Their answer to the trust question, if they gave one"),
                        choices=[SelectChoice("", _l("Not answered")), *TRUST_CHOICES], validators=[Optional()])
    follow_up = BooleanField(_l("The person wants us to call or write back"))
    name = StringField(_l("Their name (optional)"), validators=[Length(max=200)])
    phone = StringField(_l("Phone number"), validators=[Length(max=40)])
    email = StringField(_l("Email address"), validators=[Length(max=320)])
    contact_language = SelectField(_l("Language to call or write back in"), default="")
    consent = BooleanField(_l("I told the person that we keep these details, encrypted, only to contact them about "
                              "this and delete them after it is closed, and they agreed"))

    def __init__(self, *args, phone_region: str = "US", **kwargs):
        super().__init__(*args, **kwargs)
        self.phone_region = phone_region
        self.language.choices = language_choices(any_label=_l("Choose the language"), offered_only=True)
        self.contact_language.choices = language_choices(any_label=_l("The language they used"), offered_only=True)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data == Kind.CONCERN.value and not self.category.data:
            self.category.errors.append(_l("Choose the topic of the concern."))
            valid = False
        if self.kind.data == Kind.MEETING_FEEDBACK.value:
            for field, message in ((self.meeting, _l("Choose the meeting.")),
                                   (self.usefulness, _l("Choose how useful the meeting was.")),
                                   (self.felt_heard, _l("Choose how heard they felt."))):
                if not field.data:
                    field.errors.append(message)
                    valid = False
        if self.follow_up.data:
            valid = self._validate_contact() and valid
        return valid

    def _validate_contact(self) -> bool:
        if not self.email.data and not self.phone.data:
            self.phone.errors.append(_l("Write a phone number or an email address to call or write back."))
            return False
        valid = True
        if self.email.data:
            try:
                self.email.data = validate_email(self.email.data, check_deliverability=False).normalized
            except EmailNotValidError:
                self.email.errors.append(_l("Enter an email address like name@example.com."))
                valid = False
        if self.phone.data:
            formatted = normalized_phone(self.phone.data, self.phone_region)
            if formatted is None:
                self.phone.errors.append(_l("Enter a phone number with only digits, for example 502 555 0123."))
                valid = False
            else:
                self.phone.data = formatted
        if not self.consent.data:
            self.consent.errors.append(_l("Tick this box once the person has agreed, or untick “call or write "
                                          "back”."))
            valid = False
        return valid

    def contact_details(self) -> ContactDetails | None:
        if not self.follow_up.data:
            return None  # whatever was typed in the contact fields is not kept
        return ContactDetails(name=self.name.data or "", email=self.email.data or "", phone=self.phone.data or "",
                              preferred_language=self.contact_language.data or self.language.data)

    def feedback_answers(self) -> FeedbackAnswers:
        return FeedbackAnswers(
            usefulness=int(self.usefulness.data), felt_heard=int(self.felt_heard.data),
            interpretation=Interpretation(self.interpretation.data) if self.interpretation.data else None,
            act_on=self.body.data or "", improvement=self.improvement.data or "")

"""Forms of the meetings area: a meeting, its closing report, linking a concern, and the flyer's options."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField, DateTimeLocalField, IntegerField, RadioField, SelectChoice, SelectMultipleField, StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from portal.platform.forms import PortalForm
from portal.platform.i18n import LANGUAGES, Language, offered_languages
from portal.meetings import flyer as flyer_options
from portal.meetings.service import ClosingReport, MeetingDetails, NonexistentLocalTime, local_to_utc, utc_to_local
from portal.platform.staff_languages import OTHER_LANGUAGES, field_key
from portal.submissions.forms import PrefixedForm

TIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
NOT_A_TIME = _l("Enter a date and time, for example 2026-12-03 18:30.")


class LocalTimeField(DateTimeLocalField):
    """A wall-clock date and time in the city's zone, with our own message for a bad value."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=TIME_FORMATS, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(NOT_A_TIME)) from error


class CountField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(str(_l("Enter a whole number, for example 45."))) from error


class LanguageChoiceField(SelectMultipleField):
    """Checkboxes of the shipped languages; the template draws them."""

    def pre_validate(self, form):
        offered = {choice.value for choice in self.choices}
        if any(value not in offered for value in self.data or ()):
            raise ValidationError(_l("Choose among the languages shown."))


class CheckboxLinks(PortalForm):
    """The error summary links a checkbox group to its first box, as it does for radios."""

    def problems(self):
        groups = {field.id for field in self if isinstance(field, LanguageChoiceField)}
        return [(f"{input_id}-0" if input_id in groups else input_id, message)
                for input_id, message in super().problems()]


def language_choices() -> list[SelectChoice]:
    """The languages this city offers; passed uncalled, so WTForms asks each time a form is made."""
    return [SelectChoice(language.tag, language.endonym, {"lang": language.tag}) for language in offered_languages()]


def _https_link(form, field):
    if field.data and not field.data.lower().startswith(("https://", "http://")):
        raise ValidationError(_l("Give a full web address starting with https://."))


class MeetingForm(CheckboxLinks, PortalForm):
    """Title and description per language (English required); times typed in the city's zone."""

    title_en = StringField(_l("Title in English"), validators=[
        InputRequired(_l("Give the meeting a title in English.")), Length(max=200)])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=5000)])
    starts_at = LocalTimeField(_l("Starts"), validators=[InputRequired(_l("Enter when the meeting starts."))])
    ends_at = LocalTimeField(_l("Ends"), validators=[InputRequired(_l("Enter when the meeting ends."))])
    place = StringField(_l("Place (address, room)"), validators=[Length(max=300)])
    online_url = StringField(_l("Online link"), validators=[Optional(), Length(max=500), _https_link])
    organisers = StringField(_l("Organisers"), validators=[Length(max=300)])
    partners = StringField(_l("Partner organisations"), validators=[Length(max=300)])
    interpreted_languages = LanguageChoiceField(_l("Languages with interpretation"), choices=language_choices)
    feedback_opens_at = LocalTimeField(_l("Feedback opens"), validators=[Optional()])
    feedback_closes_at = LocalTimeField(_l("Feedback closes"), validators=[Optional()])

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.utc: dict[str, datetime] = {}

    # The page's order: English, times, place, people, languages, window, translations.
    field_order = ("title_en", "description_en", "starts_at", "ends_at", "place", "online_url", "organisers",
                   "partners", "interpreted_languages", "feedback_opens_at", "feedback_closes_at",
                   *(f"{kind}_{field_key(language.tag)}" for language in OTHER_LANGUAGES
                     for kind in ("title", "description")))

    def translation_fields(self, language: Language):
        key = field_key(language.tag)
        return self[f"title_{key}"], self[f"description_{key}"]

    def fill_from(self, meeting) -> None:
        """Shows a stored meeting: texts per language, and times as wall-clock times in the city's zone."""
        for language in LANGUAGES:
            key = field_key(language.tag)
            self[f"title_{key}"].data = meeting.title.get(language.tag, "")
            self[f"description_{key}"].data = meeting.description.get(language.tag, "")
        for name in ("starts_at", "ends_at", "feedback_opens_at", "feedback_closes_at"):
            self[name].data = utc_to_local(getattr(meeting, name), self.zone)
        for name in ("place", "organisers", "partners"):
            self[name].data = getattr(meeting, name)
        self.online_url.data = meeting.online_url or ""
        self.interpreted_languages.data = list(meeting.interpreted_languages)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in ("starts_at", "ends_at", "feedback_opens_at", "feedback_closes_at"):
            field = self[name]
            if field.data is None or field.errors:
                continue
            try:
                self.utc[name] = local_to_utc(field.data, self.zone)
            except NonexistentLocalTime:
                field.errors.append(_l("This time does not exist in %(zone)s: the clocks move forward that "
                                       "night. Choose another time.", zone=self.zone))
                valid = False
        starts, ends = self.utc.get("starts_at"), self.utc.get("ends_at")
        if starts and ends and ends <= starts:
            self.ends_at.errors.append(_l("The meeting must end after it starts."))
            valid = False
        opens = self.utc.get("feedback_opens_at") or starts
        closes = self.utc.get("feedback_closes_at")
        if opens and closes and closes <= opens:
            self.feedback_closes_at.errors.append(_l("Feedback must close after it opens."))
            valid = False
        if not self.place.data and not self.online_url.data and not self.place.errors:
            self.place.errors.append(_l("Give a place or an online link."))
            valid = False
        return valid

    def details(self) -> MeetingDetails:
        """What was typed, once validate() passed; an empty feedback window means the default one."""
        texts = {kind: {language.tag: self[f"{kind}_{field_key(language.tag)}"].data or ""
                        for language in LANGUAGES} for kind in ("title", "description")}
        return MeetingDetails(
            title=texts["title"], description=texts["description"],
            starts_at=self.utc["starts_at"], ends_at=self.utc["ends_at"],
            place=self.place.data or "", online_url=self.online_url.data or None,
            organisers=self.organisers.data or "", partners=self.partners.data or "",
            interpreted_languages=[language.tag for language in LANGUAGES
                                   if language.tag in (self.interpreted_languages.data or ())],
            feedback_opens_at=self.utc.get("feedback_opens_at"), feedback_closes_at=self.utc.get("feedback_closes_at"),
        )


class ClosingReportForm(PortalForm):
    """The closing report, written after the meeting."""

    attendance = CountField(_l("How many people came"), validators=[
        Optional(), NumberRange(min=0, max=100000, message=_l("Enter a number from 0 to 100,000."))])
    organisations_present = TextAreaField(_l("Organisations present"), validators=[Length(max=2000)])
    summary_en = TextAreaField(_l("What was raised, in English"), validators=[
        InputRequired(_l("Write what was raised, in English.")), Length(max=20000)])

    field_order = ("attendance", "organisations_present", "summary_en",
                   *(f"summary_{field_key(language.tag)}" for language in OTHER_LANGUAGES))

    def summary_field(self, language: Language):
        return self[f"summary_{field_key(language.tag)}"]

    def fill_from(self, meeting) -> None:
        self.attendance.data = meeting.attendance
        self.organisations_present.data = meeting.organisations_present
        for language in LANGUAGES:
            self.summary_field(language).data = meeting.summary.get(language.tag, "")

    def report(self) -> ClosingReport:
        return ClosingReport(
            attendance=self.attendance.data, organisations_present=self.organisations_present.data or "",
            summary={language.tag: self.summary_field(language).data or "" for language in LANGUAGES})


for _language in OTHER_LANGUAGES:
    _key, _name = field_key(_language.tag), _language.tag
    setattr(MeetingForm, f"title_{_key}", StringField(
        _l("Title (%(tag)s)", tag=_name), validators=[Length(max=200)], render_kw={"lang": _language.tag}))
    setattr(MeetingForm, f"description_{_key}", TextAreaField(
        _l("Description (%(tag)s)", tag=_name), validators=[Length(max=5000)], render_kw={"lang": _language.tag}))
    setattr(ClosingReportForm, f"summary_{_key}", TextAreaField(
        _l("What was raised (%(tag)s)", tag=_name), validators=[Length(max=20000)],
        render_kw={"lang": _language.tag}))


class LinkConcernForm(PrefixedForm):
    prefix_name = "link"
    reference = StringField(_l("Reference code of a concern raised at this meeting"), validators=[
        InputRequired(_l("Enter the concern's reference code.")), Length(max=40)])


class CancelForm(PrefixedForm):
    prefix_name = "cancel"
    confirm = BooleanField(
        _l("Cancel this meeting. Residents will see that it is cancelled, and it will take no feedback. "
           "This cannot be undone."),
        validators=[InputRequired(_l("Tick the box to confirm that the meeting is cancelled."))])


class FlyerForm(CheckboxLinks, PortalForm):
    """Read from the query string: printing changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    kind = RadioField(_l("Flyer"), choices=[
        SelectChoice(flyer_options.INVITATION, _l("An invitation to come, with the languages interpreted there")),
        SelectChoice(flyer_options.FEEDBACK, _l("For the meeting itself: scan to say how it went"))])
    languages = LanguageChoiceField(_l("Languages on the flyer (up to six)"), choices=language_choices)
    paper = RadioField(_l("Paper size"), choices=[
        SelectChoice(flyer_options.A4, _l("A4")), SelectChoice(flyer_options.LETTER, _l("US Letter"))])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        chosen = self.languages.data or []
        if not chosen:
            self.languages.errors.append(_l("Choose at least one language."))
            valid = False
        elif len(chosen) > flyer_options.MAX_LANGUAGES:
            self.languages.errors.append(_l("Choose at most six languages."))
            valid = False
        return valid

    def chosen_tags(self) -> list[str]:
        """In the order of the language list, English first."""
        return [language.tag for language in LANGUAGES if language.tag in (self.languages.data or ())]

"""The resident forms: a concern, and feedback on a meeting, each with an optional follow-up block."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import format_number, gettext as _, lazy_gettext as _l
from markupsafe import Markup
from wtforms import (
    BooleanField, Field, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField,
)
from wtforms.utils import unset_value
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from portal.platform.city_days import city_today
from portal.platform.forms import PortalForm, clean_text
from portal.platform.i18n import DEFAULT_TAG, offered_languages
from portal.models import Category, Interpretation
from portal.submissions.intake import ContactDetails, FeedbackAnswers
from portal.submissions.trust import TRUST_CHOICES, TRUST_QUESTION


class TextLimit:
    """At most the configured number of characters, saying how many were written."""

    def __call__(self, form, field):
        limit = current_app.config["BODY_MAX_CHARS"]
        if field.data and len(field.data) > limit:
            raise ValidationError(
                _(
                    "Please make this shorter. You can write up to %(limit)s characters; you wrote %(count)s.",
                    limit=format_number(limit),
                    count=format_number(len(field.data)),
                )
            )


class DayMonthYearField(Field):
    """An optional date as three boxes, day, month and year (GOV.UK's date input): no browser date picker needed,
    nothing to guess about 20/11 or 11/20, and digits of any script (int() reads ٢٠ and २०). Not in the future."""

    PARTS = ("day", "month", "year")

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.typed = dict.fromkeys(self.PARTS, "")
        self.data = None if data is unset_value else data
        self.raw_data = []
        if formdata is None:
            return
        self.typed = {part: clean_text(formdata.get(f"{self.name}-{part}")) or "" for part in self.PARTS}
        self.raw_data = [" ".join(self.typed.values()).strip()] if any(self.typed.values()) else []
        self.data = None
        if self.raw_data:
            try:
                day, month, year = (int(self.typed[part]) for part in self.PARTS)
                if year < 1000:
                    raise ValueError("a year has four digits")
                self.data = date(year, month, day)
            except (ValueError, OverflowError):  # not a number, no such day, or a number no calendar has
                self.process_errors.append(_("Enter a real date, or leave it empty."))

    def pre_validate(self, form):
        if self.data and self.data > city_today():
            raise ValidationError(_("The date cannot be in the future."))


TOO_LONG = _l("Please make this shorter: at most %(max)d characters.")


class ChoiceValidated:
    """A choice outside the offered options (a tampered form) gets our own translated message."""

    data: Any
    choices: list[SelectChoice]

    def pre_validate(self, form):
        if self.data is not None and self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_("Choose one of the options."))


class OptionRadioField(ChoiceValidated, RadioField):
    pass


class OptionSelectField(ChoiceValidated, SelectField):
    pass


# Each language named in its own words and marked with its tag, so screen readers say it in that language.
def contact_language_choices() -> list[SelectChoice]:
    """The offered languages; passed uncalled, so WTForms asks each time a form is made."""
    return [SelectChoice(language.tag, language.endonym, {"lang": language.tag}) for language in offered_languages()]


class FollowUpForm(PortalForm):
    """Contact details, asked for only when the person wants a reply."""

    follow_up = BooleanField(_l("Yes, I would like the office to contact me"))
    name = StringField(_l("Your name (optional)"), validators=[Length(max=200, message=TOO_LONG)])
    email = StringField(_l("Email address"), validators=[Length(max=320, message=TOO_LONG)])
    phone = StringField(_l("Phone number"), validators=[Length(max=40, message=TOO_LONG)])
    contact_language = OptionSelectField(_l("Language we should use"), choices=contact_language_choices)
    consent = BooleanField(_l("I agree that the office keeps my contact details to reply to me."))
    # A honeypot: hidden from people (and screen readers), filled in by form-filling robots.
    leave_empty = StringField(_l("Leave this field empty"), validators=[Length(max=200)])
    # One random token per form shown (public_views.open_form_token): the same form sent twice is stored once.
    form_token = HiddenField(validators=[Length(max=64)])

    FOLLOW_UP_FIELDS = ("follow_up", "name", "email", "phone", "contact_language", "consent", "leave_empty")

    CONTACT_FIELDS = ("name", "email", "phone")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.follow_up.data:
            valid = self._validate_contact() and valid
        elif self.contact_typed():
            # Details typed without the choice would be dropped while the person waits for a reply: ask instead.
            self.follow_up.errors.append(_(
                "You wrote contact details but did not choose “%(choice)s”. Choose it to get a reply, or remove "
                "your details to stay anonymous.", choice=self.follow_up.label.text))
            valid = False
        return valid

    def contact_typed(self) -> bool:
        return any(self._fields[name].data for name in self.CONTACT_FIELDS)

    def _validate_contact(self) -> bool:
        valid = True
        if not self.email.data and not self.phone.data:
            self.email.errors.append(_("Give an email address or a phone number, so we can reply to you."))
            return False
        if self.email.data:
            try:
                self.email.data = validate_email(self.email.data, check_deliverability=False).normalized
            except EmailNotValidError:
                self.email.errors.append(_("Enter an email address like name@example.com."))
                valid = False
        if self.phone.data:
            try:
                self.phone.data = normalized_phone(self.phone.data, current_app.config["PHONE_REGION"])
            except ValidationError as problem:
                self.phone.errors.append(str(problem))
                valid = False
        if not self.consent.data:
            self.consent.errors.append(_("Tick this box so we may keep your details, or untick “contact me”."))
            valid = False
        return valid

    def sent_by_a_robot(self) -> bool:
        return bool(self.leave_empty.data)

    def sent_form_key(self) -> str | None:
        """A digest of the form's token and every answer: the same form sent twice gives the same key, while a
        second tab holding the same token but other answers is another message. None for a form without token."""
        if not self.form_token.data:
            return None
        answers = {name: field.data for name, field in self._fields.items() if name != "csrf_token"}
        canonical = json.dumps(answers, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def contact_details(self) -> ContactDetails | None:
        if not self.follow_up.data:
            return None  # whatever was typed in the contact fields is not kept
        return ContactDetails(
            name=self.name.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            preferred_language=self.contact_language.data,
        )


def normalized_phone(typed: str, region: str) -> str:
    """A number someone could call, in E.164 with its extension ("+15025550123 ext. 4"), read as the city's own
    when it has no country code. Raises ValidationError with what to change.

    00 is how most of the world starts an international number; phonenumbers only knows each region's own exit
    code (011 in the US), so 00 is read as +. Validity, not only possibility: 0788 123 456 (a Rwandan mobile
    written at home) read as American has the right length but is no American number, and 555-0123 lacks its
    area code: both would be stored as numbers nobody can call.
    """
    written = typed.strip()
    if written.startswith("00"):
        written = "+" + written[2:]
    try:
        number = phonenumbers.parse(written, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Enter a phone number with only digits, for example 502 555 0123.")) from None
    if phonenumbers.is_valid_number(number):
        formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return f"{formatted} ext. {number.extension}" if number.extension else formatted
    if phonenumbers.is_possible_number_with_reason(number) == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise ValidationError(_("Add the area code, for example %(example)s.", example=_example(region)))
    raise ValidationError(_(
        "We cannot call this number. Check it. For a number from another country, start with + or 00 and the "
        "country code, for example %(example)s.", example=_example(foreign_region(region), international=True)))


def foreign_region(region: str) -> str:
    """A country whose numbers the example shows written from abroad: Rwanda, or the US for a city in Rwanda."""
    return "RW" if region != "RW" else "US"


def _example(region: str, international: bool = False) -> str:
    style = phonenumbers.PhoneNumberFormat.INTERNATIONAL if international else phonenumbers.PhoneNumberFormat.NATIONAL
    mobile = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if mobile is None:  # a region phonenumbers has no mobile example for
        return FALLBACK_EXAMPLE
    return phonenumbers.format_number(mobile, style)


FALLBACK_EXAMPLE = "+250 720 123 456"  # Rwanda's example mobile number, written from abroad


class TrustQuestion(PortalForm):
    """The optional trust question (portal/submissions/trust.py), shown by templates/public/_trust_question.html."""

    trust = OptionRadioField(TRUST_QUESTION, choices=TRUST_CHOICES, validators=[Optional()])


def _topic_label(category: Category, tag: str) -> str:
    """The topic's name in the reader's language; a name not yet translated is marked as English for screen readers."""
    if category.names.get(tag):
        return category.names[tag]
    return Markup('<span lang="{}">{}</span>').format(DEFAULT_TAG, category.name_in(tag))


class ConcernForm(TrustQuestion, FollowUpForm):
    category = OptionRadioField(
        _l("What is it about?"), validators=[InputRequired(message=_l("Choose what your concern is about."))]
    )
    body = TextAreaField(
        _l("What happened?"), validators=[InputRequired(message=_l("Tell us what happened.")), TextLimit()]
    )
    neighbourhood = StringField(_l("Neighbourhood or ZIP code (optional)"),
                                validators=[Length(max=100, message=TOO_LONG)])
    occurred_on = DayMonthYearField(_l("When did it happen? (optional)"), validators=[Optional()])

    field_order = ("category", "body", "neighbourhood", "occurred_on", *FollowUpForm.FOLLOW_UP_FIELDS)

    def __init__(self, categories: list[Category], tag: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.category.choices = [SelectChoice(category.slug, _topic_label(category, tag))
                                 for category in categories]

    @property
    def chosen_category(self) -> Category:
        return self.categories[self.category.data]


RATING_LABELS = (
    # Translators: 1 to 5 scale for "How useful was the meeting?" and "Did you feel heard?"
    SelectChoice("1", _l("1 – Not at all")),
    SelectChoice("2", _l("2 – A little")),
    SelectChoice("3", _l("3 – Somewhat")),
    SelectChoice("4", _l("4 – Mostly")),
    SelectChoice("5", _l("5 – Very much")),
)

INTERPRETATION_LABELS = (
    # Translators: answers to "Could you follow the meeting in your language?"
    SelectChoice(Interpretation.YES.value, _l("Yes, there was interpretation in my language")),
    # Translators: answer to "Could you follow the meeting in your language?"
    SelectChoice(Interpretation.PARTLY.value, _l("Partly")),
    # Translators: answer to "Could you follow the meeting in your language?"
    SelectChoice(Interpretation.NO.value, _l("No")),
    SelectChoice(Interpretation.NOT_NEEDED.value, _l("I did not need interpretation")),
)


class FeedbackForm(TrustQuestion, FollowUpForm):
    usefulness = OptionRadioField(
        _l("How useful was the meeting for you?"),
        choices=RATING_LABELS,
        validators=[InputRequired(message=_l("Choose how useful the meeting was."))],
    )
    felt_heard = OptionRadioField(
        _l("Did you feel heard?"),
        choices=RATING_LABELS,
        validators=[InputRequired(message=_l("Choose how much you felt heard."))],
    )
    interpretation = OptionRadioField(
        _l("Could you follow the meeting in your language?"),
        choices=INTERPRETATION_LABELS,
        validators=[Optional()],
    )
    act_on = TextAreaField(_l("What should the city act on? (optional)"), validators=[TextLimit()])
    improvement = TextAreaField(_l("What should we do better next time? (optional)"), validators=[TextLimit()])

    field_order = ("usefulness", "felt_heard", "interpretation", "act_on", "improvement",
                   *FollowUpForm.FOLLOW_UP_FIELDS)

    def answers(self) -> FeedbackAnswers:
        return FeedbackAnswers(
            usefulness=int(self.usefulness.data),
            felt_heard=int(self.felt_heard.data),
            interpretation=Interpretation(self.interpretation.data) if self.interpretation.data else None,
            act_on=self.act_on.data or "",
            improvement=self.improvement.data or "",
        )


class StatusForm(PortalForm):
    reference = StringField(
        _l("Your reference code"),
        validators=[InputRequired(message=_l("Enter the reference code you were given.")),
                    Length(max=40, message=TOO_LONG)],
    )


class DeleteForm(PortalForm):
    """Deleting what one sent: the code travels in the form body, never in a URL."""

    reference = HiddenField(validators=[InputRequired()])
    confirmed = HiddenField()

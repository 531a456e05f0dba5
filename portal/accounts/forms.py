"""Forms of the staff side: sign-in, two-factor, passwords, users, settings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, EmailField, PasswordField, SelectChoice, SelectField, SelectMultipleField, StringField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional, ValidationError

from portal.platform.forms import PortalForm
from portal.models import Role
from portal.platform.i18n import DEFAULT_TAG, LANGUAGES
from portal.accounts.passwords import password_problem

ROLE_CHOICES = [SelectChoice(Role.STAFF.value, _l("Staff")),
                SelectChoice(Role.VIEWER.value, _l("Viewer (mayor's office)")),
                SelectChoice(Role.ADMIN.value, _l("Admin")),
                SelectChoice(Role.TRANSLATOR.value, _l("Translator (their languages only, no contact details)"))]
TRANSLATOR_LANGUAGE_CHOICES = [SelectChoice(language.tag, f"{language.endonym} ({language.tag})",
                                            {"lang": language.tag})
                               for language in LANGUAGES if language.tag != DEFAULT_TAG]


class NewPassword:
    def __call__(self, form, field):
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class SignInForm(PortalForm):
    email = EmailField(_l("Email address"), validators=[InputRequired(_l("Enter your email address."))])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password."))])


class CodeForm(PortalForm):
    code = StringField(_l("6-digit code from your authenticator app"),
                       validators=[InputRequired(_l("Enter the code.")), Length(min=6, max=8)])


class SignInCodeForm(PortalForm):
    code = StringField(_l("6-digit code from your authenticator app, or a recovery code"),
                       validators=[InputRequired(_l("Enter the code.")), Length(min=6, max=20)])


class ResetPasswordForm(PortalForm):
    password = PasswordField(_l("New first password"),
                             validators=[InputRequired(_l("Enter a first password.")), NewPassword()])


class ChangePasswordForm(PortalForm):
    current = PasswordField(_l("Current password"), validators=[InputRequired(_l("Enter your current password."))])
    new = PasswordField(_l("New password"), validators=[InputRequired(_l("Enter a new password.")), NewPassword()])
    confirm = PasswordField(_l("New password again"),
                            validators=[EqualTo("new", message=_l("The two new passwords differ."))])


class WatchForm(PortalForm):
    """The topics a person gets an email about when a new submission arrives; checkboxes drawn by the page."""

    categories = SelectMultipleField(_l("Email me when a new submission arrives about"), validators=[Optional()])
    weekly_digest = BooleanField(_l("Email me the weekly digest: how many submissions came in, never their text"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "watch")  # the account page has another form
        super().__init__(*args, **kwargs)


class NewUserForm(PortalForm):
    email = EmailField(_l("Email address"), validators=[InputRequired(_l("Enter an email address.")),
                                                       Email(_l("Enter a valid email address."))])
    name = StringField(_l("Name"), validators=[Length(max=200)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    password = PasswordField(_l("First password"),
                             validators=[InputRequired(_l("Enter a first password.")), NewPassword()])


class EditUserForm(PortalForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_l("Account is active"))
    translator_languages = SelectMultipleField(_l("Languages they translate"), choices=TRANSLATOR_LANGUAGE_CHOICES,
                                               validators=[Optional()])


class SettingsForm(PortalForm):
    require_two_factor = BooleanField(_l("Everyone must use two-factor sign-in"))


class AuditFilterForm(FlaskForm):
    """Read from the query string; changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    action = StringField(_l("Action (for example submission.contact_revealed)"),
                         validators=[Optional(), Length(max=64)])
    actor = SelectField(_l("Who"), validators=[Optional()])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("Until"), validators=[Optional()])

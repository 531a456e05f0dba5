"""The base every form builds on: text cleaned on the way in, errors listed in page order."""
from __future__ import annotations

import re

from flask_babel import LazyString, lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms import RadioField, StringField, TextAreaField
from wtforms.csrf.core import CSRF

# C0 and C1 control characters except tab and newline; they have no place in what people write.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

CSRF_EXPIRED_MESSAGE = _l(
    "This page was open for a long time, so we could not send it yet. What you wrote is still here. "
    "Please press the button again."
)


def clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARACTERS.sub("", value).strip()


class TokenSignedWhenShown(CSRF):
    """Flask-WTF's CSRF token, through WTForms' public interface for a form's CSRF (Meta.csrf_class) and Flask-WTF's
    public generate_csrf and validate_csrf, signed only if the form is shown. A form sent without mistakes answers
    with a redirect, so signing it there was work thrown away on every submission (bench/README.md,
    "Throughput"). The token sent is checked by CSRFProtect before the view and again by the form."""

    def setup_form(self, form):
        self.meta = form.meta
        return super().setup_form(form)

    def generate_csrf_token(self, csrf_token_field):
        return LazyString(generate_csrf, secret_key=self.meta.csrf_secret, token_key=self.meta.csrf_field_name)

    def validate_csrf_token(self, form, field):
        validate_csrf(field.data, self.meta.csrf_secret, self.meta.csrf_time_limit, self.meta.csrf_field_name)


class PortalForm(FlaskForm):
    # Field names in the order the page shows them; the error summary follows it.
    field_order: tuple[str, ...] = ()

    class Meta:
        csrf_class = TokenSignedWhenShown

        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", []))
            if issubclass(unbound_field.field_class, (StringField, TextAreaField)):
                filters.insert(0, clean_text)
            return unbound_field.bind(form=form, filters=filters, **options)

    def problems(self) -> list[tuple[str | None, str]]:
        """(id of the input to link to, message) for the error summary, in page order."""
        found: list[tuple[str | None, str]] = []
        if self.meta.csrf and self.csrf_token.errors:
            found.append((None, str(CSRF_EXPIRED_MESSAGE)))
        names = list(self.field_order) + [name for name in self._fields if name not in self.field_order]
        for name in names:
            field = self._fields[name]
            if field.errors and name != "csrf_token":
                found.append((first_input_id(field), str(field.errors[0])))
        return found


def first_input_id(field) -> str:
    """Radio groups have no element with the field's own id: link to their first option."""
    return f"{field.id}-0" if isinstance(field, RadioField) else field.id


def input_attributes(field, has_hint: bool = False, **extra) -> dict[str, str]:
    """aria-describedby / aria-invalid for a field, plus the extra attributes that are set."""
    described = [f"{field.id}-hint"] if has_hint else []
    if field.errors:
        described.append(f"{field.id}-error")
    attributes = {name: value for name, value in extra.items() if value is not None}
    if described:
        attributes["aria-describedby"] = " ".join(described)
    if field.errors:
        attributes["aria-invalid"] = "true"
    return attributes

"""Forms of the translators' pages and the admins' machine-translation page."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

from portal.platform.forms import PortalForm


class CheckedTranslationForm(PortalForm):
    translation = TextAreaField(_l("English translation (yours, or the machine's draft corrected)"),
                                validators=[Length(max=20000)])


class RetryForm(PortalForm):
    """Only the CSRF token: the submission is in the URL."""

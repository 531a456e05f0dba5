"""Resident words used outside the resident pages: on the printed flyer, once in each of its languages.

Call these inside flask_babel.force_locale(...) to get them in a chosen language.
"""
from flask_babel import gettext as _


def invitation() -> str:
    # Translators: printed on a meeting's flyer under a QR code that opens the meeting's feedback page
    return _("Scan the code to tell us how the meeting went.")


def feedback_until(date: str) -> str:
    # Translators: %(date)s is a date such as "December 26, 2026"
    return _("You can give feedback until %(date)s.", date=date)

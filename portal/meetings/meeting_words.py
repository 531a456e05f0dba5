"""Resident words used outside the resident pages: on the printed flyer, once in each of its languages.

Call these inside flask_babel.force_locale(...) to get them in a chosen language.
"""
from flask_babel import gettext as _


def invitation() -> str:
    # Translators: printed on a meeting's flyer under a QR code that opens the meeting's feedback page
    return _("Scan the code to tell us how the meeting went.")


def come_to_the_meeting() -> str:
    # Translators: the headline of a flyer printed before a community meeting, in each of its languages
    return _("You are invited. Come and tell the city what matters to you.")


def scan_for_details() -> str:
    # Translators: printed on a flyer before a meeting, under a QR code that opens the meeting's page
    return _("Scan the code to see the time and place, and to add it to your calendar.")


def interpreters_for() -> str:
    return _("Interpreters for")


def community_meeting() -> str:
    # Translators: a flyer panel's title when the meeting has no title in the panel's language
    return _("Community meeting")


def feedback_until(date: str) -> str:
    # Translators: %(date)s is a date such as "December 26, 2026"
    return _("You can give feedback until %(date)s.", date=date)

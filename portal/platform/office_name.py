"""The office's English name, for the back office, mail's From and two-factor apps.

Admins set it (with its versions in other languages) in the identity feature, which registers where to read it
(portal/identity/office.py); before that, and outside it, it is PORTAL_OFFICE_NAME.
"""
from __future__ import annotations

from flask import current_app

EXTENSION = "portal.office_name_in_english"


def office_name_in_english() -> str:
    name_in_english = current_app.extensions.get(EXTENSION)
    return name_in_english() if name_in_english else current_app.config["OFFICE_NAME"]

"""Roles, what each may do, and the decorator every staff view carries.

Everything under /staff/ requires sign-in (see enforce_sign_in); each view also names the permission it needs,
and a test walks the URL map to make sure none is missing.
"""
from __future__ import annotations

import enum
from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from portal.models import Role


class Permission(enum.StrEnum):
    SIGNED_IN = "signed_in"  # any active account: own profile, two-factor, sign out
    VIEW_DASHBOARD = "view_dashboard"
    TRIAGE = "triage"  # inbox, submissions, notes, replies, redaction
    SEE_CONTACT = "see_contact"
    ADMINISTER = "administer"  # users, categories, settings, audit log
    MANAGE_MEETINGS = "manage_meetings"  # create, edit and cancel meetings, closing reports, flyers
    READ_REPORTS = "read_reports"  # final recommendation reports and their PDFs (drafts need WRITE_REPORTS)
    WRITE_REPORTS = "write_reports"  # draft reports, recommendations, evidence, finalizing; tracking progress
    TRANSLATE = "translate"  # the translators' queue: check and correct English (a translator: in their languages)
    # The mayor's office's decision on a final report's recommendation: the viewers' one write action. Staff
    # record progress but never decide for the mayor.
    RECORD_DECISIONS = "record_decisions"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.STAFF: frozenset({Permission.SIGNED_IN, Permission.VIEW_DASHBOARD, Permission.TRIAGE,
                           Permission.SEE_CONTACT, Permission.MANAGE_MEETINGS, Permission.READ_REPORTS,
                           Permission.WRITE_REPORTS, Permission.TRANSLATE}),
    Role.VIEWER: frozenset({Permission.SIGNED_IN, Permission.VIEW_DASHBOARD, Permission.READ_REPORTS,
                            Permission.RECORD_DECISIONS}),
    # Reads what residents wrote in their languages, never contact details, codes, notes or anything else.
    Role.TRANSLATOR: frozenset({Permission.SIGNED_IN, Permission.TRANSLATE}),
}
# The only staff endpoints a signed-out person may reach.
OPEN_STAFF_ENDPOINTS = frozenset({"accounts.login", "accounts.two_factor_code"})


def can(user, permission: Permission) -> bool:
    return bool(user and user.is_authenticated and permission in ROLE_PERMISSIONS[user.role])


def reads_originals(user) -> bool:
    """Reference codes (bearer secrets) and what residents wrote, unredacted, are only for people who triage.
    Services take this as an argument and hand templates data already cut to it."""
    return can(user, Permission.TRIAGE)


def require(permission: Permission):
    """Marks a view with the permission it needs and enforces it: sign-in first, then 403."""

    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.full_path))
            if not can(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        checked.required_permission = permission  # type: ignore[attr-defined]  # mypy knows no function attributes
        return checked

    return decorator

"""What every staff page needs: the navigation, the permission check, labels for enums and languages."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.accounts.permissions import Permission, can
from portal.platform.i18n import BY_TAG
from portal.platform.reference import format_reference
from portal.submissions.labels import KIND_LABELS, PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS

STAFF_NAVIGATION = (
    ("dashboard.dashboard", _l("Dashboard"), Permission.VIEW_DASHBOARD),
    ("triage.inbox", _l("Inbox"), Permission.TRIAGE),
    ("triage.new_submission", _l("New submission"), Permission.TRIAGE),
    ("themes.index", _l("Themes"), Permission.TRIAGE),
    ("meetings.index", _l("Meetings"), Permission.VIEW_DASHBOARD),
    ("reports.index", _l("Reports"), Permission.READ_REPORTS),
    ("accounts.users", _l("Users"), Permission.ADMINISTER),
    ("topics.index", _l("Topics"), Permission.ADMINISTER),
    ("accounts.audit_log", _l("Audit log"), Permission.ADMINISTER),
    ("mail.failures", _l("Mail"), Permission.ADMINISTER),
    ("accounts.settings", _l("Settings"), Permission.ADMINISTER),
)


def register(app: Flask) -> None:
    from portal.accounts.views import staff_home

    app.jinja_env.globals.update(
        can=can, staff_home=staff_home, staff_navigation=STAFF_NAVIGATION, status_labels=STATUS_LABELS,
        kind_labels=KIND_LABELS, priority_labels=PRIORITY_LABELS, source_labels=SOURCE_LABELS, languages_by_tag=BY_TAG,
    )
    app.jinja_env.filters["reference"] = format_reference
    app.jinja_env.filters["endonym"] = endonym
    app.jinja_env.filters["endonym_and_tag"] = endonym_and_tag


def endonym(tag: str) -> Markup:
    """A language's own name, isolated so that an Arabic or Dari name does not reorder the English around it."""
    language = BY_TAG.get(tag)
    return Markup(f'<bdi lang="{escape(tag)}">{escape(language.endonym)}</bdi>') if language else escape(tag)


def endonym_and_tag(tag: str) -> Markup:
    return endonym(tag) + Markup(f' <span dir="ltr">({escape(tag)})</span>') if tag in BY_TAG else escape(tag)

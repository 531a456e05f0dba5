"""What every staff page needs: the navigation, the permission check, labels for enums and languages."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.accounts.permissions import Permission, can
from portal.platform.i18n import BY_TAG, DEFAULT_TAG
from portal.platform.staff_languages import language_name
from portal.platform.reference import format_reference
from portal.submissions.labels import KIND_LABELS, PRIORITY_LABELS, SOURCE_LABELS, STATUS_LABELS
from portal.translation.english import MACHINE_LABEL

STAFF_NAVIGATION = (
    ("dashboard.dashboard", _l("Dashboard"), Permission.VIEW_DASHBOARD),
    ("triage.inbox", _l("Inbox"), Permission.TRIAGE),
    ("triage.new_submission", _l("New submission"), Permission.TRIAGE),
    ("translation.queues", _l("Translations"), Permission.TRANSLATE),
    ("themes.index", _l("Themes"), Permission.TRIAGE),
    ("meetings.index", _l("Meetings"), Permission.VIEW_DASHBOARD),
    ("reports.index", _l("Reports"), Permission.READ_REPORTS),
    ("tracker.index", _l("Tracker"), Permission.READ_REPORTS),
    ("accounts.users", _l("Users"), Permission.ADMINISTER),
    ("topics.index", _l("Topics"), Permission.ADMINISTER),
    ("identity.office_settings", _l("The office"), Permission.ADMINISTER),
    ("identity.language_access", _l("Language access"), Permission.ADMINISTER),
    ("identity.wording_suggestions", _l("Wording"), Permission.ADMINISTER),
    ("accounts.audit_log", _l("Audit log"), Permission.ADMINISTER),
    ("mail.failures", _l("Mail"), Permission.ADMINISTER),
    ("translation.engine_status", _l("Machine translation"), Permission.ADMINISTER),
    ("accounts.settings", _l("Settings"), Permission.ADMINISTER),
)


def register(app: Flask) -> None:
    from portal.accounts.views import staff_home

    app.jinja_env.globals.update(
        can=can, staff_home=staff_home, staff_navigation=STAFF_NAVIGATION, status_labels=STATUS_LABELS,
        kind_labels=KIND_LABELS, priority_labels=PRIORITY_LABELS, source_labels=SOURCE_LABELS, languages_by_tag=BY_TAG,
        machine_label=MACHINE_LABEL,
    )
    app.jinja_env.filters["reference"] = format_reference
    app.jinja_env.filters["endonym"] = endonym
    app.jinja_env.filters["endonym_and_tag"] = endonym_and_tag
    app.jinja_env.filters["language_names"] = language_names
    app.jinja_env.filters["language_name"] = english_name


def english_name(tag: str) -> str:
    """The language's name in the staff pages' language: "Pashto", "Dari"."""
    return language_name(BY_TAG[tag]) if tag in BY_TAG else tag


def endonym(tag: str) -> Markup:
    """A language's own name, isolated so that an Arabic or Dari name does not reorder the English around it."""
    language = BY_TAG.get(tag)
    return Markup(f'<bdi lang="{escape(tag)}">{escape(language.endonym)}</bdi>') if language else escape(tag)


def endonym_and_tag(tag: str) -> Markup:
    return endonym(tag) + Markup(f' <span dir="ltr">({escape(tag)})</span>') if tag in BY_TAG else escape(tag)


def language_names(tag: str) -> Markup:
    """ "Dari · دری": the name staff read, then the language's own, so that دری, پښتو and العربية are told apart by
    staff who read none of them and recognised by those who do."""
    language = BY_TAG.get(tag)
    if language is None:
        return escape(tag)
    if tag == DEFAULT_TAG:
        return escape(language.endonym)
    return escape(language_name(language)) + Markup(" · ") + endonym(tag)

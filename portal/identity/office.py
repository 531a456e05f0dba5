"""The office's identity: its name, the city's name, a postal address, a phone line with interpreters and the privacy
page's text on requests from authorities, each with a version per language, set by admins (audited).

Kept in one Setting row. A new install starts with PORTAL_OFFICE_NAME (and PORTAL_CITY_NAME) in English; a language
without its own version shows the English one, marked lang="en" (LocalText.__html__), as topics do.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, current_app
from flask_babel import get_locale
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.models import Setting, User
from portal.platform import db
from portal.platform.cache import remembered
from portal.platform.i18n import DEFAULT_TAG, LANGUAGES, offered_languages
from portal.platform import office_name

SETTING_KEY = "office_identity"
OFFICE_NAME, CITY_NAME, POSTAL_ADDRESS, INTERPRETER_PHONE, REQUESTS_FROM_AUTHORITIES = (
    "office_name", "city_name", "postal_address", "interpreter_phone", "requests_from_authorities")
FIELDS = (OFFICE_NAME, CITY_NAME, POSTAL_ADDRESS, INTERPRETER_PHONE, REQUESTS_FROM_AUTHORITIES)
MAX_LENGTHS = {OFFICE_NAME: 200, CITY_NAME: 100, POSTAL_ADDRESS: 500, INTERPRETER_PHONE: 60,
               REQUESTS_FROM_AUTHORITIES: 5000}
_TAG_OF_LOCALE = {language.locale: language.tag for language in LANGUAGES}


@dataclass(frozen=True)
class LocalText:
    """A text in the reader's language, or the English one standing in for it (then `lang` is "en").

    In a template it marks itself: HTML output wraps a stand-in in <span lang="en"> so a screen reader switches
    voice; inside a translated sentence (gettext's %(office)s) the same happens, since Markup formats with __html__.
    """

    text: str
    lang: str
    reader: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    def __html__(self) -> str:
        if self.lang == self.reader or not self.text:
            return str(escape(self.text))
        return str(Markup('<span lang="{}" dir="ltr">{}</span>').format(self.lang, self.text))

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


@dataclass(frozen=True)
class OfficeIn:
    """The office as a reader of one language sees it."""

    name: LocalText
    city: LocalText
    postal_address: LocalText
    interpreter_phone: LocalText
    requests_from_authorities: LocalText


@dataclass(frozen=True)
class OfficeIdentity:
    versions: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> language tag -> text

    def text(self, name: str, tag: str) -> LocalText:
        per_language = self.versions.get(name, {})
        if per_language.get(tag):
            return LocalText(per_language[tag], tag, tag)
        return LocalText(per_language.get(DEFAULT_TAG, ""), DEFAULT_TAG, tag)

    def in_language(self, tag: str) -> OfficeIn:
        return OfficeIn(*(self.text(name, tag) for name in FIELDS))

    def missing(self) -> dict[str, list[str]]:
        """Per offered language other than English, the fields that have an English text but none of their own."""
        gaps = {}
        for language in offered_languages():
            if language.tag == DEFAULT_TAG:
                continue
            fields = [name for name in FIELDS
                      if self.versions.get(name, {}).get(DEFAULT_TAG) and not self.versions[name].get(language.tag)]
            if fields:
                gaps[language.tag] = fields
        return gaps


def _identity(stored: dict | None) -> OfficeIdentity:
    """What admins set, over the defaults of a new install (PORTAL_OFFICE_NAME, PORTAL_CITY_NAME, in English)."""
    defaults = {OFFICE_NAME: {DEFAULT_TAG: current_app.config["OFFICE_NAME"]},
                CITY_NAME: {DEFAULT_TAG: current_app.config.get("CITY_NAME") or ""}}
    stored = stored or {}
    return OfficeIdentity({name: dict(stored.get(name) or defaults.get(name) or {}) for name in FIELDS})


def stored_identity(db_session: Session) -> OfficeIdentity:
    setting = db_session.get(Setting, SETTING_KEY)
    return _identity(setting.value if setting is not None else None)


def office_identity() -> OfficeIdentity:
    """The identity, kept per process for PORTAL_PAGE_CACHE_SECONDS like the pages that show it.

    Read on a connection of its own, not the request's session: every page shows it, the error page too, so a
    database that is down (or a failed transaction) gives the configured defaults rather than a second error, and
    the request's own unit of work is never touched.
    """
    def read() -> OfficeIdentity:
        with db.engine().connect() as connection:
            return _identity(connection.scalar(select(Setting.value).where(Setting.key == SETTING_KEY)))

    try:
        return remembered(("office-identity",), read)
    except SQLAlchemyError:
        return _identity(None)


def office_for_reader() -> OfficeIn:
    """The office in the language being rendered: the page's, or the one force_locale chose for a mail or flyer."""
    locale = get_locale()
    return office_identity().in_language(_TAG_OF_LOCALE.get(str(locale), DEFAULT_TAG) if locale else DEFAULT_TAG)


def office_name_in(tag: str) -> LocalText:
    return office_identity().text(OFFICE_NAME, tag)


def save_identity(db_session: Session, versions: dict[str, dict[str, str]], *, actor: User | None) -> list[str]:
    """Stores the texts given for the languages given, keeping the others (a language the city stopped offering
    keeps its texts); returns the changed "field:tag" pairs, which the audit log records."""
    current = stored_identity(db_session).versions
    updated = {name: dict(current.get(name, {})) for name in FIELDS}
    changed = []
    for name, per_language in versions.items():
        for tag, text in per_language.items():
            text = (text or "").strip()
            if text != updated[name].get(tag, ""):
                changed.append(f"{name}:{tag}")
                if text:
                    updated[name][tag] = text
                else:
                    updated[name].pop(tag, None)
    if not changed:
        return []
    setting = db_session.get(Setting, SETTING_KEY)
    if setting is None:
        db_session.add(Setting(key=SETTING_KEY, value=updated))
    else:
        setting.value = updated  # a new dict, so the JSON column is written
    audit.record(db_session, "office.changed", actor=actor, fields=sorted({pair.split(":")[0] for pair in changed}),
                 languages=sorted({pair.split(":")[1] for pair in changed}))
    return changed


def register(app: Flask) -> None:
    """Pages get `office`, the office in the page's language, and `office_name_in_english`, from a context processor:
    read before the template renders (templates never query). Mails and flyers are given theirs in their language
    (resident_mail.py, flyer.py). Mail's From and two-factor apps read the English name through
    portal/platform/office_name.py."""
    app.extensions[office_name.EXTENSION] = lambda: office_name_in(DEFAULT_TAG).text

    @app.context_processor
    def office_context() -> dict:
        return {"office": office_for_reader(), "office_name_in_english": office_name_in(DEFAULT_TAG).text}

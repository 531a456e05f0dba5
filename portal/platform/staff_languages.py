"""The shipped languages as the back office names them, and as forms with a field per language key them."""
from __future__ import annotations

from babel import Locale
from flask_babel import get_locale, lazy_gettext as _l

from portal.platform.i18n import DEFAULT_TAG, LANGUAGES, Language

# Forms with a field per language: English first, then these.
OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language.tag != DEFAULT_TAG)


def field_key(tag: str) -> str:
    """fa-AF -> fa_AF: a language tag as part of a field name."""
    return tag.replace("-", "_")


def language_name(language: Language) -> str:
    """The language's name in the staff interface's language ("Dari" for fa-AF, which Babel calls Persian)."""
    if language.tag == "fa-AF":
        return str(_l("Dari"))
    return Locale.parse(language.locale).get_display_name(get_locale() or DEFAULT_TAG) or language.tag


def language_label(language: Language) -> str:
    return f"{language_name(language)} ({language.tag})"

"""The one table of shipped languages, the ones this deployment offers, and the locale selector.

Adding a language is its catalog in translations/ plus one line in LANGUAGES. A city offers all of them unless
PORTAL_LANGUAGES names some (init_app); everything a resident meets follows offered_languages().
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel import Locale, dates
from flask import Flask, current_app, g, has_app_context, request
from flask_babel import get_locale, get_timezone, to_user_timezone


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47 tag used in URLs and lang="" attributes
    endonym: str  # the language's name in itself, for the switcher
    # CLDR has no dates for some languages (Haitian Creole prints "2026 M12 4"): theirs come from this locale.
    dates_locale: str | None = None

    @property
    def locale(self) -> str:
        """Babel/gettext locale identifier, e.g. fa-AF -> fa_AF."""
        return self.tag.replace("-", "_")

    @property
    def direction(self) -> str:
        return Locale.parse(self.locale).text_direction


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English"),
    Language("es", "Español"),
    Language("ar", "العربية"),
    Language("so", "Soomaali"),
    Language("sw", "Kiswahili"),
    Language("rw", "Ikinyarwanda"),
    Language("ne", "नेपाली"),
    Language("fa-AF", "دری"),  # Babel calls it "فارسی (افغانستان)"; speakers say دری
    Language("ps", "پښتو"),
    Language("fr", "Français"),
    Language("vi", "Tiếng Việt"),
    Language("uk", "Українська"),
    Language("rn", "Ikirundi"),
    Language("my", "မြန်မာ"),
    Language("ht", "Kreyòl ayisyen", dates_locale="fr_HT"),
    Language("ti", "ትግርኛ"),
)
DEFAULT_TAG = "en"
BY_TAG: dict[str, Language] = {language.tag: language for language in LANGUAGES}
TAGS: tuple[str, ...] = tuple(BY_TAG)


_EXTENSION = "portal.languages"


def languages_from_setting(setting: str | list[str] | tuple[str, ...] | None) -> tuple[Language, ...]:
    """PORTAL_LANGUAGES ("en,es,ar", a list, or unset for all) as shipped languages in the registry's order.

    English is always offered: it is the language every text falls back to and the back office's. An unknown tag
    stops the start, so a typo does not quietly hide a language from its readers.
    """
    if not setting:
        return LANGUAGES
    wanted = {tag.strip() for tag in (setting.split(",") if isinstance(setting, str) else setting) if tag.strip()}
    unknown = sorted(wanted - set(TAGS))
    if unknown:
        raise RuntimeError(f"PORTAL_LANGUAGES names languages the portal does not ship: {', '.join(unknown)}. "
                           f"Shipped: {', '.join(TAGS)}.")
    return tuple(language for language in LANGUAGES if language.tag in wanted or language.tag == DEFAULT_TAG)


def init_app(app: Flask) -> tuple[Language, ...]:
    """Reads PORTAL_LANGUAGES once; returns the offered languages."""
    offered = app.extensions[_EXTENSION] = languages_from_setting(app.config.get("LANGUAGES"))
    return offered


def offered_languages() -> tuple[Language, ...]:
    """The languages this deployment offers residents (all shipped ones outside an application)."""
    return current_app.extensions[_EXTENSION] if has_app_context() else LANGUAGES


def is_offered(tag: str) -> bool:
    return any(language.tag == tag for language in offered_languages())


def best_tag_for_request() -> str:
    """The offered language that best matches Accept-Language, English when none does.

    Each accepted language, best first, matches exactly or by its primary subtag, so "ar-EG" finds
    "ar" and "fa-IR" finds "fa-AF" (Werkzeug's best_match does not fall back from a region to ours).
    """
    offered = [language.tag for language in offered_languages()]
    by_lower_tag = {tag.lower(): tag for tag in offered}
    by_primary_subtag = {tag.split("-")[0].lower(): tag for tag in offered}
    for value, _quality in request.accept_languages:
        value = value.lower().replace("_", "-")
        tag = by_lower_tag.get(value) or by_primary_subtag.get(value.split("-")[0])
        if tag:
            return tag
    return DEFAULT_TAG


def current_language() -> Language:
    """The language of the page being built: the URL's, else the browser's best match."""
    tag = getattr(g, "lang", None)
    if tag is None:
        tag = (tag_in_path() or best_tag_for_request()) if request else DEFAULT_TAG
    return BY_TAG[tag]


def tag_in_path() -> str | None:
    """The language an address starts with when no route matched it: /ar/nope is an Arabic 404."""
    first_segment = request.path.lstrip("/").split("/", 1)[0]
    return first_segment if first_segment in BY_TAG else None


def select_locale() -> str:
    """Flask-Babel's locale selector: the URL's language first, then Accept-Language."""
    return current_language().locale


_DATES_LOCALES = {language.locale: language.dates_locale for language in LANGUAGES if language.dates_locale}


def _dates_locale() -> str:
    locale = str(get_locale())
    return _DATES_LOCALES.get(locale, locale)


def dates_locale() -> Locale:
    """The Babel locale whose date and time patterns the page uses (see Language.dates_locale)."""
    return Locale.parse(_dates_locale())


def format_date(value: date | datetime, format: str = "medium") -> str:
    """Flask-Babel's format_date (the site's zone, the page's locale), with dates for languages CLDR lacks."""
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=_dates_locale())


def format_time(value: datetime, format: str = "medium") -> str:
    return dates.format_time(value, format, tzinfo=get_timezone(), locale=_dates_locale())

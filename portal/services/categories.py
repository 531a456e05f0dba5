"""The default set of concern topics, with their names in every shipped language."""
from __future__ import annotations

from flask_babel import force_locale, lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cache import remembered
from portal.i18n import LANGUAGES
from portal.models import Category

DEFAULT_CATEGORIES = (
    ("police-immigration", _l("Police and immigration enforcement")),
    ("language-access", _l("Language access and interpreters")),
    ("housing", _l("Housing")),
    ("work-wages", _l("Work and wages")),
    ("schools", _l("Schools")),
    ("health-care", _l("Health care")),
    ("city-services", _l("City services")),
    ("discrimination", _l("Discrimination or hate")),
    ("safety", _l("Safety")),
    ("other", _l("Something else")),
)


def names_in_every_language(lazy_name) -> dict[str, str]:
    names = {}
    for language in LANGUAGES:
        with force_locale(language.locale):
            names[language.tag] = str(lazy_name)
    return names


def ensure_default_categories(db_session: Session) -> int:
    """Add the default topics that are missing; never touches ones that exist. Returns how many were added."""
    existing = set(db_session.scalars(select(Category.slug)))
    added = 0
    for position, (slug, lazy_name) in enumerate(DEFAULT_CATEGORIES):
        if slug not in existing:
            db_session.add(Category(slug=slug, names=names_in_every_language(lazy_name), position=position))
            added += 1
    return added


def active_categories(db_session: Session) -> list[Category]:
    return list(db_session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.id)))


def offered_categories(db_session: Session) -> list[Category]:
    """The active topics as residents are offered them, kept per process (portal/cache.py): detached copies to
    read only. `db_session.merge(category, load=False)` attaches the one a resident chose without a query."""
    return remembered(("topics",), lambda: _detached(db_session, active_categories(db_session)))


def _detached(db_session: Session, categories: list[Category]) -> list[Category]:
    for category in categories:
        db_session.expunge(category)
    return categories

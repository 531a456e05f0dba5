"""Concern topics: the default set with names in every shipped language, and what admins change.

A topic is never deleted, since submissions point to it: it is turned off instead, and leaves the resident form.
Its slug, the key in links and staff alert settings, is made once from the English name and never changes.
"""
from __future__ import annotations

import re
import unicodedata

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.models import Category, User, active_categories
from portal.platform.cache import remembered
from portal.platform.domain import DomainError
from portal.platform.i18n import DEFAULT_TAG, LANGUAGES

CATCH_ALL_SLUG = "other"  # "Something else" stays last: new topics go before it
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
    """Add the default topics that are missing. Of the ones that exist, only names in a language added since are
    filled in (a city that upgrades gets Burmese names for its topics); no name staff set is changed.
    Returns how many topics were added."""
    existing = {category.slug: category for category in db_session.scalars(select(Category))}
    added = 0
    for position, (slug, lazy_name) in enumerate(DEFAULT_CATEGORIES):
        names = names_in_every_language(lazy_name)
        category = existing.get(slug)
        if category is None:
            db_session.add(Category(slug=slug, names=names, position=position))
            added += 1
        elif set(names) - set(category.names):
            category.names = {**names, **category.names}
    return added


def offered_categories(db_session: Session) -> list[Category]:
    """The active topics as residents are offered them, kept per process (portal/platform/cache.py): detached copies to
    read only. `db_session.merge(category, load=False)` attaches the one a resident chose without a query."""
    return remembered(("topics",), lambda: _detached(db_session, active_categories(db_session)))


def _detached(db_session: Session, categories: list[Category]) -> list[Category]:
    for category in categories:
        db_session.expunge(category)
    return categories


class TopicNameTaken(DomainError):
    """Another topic has this English name already."""


def all_categories(db_session: Session) -> list[Category]:
    return list(db_session.scalars(select(Category).order_by(Category.position, Category.id)))


def missing_languages(category: Category) -> list[str]:
    """The shipped languages the topic has no name in; residents reading them see the English name."""
    return [language.tag for language in LANGUAGES if not category.names.get(language.tag)]


def add_category(db_session: Session, names: dict[str, str], *, actor: User | None) -> Category:
    """A new topic goes before "Something else". It is offered to residents at once only when it is named in every
    language; otherwise it waits, so nobody reads an English topic among their own language's."""
    names = _cleaned(names)
    _refuse_taken_name(db_session, names[DEFAULT_TAG], None)
    category = Category(slug=_new_slug(db_session, names[DEFAULT_TAG]), names=names)
    category.awaits_names = bool(missing_languages(category))
    category.active = not category.awaits_names
    ordered = all_categories(db_session)
    last_place = next((index for index, other in enumerate(ordered) if other.slug == CATCH_ALL_SLUG), len(ordered))
    ordered.insert(last_place, category)
    _number(ordered)
    db_session.add(category)
    db_session.flush()
    audit.record(db_session, "category.added", actor=actor, category_id=category.id, slug=category.slug,
                 offered=category.active)
    return category


def rename_category(db_session: Session, category: Category, names: dict[str, str], *, actor: User | None) -> bool:
    """Saves the names; False when nothing changed. The audit log says which languages changed. A topic waiting
    for names is offered to residents once the last one is given."""
    names = _cleaned(names)
    changed = sorted(tag for tag in set(names) | set(category.names) if names.get(tag) != category.names.get(tag))
    if not changed:
        return False
    _refuse_taken_name(db_session, names[DEFAULT_TAG], category.id)
    category.names = names  # a new dict, so the JSON column is written
    audit.record(db_session, "category.renamed", actor=actor, category_id=category.id, languages=changed)
    if category.awaits_names and not missing_languages(category):
        set_category_active(db_session, category, True, actor=actor)
    return True


def move_category(db_session: Session, category: Category, place: int, *, actor: User | None) -> bool:
    """Puts the topic at `place` (1 = first) on the resident form; False when it is there already or out of range."""
    ordered = all_categories(db_session)
    if not 1 <= place <= len(ordered) or ordered.index(category) == place - 1:
        return False
    ordered.remove(category)
    ordered.insert(place - 1, category)
    _number(ordered)
    audit.record(db_session, "category.moved", actor=actor, category_id=category.id, position=category.position)
    return True


def _number(ordered: list[Category]) -> None:
    for position, item in enumerate(ordered):
        item.position = position


def set_category_active(db_session: Session, category: Category, active: bool, *, actor: User | None) -> bool:
    """Turning a waiting topic on offers it as it is: residents whose language has no name read the English one."""
    if category.active == active:
        return False
    category.active = active
    category.awaits_names = False
    audit.record(db_session, "category.turned_on" if active else "category.turned_off", actor=actor,
                 category_id=category.id)
    return True


def _cleaned(names: dict[str, str]) -> dict[str, str]:
    return {tag: name.strip() for tag, name in names.items() if name and name.strip()}


def _refuse_taken_name(db_session: Session, english: str, own_id: int | None) -> None:
    for other in all_categories(db_session):
        if other.id != own_id and other.name_in(DEFAULT_TAG).casefold() == english.casefold():
            raise TopicNameTaken(english)


def _new_slug(db_session: Session, english: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:56] or "topic"
    taken = set(db_session.scalars(select(Category.slug)))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug

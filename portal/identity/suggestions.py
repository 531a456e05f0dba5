"""Readers' suggestions for better wording: stored with their page and language only, read by admins per language,
removed once turned into a catalog change (audited)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.identity.resident_pages import PAGES
from portal.models import User, WordingSuggestion

MAX_CHARS = 2000


def record_suggestion(db_session: Session, *, language: str, page: str, text: str) -> WordingSuggestion:
    if page not in PAGES:
        raise ValueError(f"not a resident page: {page}")
    suggestion = WordingSuggestion(language=language, page=page, text=text[:MAX_CHARS])
    db_session.add(suggestion)
    return suggestion


def counts_by_language(db_session: Session) -> dict[str, int]:
    rows = db_session.execute(select(WordingSuggestion.language, func.count()).group_by(WordingSuggestion.language))
    return {language: number for language, number in rows}


def suggestions_in(db_session: Session, language: str) -> list[WordingSuggestion]:
    return list(db_session.scalars(select(WordingSuggestion).where(WordingSuggestion.language == language)
                                   .order_by(WordingSuggestion.id)))


def remove_suggestion(db_session: Session, suggestion: WordingSuggestion, *, actor: User | None) -> None:
    audit.record(db_session, "wording_suggestion.removed", actor=actor, language=suggestion.language,
                 page=suggestion.page)
    db_session.delete(suggestion)

"""The evidence finder on a recommendation: from the themes it rests on, quotes spread across languages, meetings
and neighbourhoods, and the line "N residents in M languages raised this".

A quote is only ever a redacted text with English a person checked (for a text written in English, the redacted
text is that English): never the original, never machine text unchecked.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, joinedload

from portal.accounts import audit
from portal.translation.english import needs_english
from portal.models import Evidence, Submission, Theme, ThemeMember, User, recommendation_theme
from portal.themes.service import residents

QUOTES_OFFERED = 12
CANDIDATES_READ = 2000  # the newest quotable members read to choose from


@dataclass(frozen=True)
class Quote:
    submission_id: int
    language: str
    meeting: str | None
    neighbourhood: str
    quote: str  # the redacted text
    english: str  # "" when the quote is English already
    already_evidence: bool


@dataclass(frozen=True)
class Finding:
    themes: list[Theme]
    residents: int
    languages: int
    quotes: list[Quote]


def themes_of_recommendation(db_session: Session, recommendation_id: int) -> list[Theme]:
    return list(db_session.scalars(
        select(Theme).join(recommendation_theme, recommendation_theme.c.theme_id == Theme.id)
        .where(recommendation_theme.c.recommendation_id == recommendation_id).order_by(Theme.name)))


def set_themes(db_session: Session, recommendation_id: int, theme_ids: list[int], *, actor: User | None) -> None:
    db_session.execute(delete(recommendation_theme).where(
        recommendation_theme.c.recommendation_id == recommendation_id))
    existing = list(db_session.scalars(select(Theme.id).where(Theme.id.in_(set(theme_ids)))))
    if existing:
        db_session.execute(insert(recommendation_theme), [
            {"recommendation_id": recommendation_id, "theme_id": theme_id} for theme_id in existing])
    audit.record(db_session, "report.recommendation_themes", actor=actor, recommendation_id=recommendation_id,
                 themes=existing)


def quotable(submission: Submission) -> tuple[str, str] | None:
    """(quote, English) when the submission may be quoted: redacted, and checked English for its language."""
    quote = (submission.redacted_text or "").strip()
    if not quote:
        return None
    if not needs_english(submission):
        return quote, ""
    # A person's English of the redacted text, else a person's of the original: never the machine's.
    english = (submission.redacted_translation or submission.translation or "").strip()
    return (quote, english) if english else None


def _places_first(quotes: list[Quote]) -> deque[Quote]:
    """Within one language: one quote from each meeting and neighbourhood before a second from any."""
    seen: set[tuple[str | None, str]] = set()
    first: list[Quote] = []
    later: list[Quote] = []
    for quote in quotes:
        place = (quote.meeting, quote.neighbourhood)
        (later if place in seen else first).append(quote)
        seen.add(place)
    return deque(first + later)


def _spread(candidates: list[Quote], count: int) -> list[Quote]:
    """Round robin over languages, the most quotable first, so every language speaks before any speaks twice."""
    by_language: dict[str, list[Quote]] = defaultdict(list)
    for quote in candidates:
        by_language[quote.language].append(quote)
    queues = deque(_places_first(quotes) for quotes in sorted(by_language.values(), key=len, reverse=True))
    chosen: list[Quote] = []
    while queues and len(chosen) < count:
        queue = queues.popleft()
        chosen.append(queue.popleft())
        if queue:
            queues.append(queue)
    return chosen


def find(db_session: Session, recommendation_id: int) -> Finding:
    themes = themes_of_recommendation(db_session, recommendation_id)
    theme_ids = [theme.id for theme in themes]
    if not theme_ids:
        return Finding([], 0, 0, [])
    members = select(ThemeMember.submission_id).where(ThemeMember.theme_id.in_(theme_ids))
    counts = db_session.execute(select(residents(), func.count(func.distinct(Submission.language)))
                                .where(Submission.id.in_(members))).one()
    quoted = set(db_session.scalars(select(Evidence.submission_id)
                                    .where(Evidence.recommendation_id == recommendation_id)))
    candidates = []
    query = (select(Submission).where(Submission.id.in_(members), Submission.redacted_text.is_not(None),
                                      Submission.redacted_text != "", Submission.duplicate_of_id.is_(None))
             .order_by(Submission.created_at.desc()).limit(CANDIDATES_READ).options(joinedload(Submission.meeting)))
    for submission in db_session.scalars(query):
        quoted_text = quotable(submission)
        if quoted_text is None:
            continue
        candidates.append(Quote(
            submission.id, submission.language,
            submission.meeting.text_in("title", "en")[0] if submission.meeting else None,
            submission.neighbourhood, quoted_text[0], quoted_text[1], submission.id in quoted))
    return Finding(themes, counts[0], counts[1], _spread(candidates, QUOTES_OFFERED))

"""Suggestions, always reviewed by a person: the batch (`flask --app portal themes suggest`, for cron) groups recent
submissions lexically (portal/themes/grouping.py) and stores each new group; staff accept a group (into a new or
an existing theme, or as duplicates of its earliest) or reject it. Nothing joins a theme without a person.

A group suggested before, open or decided, is not suggested again; nor one whose members already share a theme.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.models import (
    Submission, SuggestionKind, SuggestionStatus, Theme, ThemeMember, ThemeSuggestion, User, suggestion_member,
)
from portal.models.types import utcnow
from portal.submissions import triage
from portal.themes import grouping, service
from portal.themes.service import ThemeError

BATCH_SIZE = 10_000  # the newest submissions the batch reads
SIMILAR_SHOWN = 10
SUGGESTIONS_PER_PAGE = 20


def _texts(db_session: Session, limit: int) -> list[grouping.Text]:
    """The newest submissions that are not duplicates already and still have their text."""
    query = (select(Submission).where(Submission.duplicate_of_id.is_(None), Submission.anonymized_at.is_(None))
             .order_by(Submission.created_at.desc(), Submission.id.desc()).limit(limit))
    return [grouping.Text(item.id, item.language, "\n".join(part for part in (item.body, item.improvement) if part),
                          service.english_text(item))
            for item in db_session.scalars(query)]


def _known_groups(db_session: Session) -> set[frozenset[int]]:
    members: dict[int, set[int]] = {}
    for suggestion_id, submission_id in db_session.execute(select(suggestion_member)):
        members.setdefault(suggestion_id, set()).add(submission_id)
    return {frozenset(ids) for ids in members.values()}


def _share_a_theme(db_session: Session, ids: tuple[int, ...]) -> bool:
    shared = db_session.scalar(
        select(func.count()).select_from(
            select(ThemeMember.theme_id).where(ThemeMember.submission_id.in_(ids)).group_by(ThemeMember.theme_id)
            .having(func.count() == len(ids)).subquery()))
    return bool(shared)


def compute(db_session: Session, *, limit: int = BATCH_SIZE) -> list[grouping.Group]:
    """Groups the newest `limit` submissions and stores the groups not suggested before; returns those."""
    texts = _texts(db_session, limit)
    known = _known_groups(db_session)
    stored = []
    candidates = [(SuggestionKind.NEAR_DUPLICATES, group) for group in grouping.near_duplicates(texts)]
    candidates += [(SuggestionKind.SIMILAR, group) for group in grouping.similar_meaning(texts)]
    for kind, group in candidates:
        if frozenset(group.ids) in known or _share_a_theme(db_session, group.ids):
            continue
        known.add(frozenset(group.ids))
        suggestion = ThemeSuggestion(kind=kind, label=group.label[:200] or "…", language=group.language)
        db_session.add(suggestion)
        db_session.flush()
        db_session.execute(insert(suggestion_member), [{"suggestion_id": suggestion.id, "submission_id": member}
                                                       for member in group.ids])
        stored.append(group)
    return stored


@dataclass(frozen=True)
class SuggestedMember:
    id: int
    reference: str
    language: str
    received: datetime
    excerpt: str
    english: str


@dataclass(frozen=True)
class SuggestionView:
    id: int
    kind: SuggestionKind
    label: str
    language: str | None
    members: list[SuggestedMember]


def open_suggestions(db_session: Session, page: int = 1) -> tuple[list[SuggestionView], int]:
    """A page of open suggestions, largest first, and how many are open."""
    size = func.count(suggestion_member.c.submission_id)
    total = db_session.scalar(select(func.count(ThemeSuggestion.id))
                              .where(ThemeSuggestion.status == SuggestionStatus.OPEN)) or 0
    chosen = list(db_session.scalars(
        select(ThemeSuggestion).join(suggestion_member, suggestion_member.c.suggestion_id == ThemeSuggestion.id)
        .where(ThemeSuggestion.status == SuggestionStatus.OPEN).group_by(ThemeSuggestion.id)
        .order_by(size.desc(), ThemeSuggestion.id).limit(SUGGESTIONS_PER_PAGE)
        .offset((max(page, 1) - 1) * SUGGESTIONS_PER_PAGE)))
    members = _members(db_session, [suggestion.id for suggestion in chosen])
    return [SuggestionView(item.id, item.kind, item.label, item.language, members.get(item.id, []))
            for item in chosen], total


def _members(db_session: Session, suggestion_ids: list[int]) -> dict[int, list[SuggestedMember]]:
    found: dict[int, list[SuggestedMember]] = {}
    rows = db_session.execute(
        select(suggestion_member.c.suggestion_id, Submission)
        .join(Submission, Submission.id == suggestion_member.c.submission_id)
        .where(suggestion_member.c.suggestion_id.in_(suggestion_ids)).order_by(Submission.created_at, Submission.id))
    for suggestion_id, item in rows:
        original = " ".join(part for part in (item.body, item.improvement) if part)
        english = service.english_text(item) if item.language != "en" else ""
        found.setdefault(suggestion_id, []).append(SuggestedMember(
            item.id, item.reference, item.language, item.created_at, original, english))
    return found


def find_suggestion(db_session: Session, suggestion_id: int) -> ThemeSuggestion | None:
    return db_session.get(ThemeSuggestion, suggestion_id)


def suggestion_member_ids(db_session: Session, suggestion: ThemeSuggestion) -> list[int]:
    return list(db_session.scalars(select(suggestion_member.c.submission_id)
                                   .where(suggestion_member.c.suggestion_id == suggestion.id)))


def _decide(db_session: Session, suggestion: ThemeSuggestion, status: SuggestionStatus, actor: User) -> None:
    if suggestion.status != SuggestionStatus.OPEN:
        raise ThemeError("Someone has decided on this suggestion already.")
    suggestion.status, suggestion.decided_by_id, suggestion.decided_at = status, actor.id, utcnow()


def accept(db_session: Session, suggestion: ThemeSuggestion, chosen_ids: list[int], *, actor: User,
           theme: Theme | None = None, new_name: str = "", as_duplicates: bool = False) -> Theme | None:
    """The person's choice of members joins a theme (an existing one, or a new one named `new_name`), or, for
    near-duplicates, becomes duplicates of the earliest chosen."""
    chosen = sorted(set(chosen_ids) & set(suggestion_member_ids(db_session, suggestion)))
    if len(chosen) < (2 if as_duplicates else 1):
        raise ThemeError("Choose the submissions that belong together.")
    _decide(db_session, suggestion, SuggestionStatus.ACCEPTED, actor)
    if as_duplicates:
        members = sorted(triage.find_submissions(db_session, chosen), key=lambda item: (item.created_at, item.id))
        for duplicate in members[1:]:
            triage.mark_duplicate(db_session, duplicate, members[0], actor=actor)
        audit.record(db_session, "theme.suggestion_accepted", actor=actor, suggestion_id=suggestion.id,
                     duplicates=len(members) - 1)
        return None
    if theme is None:
        theme = service.create_theme(db_session, new_name or suggestion.label, actor=actor)
    service.add_members(db_session, theme, chosen, actor=actor)
    suggestion.theme_id = theme.id
    audit.record(db_session, "theme.suggestion_accepted", actor=actor, suggestion_id=suggestion.id,
                 theme_id=theme.id, count=len(chosen))
    return theme


def reject(db_session: Session, suggestion: ThemeSuggestion, *, actor: User) -> None:
    _decide(db_session, suggestion, SuggestionStatus.REJECTED, actor)
    audit.record(db_session, "theme.suggestion_rejected", actor=actor, suggestion_id=suggestion.id)


# --- Similar submissions, on a submission's page -------------------------------------------------------------------

@dataclass(frozen=True)
class Similar:
    id: int
    reference: str
    language: str
    received: datetime
    why: str  # "near-duplicate", "similar meaning" or a theme's name


def similar_to(db_session: Session, submission_id: int) -> list[Similar]:
    """Submissions grouped with this one by a suggestion (open or decided) or sharing a theme with it; newest
    first, at most SIMILAR_SHOWN. The suggestions come from the last batch."""
    why: dict[int, str] = {}
    grouped = db_session.execute(
        select(suggestion_member.c.submission_id, ThemeSuggestion.kind)
        .join(ThemeSuggestion, ThemeSuggestion.id == suggestion_member.c.suggestion_id)
        .where(suggestion_member.c.suggestion_id.in_(
            select(suggestion_member.c.suggestion_id).where(suggestion_member.c.submission_id == submission_id)),
            suggestion_member.c.submission_id != submission_id, ThemeSuggestion.status != SuggestionStatus.REJECTED))
    for other_id, kind in grouped:
        if why.get(other_id) != "near-duplicate":
            why[other_id] = "near-duplicate" if kind == SuggestionKind.NEAR_DUPLICATES else "similar meaning"
    own_themes = select(ThemeMember.theme_id).where(ThemeMember.submission_id == submission_id)
    shared = db_session.execute(
        select(ThemeMember.submission_id, Theme.name).join(Theme, Theme.id == ThemeMember.theme_id)
        .join(Submission, Submission.id == ThemeMember.submission_id)
        .where(ThemeMember.theme_id.in_(own_themes), ThemeMember.submission_id != submission_id)
        .order_by(Submission.created_at.desc()).limit(SIMILAR_SHOWN))
    for other_id, name in shared:
        why.setdefault(other_id, name)
    if not why:
        return []
    rows = db_session.execute(select(Submission.id, Submission.reference, Submission.language, Submission.created_at)
                              .where(Submission.id.in_(list(why)))
                              .order_by(Submission.created_at.desc()).limit(SIMILAR_SHOWN))
    return [Similar(row.id, row.reference, row.language, row.created_at, why[row.id]) for row in rows]

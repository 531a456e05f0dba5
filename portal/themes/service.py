"""Themes: staff group submissions across languages, work a theme as one (status, assignee, one reply in every
language), and count residents by theme. Every change is recorded in the audit log.

A theme's figures count residents, not rows: a duplicate and its original are one resident.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import itemgetter
from datetime import date, datetime, timedelta

from sqlalchemy import Result, delete, func, insert, select, update
from sqlalchemy.orm import Session, joinedload

from portal.accounts import audit
from portal.translation.english import best_english, needs_english
from portal.models import (
    Contact, Reply, Status, Submission, Theme, ThemeMember, ThemeSuggestion, User, recommendation_theme,
)
from portal.platform.city_days import city_zone, days_span
from portal.platform.domain import DomainError
from portal.submissions import resident_mail, triage

MEMBERS_PER_PAGE = 100
TREND_WEEKS = 12
EXCERPT_CHARACTERS = 160


class ThemeError(DomainError):
    pass


def english_text(submission: Submission) -> str:
    """The best English available for grouping (portal/translation/english.py): a person's translation, else the
    machine's (only compared, never shown as a quote: a person reviews every suggestion), or the resident's own
    words when they wrote in English. The one place themes read English from."""
    english = best_english(submission, reads_originals=True)
    if english is not None:
        return english.text
    if not needs_english(submission):
        return "\n\n".join(text for text in (submission.body, submission.improvement) if text)
    return ""


def residents(column=Submission.id):
    """One per resident: a duplicate counts as its original."""
    return func.count(func.distinct(func.coalesce(Submission.duplicate_of_id, column)))


# --- Themes -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ThemeSummary:
    id: int
    name: str
    description: str
    members: int
    residents: int
    languages: int


def _summaries(query: Result) -> list[ThemeSummary]:
    return [ThemeSummary(row.id, row.name, row.description, row.members, row.residents, row.languages)
            for row in query]


def all_themes(db_session: Session) -> list[ThemeSummary]:
    """Every theme with its counts, largest first."""
    query = (select(Theme.id, Theme.name, Theme.description, func.count(Submission.id).label("members"),
                    residents().label("residents"), func.count(func.distinct(Submission.language)).label("languages"))
             .outerjoin(ThemeMember, ThemeMember.theme_id == Theme.id)
             .outerjoin(Submission, Submission.id == ThemeMember.submission_id)
             .group_by(Theme.id, Theme.name, Theme.description))
    return sorted(_summaries(db_session.execute(query)), key=lambda theme: (-theme.residents, theme.name.casefold()))


def theme_choices(db_session: Session) -> list[tuple[int, str]]:
    """(id, name) of every theme, by name: for choosing one, without counting members."""
    return [(row.id, row.name) for row in db_session.execute(select(Theme.id, Theme.name).order_by(Theme.name))]


def find_theme(db_session: Session, theme_id: int) -> Theme | None:
    return db_session.get(Theme, theme_id)


def summary(db_session: Session, theme: Theme) -> ThemeSummary:
    row = db_session.execute(
        select(func.count(Submission.id).label("members"), residents().label("residents"),
               func.count(func.distinct(Submission.language)).label("languages"))
        .join(ThemeMember, ThemeMember.submission_id == Submission.id).where(ThemeMember.theme_id == theme.id)).one()
    return ThemeSummary(theme.id, theme.name, theme.description, row.members, row.residents, row.languages)


def _clean_name(db_session: Session, name: str, *, other_than: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ThemeError("Give the theme a name.")
    same = select(Theme.id).where(func.lower(Theme.name) == name.lower())
    if other_than is not None:
        same = same.where(Theme.id != other_than)
    if db_session.scalar(same) is not None:
        raise ThemeError("Another theme has this name. Choose another, or merge the two themes.")
    return name


def create_theme(db_session: Session, name: str, *, description: str = "", actor: User | None,
                 is_demo: bool = False) -> Theme:
    theme = Theme(name=_clean_name(db_session, name), description=description.strip(), created_by=actor,
                  is_demo=is_demo)
    db_session.add(theme)
    db_session.flush()
    audit.record(db_session, "theme.created", actor=actor, theme_id=theme.id, name=theme.name)
    return theme


def rename_theme(db_session: Session, theme: Theme, name: str, *, description: str, actor: User | None) -> None:
    theme.name = _clean_name(db_session, name, other_than=theme.id)
    theme.description = description.strip()
    audit.record(db_session, "theme.renamed", actor=actor, theme_id=theme.id, name=theme.name)


def member_ids(db_session: Session, theme: Theme) -> list[int]:
    return list(db_session.scalars(select(ThemeMember.submission_id).where(ThemeMember.theme_id == theme.id)))


def add_members(db_session: Session, theme: Theme, submission_ids: list[int], *, actor: User | None) -> int:
    """Adds the submissions that exist and are not members yet; returns how many joined."""
    wanted = set(submission_ids)
    existing = set(db_session.scalars(select(Submission.id).where(Submission.id.in_(wanted)))) if wanted else set()
    new = sorted(existing - set(member_ids(db_session, theme)))
    if new:
        db_session.execute(insert(ThemeMember), [
            {"theme_id": theme.id, "submission_id": submission_id, "added_by_id": actor.id if actor else None}
            for submission_id in new])
        audit.record(db_session, "theme.members_added", actor=actor, theme_id=theme.id, count=len(new))
    return len(new)


def remove_members(db_session: Session, theme: Theme, submission_ids: list[int], *, actor: User | None) -> int:
    removed = db_session.execute(delete(ThemeMember).where(ThemeMember.theme_id == theme.id,
                                                           ThemeMember.submission_id.in_(submission_ids)))
    count = removed.rowcount or 0  # type: ignore[attr-defined]  # a DML result has a rowcount
    if count:
        audit.record(db_session, "theme.members_removed", actor=actor, theme_id=theme.id, count=count)
    return count


def merge_themes(db_session: Session, source: Theme, target: Theme, *, actor: User | None) -> int:
    """Moves every member of `source` into `target`, and the recommendations resting on it, then deletes it."""
    if source.id == target.id:
        raise ThemeError("Choose another theme to merge this one into.")
    moved = add_members(db_session, target, member_ids(db_session, source), actor=actor)
    target_recommendations = select(recommendation_theme.c.recommendation_id).where(
        recommendation_theme.c.theme_id == target.id)
    db_session.execute(update(recommendation_theme).where(
        recommendation_theme.c.theme_id == source.id,
        recommendation_theme.c.recommendation_id.not_in(target_recommendations)).values(theme_id=target.id))
    db_session.execute(update(ThemeSuggestion).where(ThemeSuggestion.theme_id == source.id)
                       .values(theme_id=target.id))
    audit.record(db_session, "theme.merged", actor=actor, theme_id=target.id, merged=source.name, moved=moved)
    db_session.delete(source)
    return moved


def split_theme(db_session: Session, theme: Theme, submission_ids: list[int], name: str, *,
                actor: User | None) -> Theme:
    """Moves the chosen members out of `theme` into a new theme called `name`."""
    chosen = sorted(set(submission_ids) & set(member_ids(db_session, theme)))
    if not chosen:
        raise ThemeError("Choose the submissions to move into the new theme.")
    new = create_theme(db_session, name, actor=actor)
    add_members(db_session, new, chosen, actor=actor)
    remove_members(db_session, theme, chosen, actor=actor)
    audit.record(db_session, "theme.split", actor=actor, theme_id=theme.id, into=new.id, count=len(chosen))
    return new


def delete_theme(db_session: Session, theme: Theme, *, actor: User | None) -> None:
    """The theme goes; its submissions stay as they are."""
    audit.record(db_session, "theme.deleted", actor=actor, theme_id=theme.id, name=theme.name)
    db_session.delete(theme)


# --- A theme's page ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberRow:
    """A member as a theme's page lists it; `reference` and `excerpt` only for people who read originals."""
    id: int
    reference: str | None
    kind: str
    language: str
    meeting: str | None
    neighbourhood: str
    received: datetime
    status: Status
    assignee: str | None
    excerpt: str


@dataclass(frozen=True)
class ThemePage:
    summary: ThemeSummary
    trend: list[tuple[str, int]]  # (ISO week, residents) for the last TREND_WEEKS weeks with members
    languages: list[tuple[str, int]]  # (tag, members), most first
    rows: list[MemberRow]
    page: int
    pages: int


def _excerpt(submission: Submission) -> str:
    text = english_text(submission) or submission.body or submission.improvement
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARACTERS else text[:EXCERPT_CHARACTERS - 1].rstrip() + "…"


_ID, _CREATED_AT, _RESIDENT, _LANGUAGE = range(4)  # the columns of _facts' rows


def _facts(db_session: Session, theme: Theme) -> list:
    """Every member's id, created_at, resident (the original's id for a duplicate) and language, in one pass over
    the members' rows: at 5,000 members among a million submissions each pass is 5,000 row lookups, so the page's
    figures and its order all come from this one (bench/README.md, "Themes")."""
    return list(db_session.execute(
        select(Submission.id, Submission.created_at, func.coalesce(Submission.duplicate_of_id, Submission.id),
               Submission.language)
        .join(ThemeMember, ThemeMember.submission_id == Submission.id).where(ThemeMember.theme_id == theme.id)))


def theme_page(db_session: Session, theme: Theme, page: int, *, reads_originals: bool) -> ThemePage:
    facts = _facts(db_session, theme)
    languages = Counter(fact[_LANGUAGE] for fact in facts)
    counts = ThemeSummary(theme.id, theme.name, theme.description, len(facts),
                          len({fact[_RESIDENT] for fact in facts}), len(languages))
    pages = max(1, -(-counts.members // MEMBERS_PER_PAGE))
    page = min(max(page, 1), pages)
    newest_first = sorted(facts, key=itemgetter(_CREATED_AT, _ID), reverse=True)
    shown = [fact[_ID] for fact in newest_first[(page - 1) * MEMBERS_PER_PAGE:page * MEMBERS_PER_PAGE]]
    loaded = {item.id: item for item in db_session.scalars(
        select(Submission).where(Submission.id.in_(shown))
        .options(joinedload(Submission.meeting), joinedload(Submission.assignee)))}
    rows = [MemberRow(
        id=item.id, reference=item.reference if reads_originals else None, kind=item.kind.value,
        language=item.language, meeting=item.meeting.text_in("title", "en")[0] if item.meeting else None,
        neighbourhood=item.neighbourhood, received=item.created_at, status=item.status,
        assignee=item.assignee.email if item.assignee else None,
        excerpt=_excerpt(item) if reads_originals else "",
    ) for item in (loaded[submission_id] for submission_id in shown)]
    return ThemePage(counts, _weekly_trend(facts), sorted(languages.items(), key=lambda row: (-row[1], row[0])),
                     rows, page, pages)


def _weekly_trend(facts: list) -> list[tuple[str, int]]:
    """Residents who joined the theme's conversation each ISO week (by when they first wrote), the last
    TREND_WEEKS weeks up to its newest member, zero-filled."""
    zone = city_zone()
    first_seen: dict[int, date] = {}
    for fact in facts:
        day = fact[_CREATED_AT].astimezone(zone).date()
        resident = fact[_RESIDENT]
        if resident not in first_seen or day < first_seen[resident]:
            first_seen[resident] = day
    if not first_seen:
        return []
    last = max(first_seen.values())
    last_monday = last - timedelta(days=last.weekday())
    mondays = [last_monday - timedelta(weeks=weeks) for weeks in range(TREND_WEEKS - 1, -1, -1)]
    per_week = Counter(day - timedelta(days=day.weekday()) for day in first_seen.values())
    return [(_week_label(monday), per_week.get(monday, 0)) for monday in mondays]


def _week_label(monday: date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def themes_of(db_session: Session, submission_id: int) -> list[Theme]:
    return list(db_session.scalars(select(Theme).join(ThemeMember, ThemeMember.theme_id == Theme.id)
                                   .where(ThemeMember.submission_id == submission_id).order_by(Theme.name)))


# --- Working a theme ----------------------------------------------------------------------------------------------

def _members_for_change(db_session: Session, theme: Theme) -> list[Submission]:
    return triage.find_submissions(db_session, member_ids(db_session, theme))


def set_members_status(db_session: Session, theme: Theme, status: Status, *, note: str, actor: User) -> int:
    """Every member gets the status (with the note referring or closing needs); returns how many changed."""
    members = [member for member in _members_for_change(db_session, theme) if member.status != status]
    triage.bulk_apply(db_session, members, "status", status.value, actor=actor, users={}, note=note)
    audit.record(db_session, "theme.status_set", actor=actor, theme_id=theme.id, status=status.value,
                 count=len(members))
    return len(members)


def assign_members(db_session: Session, theme: Theme, assignee: User | None, *, actor: User) -> int:
    members = [member for member in _members_for_change(db_session, theme) if member.assignee is not assignee]
    for member in members:
        triage.assign(db_session, member, assignee, actor=actor)
    audit.record(db_session, "theme.assigned", actor=actor, theme_id=theme.id,
                 assignee=assignee.email if assignee else None, count=len(members))
    return len(members)


def reply_languages(db_session: Session, theme: Theme) -> dict[int, str]:
    """Each member's reply language: the one its resident chose for contact, else the one they wrote in."""
    ids = member_ids(db_session, theme)
    written = dict(db_session.execute(select(Submission.id, Submission.language).where(Submission.id.in_(ids)))
                   .all())
    chosen = dict(db_session.execute(select(Contact.submission_id, Contact.preferred_language)
                                     .where(Contact.submission_id.in_(ids))).all())
    return {submission_id: chosen.get(submission_id) or language for submission_id, language in written.items()}


def languages_needed(db_session: Session, theme: Theme) -> list[tuple[str, int]]:
    """(language, members) the theme's reply must be written in, most members first."""
    counts = Counter(reply_languages(db_session, theme).values())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class ReplySent:
    replied: int
    missing: dict[str, int]  # language -> members not reached, for want of a text in it


def reply_to_members(db_session: Session, theme: Theme, texts: dict[str, str], *, actor: User) -> ReplySent:
    """One reply, written once per language: each member whose reply language has a text gets it on their
    status page, and an email saying so when they asked for one. Members in a language without a text are
    counted, not reached."""
    texts = {language: text.strip() for language, text in texts.items() if text and text.strip()}
    if not texts:
        raise ThemeError("Write the reply in at least one language.")
    by_language: dict[str, list[int]] = defaultdict(list)
    for submission_id, language in reply_languages(db_session, theme).items():
        by_language[language].append(submission_id)
    reached: list[Submission] = []
    for language, ids in by_language.items():
        if language not in texts:
            continue
        members = list(db_session.scalars(select(Submission).where(Submission.id.in_(ids))))
        db_session.add_all(Reply(submission=member, body=texts[language], language=language, author=actor)
                           for member in members)
        for member in members:
            audit.record(db_session, "submission.replied", actor=actor, submission=member, theme_id=theme.id)
        reached.extend(members)
    resident_mail.queue_replies(db_session, reached)
    missing = {language: len(ids) for language, ids in by_language.items() if language not in texts}
    audit.record(db_session, "theme.replied", actor=actor, theme_id=theme.id, count=len(reached),
                 languages=sorted(texts))
    return ReplySent(len(reached), missing)


# --- Figures by theme ---------------------------------------------------------------------------------------------

def residents_by_theme(db_session: Session, start: date, end: date) -> list[tuple[str, int]]:
    """Residents who wrote from the start of `start` to the end of `end` (the city's days), per theme, most first;
    a resident counts once per theme, and in every theme their submission belongs to."""
    since, until = days_span(start, end)
    rows = db_session.execute(
        select(Theme.name, residents()).join(ThemeMember, ThemeMember.theme_id == Theme.id)
        .join(Submission, Submission.id == ThemeMember.submission_id)
        .where(Submission.created_at >= since, Submission.created_at < until).group_by(Theme.name))
    return sorted(((name, count) for name, count in rows), key=lambda row: (-row[1], row[0]))

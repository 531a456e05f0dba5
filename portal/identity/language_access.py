"""The language-access report (Louisville Metro ordinance O-161-22): per shipped language, whether it is offered,
which resident pages, emails and flyers are complete in its catalog, the catalog's review status, and the
submissions and meeting feedback received in it over a period."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, UTC
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.identity.resident_pages import RESIDENT_TEXTS, ResidentText
from portal.models import Kind, Setting, Submission, User
from portal.platform.config import ROOT
from portal.platform.i18n import DEFAULT_TAG, LANGUAGES, Language, offered_languages

REVIEWS_KEY = "catalog_reviews"
DRAFT, REVIEWED = "draft", "reviewed"
_KEYWORDS = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}


@dataclass(frozen=True)
class Review:
    status: str = DRAFT  # never recorded counts as a draft
    reviewer: str = ""
    on: str = ""  # ISO date


@dataclass(frozen=True)
class LanguageRow:
    language: Language
    offered: bool
    missing: dict[str, int]  # resident text key -> messages without a translation (0: complete)
    review: Review
    concerns: int
    feedback: int


@cache
def messages_of(source: str) -> frozenset[str]:
    """The msgids a source file holds, extracted as the catalogs are (trimmed templates, _l)."""
    path = ROOT / source
    method = "jinja2" if source.endswith((".html", ".txt")) else "python"
    options = {"trimmed": "true"} if method == "jinja2" else {}
    return frozenset(message[1] if isinstance(message[1], str) else message[1][0]
                     for message in extract_from_file(method, str(path), keywords=_KEYWORDS, options=options)
                     if message[1])


def _translated(directory: Path, language: Language) -> frozenset[str]:
    po = directory / language.locale / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return frozenset()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language.locale)
    return frozenset(str(message.id[0] if isinstance(message.id, tuple) else message.id) for message in catalog
                     if message.id and not message.fuzzy
                     and (all(message.string) if isinstance(message.string, tuple) else message.string))


def missing_messages(text: ResidentText, translated: frozenset[str] | None) -> int:
    """How many of its messages the catalog lacks (None: English, the source language)."""
    if translated is None:
        return 0
    wanted = frozenset().union(*(messages_of(source) for source in text.sources))
    return len(wanted - translated)


def reviews(db_session: Session) -> dict[str, Review]:
    setting = db_session.get(Setting, REVIEWS_KEY)
    return {tag: Review(**value) for tag, value in (setting.value if setting else {}).items()}


def record_review(db_session: Session, tag: str, review: Review, *, actor: User | None) -> None:
    setting = db_session.get(Setting, REVIEWS_KEY)
    value = dict(setting.value) if setting else {}
    value[tag] = {"status": review.status, "reviewer": review.reviewer, "on": review.on}
    if setting is None:
        db_session.add(Setting(key=REVIEWS_KEY, value=value))
    else:
        setting.value = value
    audit.record(db_session, "catalog.review_recorded", actor=actor, language=tag, status=review.status,
                 reviewer=review.reviewer, on=review.on)


def _received(db_session: Session, since: date, until: date) -> dict[tuple[str, Kind], int]:
    start = datetime.combine(since, time.min, tzinfo=UTC)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC)
    rows = db_session.execute(
        select(Submission.language, Submission.kind, func.count())
        .where(Submission.created_at >= start, Submission.created_at < end, Submission.is_demo.is_(False))
        .group_by(Submission.language, Submission.kind))
    return {(language, kind): number for language, kind, number in rows}


def report(db_session: Session, directory: str, since: date, until: date) -> list[LanguageRow]:
    offered = {language.tag for language in offered_languages()}
    received = _received(db_session, since, until)
    recorded = reviews(db_session)
    rows = []
    for language in LANGUAGES:
        translated = None if language.tag == DEFAULT_TAG else _translated(Path(directory), language)
        rows.append(LanguageRow(
            language=language, offered=language.tag in offered,
            missing={text.key: missing_messages(text, translated) for text in RESIDENT_TEXTS},
            review=Review(REVIEWED, "source language") if language.tag == DEFAULT_TAG
            else recorded.get(language.tag, Review()),
            concerns=received.get((language.tag, Kind.CONCERN), 0),
            feedback=received.get((language.tag, Kind.MEETING_FEEDBACK), 0)))
    return rows


def as_csv(rows: list[LanguageRow], since: date, until: date) -> str:
    """One line per language; a resident text's column says "yes" when it is complete and offered."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["language", "tag", "offered", *(text.label for text in RESIDENT_TEXTS), "catalog status",
                     "reviewed by", "reviewed on", f"concerns {since}–{until}", f"meeting feedback {since}–{until}"])
    for row in rows:
        writer.writerow([row.language.endonym, row.language.tag, "yes" if row.offered else "no",
                         *(availability(row, text.key) for text in RESIDENT_TEXTS), row.review.status,
                         row.review.reviewer, row.review.on, row.concerns, row.feedback])
    return out.getvalue()


def availability(row: LanguageRow, key: str) -> str:
    if not row.offered:
        return "not offered"
    missing = row.missing[key]
    return "yes" if not missing else f"{missing} messages missing"

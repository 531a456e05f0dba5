"""Synthetic data for benchmarks: up to millions of submissions in every shipped language, inserted in bulk.

Texts are recombined sentences of the demo data (real sentences in each language and script), so search,
sorting and page sizes behave as with real submissions. Proportions: 85% concerns and 15% meeting feedback;
statuses from many received to few closed; tags on 30%, notes on 20%, replies on 5%, contact details on 5%.
A word that appears in a handful of rows only ("RARE_WORD") lets benchmarks search for a rare word.
"""
from __future__ import annotations

import functools
import random
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, UTC

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from portal.migrations import fulltext
from portal.models import (
    Category, Contact, Meeting, Note, Reply, Role, Submission, Tag, User, search_document, submission_tag,
)
from portal.platform import crypto, search_words
from portal.topics.service import ensure_default_categories
from portal.demo.seed import DEMO_SUBMISSIONS
from portal.accounts.passwords import hash_password
from portal.platform.reference import ALPHABET, LENGTH

RARE_WORD = "zanzibarquokka"
RARE_EVERY = 200_000  # one row in this many carries the rare word
BATCH = 20_000
STATUS_WEIGHTS = {"received": 30, "in_review": 30, "referred": 15, "in_recommendation": 10, "closed": 15}
TAGS = ("police", "ice", "interpreter", "housing", "heat", "wages", "school", "bus", "clinic", "hate",
        "follow-up", "urgent-call", "landlord", "311", "translation", "lights", "graffiti", "deposit", "mold", "ride")
_SENTENCE_END = re.compile(r"(?<=[.!?।؟])\s+")


@dataclass(frozen=True)
class SyntheticSummary:
    submissions: int
    seconds: float

    def __str__(self) -> str:
        return (f"Added {self.submissions:,} synthetic submissions in {self.seconds:.1f} s "
                f"({self.submissions / max(self.seconds, 0.001):,.0f} a second).")


def _sentences_by_language() -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for item in DEMO_SUBMISSIONS:
        texts = [getattr(item, name, "") or "" for name in ("body", "act_on", "improvement")]
        for passage in texts:
            pool.setdefault(item.language, []).extend(s for s in _SENTENCE_END.split(passage) if s)
    return pool


def _reference(rng: random.Random) -> str:
    return "".join(rng.choices(ALPHABET, k=LENGTH))


class _Generator:
    def __init__(self, db_session: Session, seed: int, now: datetime) -> None:
        self.session, self.rng, self.now = db_session, random.Random(seed), now
        self.sentences = _sentences_by_language()
        self.languages = sorted(self.sentences)
        self.statuses = list(STATUS_WEIGHTS)
        self.status_weights = list(STATUS_WEIGHTS.values())

    def text(self, language: str, count: int) -> str:
        return " ".join(self.rng.choice(self.sentences[language]) for _ in range(count))

    def submission_rows(self, batch_first_id: int, count: int, fraction_of, categories: list[int],
                        meetings: list[int], users: list[int]) -> list[dict]:
        """Rows in id order, created_at growing with the id over three years, as a real inbox fills."""
        rows, span = [], timedelta(days=3 * 365)
        for offset in range(count):
            identifier = batch_first_id + offset
            language = self.rng.choice(self.languages)
            feedback = self.rng.random() < 0.15
            status = self.rng.choices(self.statuses, self.status_weights)[0]
            created_at = self.now - span + span * fraction_of(identifier) + timedelta(seconds=self.rng.random())
            sentences = self.rng.randint(1, 4)
            body = self.text(language, sentences)
            if identifier % RARE_EVERY == 0:
                body += f" {RARE_WORD}"
            rows.append({
                "id": identifier, "kind": "meeting_feedback" if feedback else "concern",
                "reference": _reference(self.rng), "language": language,
                "category_id": None if feedback else self.rng.choice(categories),
                "meeting_id": self.rng.choice(meetings) if feedback else None,
                "body": body, "improvement": self.text(language, 1) if feedback else "",
                "neighbourhood": "", "occurred_on": None,
                "usefulness": self.rng.randint(1, 5) if feedback else None,
                "felt_heard": self.rng.randint(1, 5) if feedback else None,
                "interpretation": self.rng.choice(["yes", "partly", "no", "not_needed"]) if feedback else None,
                "follow_up_requested": False, "status": status, "source": "web", "is_demo": True,
                "created_at": created_at, "updated_at": created_at, "priority": "normal",
                "assignee_id": self.rng.choice(users) if status != "received" and self.rng.random() < 0.7 else None,
                "duplicate_of_id": None, "translation": "", "redacted_text": None,
                # The engine translates what is not in English; English demo sentences stand in for its output.
                "machine_translation": "" if language == "en" else self.text("en", sentences),
                "closed_at": created_at + timedelta(days=10) if status == "closed" else None, "anonymized_at": None,
            })
        return rows

    def related_rows(self, submissions: list[dict], tags: list[int], users: list[int]):
        contacts, notes, replies, tagged = [], [], [], []
        for row in submissions:
            chance = self.rng.random()
            if chance < 0.05:
                row["follow_up_requested"] = True
                contacts.append({"submission_id": row["id"], "name": crypto.encrypt(""),
                                 "email": crypto.encrypt(f"resident{row['id']}@example.org"),
                                 "phone": crypto.encrypt(""), "preferred_language": row["language"],
                                 "consented_at": row["created_at"]})
            if chance < 0.30:
                for tag in self.rng.sample(tags, self.rng.randint(1, 2)):
                    tagged.append({"submission_id": row["id"], "tag_id": tag})
            if self.rng.random() < 0.20:
                notes.append({"submission_id": row["id"], "author_id": self.rng.choice(users),
                              "body": "Called the department; waiting for an answer.", "created_at": row["created_at"]})
            if row["status"] != "received" and self.rng.random() < 0.07:
                replies.append({"submission_id": row["id"], "author_id": self.rng.choice(users),
                                "body": self.text(row["language"], 1), "language": row["language"],
                                "created_at": row["created_at"] + timedelta(days=3)})
        return contacts, notes, replies, tagged


def _add_search_documents(rows: list[dict], notes: list[dict]) -> None:
    """As the ORM would write them (portal/models/search_document.py), which bulk inserts bypass. Texts are a few
    of the demo data's sentences: each sentence is analysed once, which makes a million documents minutes faster."""
    notes_of: dict[int, list[str]] = {}
    for note in notes:
        notes_of.setdefault(note["submission_id"], []).append(note["body"])
    for row in rows:
        texts = [row[name] for name in search_document.SEARCHED_TEXTS] + notes_of.get(row["id"], [])
        sentences = (sentence for text in texts for sentence in _SENTENCE_END.split(text))
        row["search_document"] = search_words.document_of_analysed(map(_analysed_sentence, sentences))


@functools.lru_cache(maxsize=100_000)
def _analysed_sentence(sentence: str) -> tuple[list[str], list[str]]:
    return search_words.analysed_text(sentence)


def _staff_and_tags(db_session: Session) -> tuple[list[int], list[int]]:
    users = list(db_session.scalars(select(User.id).where(User.email.like("bench-staff-%"))))
    if not users:
        password = hash_password("synthetic staff, never signs in")
        db_session.add_all(User(email=f"bench-staff-{number}@example.org", name=f"Bench staff {number}",
                                role=Role.STAFF, password_hash=password, active=False) for number in range(5))
        db_session.flush()
        users = list(db_session.scalars(select(User.id).where(User.email.like("bench-staff-%"))))
    existing = set(db_session.scalars(select(Tag.name)))
    db_session.add_all(Tag(name=name) for name in TAGS if name not in existing)
    db_session.flush()
    return users, list(db_session.scalars(select(Tag.id).where(Tag.name.in_(TAGS))))


def _meetings(db_session: Session, count: int, now: datetime) -> list[int]:
    meetings = []
    for number in range(count):
        starts_at = now - timedelta(days=3 * 365) + timedelta(days=number * 3 * 365 / max(count, 1))
        meetings.append(Meeting(title={"en": f"Synthetic community meeting {number + 1}"}, description={},
                                starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), place="Main Library",
                                interpreted_languages=["es", "ar"], feedback_opens_at=starts_at,
                                feedback_closes_at=starts_at + timedelta(days=30), is_demo=True))
    db_session.add_all(meetings)
    db_session.flush()
    return [meeting.id for meeting in meetings]


def generate(db_session: Session, count: int, *, seed: int = 1) -> SyntheticSummary:
    """Adds `count` submissions with their contacts, notes, replies and tags; full-text indexes are rebuilt
    once at the end instead of row by row."""
    started, now = time.monotonic(), datetime.now(UTC)
    ensure_default_categories(db_session)
    categories = list(db_session.scalars(select(Category.id)))
    meetings = _meetings(db_session, max(1, count // 5000), now)
    users, tags = _staff_and_tags(db_session)
    generator = _Generator(db_session, seed, now)
    dialect = db_session.get_bind().dialect.name
    for statement in fulltext.drop_trigger_statements(dialect) + fulltext.drop_index_statements(dialect):
        db_session.execute(text(statement))
    first_id = (db_session.scalar(select(func.max(Submission.id))) or 0) + 1
    for start in range(0, count, BATCH):
        rows = generator.submission_rows(first_id + start, min(BATCH, count - start),
                                         lambda identifier: (identifier - first_id) / count, categories, meetings,
                                         users)
        contacts, notes, replies, tagged = generator.related_rows(rows, tags, users)
        _add_search_documents(rows, notes)
        db_session.execute(insert(Submission.__table__), rows)
        for table, related in ((Contact.__table__, contacts), (Note.__table__, notes),
                               (Reply.__table__, replies), (submission_tag, tagged)):
            if related:
                db_session.execute(insert(table), related)
    for statement in (fulltext.create_index_statements(dialect, fulltext.COLUMNS)
                      + fulltext.create_trigger_statements(dialect, fulltext.COLUMNS)):
        db_session.execute(text(statement))
    if dialect == "postgresql":
        db_session.execute(text(f"SELECT setval('submission_id_seq', {first_id + count})"))
    return SyntheticSummary(submissions=count, seconds=time.monotonic() - started)


def vacuum_and_analyze(engine) -> None:
    """After a bulk load: fresh statistics, and on PostgreSQL a visibility map so counts can use index-only scans."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))

"""Full-text search over the texts, both English translations, the neighbourhood and notes, in each database's
own engine, across languages and word forms.

Both engines index Submission.search_document, whose words are normalised and stemmed in Python
(portal/platform/search_words.py); a query's words go through the same steps. A query word matches a document
word it starts, or a stem it shares: "interpreters" finds "interpreter", "الشرطه" finds "الشرطة".
SQLite: the FTS5 table submission_fts (portal/migrations/fulltext.py). PostgreSQL: the GIN expression index
ix_submission_fulltext; the expression below must stay the same as the index's, or PostgreSQL will not use it.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Text, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from portal.models import Submission
from portal.platform.search_words import query_terms

POSTGRES_DOCUMENT = "to_tsvector('simple', submission.search_document)"

Terms = list[tuple[str, list[str]]]


def matches(db_session: Session, query: str, *, newest_first: bool = False) -> ColumnElement[bool] | None:
    """A condition on Submission: every word of the query starts a word of the document or shares one of its
    stems. None for no words.
    newest_first: the query reads the newest matching rows only (a page of the inbox), so a common word may be
    answered by walking the newest rows instead of fetching every hit."""
    terms = query_terms(query)
    if not terms:
        return None
    if db_session.get_bind().dialect.name == "postgresql":
        return _postgres_matches(db_session, terms)
    if newest_first and _sqlite_dense_among_newest(db_session, terms):
        # Many of the newest rows match (a common English word, now that every text has its English): reading
        # the newest rows' own documents finds a page at once, where the FTS5 answer would first gather every hit.
        return _sqlite_document_holds(terms)
    fts_query = " AND ".join(_fts5_term(word, stems) for word, stems in terms)
    hits: Select[Any] = select(literal_column("rowid")).select_from(text("submission_fts")).where(
        text("submission_fts MATCH :fts_query").bindparams(fts_query=fts_query))
    if newest_first and not _sqlite_hits_at_most(db_session, hits, RARE_LIMIT):
        # SQLite would fetch every hit by its id and sort them all to keep the newest 50: half a second for a
        # common word at a million submissions. The unary + takes the id lookup away, so it walks the newest
        # rows in index order and stops at the 50th that is a hit (bench/README.md, "Staff inbox").
        return literal_column("+submission.id").in_(hits)
    return Submission.id.in_(hits)


def _fts5_term(word: str, stems: list[str]) -> str:
    """Each word quoted, so FTS5 never reads the resident's text as query syntax; a trailing * finds word starts."""
    alternatives = ['"' + word.replace('"', '""') + '"*', *('"' + stem.replace('"', '""') + '"' for stem in stems)]
    return "(" + " OR ".join(alternatives) + ")"


def _sqlite_document_holds(terms: Terms) -> ColumnElement[bool]:
    """The same test as the FTS5 query, on the row's own document: its words are joined by single spaces, so
    " word" starts a word and " stem " is a whole one. Terms hold letters, marks and digits only: no LIKE wildcard."""
    spaced: ColumnElement[str] = literal_column("(' ' || submission.search_document || ' ')", Text())
    return and_(*(or_(spaced.like(f"% {word}%"), *(spaced.like(f"% {stem} %") for stem in stems))
                  for word, stems in terms))


def _sqlite_dense_among_newest(db_session: Session, terms: Terms) -> bool:
    """Whether a page's worth of the newest SAMPLE rows match: a few milliseconds, whatever the word."""
    newest = select(Submission.id).order_by(Submission.created_at.desc(), Submission.id.desc()).limit(SAMPLE)
    sample = select(literal_column("1")).select_from(Submission).where(
        Submission.id.in_(newest), _sqlite_document_holds(terms)).limit(DENSE).subquery()
    return db_session.execute(select(func.count()).select_from(sample)).scalar_one() >= DENSE


SAMPLE, DENSE = 500, 13  # 13 hits among the newest 500 rows: a page of 50 is found within 2,000 rows or so


def _sqlite_hits_at_most(db_session: Session, hits, limit: int) -> bool:
    """FTS5 stops reading its index once it has limit + 1 hits."""
    return db_session.execute(select(func.count()).select_from(hits.limit(limit + 1).subquery())).scalar_one() <= limit


RARE_LIMIT = 1000  # at most this many hits: fetch the hits first; more: walk the newest rows and filter


def _postgres_matches(db_session: Session, terms: Terms) -> ColumnElement[bool]:
    """PostgreSQL cannot estimate how many rows a prefix search finds, and with ORDER BY ... LIMIT it walks the
    newest rows filtering each one: instant for a common word, a full scan for a rare one. So we ask the GIN
    index first, bounded, and pick the shape that suits the answer."""
    # Only letters, marks and digits reach to_tsquery, so its query syntax cannot be injected.
    query = func.to_tsquery("simple", " & ".join(
        "(" + " | ".join([f"{word}:*", *stems]) + ")" for word, stems in terms))
    condition = literal_column(POSTGRES_DOCUMENT).op("@@")(query)
    if _hits_at_most(db_session, condition, RARE_LIMIT):
        hits = select(Submission.id).where(condition).cte("search_hits").prefix_with("MATERIALIZED")
        return Submission.id.in_(select(hits.c.id))
    return condition


def _hits_at_most(db_session: Session, condition: ColumnElement[bool], limit: int) -> bool:
    """Counts up to limit + 1 hits through the GIN index, never the whole table. The hits are a materialized CTE,
    which PostgreSQL plans on its own as if every row were wanted (a bitmap scan of the index) and then runs only
    as far as the LIMIT outside it reads; with the LIMIT beside the condition it would walk the table instead,
    expecting to meet a thousand hits soon."""
    hits = select(Submission.id).where(condition).cte("probe_hits").prefix_with("MATERIALIZED")
    probe = select(hits.c.id).limit(limit + 1).subquery()
    return db_session.execute(select(func.count()).select_from(probe)).scalar_one() <= limit

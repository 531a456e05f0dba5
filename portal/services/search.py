"""Full-text search over original texts and staff translations, in each database's own engine.

SQLite: the FTS5 table submission_fts (portal/migrations/fulltext.py). PostgreSQL: the GIN expression index
ix_submission_fulltext; the expression below must stay the same as the index's, or PostgreSQL will not use it.
"""
from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from portal.models import Submission

POSTGRES_DOCUMENT = "to_tsvector('simple', submission.body || ' ' || submission.improvement || ' ' || submission.translation)"
MAX_WORDS = 20


def words(query: str) -> list[str]:
    """Letters, marks and digits in runs. Marks matter: Devanagari and Arabic vowel signs are part of words."""
    kept = "".join(character if unicodedata.category(character)[0] in "LMN" else " " for character in query)
    return kept.split()[:MAX_WORDS]


def matches(db_session: Session, query: str) -> ColumnElement[bool] | None:
    """A condition on Submission: every word of the query starts a word of the texts. None for no words."""
    terms = words(query)
    if not terms:
        return None
    if db_session.get_bind().dialect.name == "postgresql":
        # Only letters, marks and digits reach to_tsquery, so the query syntax cannot be injected.
        prefixes = " & ".join(f"{term}:*" for term in terms)
        return literal_column(POSTGRES_DOCUMENT).op("@@")(func.to_tsquery("simple", prefixes))
    # Each word quoted, so FTS5 never reads the resident's text as query syntax; a trailing * finds word starts.
    fts_query = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
    hits = select(literal_column("rowid")).select_from(text("submission_fts")).where(
        text("submission_fts MATCH :fts_query").bindparams(fts_query=fts_query))
    return Submission.id.in_(hits)

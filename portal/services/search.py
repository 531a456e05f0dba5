"""Full-text search over original texts and staff translations, in each database's own engine.

SQLite: the FTS5 table submission_fts (portal/migrations/fulltext.py). PostgreSQL: the GIN expression index
ix_submission_fulltext; the expression below must stay the same as the index's, or PostgreSQL will not use it.
"""
from __future__ import annotations

import re

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from portal.models import Submission

POSTGRES_DOCUMENT = "to_tsvector('simple', submission.body || ' ' || submission.improvement || ' ' || submission.translation)"
_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    return _WORD.findall(query)[:20]


def matches(db_session: Session, query: str) -> ColumnElement[bool] | None:
    """A condition on Submission for "every word of the query appears", or None for an empty query."""
    terms = words(query)
    if not terms:
        return None
    if db_session.get_bind().dialect.name == "postgresql":
        return literal_column(POSTGRES_DOCUMENT).op("@@")(func.plainto_tsquery("simple", " ".join(terms)))
    # Each word quoted, so FTS5 never reads the resident's text as query syntax; a trailing * finds word starts.
    fts_query = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
    hits = select(literal_column("rowid")).select_from(text("submission_fts")).where(
        text("submission_fts MATCH :fts_query").bindparams(fts_query=fts_query))
    return Submission.id.in_(hits)

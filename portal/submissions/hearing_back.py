"""What a resident hears back on their status page beyond their case's status: features above this one (reports:
the recommendations their submission is behind, and what the city did since) register a finder at import, so
submissions imports none of them."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from portal.models import Submission

Finder = Callable[[Session, Submission, str], list]
_finders: list[Finder] = []


def finds_news(finder: Finder) -> Finder:
    _finders.append(finder)
    return finder


def news_for(db_session: Session, submission: Submission, tag: str) -> list:
    """Everything the registered finders have for the submission, in the reader's language `tag`."""
    return [item for finder in _finders for item in finder(db_session, submission, tag)]

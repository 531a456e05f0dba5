"""Each submission's search document (Submission.search_document), kept in step with what it is built from.

Built from the resident's texts, both English translations (a person's and the machine's), the neighbourhood and
staff's notes, by portal/platform/search_words.py. The database's own full-text index follows the column
(portal/migrations/fulltext.py). Every flush of the ORM keeps it in step: a new submission gets its document in
its own INSERT; a changed text, and a note added, changed or removed, rebuild the document after the flush.
Statements that bypass the ORM (a bulk DELETE of notes, say) call refresh() themselves.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from portal.models.submission import Note, Submission
from portal.platform import search_words

SEARCHED_TEXTS = ("body", "improvement", "translation", "machine_translation", "neighbourhood")
_BATCH = 500


def document_of(texts: Iterable[str | None], notes: Iterable[str]) -> str:
    return search_words.document([*(text or "" for text in texts), *notes])


def refresh(db_session: Session, submission_ids: Iterable[int]) -> None:
    """Rebuilds the documents of these submissions from what the database holds now (flush first)."""
    _refresh(db_session.connection(), submission_ids)


def _refresh(connection: Connection, submission_ids: Iterable[int]) -> None:
    table = Submission.__table__
    wanted = sorted(set(submission_ids))
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start:start + _BATCH]
        notes: dict[int, list[str]] = {}
        for submission_id, body in connection.execute(
                select(Note.submission_id, Note.body).where(Note.submission_id.in_(batch)).order_by(Note.id)):
            notes.setdefault(submission_id, []).append(body)
        columns = [table.c[name] for name in SEARCHED_TEXTS]
        rows = connection.execute(select(table.c.id, *columns).where(table.c.id.in_(batch))).all()
        if not rows:
            continue
        documents = [{"submission_id": row.id, "document": document_of(row[1:], notes.get(row.id, []))}
                     for row in rows]
        # updated_at set to itself: a rebuilt index entry is not a change staff made to the submission.
        connection.execute(table.update().where(table.c.id == bindparam("submission_id"))
                           .values(search_document=bindparam("document"), updated_at=table.c.updated_at),
                           documents)


@event.listens_for(Session, "before_flush")
def _document_new_submissions(db_session: Session, _context, _instances) -> None:
    for instance in db_session.new:
        if isinstance(instance, Submission):
            instance.search_document = document_of((getattr(instance, name) for name in SEARCHED_TEXTS), ())


@event.listens_for(Session, "after_flush")
def _refresh_changed_submissions(db_session: Session, _context) -> None:
    """In after_flush the session still lists what the flush wrote as new, dirty and deleted."""
    changed: set[int] = set()
    gone: set[int | None] = set()
    for instance in db_session.dirty:
        if isinstance(instance, Submission) and _texts_changed(instance):
            changed.add(instance.id)
    for instance in (*db_session.new, *db_session.dirty, *db_session.deleted):
        if isinstance(instance, Note) and inspect(instance).dict.get("submission_id") is not None:
            changed.add(inspect(instance).dict["submission_id"])
    for instance in db_session.deleted:
        if isinstance(instance, Submission):
            gone.add(inspect(instance).dict.get("id"))
    if changed - gone:
        _refresh(db_session.connection(), changed - gone)


def _texts_changed(submission: Submission) -> bool:
    attributes = inspect(submission).attrs
    return any(attributes[name].history.has_changes() for name in SEARCHED_TEXTS)

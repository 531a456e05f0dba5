"""Full-text search objects, in each database's own engine; migrations and the bulk loader use these.

Since revision 0013_search both engines index one column, submission.search_document: the words of a submission's
texts, translations, neighbourhood and notes, normalised and stemmed in Python (portal/platform/search_words.py,
kept in step by portal/models/search_document.py), so SQLite and PostgreSQL find the same rows.
SQLite: an FTS5 index over that column, kept in step by triggers. unicode61 with the mark categories (M*) as part
of words, so Devanagari vowel signs do not split words.
PostgreSQL: a GIN index over to_tsvector('simple', ...): the words are stemmed already.
portal/submissions/search.py must query the very same expression for PostgreSQL to use the index.
Revisions 0002 to 0012 indexed the texts themselves (FIRST_COLUMNS), which their upgrades and downgrades rebuild.

A SQLite batch migration that rebuilds the submission table drops the triggers: call create() again after it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from portal.platform import search_words

FIRST_COLUMNS = ("body", "improvement", "translation")  # indexed by revisions 0002 to 0012
COLUMNS = ("search_document",)
# What a search document is built from (revision 0013_search), besides the submission's notes.
DOCUMENT_SOURCES = ("body", "improvement", "translation", "machine_translation", "neighbourhood")


def postgres_document(columns: Sequence[str]) -> str:
    return "to_tsvector('simple', " + " || ' ' || ".join(columns) + ")"


def _values(prefix: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{prefix}.{column}" for column in columns)


def create_index_statements(dialect: str, columns: Sequence[str]) -> list[str]:
    if dialect == "postgresql":
        return [f"CREATE INDEX IF NOT EXISTS ix_submission_fulltext ON submission USING gin "
                f"({postgres_document(columns)})"]
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS submission_fts USING fts5({', '.join(columns)}, content='submission', "
        "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")",
        "INSERT INTO submission_fts(submission_fts) VALUES ('rebuild')",
    ]


def create_trigger_statements(dialect: str, columns: Sequence[str]) -> list[str]:
    """SQLite only: PostgreSQL keeps its index in step by itself."""
    if dialect == "postgresql":
        return []
    column_list = ", ".join(columns)
    remove_old = (f"INSERT INTO submission_fts(submission_fts, rowid, {column_list}) "
                  f"VALUES ('delete', old.id, {_values('old', columns)});")
    add_new = f"INSERT INTO submission_fts(rowid, {column_list}) VALUES (new.id, {_values('new', columns)});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_insert AFTER INSERT ON submission BEGIN {add_new} END",
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_delete AFTER DELETE ON submission BEGIN {remove_old} END",
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_update AFTER UPDATE OF {column_list} ON submission "
        f"BEGIN {remove_old} {add_new} END",
    ]


def drop_trigger_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return []
    return [f"DROP TRIGGER IF EXISTS submission_fts_{trigger}" for trigger in ("insert", "delete", "update")]


def drop_index_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return ["DROP INDEX IF EXISTS ix_submission_fulltext"]
    return ["DROP TABLE IF EXISTS submission_fts"]


def create(columns: Sequence[str] = FIRST_COLUMNS) -> None:
    """columns: the first revisions call it as they were written; 0013_search and later pass COLUMNS."""
    dialect = op.get_bind().dialect.name
    for statement in create_index_statements(dialect, columns) + create_trigger_statements(dialect, columns):
        op.execute(statement)


def drop() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_trigger_statements(dialect) + drop_index_statements(dialect):
        op.execute(statement)


def rebuild_documents(batch_size: int = 2000) -> None:
    """Writes every submission's search document from its texts and notes, as this revision defines them (before
    the index exists, so no trigger runs per row). Keyset batches, so a million rows never sit in memory."""
    connection = op.get_bind()
    submission = sa.table("submission", sa.column("id", sa.Integer), sa.column("search_document", sa.Text),
                          *(sa.column(name, sa.Text) for name in DOCUMENT_SOURCES))
    note = sa.table("note", sa.column("submission_id", sa.Integer), sa.column("body", sa.Text),
                    sa.column("id", sa.Integer))
    update = submission.update().where(submission.c.id == sa.bindparam("submission_id")).values(
        search_document=sa.bindparam("document"))
    last_id = 0
    while True:
        rows = connection.execute(sa.select(submission.c.id, *(submission.c[name] for name in DOCUMENT_SOURCES))
                                  .where(submission.c.id > last_id).order_by(submission.c.id).limit(batch_size)).all()
        if not rows:
            return
        notes: dict[int, list[str]] = {}
        in_batch = note.c.submission_id.between(rows[0].id, rows[-1].id)
        for submission_id, body in connection.execute(
                sa.select(note.c.submission_id, note.c.body).where(in_batch).order_by(note.c.id)):
            notes.setdefault(submission_id, []).append(body)
        connection.execute(update, [
            {"submission_id": row.id,
             "document": search_words.document([*(text or "" for text in row[1:]), *notes.get(row.id, [])])}
            for row in rows])
        last_id = rows[-1].id

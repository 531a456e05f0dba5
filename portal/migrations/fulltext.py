"""Full-text search objects, in each database's own engine; migrations call these.

SQLite: an FTS5 index over the submission texts, kept in step by triggers. unicode61 with the mark
categories (M*) as part of words, so Devanagari and Arabic vowel signs do not split words.
PostgreSQL: a GIN index over to_tsvector('simple', ...), no stemming since texts come in twelve languages.
portal/services/search.py must query the very same expression for PostgreSQL to use the index.

A SQLite batch migration that rebuilds the submission table drops the triggers: call create() again after it.
"""
from alembic import op

COLUMNS = ("body", "improvement", "translation")
POSTGRES_DOCUMENT = "to_tsvector('simple', body || ' ' || improvement || ' ' || translation)"


def _sqlite_rows(prefix: str) -> str:
    return ", ".join(f"{prefix}.{column}" for column in COLUMNS)


def create() -> None:
    columns = ", ".join(COLUMNS)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_submission_fulltext ON submission USING gin ({POSTGRES_DOCUMENT})")
        return
    op.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS submission_fts USING fts5({columns}, content='submission', "
        "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")"
    )
    remove_old = (f"INSERT INTO submission_fts(submission_fts, rowid, {columns}) "
                  f"VALUES ('delete', old.id, {_sqlite_rows('old')});")
    add_new = f"INSERT INTO submission_fts(rowid, {columns}) VALUES (new.id, {_sqlite_rows('new')});"
    op.execute(f"CREATE TRIGGER submission_fts_insert AFTER INSERT ON submission BEGIN {add_new} END")
    op.execute(f"CREATE TRIGGER submission_fts_delete AFTER DELETE ON submission BEGIN {remove_old} END")
    op.execute(
        f"CREATE TRIGGER submission_fts_update AFTER UPDATE OF {columns} ON submission "
        f"BEGIN {remove_old} {add_new} END"
    )
    op.execute("INSERT INTO submission_fts(submission_fts) VALUES ('rebuild')")


def drop() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_submission_fulltext")
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS submission_fts_{trigger}")
    op.execute("DROP TABLE IF EXISTS submission_fts")

"""Full-text search objects, in each database's own engine; migrations and the bulk loader use these.

SQLite: an FTS5 index over the submission texts, kept in step by triggers. unicode61 with the mark
categories (M*) as part of words, so Devanagari and Arabic vowel signs do not split words.
PostgreSQL: a GIN index over to_tsvector('simple', ...), no stemming since texts come in twelve languages.
portal/submissions/search.py must query the very same expression for PostgreSQL to use the index.

A SQLite batch migration that rebuilds the submission table drops the triggers: call create() again after it.
"""
from alembic import op

COLUMNS = ("body", "improvement", "translation")
POSTGRES_DOCUMENT = "to_tsvector('simple', body || ' ' || improvement || ' ' || translation)"
_COLUMN_LIST = ", ".join(COLUMNS)


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{column}" for column in COLUMNS)


def create_index_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"CREATE INDEX IF NOT EXISTS ix_submission_fulltext ON submission USING gin ({POSTGRES_DOCUMENT})"]
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS submission_fts USING fts5({_COLUMN_LIST}, content='submission', "
        "content_rowid='id', tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\")",
        "INSERT INTO submission_fts(submission_fts) VALUES ('rebuild')",
    ]


def create_trigger_statements(dialect: str) -> list[str]:
    """SQLite only: PostgreSQL keeps its index in step by itself."""
    if dialect == "postgresql":
        return []
    remove_old = (f"INSERT INTO submission_fts(submission_fts, rowid, {_COLUMN_LIST}) "
                  f"VALUES ('delete', old.id, {_values('old')});")
    add_new = f"INSERT INTO submission_fts(rowid, {_COLUMN_LIST}) VALUES (new.id, {_values('new')});"
    return [
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_insert AFTER INSERT ON submission BEGIN {add_new} END",
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_delete AFTER DELETE ON submission BEGIN {remove_old} END",
        f"CREATE TRIGGER IF NOT EXISTS submission_fts_update AFTER UPDATE OF {_COLUMN_LIST} ON submission "
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


def create() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_index_statements(dialect) + create_trigger_statements(dialect):
        op.execute(statement)


def drop() -> None:
    dialect = op.get_bind().dialect.name
    for statement in drop_trigger_statements(dialect) + drop_index_statements(dialect):
        op.execute(statement)

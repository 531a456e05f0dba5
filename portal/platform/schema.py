"""Alembic, driven from the app: `init-db` and the tests use the same path to the schema."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
# Full-text search lives in each database's own engine (SQLite FTS5 tables, a PostgreSQL GIN index), made by
# the migrations in raw SQL; the models do not describe them, so schema comparisons leave them out.
FULLTEXT_PREFIXES = ("submission_fts", "ix_submission_fulltext")


def include_name(name: str | None, type_: str, _parent_names) -> bool:
    return not (name and name.startswith(FULLTEXT_PREFIXES))


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    # "heads": work on separate branches can land side by side before a merge revision joins them.
    command.upgrade(alembic_config(engine), "heads")


def downgrade_to_base(engine: Engine) -> None:
    command.downgrade(alembic_config(engine), "base")

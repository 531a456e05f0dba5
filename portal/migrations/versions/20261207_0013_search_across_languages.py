"""Search across languages and word forms: one search document per submission (texts, both English translations,
neighbourhood, notes; normalised and stemmed), indexed by FTS5 and by a PostgreSQL GIN index, built for every row.

It runs after 0013_mt, which adds machine_translation: the document holds the machine's English too.

Revision ID: 0013_search
Revises: 0013_mt
Create Date: 2026-12-07 03:40:00
"""
import sqlalchemy as sa
from alembic import op

from portal.migrations import fulltext

revision = '0013_search'
down_revision = '0013_mt'
branch_labels = None
depends_on = None


def upgrade() -> None:
    fulltext.drop()  # the index over the texts themselves; rebuilt below over the documents
    # A plain ADD COLUMN, which SQLite does in place: copying the table would trip the foreign keys that point to it.
    op.add_column('submission', sa.Column('search_document', sa.Text(), nullable=False, server_default=''))
    fulltext.rebuild_documents()
    fulltext.create(fulltext.COLUMNS)


def downgrade() -> None:
    fulltext.drop()
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_column('search_document')
    fulltext.create(fulltext.FIRST_COLUMNS)

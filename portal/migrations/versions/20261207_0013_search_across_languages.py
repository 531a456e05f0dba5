"""Search across languages and word forms: one search document per submission (texts, both English translations,
neighbourhood, notes; normalised and stemmed), indexed by FTS5 and by a PostgreSQL GIN index, built for every row.

machine_translation is also added by the machine-translation branch with the same name and type; whichever
revision runs second finds it there and leaves it.

Revision ID: 0013_search
Revises: 0012_mail_job_names
Create Date: 2026-12-07 03:40:00
"""
import sqlalchemy as sa
from alembic import op

from portal.migrations import fulltext

revision = '0013_search'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def _submission_columns() -> set[str]:
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns("submission")}


def upgrade() -> None:
    fulltext.drop()  # the index over the texts themselves; rebuilt below over the documents
    # Plain ADD COLUMNs, which SQLite does in place: copying the table would trip the foreign keys that point to it.
    if "machine_translation" not in _submission_columns():
        op.add_column('submission', sa.Column('machine_translation', sa.Text(), nullable=False, server_default=''))
    op.add_column('submission', sa.Column('search_document', sa.Text(), nullable=False, server_default=''))
    fulltext.rebuild_documents()
    fulltext.create(fulltext.COLUMNS)


def downgrade() -> None:
    fulltext.drop()
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_column('search_document')
        batch_op.drop_column('machine_translation')
    fulltext.create(fulltext.FIRST_COLUMNS)

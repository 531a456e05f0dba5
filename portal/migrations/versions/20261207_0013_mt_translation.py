"""Staff read every language: the detected language, a machine's English kept apart from a person's, who checked
a translation and when, a person's English of the redacted text, the translators' queue, translators' languages.

Revision ID: 0013_mt
Revises: 0012_mail_job_names
Create Date: 2026-12-07 03:40:00
"""
from alembic import op
import sqlalchemy as sa

from portal.models.types import UTCDateTime

revision = '0013_mt'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None

PARTLY_INDEXED = ('human_translation_requested_at', 'machine_translation_error')
# Plain ADD COLUMNs, which SQLite does in place: copying the table would trip the foreign keys that point to it.
COLUMNS: tuple[sa.Column, ...] = (
    sa.Column('detected_language', sa.String(length=10), nullable=True),
    sa.Column('detected_language_uncertain', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('translation_checked_at', UTCDateTime(), nullable=True),
    sa.Column('machine_translation', sa.Text(), server_default='', nullable=False),
    sa.Column('machine_translation_engine', sa.String(length=100), nullable=True),
    sa.Column('machine_translated_at', UTCDateTime(), nullable=True),
    sa.Column('machine_translation_state', sa.Enum('done', 'unsupported', 'failed', name='machinetranslationstate',
                                                   native_enum=False, length=32), nullable=True),
    sa.Column('machine_translation_error', sa.String(length=500), nullable=True),
    sa.Column('redacted_translation', sa.Text(), nullable=True),
    sa.Column('human_translation_requested_at', UTCDateTime(), nullable=True),
)


def _add_checker_key() -> None:
    """SQLite adds a foreign key only inside the column it adds in place; other databases add it named."""
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE submission ADD COLUMN translation_checked_by_id INTEGER REFERENCES user_account (id)')
    else:
        op.add_column('submission', sa.Column('translation_checked_by_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_submission_translation_checked_by_id_user_account', 'submission', 'user_account',
                              ['translation_checked_by_id'], ['id'])


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column('submission', column)
    _add_checker_key()
    for indexed in PARTLY_INDEXED:
        condition = sa.text(f'{indexed} IS NOT NULL')
        op.create_index(f'ix_submission_{indexed}', 'submission', [indexed],
                        sqlite_where=condition, postgresql_where=condition)
    op.add_column('user_account', sa.Column('translator_languages', sa.JSON(), server_default=sa.text("'[]'"),
                                            nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('translator_languages')
    for indexed in PARTLY_INDEXED:
        op.drop_index(f'ix_submission_{indexed}', table_name='submission')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column.name)
        batch_op.drop_column('translation_checked_by_id')

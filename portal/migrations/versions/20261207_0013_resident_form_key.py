"""A submission remembers, for a day, the form it was sent from: a second tap on "Send" stores nothing.

Revision ID: 0013_resident
Revises: 0012_mail_job_names
Create Date: 2026-12-07 03:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_resident'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None

WHERE_SET = sa.text("form_key IS NOT NULL")


def upgrade() -> None:
    op.add_column('submission', sa.Column('form_key', sa.String(length=64), nullable=True))
    op.create_index('ix_submission_form_key', 'submission', ['form_key'], unique=True,
                    sqlite_where=WHERE_SET, postgresql_where=WHERE_SET)


def downgrade() -> None:
    op.drop_index('ix_submission_form_key', table_name='submission')
    with op.batch_alter_table('submission') as batch:
        batch.drop_column('form_key')

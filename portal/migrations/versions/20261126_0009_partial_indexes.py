"""Index a submission's meeting, assignee, original and closing date only where they are set.

A new submission has none of the four, so storing one no longer writes to these indexes. Lookups by a value and
the foreign-key checks on delete use the partial indexes as before (bench/README.md, "Throughput").

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 23:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COLUMNS = ('meeting_id', 'assignee_id', 'duplicate_of_id', 'closed_at')


def upgrade() -> None:
    for column in COLUMNS:
        condition = sa.text(f'{column} IS NOT NULL')
        op.drop_index(f'ix_submission_{column}', table_name='submission')
        op.create_index(f'ix_submission_{column}', 'submission', [column],
                        sqlite_where=condition, postgresql_where=condition)


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_index(f'ix_submission_{column}', table_name='submission')
        op.create_index(f'ix_submission_{column}', 'submission', [column])

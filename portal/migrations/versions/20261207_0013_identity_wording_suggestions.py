"""Residents' suggestions for better wording of a page (portal/identity/suggestions.py).

Revision ID: 0013_identity
Revises: 0012_mail_job_names
Create Date: 2026-12-07 04:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_identity'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'wording_suggestion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('page', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wording_suggestion')),
    )
    op.create_index('ix_wording_suggestion_language', 'wording_suggestion', ['language'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_wording_suggestion_language', table_name='wording_suggestion')
    op.drop_table('wording_suggestion')

"""Staff choose whether they get the weekly digest; everyone who had it keeps it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 19:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, which SQLite does in place: copying the table would trip the foreign keys that point to it.
    op.add_column('user_account', sa.Column('weekly_digest', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('weekly_digest')

"""Meetings: partner organisations and the closing report (attendance, organisations present, summary).

Concerns raised at a meeting are linked through the existing submission.meeting_id, so no table is added for them.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-26 16:40:00.000000
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Server defaults fill the rows that exist already; the application always writes these columns itself.
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partners', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('attendance', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('organisations_present', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('summary', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column('reported_at', portal.models.types.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('reported_at')
        batch_op.drop_column('summary')
        batch_op.drop_column('organisations_present')
        batch_op.drop_column('attendance')
        batch_op.drop_column('partners')

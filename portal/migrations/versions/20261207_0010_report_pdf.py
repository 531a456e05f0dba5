"""Final reports' PDFs, rendered once from their snapshot and kept.

Revision ID: 0010_report_pdf
Revises: 0009
Create Date: 2026-12-07 00:30:00
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0010_report_pdf'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_pdf',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_digest', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('rendered_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_pdf_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', name=op.f('pk_report_pdf'))
    )


def downgrade() -> None:
    op.drop_table('report_pdf')

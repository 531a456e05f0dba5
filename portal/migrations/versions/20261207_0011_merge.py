"""Join the staff-sessions and report-PDF revisions, which were written side by side.

Revision ID: 0011
Revises: 0010_accounts, 0010_report_pdf
Create Date: 2026-12-07 01:30:00
"""

revision = '0011'
down_revision = ('0010_accounts', '0010_report_pdf')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

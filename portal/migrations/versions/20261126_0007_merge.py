"""Join the privacy, meetings, reports and mail branches, which were written side by side.

Revision ID: 0007
Revises: 0003, 0004, 0005, 0006
Create Date: 2026-11-26 17:20:00
"""

revision = '0007'
down_revision = ('0003', '0004', '0005', '0006')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""Join the second round's branches: the back office (0013_backoffice2) and reading every language (0013_mt).

Revision ID: 0014_merge
Revises: 0013_backoffice2, 0013_mt
"""
revision = '0014_merge'
down_revision = ('0013_backoffice2', '0013_mt')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

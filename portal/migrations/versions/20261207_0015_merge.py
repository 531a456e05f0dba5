"""Join the second round's other branches to 0014: resident forms (0013_resident) and those merged after it.

Revision ID: 0015_merge
Revises: 0014_merge, 0013_resident, 0013_outcomes, 0013_search, 0013_identity, 0013_themes
"""
revision = '0015_merge'
down_revision = ('0014_merge', '0013_resident', '0013_outcomes', '0013_search', '0013_identity',
                 '0013_themes')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

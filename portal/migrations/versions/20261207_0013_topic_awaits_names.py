"""A new topic waits off the resident form until it is named in every language.

Revision ID: 0013_topic_awaits_names
Revises: 0012_mail_job_names
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_topic_awaits_names'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('category') as batch_op:
        batch_op.add_column(sa.Column('awaits_names', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('category') as batch_op:
        batch_op.drop_column('awaits_names')

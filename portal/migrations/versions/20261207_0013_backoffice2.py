"""Back office, second round: a new topic waits until named in every language; recovery codes and a password to
change after an admin's reset.

Revision ID: 0013_backoffice2
Revises: 0012_mail_job_names
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_backoffice2'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('category') as batch_op:
        batch_op.add_column(sa.Column('awaits_names', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('recovery_code_hashes', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('recovery_code_hashes')
    with op.batch_alter_table('category') as batch_op:
        batch_op.drop_column('awaits_names')

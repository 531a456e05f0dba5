"""Mail: messages that could not be sent, for admins (never their text).

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-26 18:00:00
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0006'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.String(length=64), nullable=False),
    sa.Column('job_name', sa.String(length=200), nullable=False),
    sa.Column('job_args', sa.JSON(), nullable=False),
    sa.Column('template', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('gave_up', sa.Boolean(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('first_failed_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_failed_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_mail_failure_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_failure')),
    sa.UniqueConstraint('job_id', name=op.f('uq_mail_failure_job_id'))
    )
    with op.batch_alter_table('mail_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_failure_last_failed_at'), ['last_failed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_failure_submission_id'), ['submission_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mail_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_failure_submission_id'))
        batch_op.drop_index(batch_op.f('ix_mail_failure_last_failed_at'))
    op.drop_table('mail_failure')

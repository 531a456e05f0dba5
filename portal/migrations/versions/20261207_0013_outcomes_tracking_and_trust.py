"""Closing the loop: what became of final reports' recommendations (tracking, milestones, dated updates, checked
translations of their public texts), and the trust question's answers, as counts only.

Revision ID: 0013_outcomes
Revises: 0012_mail_job_names
Create Date: 2026-12-07 03:30:00
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0013_outcomes'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('trust_answer_count',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('answer', sa.SmallInteger(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trust_answer_count')),
    sa.UniqueConstraint('month', 'language', 'source', 'answer', name=op.f('uq_trust_answer_count_month'))
    )
    op.create_table('recommendation_tracking',
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('owner_department', sa.String(length=300), nullable=False),
    sa.Column('decision', sa.Enum('accepted', 'accepted_with_changes', 'declined', name='decision', native_enum=False, length=32), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('progress', sa.Enum('not_started', 'in_progress', 'done', name='progress', native_enum=False, length=32), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('public_text', sa.Text(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('decision_told_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_told_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_recommendation_tracking_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_tracking_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('recommendation_id', name=op.f('pk_recommendation_tracking'))
    )
    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation_tracking.recommendation_id'], name=op.f('fk_milestone_recommendation_id_recommendation_tracking'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('progress_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_progress_update_author_id_user_account')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation_tracking.recommendation_id'], name=op.f('fk_progress_update_recommendation_id_recommendation_tracking'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_update'))
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('recommendation_text',
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['user_account.id'], name=op.f('fk_recommendation_text_checked_by_id_user_account')),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation_tracking.recommendation_id'], name=op.f('fk_recommendation_text_recommendation_id_recommendation_tracking'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('recommendation_id', 'language', name=op.f('pk_recommendation_text'))
    )
    op.create_table('progress_update_text',
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['user_account.id'], name=op.f('fk_progress_update_text_checked_by_id_user_account')),
    sa.ForeignKeyConstraint(['update_id'], ['progress_update.id'], name=op.f('fk_progress_update_text_update_id_progress_update'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('update_id', 'language', name=op.f('pk_progress_update_text'))
    )


def downgrade() -> None:
    op.drop_table('progress_update_text')
    op.drop_table('recommendation_text')
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_update_recommendation_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_recommendation_id'))

    op.drop_table('milestone')
    op.drop_table('recommendation_tracking')
    op.drop_table('trust_answer_count')

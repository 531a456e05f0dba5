"""Residents: categories, meetings, submissions, contacts, replies.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 16:02:19.073292
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('names', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('slug', name=op.f('uq_category_slug'))
    )
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('description', sa.JSON(), nullable=False),
    sa.Column('starts_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('organisers', sa.String(length=300), nullable=False),
    sa.Column('interpreted_languages', sa.JSON(), nullable=False),
    sa.Column('feedback_opens_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('feedback_closes_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)

    op.create_table('submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('concern', 'meeting_feedback', name='kind', native_enum=False, length=32), nullable=False),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('improvement', sa.Text(), nullable=False),
    sa.Column('neighbourhood', sa.String(length=100), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=True),
    sa.Column('usefulness', sa.SmallInteger(), nullable=True),
    sa.Column('felt_heard', sa.SmallInteger(), nullable=True),
    sa.Column('interpretation', sa.Enum('yes', 'partly', 'no', 'not_needed', name='interpretation', native_enum=False, length=32), nullable=True),
    sa.Column('follow_up_requested', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('received', 'in_review', 'referred', 'in_recommendation', 'closed', name='status', native_enum=False, length=32), nullable=False),
    sa.Column('source', sa.Enum('web', 'paper', 'phone', name='source', native_enum=False, length=32), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_submission_category_id_category')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_submission_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission')),
    sa.UniqueConstraint('reference', name=op.f('uq_submission_reference'))
    )
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('ix_submission_status_created_at', ['status', 'created_at'], unique=False)

    op.create_table('contact',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('preferred_language', sa.String(length=10), nullable=False),
    sa.Column('consented_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_contact_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id', name=op.f('pk_contact'))
    )
    op.create_table('reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_reply_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply'))
    )
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_submission_id'), ['submission_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_submission_id'))

    op.drop_table('reply')
    op.drop_table('contact')
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index('ix_submission_status_created_at')
        batch_op.drop_index(batch_op.f('ix_submission_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_submission_category_id'))

    op.drop_table('submission')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))

    op.drop_table('meeting')
    op.drop_table('category')

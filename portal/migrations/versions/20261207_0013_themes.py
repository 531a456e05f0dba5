"""Themes: groups of submissions staff make, the suggestions the portal offers for them, and the themes a
recommendation rests on.

Revision ID: 0013_themes
Revises: 0012_mail_job_names
Create Date: 2026-12-07 03:21:15.879385
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0013_themes'
down_revision = '0012_mail_job_names'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_theme_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme')),
    sa.UniqueConstraint('name', name=op.f('uq_theme_name'))
    )
    op.create_table('theme_member',
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['user_account.id'], name=op.f('fk_theme_member_added_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_theme_member_submission_id_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_theme_member_theme_id_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('theme_id', 'submission_id', name=op.f('pk_theme_member'))
    )
    with op.batch_alter_table('theme_member', schema=None) as batch_op:
        batch_op.create_index('ix_theme_member_submission_id', ['submission_id'], unique=False)

    op.create_table('theme_suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('near_duplicates', 'similar', name='suggestionkind', native_enum=False, length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=True),
    sa.Column('status', sa.Enum('open', 'accepted', 'rejected', name='suggestionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_theme_suggestion_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_theme_suggestion_theme_id_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_suggestion'))
    )
    with op.batch_alter_table('theme_suggestion', schema=None) as batch_op:
        batch_op.create_index('ix_theme_suggestion_status_id', ['status', 'id'], unique=False)

    op.create_table('recommendation_theme',
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_recommendation_theme_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_recommendation_theme_theme_id_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('recommendation_id', 'theme_id', name=op.f('pk_recommendation_theme'))
    )
    with op.batch_alter_table('recommendation_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('theme_suggestion_member',
    sa.Column('suggestion_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_theme_suggestion_member_submission_id_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['theme_suggestion.id'], name=op.f('fk_theme_suggestion_member_suggestion_id_theme_suggestion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('suggestion_id', 'submission_id', name=op.f('pk_theme_suggestion_member'))
    )
    with op.batch_alter_table('theme_suggestion_member', schema=None) as batch_op:
        batch_op.create_index('ix_theme_suggestion_member_submission_id', ['submission_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('theme_suggestion_member', schema=None) as batch_op:
        batch_op.drop_index('ix_theme_suggestion_member_submission_id')

    op.drop_table('theme_suggestion_member')
    with op.batch_alter_table('recommendation_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_theme_theme_id'))

    op.drop_table('recommendation_theme')
    with op.batch_alter_table('theme_suggestion', schema=None) as batch_op:
        batch_op.drop_index('ix_theme_suggestion_status_id')

    op.drop_table('theme_suggestion')
    with op.batch_alter_table('theme_member', schema=None) as batch_op:
        batch_op.drop_index('ix_theme_member_submission_id')

    op.drop_table('theme_member')
    op.drop_table('theme')

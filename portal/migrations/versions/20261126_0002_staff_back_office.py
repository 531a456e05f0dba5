"""Staff back office: accounts, settings, audit log, notes, tags, triage fields, full-text search.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 16:11:56.179530
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types
from portal.migrations import fulltext


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('tag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tag')),
    sa.UniqueConstraint('name', name=op.f('uq_tag_name'))
    )
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('admin', 'staff', 'viewer', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('totp_secret', sa.String(length=64), nullable=True),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('locked_until', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_sign_in_at', portal.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('watched_categories', sa.JSON(), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=True),
    sa.Column('subject_user_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_event_actor_id_user_account')),
    sa.ForeignKeyConstraint(['subject_user_id'], ['user_account.id'], name=op.f('fk_audit_event_subject_user_id_user_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_audit_event_submission_id_submission'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)

    op.create_table('note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_note_author_id_user_account')),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_note_submission_id_submission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note'))
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_submission_id'), ['submission_id'], unique=False)

    op.create_table('submission_tag',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['submission_id'], ['submission.id'], name=op.f('fk_submission_tag_submission_id_submission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tag.id'], name=op.f('fk_submission_tag_tag_id_tag'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id', 'tag_id', name=op.f('pk_submission_tag'))
    )
    with op.batch_alter_table('submission_tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_tag_tag_id'), ['tag_id'], unique=False)

    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_reply_author_id_user_account'), 'user_account', ['author_id'], ['id'])

    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('priority', sa.Enum('low', 'normal', 'high', 'urgent', name='priority', native_enum=False, length=32), nullable=False, server_default='normal'))
        batch_op.add_column(sa.Column('assignee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('duplicate_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('translation', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('redacted_text', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_submission_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_submission_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_submission_assignee_id_user_account'), 'user_account', ['assignee_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_submission_duplicate_of_id_submission'), 'submission', ['duplicate_of_id'], ['id'])
        batch_op.create_index('ix_submission_created_at_id', ['created_at', 'id'], unique=False)

    fulltext.create()  # after the batch above, which rebuilds the table on SQLite


def downgrade() -> None:
    fulltext.drop()
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index('ix_submission_created_at_id')
        batch_op.drop_constraint(batch_op.f('fk_submission_duplicate_of_id_submission'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_submission_assignee_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_submission_duplicate_of_id'))
        batch_op.drop_index(batch_op.f('ix_submission_assignee_id'))
        batch_op.drop_column('redacted_text')
        batch_op.drop_column('translation')
        batch_op.drop_column('duplicate_of_id')
        batch_op.drop_column('assignee_id')
        batch_op.drop_column('priority')

    with op.batch_alter_table('reply', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reply_author_id_user_account'), type_='foreignkey')
        batch_op.drop_column('author_id')

    with op.batch_alter_table('submission_tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_tag_tag_id'))

    op.drop_table('submission_tag')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_submission_id'))

    op.drop_table('note')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    op.drop_table('user_account')
    op.drop_table('tag')
    op.drop_table('setting')

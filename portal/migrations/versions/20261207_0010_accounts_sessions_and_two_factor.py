"""Staff sessions kept on the server, the last accepted two-factor step, and no typed text of unknown sign-ins.

Signing out deletes the session's row, so a copied cookie no longer works for the rest of its 12 hours. A
two-factor code is refused once its step (or a later one) has been accepted. Failed sign-ins for unknown accounts
used to keep what was typed as the email, which may have been a password: those details are dropped here.

Revision ID: 0010_accounts
Revises: 0009
Create Date: 2026-12-07 00:40:00
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0010_accounts'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('staff_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('started_at', portal.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_staff_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_session'))
    )
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_session_user_id'), ['user_id'], unique=False)
    # A plain ADD COLUMN, which SQLite does in place: copying the table would trip the foreign keys that point to it.
    op.add_column('user_account', sa.Column('last_totp_step', sa.Integer(), nullable=True))
    audit_event = sa.table('audit_event', sa.column('action', sa.String), sa.column('subject_user_id', sa.Integer),
                           sa.column('details', sa.JSON))
    op.execute(audit_event.update()
               .where(audit_event.c.action == 'sign_in.failed', audit_event.c.subject_user_id.is_(None))
               .values(details={'reason': 'unknown account'}))


def downgrade() -> None:
    # The dropped text of unknown sign-ins is not brought back.
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('last_totp_step')
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_session_user_id'))
    op.drop_table('staff_session')

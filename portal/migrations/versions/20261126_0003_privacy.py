"""Privacy: contact details encrypted at rest; closing and anonymizing times for retention.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 16:50:00
"""
from alembic import op
import sqlalchemy as sa
import portal.models.types


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

CONTACT_COLUMNS = ('name', 'email', 'phone')


def _recode_contacts(convert) -> None:
    """Encrypt (or decrypt) every stored contact with the application's data key."""
    connection = op.get_bind()
    contact = sa.table('contact', sa.column('submission_id'), *(sa.column(name) for name in CONTACT_COLUMNS))
    for row in connection.execute(sa.select(contact)).mappings().all():
        connection.execute(contact.update().where(contact.c.submission_id == row['submission_id']).values(
            **{name: convert(row[name] or '') for name in CONTACT_COLUMNS}))


def upgrade() -> None:
    from portal.platform import crypto

    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name in CONTACT_COLUMNS:
            batch_op.alter_column(name, existing_type=sa.String(length=320 if name == 'email' else 200 if name == 'name' else 40),
                                  type_=portal.models.types.EncryptedText(), existing_nullable=False)
    _recode_contacts(crypto.encrypt)
    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', portal.models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('anonymized_at', portal.models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_submission_closed_at'), ['closed_at'], unique=False)
    op.execute("UPDATE submission SET closed_at = updated_at WHERE status = 'closed'")
    from portal.migrations import fulltext

    if op.get_bind().dialect.name == 'sqlite':
        fulltext.drop()  # the batch above rebuilt the submission table and dropped its triggers
        fulltext.create()


def downgrade() -> None:
    from portal.migrations import fulltext
    from portal.platform import crypto

    with op.batch_alter_table('submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_closed_at'))
        batch_op.drop_column('anonymized_at')
        batch_op.drop_column('closed_at')
    if op.get_bind().dialect.name == 'sqlite':
        fulltext.drop()
        fulltext.create()
    _recode_contacts(crypto.decrypt)
    with op.batch_alter_table('contact', schema=None) as batch_op:
        for name, length in (('name', 200), ('email', 320), ('phone', 40)):
            batch_op.alter_column(name, existing_type=portal.models.types.EncryptedText(),
                                  type_=sa.String(length=length), existing_nullable=False)

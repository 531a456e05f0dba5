"""Mail jobs moved with their features (portal.services.* -> portal.submissions.*): failures recorded before keep
their "Try again".

Revision ID: 0012_mail_job_names
Revises: 0011
Create Date: 2026-12-07 02:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_mail_job_names'
down_revision = '0011'
branch_labels = None
depends_on = None

MOVED = {"portal.services.resident_mail:": "portal.submissions.resident_mail:",
         "portal.services.staff_mail:": "portal.submissions.staff_mail:"}


def _rename(renames: dict[str, str]) -> None:
    job_name = sa.table("mail_failure", sa.column("job_name", sa.String))
    for old, new in renames.items():
        op.execute(job_name.update().where(job_name.c.job_name.startswith(old, autoescape=True))
                   .values(job_name=sa.func.replace(job_name.c.job_name, old, new)))


def upgrade() -> None:
    _rename(MOVED)


def downgrade() -> None:
    _rename({new: old for old, new in MOVED.items()})

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Integer, String, false, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.platform.db import Base
from portal.platform.i18n import DEFAULT_TAG


class Category(Base):
    """A topic a resident can choose; its name is kept per language tag."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A new topic waits off the resident form until it is named in every language, or an admin offers it anyway.
    awaits_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    def name_in(self, tag: str) -> str:
        return self.names.get(tag) or self.names.get(DEFAULT_TAG) or self.slug


def active_categories(db_session: Session) -> list[Category]:
    """The topics in use, in their order: what residents choose from and staff watch. Here, beside the table, so
    accounts (below topics) can offer them too."""
    return list(db_session.scalars(select(Category).where(Category.active).order_by(Category.position, Category.id)))

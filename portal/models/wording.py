from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.platform.db import Base


class WordingSuggestion(Base):
    """A reader's better wording for a resident page, in the page's language. Nothing else: no date, no address, no
    session, so it cannot be tied to a person; its id gives the order it came in."""

    __tablename__ = "wording_suggestion"
    __table_args__ = (Index("ix_wording_suggestion_language", "language"),)  # the admins' list, per language

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(10))
    page: Mapped[str] = mapped_column(String(64))  # a key of portal/identity/resident_pages.py
    text: Mapped[str] = mapped_column(Text)

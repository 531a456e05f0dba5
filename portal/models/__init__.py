"""All models, imported in one place so metadata is complete for Alembic and the services."""
from portal.models.category import Category
from portal.models.meeting import Meeting
from portal.models.submission import Contact, Interpretation, Kind, Reply, Source, Status, Submission

__all__ = [
    "Category", "Contact", "Interpretation", "Kind", "Meeting", "Reply", "Source", "Status", "Submission",
]

"""All models, imported in one place so metadata is complete for Alembic and the services."""
from portal.models.audit import AuditEvent
from portal.models.category import Category, active_categories
from portal.models.mail import MailFailure
from portal.models.meeting import Meeting
from portal.models.submission import (
    Contact, Interpretation, Kind, MachineTranslationState, Note, Priority, Reply, Source, Status, Submission, Tag,
    submission_tag,
)
from portal.models import search_document  # keeps each submission's search document in step
from portal.models.report import Evidence, Recommendation, Report, ReportPdf, ReportStatus
from portal.models.outcome import (
    Decision, Milestone, Progress, ProgressUpdate, ProgressUpdateText, RecommendationText, Tracking, TrustAnswerCount,
)
from portal.models.user import Role, Setting, StaffSession, User
from portal.models.wording import WordingSuggestion
from portal.models.theme import (
    SuggestionKind, SuggestionStatus, Theme, ThemeMember, ThemeSuggestion, recommendation_theme, suggestion_member,
)

__all__ = [
    "Evidence", "Recommendation", "Report", "ReportPdf", "ReportStatus",
    "Decision", "Milestone", "Progress", "ProgressUpdate", "ProgressUpdateText", "RecommendationText", "Tracking",
    "TrustAnswerCount",
    "AuditEvent", "Category", "Contact", "Interpretation", "Kind", "MachineTranslationState", "Meeting", "Note",
    "Priority", "Reply", "Role",
    "Setting", "Source", "StaffSession", "Status", "Submission", "Tag", "User", "submission_tag", "MailFailure",
    "active_categories", "search_document", "WordingSuggestion", "SuggestionKind", "SuggestionStatus", "Theme",
    "ThemeMember", "ThemeSuggestion", "recommendation_theme", "suggestion_member",
]

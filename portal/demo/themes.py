"""Demo themes: the demo submissions grouped as staff would group them, each demo recommendation resting on its
theme (so its evidence finder has something to find), and the suggestion batch run once, so a new user sees a
filled theme board and suggestions to review after `make run`."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session, joinedload

from portal.models import (
    Interpretation, Recommendation, Report, Submission, Theme, ThemeSuggestion, suggestion_member,
)
from portal.themes import evidence, service, suggestions


@dataclass(frozen=True)
class DemoTheme:
    name: str
    description: str
    topics: frozenset[str]  # Category.slug
    meetings: frozenset[str]  # how the meetings' English titles start
    interpretation_lacking: bool = False  # feedback saying interpretation was partly there or missing


DEMO_THEMES: tuple[DemoTheme, ...] = (
    DemoTheme("Police and federal immigration agents",
              "Whether city police help federal immigration agents, and residents' fear of calling them.",
              frozenset({"police-immigration"}), frozenset({"Police, federal immigration agents"})),
    DemoTheme("Interpreters and language access",
              "Children interpreting for parents; no interpreter at clinics, schools, offices and meetings.",
              frozenset({"language-access", "health-care", "schools"}), frozenset({"Interpreters at city offices"}),
              interpretation_lacking=True),
    DemoTheme("Tenants: repairs and deposits",
              "Landlords who ignore repairs, keep deposits or threaten eviction.",
              frozenset({"housing"}), frozenset({"Tenants' rights"})),
)


def _belongs(theme: DemoTheme, submission: Submission) -> bool:
    meeting_title = submission.meeting.text_in("title", "en")[0] if submission.meeting else ""
    return ((submission.category is not None and submission.category.slug in theme.topics)
            or any(meeting_title.startswith(start) for start in theme.meetings)
            or (theme.interpretation_lacking
                and submission.interpretation in (Interpretation.PARTLY, Interpretation.NO)))


def remove_demo_themes(db_session: Session) -> None:
    """Before the demo submissions go; their suggestions go after them (remove_empty_suggestions)."""
    db_session.execute(delete(Theme).where(Theme.is_demo))


def remove_empty_suggestions(db_session: Session) -> None:
    has_members = exists().where(suggestion_member.c.suggestion_id == ThemeSuggestion.id)
    db_session.execute(delete(ThemeSuggestion).where(~has_members))


def add_demo_themes(db_session: Session, report: Report) -> int:
    """The demo themes, the demo report's recommendations resting on them (in the same order), and the
    suggestions for what is left. Returns how many themes."""
    demo = list(db_session.scalars(select(Submission).where(Submission.is_demo).options(
        joinedload(Submission.category), joinedload(Submission.meeting))))
    recommendations = list(db_session.scalars(select(Recommendation).where(Recommendation.report_id == report.id)
                                              .order_by(Recommendation.position)))
    for number, item in enumerate(DEMO_THEMES):
        theme = service.create_theme(db_session, item.name, description=item.description, actor=None, is_demo=True)
        service.add_members(db_session, theme, [found.id for found in demo if _belongs(item, found)], actor=None)
        if number < len(recommendations):
            evidence.set_themes(db_session, recommendations[number].id, [theme.id], actor=None)
    suggestions.compute(db_session)
    return len(DEMO_THEMES)


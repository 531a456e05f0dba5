"""The demo's final report and what became of its recommendations, so /en/outcomes shows content on a fresh
`make run`: decisions of the mayor's office, milestones, dated updates, texts for residents and some checked
translations (other languages show the English with a note, as they would in a real portal)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from portal.demo.report import DEMO_PERIOD_DAYS, add_recommendations
from portal.models import Decision, Progress, Report
from portal.reports import outcomes
from portal.reports import service as reports


@dataclass(frozen=True)
class DemoOutcome:
    decision: Decision
    reason: str
    decided_days_ago: int
    progress: Progress
    public_text: str
    translations: dict[str, tuple[str, str]]  # language: (text, reason)
    milestones: tuple[tuple[str, int, bool], ...]  # title, due in days (negative: past), reached
    updates: tuple[tuple[int, str], ...]  # days ago, text


OUTCOMES: tuple[DemoOutcome, ...] = (
    DemoOutcome(
        decision=Decision.ACCEPTED, reason="", decided_days_ago=40, progress=Progress.IN_PROGRESS,
        public_text="The police department will write down what city police do, and do not do, when federal "
                    "immigration agents are present, and share it in every language of this site.",
        translations={
            "es": ("El departamento de policía pondrá por escrito lo que la policía de la ciudad hace, y lo que no "
                   "hace, cuando hay agentes federales de inmigración, y lo compartirá en todos los idiomas de "
                   "este sitio.", ""),
            "ar": ("ستكتب إدارة الشرطة ما تفعله شرطة المدينة وما لا تفعله عند وجود عملاء الهجرة الفيدراليين، "
                   "وستنشره بكل لغات هذا الموقع.", ""),
        },
        milestones=(("Write the policy", -20, True), ("Translate it into the portal's languages", 30, False),
                    ("Present it at community meetings", 60, False)),
        updates=((18, "The police department wrote a first version of the policy. Community leaders read it "
                      "and asked for plainer words."),),
    ),
    DemoOutcome(
        decision=Decision.ACCEPTED_WITH_CHANGES,
        reason="Clinics and schools come first this year; other city offices follow next year.",
        decided_days_ago=35, progress=Progress.IN_PROGRESS,
        public_text="Clinics and public schools will offer a professional interpreter for every language residents "
                    "ask for. Children should no longer interpret for their parents.",
        translations={
            "es": ("Las clínicas y las escuelas públicas ofrecerán un intérprete profesional en cada idioma que "
                   "pidan los residentes. Los niños ya no deberán interpretar para sus padres.",
                   "Este año empiezan las clínicas y las escuelas; las demás oficinas de la ciudad seguirán el "
                   "año que viene."),
        },
        milestones=(("Sign the interpreting contract", -10, True), ("Train school staff", 45, False)),
        updates=((9, "The city signed a contract for interpreters by phone and video in 40 languages."),),
    ),
    DemoOutcome(
        decision=Decision.ACCEPTED, reason="", decided_days_ago=30, progress=Progress.DONE,
        public_text="Housing inspectors will visit within a week when a home has no heating or water, and Legal "
                    "Aid will help tenants get their deposits back.",
        translations={},
        milestones=(("Hire two more inspectors", -12, True),),
        updates=((5, "Inspectors now visit within a week. Legal Aid has helped its first tenants."),),
    ),
)


def add_final_demo_report(db_session: Session, now: datetime) -> Report:
    """A final report with the draft's recommendations and quotes, finalized by the demo data, then tracked:
    decisions, progress, milestones, updates and texts for residents, all published."""
    report = reports.create_report(
        db_session, title="What immigrant residents told us: first report (demo)",
        start=(now - timedelta(days=DEMO_PERIOD_DAYS)).date(), end=now.date(), actor=None)
    report.is_demo = True
    report.summary = "A demo report: what the city decided on each recommendation is in the tracker."
    recommendations = add_recommendations(db_session, report)
    reports.finalize(db_session, report, actor=None, now=now, city_timezone="UTC", signed_by="Demo data")
    today = now.date()
    for recommendation, demo in zip(recommendations, OUTCOMES, strict=True):
        decided_on = today - timedelta(days=demo.decided_days_ago)
        outcomes.record_decision(db_session, recommendation, decision=demo.decision, reason=demo.reason,
                                 actor=None, today=decided_on, now=now)
        for title, due_in, reached in demo.milestones:
            milestone = outcomes.add_milestone(db_session, recommendation, title=title,
                                               due_on=today + timedelta(days=due_in), actor=None)
            if reached:
                outcomes.mark_milestone(db_session, recommendation, milestone,
                                        done_on=today + timedelta(days=due_in), actor=None)
        for days_ago, text in demo.updates:
            outcomes.add_update(db_session, recommendation, happened_on=today - timedelta(days=days_ago), body=text,
                                actor=None)
        outcomes.save_progress(db_session, recommendation, owner_department=recommendation.responsible,
                               progress=demo.progress, actor=None, today=today - timedelta(days=5), now=now)
        for language, (text, reason) in demo.translations.items():
            outcomes.save_translation(db_session, recommendation, language=language, text=text, reason=reason,
                                      checked=True, actor=None, now=now)
        outcomes.save_public_text(db_session, recommendation, text=demo.public_text, published=True, actor=None,
                                  now=now)
    return report

"""Recommendation reports for the mayor: drafts staff shape, the figures of a period, and the frozen final report.

A report's content is one plain dictionary (texts, quotes, figures, meetings, numbers for the methodology note):
built live from the database while the report is a draft, and stored as `Report.snapshot` when it is finalized.
Pages and PDFs of a final report are made from the snapshot alone, so they never change afterwards, whatever
happens to the submissions behind it, with one exception: a resident who deletes their submission withdraws its
quotes from every report, final ones included (the snapshot then says "withdrawn by the resident" in their place,
and the kept PDF goes, to be rendered again from the changed snapshot).

Quotes come only from a submission's redacted text, never from the original or its contact details.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import cast
from zoneinfo import ZoneInfo

from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal.accounts import audit
from portal.models import (
    Evidence, Kind, Meeting, Priority, Recommendation, Report, ReportPdf, ReportStatus, Status, Submission, User,
)
from portal.platform.city_days import days_span
from portal.platform.domain import DomainError
from portal.platform.i18n import BY_TAG, DEFAULT_TAG
from portal.reports.outcomes import city_actions
from portal.submissions import triage
from portal.submissions.counts import NO_TOPIC, months_between, period_counts
from portal.submissions.response_times import response_times
from portal.submissions.trust import trust_counts
from portal.submissions.retention import before_resident_deletion
from portal.themes.service import residents_by_theme

SNAPSHOT_VERSION = 1
RATINGS = (1, 2, 3, 4, 5)
# Speakers call the Afghan variety Dari; Babel would say "Persian".
LANGUAGE_NAMES = {"fa-AF": "Dari"}


class ReportError(DomainError):
    pass


def language_name(tag: str) -> str:
    """The language's English name ("Arabic"), for figures and PDF labels that must stay in Latin script."""
    if tag in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[tag]
    try:
        return Locale.parse(tag.replace("-", "_")).get_language_name("en") or tag
    except (ValueError, LookupError):
        return tag


def direction_of(tag: str) -> str:
    return BY_TAG[tag].direction if tag in BY_TAG else "ltr"


def _report_of(db_session: Session, recommendation: Recommendation) -> Report:
    return db_session.get_one(Report, recommendation.report_id)


def _recommendations_of(db_session: Session, report: Report) -> list[Recommendation]:
    return list(db_session.scalars(select(Recommendation).where(Recommendation.report_id == report.id)
                                   .order_by(Recommendation.position)))


def _require_draft(report: Report) -> None:
    if report.is_final:
        raise ReportError("A final report cannot change. Start a new draft from it instead.")


def _check_period(start: date, end: date) -> None:
    if start > end:
        raise ReportError("The end of the period must be on or after its start.")


# --- Loading ----------------------------------------------------------------------------------------------------
# The models' relationships are lazy="raise", so no template can query: pages get their objects from here, with
# what they show loaded; the changes below read what they need themselves, whatever their caller loaded.

def find_report(db_session: Session, report_id: int) -> Report | None:
    """The report with the final report it was started from, which its page links to."""
    return db_session.get(Report, report_id, options=[joinedload(Report.based_on)])


def _recommendation_details():
    return joinedload(Recommendation.report), selectinload(Recommendation.evidence).joinedload(Evidence.submission)


def find_recommendation(db_session: Session, recommendation_id: int) -> Recommendation | None:
    """The recommendation with its report and its evidence, each with its submission: what its page shows."""
    return db_session.get(Recommendation, recommendation_id, options=_recommendation_details())


def find_evidence(db_session: Session, evidence_id: int) -> Evidence | None:
    """The evidence with its submission, and its recommendation as find_recommendation loads it."""
    return db_session.get(Evidence, evidence_id, options=[
        joinedload(Evidence.submission), joinedload(Evidence.recommendation).options(*_recommendation_details())])


# --- Drafts -----------------------------------------------------------------------------------------------------

def create_report(db_session: Session, *, title: str, start: date, end: date, actor: User | None) -> Report:
    _check_period(start, end)
    report = Report(title=title, period_start=start, period_end=end, summary="", created_by=actor)
    db_session.add(report)
    db_session.flush()
    audit.record(db_session, "report.created", actor=actor, report_id=report.id, title=title)
    return report


def update_report(db_session: Session, report: Report, *, title: str, start: date, end: date, summary: str,
                  actor: User | None) -> None:
    _require_draft(report)
    _check_period(start, end)
    report.title, report.period_start, report.period_end, report.summary = title, start, end, summary
    audit.record(db_session, "report.updated", actor=actor, report_id=report.id)


def delete_draft(db_session: Session, report: Report, *, actor: User | None) -> None:
    _require_draft(report)
    audit.record(db_session, "report.deleted", actor=actor, report_id=report.id, title=report.title)
    db_session.delete(report)


def add_recommendation(db_session: Session, report: Report, *, title: str, body: str = "", rationale: str = "",
                       responsible: str = "", priority: Priority = Priority.NORMAL,
                       actor: User | None) -> Recommendation:
    _require_draft(report)
    last = db_session.scalar(select(func.max(Recommendation.position)).where(Recommendation.report_id == report.id))
    recommendation = Recommendation(
        report=report, title=title, body=body, rationale=rationale, responsible=responsible, priority=priority,
        position=(last or 0) + 1,
    )
    db_session.add(recommendation)
    db_session.flush()
    audit.record(db_session, "report.recommendation_added", actor=actor, report_id=report.id,
                 recommendation_id=recommendation.id)
    return recommendation


def update_recommendation(db_session: Session, recommendation: Recommendation, *, title: str, body: str,
                          rationale: str, responsible: str, priority: Priority, actor: User | None) -> None:
    _require_draft(_report_of(db_session, recommendation))
    recommendation.title, recommendation.body, recommendation.rationale = title, body, rationale
    recommendation.responsible, recommendation.priority = responsible, priority
    audit.record(db_session, "report.recommendation_updated", actor=actor, report_id=recommendation.report_id,
                 recommendation_id=recommendation.id)


def delete_recommendation(db_session: Session, recommendation: Recommendation, *, actor: User | None) -> None:
    report = _report_of(db_session, recommendation)
    _require_draft(report)
    audit.record(db_session, "report.recommendation_deleted", actor=actor, report_id=report.id,
                 recommendation_id=recommendation.id, title=recommendation.title)
    db_session.delete(recommendation)
    db_session.flush()
    for position, item in enumerate(_recommendations_of(db_session, report), start=1):
        item.position = position


def move_recommendation(db_session: Session, recommendation: Recommendation, step: int, *,
                        actor: User | None) -> bool:
    """Swaps the recommendation with the one above (step -1) or below (+1); False at either end."""
    report = _report_of(db_session, recommendation)
    _require_draft(report)
    ordered = _recommendations_of(db_session, report)
    index = ordered.index(recommendation)
    other = index + step
    if step not in (-1, 1) or not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position
    audit.record(db_session, "report.recommendation_moved", actor=actor, report_id=report.id,
                 recommendation_id=recommendation.id, position=recommendation.position)
    return True


def draft_reports(db_session: Session) -> list[Report]:
    """Every draft, newest first, with its recommendations in order."""
    return list(db_session.scalars(select(Report).where(Report.status == ReportStatus.DRAFT)
                                   .options(selectinload(Report.recommendations))
                                   .order_by(Report.created_at.desc(), Report.id.desc())))


def draft_recommendations(db_session: Session) -> list[Recommendation]:
    """Every recommendation of every draft, newest report first, in each report's order."""
    query = (select(Recommendation).join(Report).where(Report.status == ReportStatus.DRAFT)
             .options(selectinload(Recommendation.report))
             .order_by(Report.created_at.desc(), Report.id.desc(), Recommendation.position))
    return list(db_session.scalars(query))


# --- Evidence ---------------------------------------------------------------------------------------------------

def checked_quote(submission: Submission, quote: str) -> str:
    """The quote, when it is a part of the submission's redacted text as it is now; ReportError otherwise."""
    if submission.redacted_text is None or not submission.redacted_text.strip():
        raise ReportError("This submission has no redacted text yet. Save a redacted text first: only redacted "
                          "text may be quoted in reports.")
    quote = (quote or "").strip()
    if not quote:
        raise ReportError("Choose a quote: keep the part of the redacted text you want to quote.")
    if quote not in submission.redacted_text:
        raise ReportError("The quote must be a part of the redacted text, copied exactly. Delete words around it "
                          "but do not change or add any.")
    return quote


def add_evidence(db_session: Session, recommendation: Recommendation, submission: Submission, *, quote: str,
                 translation: str = "", actor: User | None) -> Evidence:
    """Adds the submission to the recommendation with its quote; when it is there already, replaces the quote."""
    _require_draft(_report_of(db_session, recommendation))
    quote = checked_quote(submission, quote)
    evidence = db_session.scalar(select(Evidence).where(Evidence.recommendation_id == recommendation.id,
                                                        Evidence.submission_id == submission.id))
    if evidence is None:
        evidence = Evidence(recommendation=recommendation, submission=submission, quote=quote,
                            translation=translation, added_by=actor)
        db_session.add(evidence)
    else:
        evidence.quote, evidence.translation = quote, translation
    db_session.flush()
    audit.record(db_session, "report.evidence_added", actor=actor, submission=submission,
                 report_id=recommendation.report_id, recommendation_id=recommendation.id)
    return evidence


def person_english_of_redacted(submission: Submission) -> str:
    """The English a quote starts with: a person's English of the redacted text, else a person's translation of
    the original (staff trim it with the quote); never the machine's, which reports do not quote."""
    return submission.redacted_translation or submission.translation or ""


def add_redacted_texts(db_session: Session, recommendation: Recommendation, submissions: list[Submission], *,
                       actor: User | None) -> tuple[list[Submission], list[Submission]]:
    """The inbox's bulk action: each submission's whole redacted text becomes its quote (staff trim it later).

    Returns (added, skipped): submissions without a redacted text are skipped, never quoted from the original.
    """
    _require_draft(_report_of(db_session, recommendation))
    added, skipped = [], []
    for submission in submissions:
        quote = submission.redacted_text or ""
        if not quote.strip():
            skipped.append(submission)
            continue
        add_evidence(db_session, recommendation, submission, quote=quote,
                     translation=person_english_of_redacted(submission), actor=actor)
        added.append(submission)
    return added, skipped


def update_evidence(db_session: Session, evidence: Evidence, *, quote: str, translation: str,
                    actor: User | None) -> None:
    recommendation = db_session.get_one(Recommendation, evidence.recommendation_id)
    _require_draft(_report_of(db_session, recommendation))
    submission = db_session.get_one(Submission, evidence.submission_id)
    evidence.quote = checked_quote(submission, quote)
    evidence.translation = translation
    audit.record(db_session, "report.evidence_updated", actor=actor, submission=submission,
                 report_id=recommendation.report_id, recommendation_id=recommendation.id)


def remove_evidence(db_session: Session, evidence: Evidence, *, actor: User | None) -> None:
    recommendation = db_session.get_one(Recommendation, evidence.recommendation_id)
    _require_draft(_report_of(db_session, recommendation))
    audit.record(db_session, "report.evidence_removed", actor=actor,
                 submission=db_session.get_one(Submission, evidence.submission_id),
                 report_id=recommendation.report_id, recommendation_id=recommendation.id)
    db_session.delete(evidence)


# --- Finalizing -------------------------------------------------------------------------------------------------

def finalize(db_session: Session, report: Report, *, actor: User | None, signed_by: str, now: datetime,
             city_timezone: str) -> None:
    """Freezes the report: its content, figures included, is stored whole and never built again. `signed_by` is
    the name the report gives for who finalized it (the audit log keeps the account; the demo data has none)."""
    _require_draft(report)
    if not _recommendations_of(db_session, report):
        raise ReportError("Add at least one recommendation before finalizing.")
    now = now.astimezone(UTC).replace(microsecond=0)
    report.status = ReportStatus.FINAL
    report.finalized_by, report.finalized_at = actor, now
    report.snapshot = build_content(
        db_session, report, generated_on=now.astimezone(ZoneInfo(city_timezone)).date(), now=now,
        finalized_by=signed_by.strip(), finalized_at=now,
    )
    audit.record(db_session, "report.finalized", actor=actor, report_id=report.id, title=report.title)
    _mark_quoted_as_included(db_session, report, actor=actor)


def _mark_quoted_as_included(db_session: Session, report: Report, *, actor: User | None) -> None:
    """Residents whose words the final report quotes read "Included in a recommendation to the Mayor" on their
    status page. A closed case stays closed: its resident was already told the end of it."""
    quoted = select(Evidence.submission_id).join(Recommendation).where(Recommendation.report_id == report.id)
    for submission in db_session.scalars(select(Submission).where(Submission.id.in_(quoted))):
        if submission.status not in (Status.CLOSED, Status.IN_RECOMMENDATION):
            triage.set_status(db_session, submission, Status.IN_RECOMMENDATION, actor=actor)


def start_draft_from(db_session: Session, report: Report, *, actor: User | None) -> Report:
    """A new draft with the final report's texts, recommendations and evidence, to change for a new period."""
    if not report.is_final:
        raise ReportError("Only a final report can be the start of a new draft.")
    draft = Report(title=report.title, period_start=report.period_start, period_end=report.period_end,
                   summary=report.summary, based_on=report, created_by=actor)
    recommendations = list(db_session.scalars(
        select(Recommendation).where(Recommendation.report_id == report.id).order_by(Recommendation.position)
        .options(selectinload(Recommendation.evidence))))
    for recommendation in recommendations:
        draft.recommendations.append(Recommendation(
            position=recommendation.position, title=recommendation.title, body=recommendation.body,
            rationale=recommendation.rationale, responsible=recommendation.responsible,
            priority=recommendation.priority,
            evidence=[Evidence(submission_id=item.submission_id, quote=item.quote, translation=item.translation,
                               added_by=actor) for item in recommendation.evidence],
        ))
    db_session.add(draft)
    db_session.flush()
    audit.record(db_session, "report.draft_started", actor=actor, report_id=draft.id, based_on=report.id)
    return draft


def visible_reports(db_session: Session, *, drafts: bool) -> list[Report]:
    """Newest first; final ones only unless `drafts` (people who may write reports see drafts too)."""
    query = (select(Report).options(selectinload(Report.recommendations))  # the list counts them
             .order_by(Report.created_at.desc(), Report.id.desc()))
    if not drafts:
        query = query.where(Report.status == ReportStatus.FINAL)
    return list(db_session.scalars(query))


def content_digest(content: dict) -> str:
    """A hash of the content alone: equal for equal snapshots, whatever the process or its hash seed."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def pdf_identifier(content: dict) -> bytes:
    """A PDF file identifier that depends on the content only, so the same snapshot gives the same bytes."""
    return content_digest(content)[:32].encode()


# --- Kept PDFs of final reports ---------------------------------------------------------------------------------

def kept_pdf(db_session: Session, report: Report) -> bytes | None:
    """The final report's PDF as rendered before from its snapshot as it is now; None when there is none yet."""
    if not report.is_final or report.snapshot is None:
        return None
    kept = db_session.get(ReportPdf, report.id)
    return kept.pdf if kept is not None and kept.snapshot_digest == content_digest(report.snapshot) else None


def keep_pdf(db_session: Session, report: Report, pdf: bytes) -> None:
    """Keeps the PDF rendered from the final report's snapshot, so it is never rendered again."""
    assert report.snapshot is not None, "only a final report's PDF is kept"
    db_session.merge(ReportPdf(report_id=report.id, snapshot_digest=content_digest(report.snapshot), pdf=pdf))


# --- A resident's withdrawal ------------------------------------------------------------------------------------

WITHDRAWN = {"withdrawn": True}  # what a final report keeps of a quote whose submission its resident deleted


@before_resident_deletion
def withdraw_quotes(db_session: Session, submission: Submission) -> None:
    """Before a resident's submission is deleted: its quotes leave every final report's snapshot and kept PDF.

    Drafts need nothing: their evidence goes with the submission (ON DELETE CASCADE)."""
    quoting = select(Recommendation.report_id).join(Evidence).where(Evidence.submission_id == submission.id)
    finals = db_session.scalars(select(Report).where(Report.id.in_(quoting), Report.status == ReportStatus.FINAL))
    for report in finals:
        if report.snapshot is not None:
            report.snapshot = _without_submission(report.snapshot, submission.id)  # a new dict: JSON is replaced
        kept = db_session.get(ReportPdf, report.id)
        if kept is not None:
            db_session.delete(kept)


def _without_submission(snapshot: dict, submission_id: int) -> dict:
    recommendations = [
        {**item, "evidence": [WITHDRAWN if quote.get("submission_id") == submission_id else quote
                              for quote in item["evidence"]]}
        for item in snapshot["recommendations"]]
    return {**snapshot, "recommendations": recommendations, "quotes": _quote_summary(recommendations)}


def _quote_summary(recommendations: list[dict]) -> dict:
    quoted = [quote for item in recommendations for quote in item["evidence"] if not quote.get("withdrawn")]
    return {"count": len(quoted), "submissions": len({item["submission_id"] for item in quoted}),
            "languages": sorted({item["language"] for item in quoted})}


# --- Content ----------------------------------------------------------------------------------------------------

def content(db_session: Session, report: Report, *, now: datetime, city_timezone: str) -> dict:
    """What a page or PDF of the report shows: the snapshot of a final report, a fresh build of a draft."""
    if report.is_final and report.snapshot is not None:
        return report.snapshot
    return build_content(db_session, report, generated_on=now.astimezone(ZoneInfo(city_timezone)).date(), now=now)


def build_content(db_session: Session, report: Report, *, generated_on: date, now: datetime,
                  finalized_by: str | None = None, finalized_at: datetime | None = None) -> dict:
    recommendations = list(db_session.scalars(
        select(Recommendation).where(Recommendation.report_id == report.id).order_by(Recommendation.position)
        .options(selectinload(Recommendation.evidence).selectinload(Evidence.submission)
                 .selectinload(Submission.category))))
    built = [_recommendation_content(number, item) for number, item in enumerate(recommendations, start=1)]
    figures = period_figures(db_session, report.period_start, report.period_end, now=now)
    figures["evidence_per_recommendation"] = [[f"{item['number']}. {item['title']}", len(item["evidence"])]
                                              for item in built]
    return {
        "version": SNAPSHOT_VERSION,
        "report_id": report.id,
        "title": report.title,
        "summary": report.summary,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "status": ReportStatus.FINAL.value if finalized_at else ReportStatus.DRAFT.value,
        "generated_on": generated_on.isoformat(),
        "finalized_by": finalized_by,
        "finalized_at": finalized_at.isoformat() if finalized_at else None,
        "recommendations": built,
        "figures": figures,
        "quotes": _quote_summary(built),
    }


def _recommendation_content(number: int, recommendation: Recommendation) -> dict:
    return {
        "id": recommendation.id,
        "number": number,
        "title": recommendation.title,
        "body": recommendation.body,
        "rationale": recommendation.rationale,
        "responsible": recommendation.responsible,
        "priority": recommendation.priority.value,
        "evidence": [_evidence_content(item) for item in recommendation.evidence],
    }


def _evidence_content(evidence: Evidence) -> dict:
    """Only what a reader of the report may see: the redacted quote, never the original or contact details."""
    submission = evidence.submission
    return {
        "submission_id": submission.id,
        "quote": evidence.quote,
        "translation": evidence.translation,
        "language": submission.written_language,  # as detected or corrected, not the page's
        "language_name": language_name(submission.written_language),
        "direction": direction_of(submission.written_language),
        "kind": submission.kind.value,
        "topic": submission.category.name_in(DEFAULT_TAG) if submission.category else None,
        "source": submission.source.value,
        "received": submission.created_at.strftime("%Y-%m"),
    }


def _average(values: list[int]) -> str | None:
    """One decimal, as text, so a snapshot reads back exactly as it was written."""
    return f"{sum(values) / len(values):.1f}" if values else None


def period_figures(db_session: Session, start: date, end: date, *, now: datetime) -> dict:
    """Submissions by topic, language, month and source; meetings held, attendance and feedback ratings."""
    counts = period_counts(db_session, start, end)
    since, until = days_span(start, end)
    meetings = list(db_session.scalars(
        select(Meeting).where(Meeting.starts_at >= since, Meeting.starts_at < until, Meeting.starts_at <= now,
                              Meeting.cancelled_at.is_(None))
        .order_by(Meeting.starts_at, Meeting.id)))
    ratings: dict[int, list[tuple[int | None, int | None]]] = {meeting.id: [] for meeting in meetings}
    if meetings:
        rows = db_session.execute(
            select(Submission.meeting_id, Submission.usefulness, Submission.felt_heard)
            .where(Submission.kind == Kind.MEETING_FEEDBACK, Submission.meeting_id.in_(list(ratings)),
                   Submission.duplicate_of_id.is_(None)))
        for meeting_id, useful, heard in rows:
            ratings[cast(int, meeting_id)].append((useful, heard))  # the WHERE leaves no NULL
    usefulness = [value for rows in ratings.values() for value, _heard in rows if value]
    felt_heard = [value for rows in ratings.values() for _useful, value in rows if value]
    # Meeting.attendance comes with meetings' closing reports; older databases may not have it.
    attendance = [getattr(meeting, "attendance", None) for meeting in meetings]
    known_attendance = [value for value in attendance if value is not None]
    concerns = db_session.scalar(
        select(func.count(Submission.id)).where(
            Submission.created_at >= since, Submission.created_at < until, Submission.kind == Kind.CONCERN,
            Submission.duplicate_of_id.is_(None))) or 0
    return {
        "total": counts.total,  # residents: duplicates are counted once, under their originals
        "duplicates": counts.duplicates,
        "concerns": concerns,
        "feedback": counts.total - concerns,
        "language_count": sum(1 for _tag, number in counts.by_language if number),
        "by_category": [[None if name == NO_TOPIC else name, number] for name, number in counts.by_category],
        "by_theme": [[name, number] for name, number in residents_by_theme(db_session, start, end)],
        "by_language": [[tag, number] for tag, number in counts.by_language],
        "by_month": [[month, number] for month, number in counts.by_month],
        "by_source": [[source.value, number] for source, number in counts.by_source],
        "meetings_held": len(meetings),
        "attendance_total": sum(known_attendance) if known_attendance else None,
        "feedback_on_meetings": sum(len(rows) for rows in ratings.values()),
        "usefulness": [[rating, Counter(usefulness)[rating]] for rating in RATINGS],
        "felt_heard": [[rating, Counter(felt_heard)[rating]] for rating in RATINGS],
        "usefulness_average": _average(usefulness),
        "felt_heard_average": _average(felt_heard),
        "meetings": [_meeting_content(meeting, ratings[meeting.id], attendance[index])
                     for index, meeting in enumerate(meetings)],
        "trust": trust_figures(db_session, start, end),
        "response_times": response_times(db_session, start, end).as_dict(),
    }


def _mean(value: float | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def trust_figures(db_session: Session, start: date, end: date) -> dict:
    """The trust question's answers by month and by month and language, with sample sizes, and the city's actions
    on the same time line (decisions, finished work, milestones), from start to end."""
    by_month, by_language = trust_counts(db_session, start, end)
    cells = {cell.month: cell for cell in by_month}
    return {
        "by_month": [[month, cells[month].answered, _mean(cells[month].mean), cells[month].declined]
                     if month in cells else [month, 0, None, 0] for month in months_between(start, end)],
        "by_language": [[cell.month, cell.language, cell.answered, _mean(cell.mean), cell.declined]
                        for cell in by_language],
        "actions": [[action.on.isoformat(), action.kind.value, action.title]
                    for action in city_actions(db_session, start, end)],
    }


def _meeting_content(meeting: Meeting, ratings: list[tuple[int | None, int | None]], attendance: int | None
                     ) -> dict:
    summary = getattr(meeting, "summary", None) or {}
    return {
        "title": meeting.text_in("title", DEFAULT_TAG)[0],
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "organisers": meeting.organisers,
        "interpreted_languages": list(meeting.interpreted_languages or []),
        "attendance": attendance,
        "summary": summary.get(DEFAULT_TAG, "") if isinstance(summary, dict) else str(summary),
        "feedback_count": len(ratings),
        "usefulness_average": _average([value for value, _heard in ratings if value]),
        "felt_heard_average": _average([value for _useful, value in ratings if value]),
    }

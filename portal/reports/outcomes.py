"""Closing the loop: what became of each recommendation of a final report, for staff, the mayor's office and
residents.

After a report is final, each recommendation gets a Tracking row beside it (never in the frozen snapshot): an
owner department, the mayor's office's decision with its reason, milestones, a progress status and dated updates.
Every change is audited. Published recommendations appear on the residents' page /<lang>/outcomes, in the
reader's language where a person checked a translation (English, marked as such, otherwise), and residents whose
submissions are behind a recommendation read about it on their status page and, if they asked for email, hear
when the decision is made and when the work is done.
"""
from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Select, select, union
from sqlalchemy.orm import Session, joinedload

from portal.accounts import audit
from portal.models import (
    Decision, Evidence, Meeting, Milestone, Progress, ProgressUpdate, ProgressUpdateText, Recommendation,
    RecommendationText, Report, ReportStatus, Submission, Tracking, User, ThemeMember, recommendation_theme,
)
from portal.platform.domain import DomainError
from portal.platform.i18n import DEFAULT_TAG, TAGS
from portal.reports.outcome_words import DECISION_WORDS, PROGRESS_WORDS
from portal.submissions import resident_mail
from portal.submissions.hearing_back import finds_news

TRANSLATED_LANGUAGES = tuple(tag for tag in TAGS if tag != DEFAULT_TAG)


class TrackingError(DomainError):
    pass


# --- The submissions behind a recommendation --------------------------------------------------------------------

def behind() -> Select:
    """The (recommendation_id, submission_id) pairs where the submission is behind the recommendation: quoted as
    its evidence, or a member of a theme it rests on. Every count, page and message about "the residents who raised
    it" goes through this one query."""
    quoted = select(Evidence.recommendation_id.label("recommendation_id"),
                    Evidence.submission_id.label("submission_id"))
    in_its_themes = (select(recommendation_theme.c.recommendation_id, ThemeMember.submission_id)
                     .join(ThemeMember, ThemeMember.theme_id == recommendation_theme.c.theme_id))
    return select(union(quoted, in_its_themes).subquery())


@dataclass(frozen=True)
class Raised:
    """How many residents raised a recommendation, in how many languages, and the meetings where it came up."""

    residents: int
    languages: int
    meeting_ids: tuple[int, ...]


def raised_by(db_session: Session, recommendation_ids: list[int]) -> dict[int, Raised]:
    pairs = behind().subquery()
    rows = db_session.execute(
        select(pairs.c.recommendation_id, Submission.id, Submission.language, Submission.meeting_id)
        .join(Submission, Submission.id == pairs.c.submission_id)
        .where(pairs.c.recommendation_id.in_(recommendation_ids)))
    found: dict[int, tuple[set, set, set]] = defaultdict(lambda: (set(), set(), set()))
    for recommendation_id, submission_id, language, meeting_id in rows:
        submissions, languages, meetings = found[recommendation_id]
        submissions.add(submission_id)
        languages.add(language)
        if meeting_id is not None:
            meetings.add(meeting_id)
    return {recommendation_id: Raised(residents=len(found[recommendation_id][0]),
                                      languages=len(found[recommendation_id][1]),
                                      meeting_ids=tuple(sorted(found[recommendation_id][2])))
            for recommendation_id in recommendation_ids}


def _recommendations_behind_submission(db_session: Session, submission_id: int) -> list[int]:
    pairs = behind().subquery()
    return list(db_session.scalars(select(pairs.c.recommendation_id).where(pairs.c.submission_id == submission_id)))


def _submissions_behind(db_session: Session, recommendation_id: int) -> list[Submission]:
    pairs = behind().subquery()
    return list(db_session.scalars(select(Submission).where(Submission.id.in_(
        select(pairs.c.submission_id).where(pairs.c.recommendation_id == recommendation_id)))))


# --- Loading ----------------------------------------------------------------------------------------------------

def find_tracked(db_session: Session, recommendation_id: int) -> Recommendation | None:
    """A recommendation of a final report, with its report; None for a draft's or an unknown one."""
    found = db_session.get(Recommendation, recommendation_id, options=[joinedload(Recommendation.report)])
    return found if found is not None and found.report.is_final else None


def tracking_of(db_session: Session, recommendation: Recommendation) -> Tracking:
    """The recommendation's tracking, started on first use (every final report's recommendation may be tracked)."""
    tracking = db_session.get(Tracking, recommendation.id)
    if tracking is None:
        tracking = _blank_tracking(recommendation)
        db_session.add(tracking)
        db_session.flush()
    return tracking


@dataclass
class TrackedRecommendation:
    """A staff page's view of one tracked recommendation."""

    recommendation: Recommendation
    tracking: Tracking
    raised: Raised
    milestones: list[Milestone] = field(default_factory=list)
    updates: list[ProgressUpdate] = field(default_factory=list)
    translations: dict[str, RecommendationText] = field(default_factory=dict)
    update_translations: dict[int, dict[str, ProgressUpdateText]] = field(default_factory=dict)
    decided_by: str = ""


def _blank_tracking(recommendation: Recommendation) -> Tracking:
    """What a recommendation nobody has tracked yet shows; not stored, so reading the tracker writes nothing."""
    return Tracking(recommendation_id=recommendation.id, owner_department=recommendation.responsible,
                    decision_reason="", public_text="", progress=Progress.NOT_STARTED, published=False)


def tracked_page(db_session: Session, recommendation: Recommendation) -> TrackedRecommendation:
    tracking = db_session.get(Tracking, recommendation.id) or _blank_tracking(recommendation)
    updates = list(db_session.scalars(select(ProgressUpdate).where(ProgressUpdate.recommendation_id
                                                                   == recommendation.id)
                                      .order_by(ProgressUpdate.happened_on.desc(), ProgressUpdate.id.desc())))
    update_translations: dict[int, dict[str, ProgressUpdateText]] = defaultdict(dict)
    for text in db_session.scalars(select(ProgressUpdateText).where(
            ProgressUpdateText.update_id.in_([update.id for update in updates]))):
        update_translations[text.update_id][text.language] = text
    decider = db_session.get(User, tracking.decided_by_id) if tracking.decided_by_id else None
    return TrackedRecommendation(
        recommendation=recommendation, tracking=tracking,
        raised=raised_by(db_session, [recommendation.id])[recommendation.id],
        milestones=list(db_session.scalars(select(Milestone).where(Milestone.recommendation_id == recommendation.id)
                                           .order_by(Milestone.due_on, Milestone.id))),
        updates=updates,
        translations={text.language: text for text in db_session.scalars(
            select(RecommendationText).where(RecommendationText.recommendation_id == recommendation.id))},
        update_translations=dict(update_translations),
        decided_by=(decider.name or decider.email) if decider else "",
    )


@dataclass(frozen=True)
class TrackerRow:
    report: Report
    recommendation: Recommendation
    tracking: Tracking | None
    raised: Raised


def tracker_rows(db_session: Session) -> list[TrackerRow]:
    """Every final report's recommendations with their tracking, newest report first: the tracker's list."""
    recommendations = list(db_session.scalars(
        select(Recommendation).join(Report).where(Report.status == ReportStatus.FINAL)
        .options(joinedload(Recommendation.report))
        .order_by(Report.finalized_at.desc(), Report.id.desc(), Recommendation.position)))
    ids = [item.id for item in recommendations]
    trackings = {item.recommendation_id: item for item in
                 db_session.scalars(select(Tracking).where(Tracking.recommendation_id.in_(ids)))}
    raised = raised_by(db_session, ids)
    return [TrackerRow(report=item.report, recommendation=item, tracking=trackings.get(item.id),
                       raised=raised[item.id]) for item in recommendations]


# --- Changes ----------------------------------------------------------------------------------------------------

def _audit(db_session: Session, action: str, recommendation: Recommendation, actor: User | None, **details) -> None:
    audit.record(db_session, f"outcome.{action}", actor=actor, report_id=recommendation.report_id,
                 recommendation_id=recommendation.id, **details)


def record_decision(db_session: Session, recommendation: Recommendation, *, decision: Decision, reason: str,
                    actor: User | None, today: date, now: datetime) -> Tracking:
    """The mayor's office's decision. A reason is needed unless the recommendation is accepted as it is."""
    reason = reason.strip()
    if decision is not Decision.ACCEPTED and not reason:
        raise TrackingError("Give the reason: residents read it beside the decision.")
    tracking = tracking_of(db_session, recommendation)
    tracking.decision, tracking.decision_reason = decision, reason
    tracking.decided_by_id, tracking.decided_on = actor.id if actor else None, today
    _audit(db_session, "decided", recommendation, actor, decision=decision.value)
    tell_residents(db_session, recommendation, tracking, now=now)
    return tracking


def save_progress(db_session: Session, recommendation: Recommendation, *, owner_department: str,
                  progress: Progress, actor: User | None, today: date, now: datetime) -> Tracking:
    tracking = tracking_of(db_session, recommendation)
    if progress is Progress.DONE and tracking.progress is not Progress.DONE:
        tracking.done_on = today
    elif progress is not Progress.DONE:
        tracking.done_on = None
    tracking.owner_department, tracking.progress = owner_department.strip(), progress
    _audit(db_session, "progress_saved", recommendation, actor, progress=progress.value,
           owner_department=tracking.owner_department)
    tell_residents(db_session, recommendation, tracking, now=now)
    return tracking


def add_milestone(db_session: Session, recommendation: Recommendation, *, title: str, due_on: date | None,
                  actor: User | None) -> Milestone:
    tracking_of(db_session, recommendation)
    milestone = Milestone(recommendation_id=recommendation.id, title=title.strip(), due_on=due_on)
    db_session.add(milestone)
    db_session.flush()
    _audit(db_session, "milestone_added", recommendation, actor, milestone_id=milestone.id, title=milestone.title)
    return milestone


def find_milestone(db_session: Session, recommendation: Recommendation, milestone_id: int) -> Milestone | None:
    found = db_session.get(Milestone, milestone_id)
    return found if found is not None and found.recommendation_id == recommendation.id else None


def mark_milestone(db_session: Session, recommendation: Recommendation, milestone: Milestone, *,
                   done_on: date | None, actor: User | None) -> None:
    milestone.done_on = done_on
    _audit(db_session, "milestone_done" if done_on else "milestone_reopened", recommendation, actor,
           milestone_id=milestone.id)


def delete_milestone(db_session: Session, recommendation: Recommendation, milestone: Milestone, *,
                     actor: User | None) -> None:
    _audit(db_session, "milestone_deleted", recommendation, actor, milestone_id=milestone.id, title=milestone.title)
    db_session.delete(milestone)


def add_update(db_session: Session, recommendation: Recommendation, *, happened_on: date, body: str,
               actor: User | None) -> ProgressUpdate:
    tracking_of(db_session, recommendation)
    update = ProgressUpdate(recommendation_id=recommendation.id, happened_on=happened_on, body=body.strip(),
                            author_id=actor.id if actor else None)
    db_session.add(update)
    db_session.flush()
    _audit(db_session, "update_added", recommendation, actor, update_id=update.id)
    return update


def find_update(db_session: Session, recommendation: Recommendation, update_id: int) -> ProgressUpdate | None:
    found = db_session.get(ProgressUpdate, update_id)
    return found if found is not None and found.recommendation_id == recommendation.id else None


def save_public_text(db_session: Session, recommendation: Recommendation, *, text: str, published: bool,
                     actor: User | None, now: datetime) -> Tracking:
    """The plain-language text residents read, in English; publishing puts it on /outcomes."""
    text = text.strip()
    if published and not text:
        raise TrackingError("Write the text for residents before publishing.")
    tracking = tracking_of(db_session, recommendation)
    tracking.public_text, tracking.published = text, published
    _audit(db_session, "public_text_saved", recommendation, actor, published=published)
    tell_residents(db_session, recommendation, tracking, now=now)
    return tracking


def _checked_by(checked: bool, actor: User | None, now: datetime) -> tuple[int | None, datetime | None]:
    """Who checked a translation and when: residents read it only once a person who reads the language did."""
    return (actor.id if actor else None, now) if checked else (None, None)


def save_translation(db_session: Session, recommendation: Recommendation, *, language: str, text: str,
                     reason: str, checked: bool, actor: User | None, now: datetime) -> RecommendationText:
    """The public text and the decision's reason in one language; `checked` False keeps it as a draft residents
    do not see (a machine draft is stored so until a person checks it)."""
    if language not in TRANSLATED_LANGUAGES:
        raise TrackingError("Choose one of the portal's languages.")
    tracking_of(db_session, recommendation)
    translation = db_session.get(RecommendationText, (recommendation.id, language))
    if translation is None:
        translation = RecommendationText(recommendation_id=recommendation.id, language=language)
        db_session.add(translation)
    translation.text, translation.reason = text.strip(), reason.strip()
    translation.checked_by_id, translation.checked_at = _checked_by(checked, actor, now)
    _audit(db_session, "translation_saved", recommendation, actor, language=language, checked=checked)
    return translation


def save_update_translation(db_session: Session, recommendation: Recommendation, update: ProgressUpdate, *,
                            language: str, text: str, checked: bool, actor: User | None,
                            now: datetime) -> ProgressUpdateText:
    if language not in TRANSLATED_LANGUAGES:
        raise TrackingError("Choose one of the portal's languages.")
    translation = db_session.get(ProgressUpdateText, (update.id, language))
    if translation is None:
        translation = ProgressUpdateText(update_id=update.id, language=language)
        db_session.add(translation)
    translation.text = text.strip()
    translation.checked_by_id, translation.checked_at = _checked_by(checked, actor, now)
    _audit(db_session, "update_translation_saved", recommendation, actor, update_id=update.id, language=language,
           checked=checked)
    return translation


# --- Residents hear back ----------------------------------------------------------------------------------------

def tell_residents(db_session: Session, recommendation: Recommendation, tracking: Tracking, *,
                   now: datetime) -> None:
    """Residents who asked for email hear once that the decision is made, and once that the work is done, as soon
    as the recommendation is published (before, their status page has nothing to show them)."""
    if not tracking.published:
        return
    news = []
    if tracking.decision is not None and tracking.decision_told_at is None:
        tracking.decision_told_at = now
        news.append("outcome_decided")
    if tracking.progress is Progress.DONE and tracking.done_told_at is None:
        tracking.done_told_at = now
        news.append("outcome_done")
    if news:
        submissions = _submissions_behind(db_session, recommendation.id)
        for message in news:
            resident_mail.queue_news(db_session, message, submissions)


# --- What residents read ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """A text in the reader's language, or in English (`lang` says which) when no checked translation exists."""

    text: str
    lang: str


@dataclass(frozen=True)
class MeetingMention:
    title: str
    title_lang: str
    starts_at: datetime


@dataclass(frozen=True)
class PublicOutcome:
    recommendation_id: int
    number: int  # its place on /outcomes, so the status page names it the same way
    text: Text
    decision: Decision | None
    decided_on: date | None
    reason: Text | None
    progress: Progress
    done_on: date | None
    latest_update: tuple[date, Text] | None
    raised: Raised
    meetings: tuple[MeetingMention, ...]

    @property
    def decision_word(self) -> str:
        return str(DECISION_WORDS[self.decision])

    @property
    def progress_word(self) -> str:
        return str(PROGRESS_WORDS[self.progress])

    @property
    def shows_english(self) -> bool:
        """True when some of it is shown in English in a page of another language: the page says so."""
        parts = [self.text, self.reason, self.latest_update[1] if self.latest_update else None]
        return any(part is not None and part.lang == DEFAULT_TAG for part in parts)


def _in_language(english: str, translation: RecommendationText | ProgressUpdateText | None, attribute: str,
                 tag: str) -> Text:
    if tag != DEFAULT_TAG and translation is not None and translation.is_checked:
        translated = getattr(translation, attribute)
        if translated:
            return Text(translated, tag)
    return Text(english, DEFAULT_TAG)


def public_outcomes(db_session: Session, tag: str, *, recommendation_ids: list[int] | None = None
                    ) -> list[PublicOutcome]:
    """The published recommendations (or those of `recommendation_ids` that are published), newest report first,
    in the language `tag` where a person checked its translation. No quote, no submission: counts only."""
    query = (select(Tracking.recommendation_id).join(Recommendation, Recommendation.id == Tracking.recommendation_id)
             .join(Report, Report.id == Recommendation.report_id)
             .where(Tracking.published, Report.status == ReportStatus.FINAL)
             .order_by(Report.finalized_at.desc(), Report.id.desc(), Recommendation.position))
    numbers = {recommendation_id: number for number, recommendation_id
               in enumerate(db_session.scalars(query), start=1)}
    ids = [recommendation_id for recommendation_id in numbers
           if recommendation_ids is None or recommendation_id in recommendation_ids]
    trackings = {tracking.recommendation_id: tracking for tracking in db_session.scalars(
        select(Tracking).where(Tracking.recommendation_id.in_(ids)))}
    found = [trackings[recommendation_id] for recommendation_id in ids]
    if not ids:
        return []
    translations = {text.recommendation_id: text for text in db_session.scalars(
        select(RecommendationText).where(RecommendationText.recommendation_id.in_(ids),
                                         RecommendationText.language == tag))}
    latest = _latest_updates(db_session, ids, tag)
    raised = raised_by(db_session, ids)
    meetings = _meetings(db_session, {meeting_id for item in raised.values() for meeting_id in item.meeting_ids},
                         tag)
    outcomes = []
    for tracking in found:
        translation = translations.get(tracking.recommendation_id)
        outcomes.append(PublicOutcome(
            recommendation_id=tracking.recommendation_id, number=numbers[tracking.recommendation_id],
            text=_in_language(tracking.public_text, translation, "text", tag),
            decision=tracking.decision, decided_on=tracking.decided_on,
            reason=(_in_language(tracking.decision_reason, translation, "reason", tag)
                    if tracking.decision_reason else None),
            progress=tracking.progress, done_on=tracking.done_on,
            latest_update=latest.get(tracking.recommendation_id),
            raised=raised[tracking.recommendation_id],
            meetings=tuple(meetings[meeting_id] for meeting_id in raised[tracking.recommendation_id].meeting_ids
                           if meeting_id in meetings),
        ))
    return outcomes


def _latest_updates(db_session: Session, recommendation_ids: list[int], tag: str) -> dict[int, tuple[date, Text]]:
    updates: dict[int, ProgressUpdate] = {}
    for update in db_session.scalars(select(ProgressUpdate).where(
            ProgressUpdate.recommendation_id.in_(recommendation_ids))
            .order_by(ProgressUpdate.happened_on, ProgressUpdate.id)):
        updates[update.recommendation_id] = update  # the last one wins: the newest
    translations = {text.update_id: text for text in db_session.scalars(select(ProgressUpdateText).where(
        ProgressUpdateText.update_id.in_([update.id for update in updates.values()]),
        ProgressUpdateText.language == tag))}
    return {recommendation_id: (update.happened_on, _in_language(update.body, translations.get(update.id),
                                                                 "text", tag))
            for recommendation_id, update in updates.items()}


def _meetings(db_session: Session, meeting_ids: set[int], tag: str) -> dict[int, MeetingMention]:
    """The meetings, not cancelled, where the submissions behind a recommendation came from: they are public."""
    mentions = {}
    for meeting in db_session.scalars(select(Meeting).where(Meeting.id.in_(meeting_ids),
                                                            Meeting.cancelled_at.is_(None))
                                      .order_by(Meeting.starts_at)):
        title, title_lang = meeting.text_in("title", tag)
        mentions[meeting.id] = MeetingMention(title=title, title_lang=title_lang, starts_at=meeting.starts_at)
    return mentions


@finds_news
def outcomes_of_submission(db_session: Session, submission: Submission, tag: str) -> list[PublicOutcome]:
    """For the status page: the published recommendations the resident's submission is behind."""
    ids = _recommendations_behind_submission(db_session, submission.id)
    return public_outcomes(db_session, tag, recommendation_ids=ids) if ids else []


# --- The city's actions, for time lines -------------------------------------------------------------------------

class ActionKind(enum.StrEnum):
    DECIDED = "decided"
    DONE = "done"
    MILESTONE = "milestone"


@dataclass(frozen=True)
class CityAction:
    on: date
    kind: ActionKind
    title: str  # the recommendation's or the milestone's, as staff wrote it


def city_actions(db_session: Session, start: date, end: date) -> list[CityAction]:
    """Decisions on recommendations, finished work and reached milestones from start to end: the marks on the
    trust trend's time line."""
    actions = []
    for tracking, title in db_session.execute(select(Tracking, Recommendation.title).join(
            Recommendation, Recommendation.id == Tracking.recommendation_id)):
        if tracking.decided_on and tracking.decision and start <= tracking.decided_on <= end:
            actions.append(CityAction(tracking.decided_on, ActionKind.DECIDED, title))
        if tracking.done_on and start <= tracking.done_on <= end:
            actions.append(CityAction(tracking.done_on, ActionKind.DONE, title))
    for milestone in db_session.scalars(select(Milestone).where(Milestone.done_on >= start, Milestone.done_on <= end)):
        if milestone.done_on is not None:  # as the WHERE found
            actions.append(CityAction(milestone.done_on, ActionKind.MILESTONE, milestone.title))
    return sorted(actions, key=lambda action: (action.on, action.kind.value, action.title))

"""Detecting a submission's language and translating it by machine (a job after the commit), correcting the
language, the translators' queue, and a person's checked translation. Every step staff take is audited."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts import audit
from portal.models import MachineTranslationState, Role, Submission, User
from portal.models.types import utcnow
from portal.platform import db, jobs, machine_translation
from portal.platform.domain import DomainError
from portal.platform.i18n import BY_TAG, TAGS
from portal.translation.detection import detect
from portal.translation.english import needs_english, written_language

log = logging.getLogger(__name__)
ERROR_LENGTH = 500  # machine_translation_error's column


class TranslationRefused(DomainError):
    pass


def original_text(submission: Submission) -> str:
    """What the resident wrote, both answers of a feedback form in one text."""
    return "\n\n".join(text for text in (submission.body, submission.improvement) if text)


# --- Detection and machine translation, after the commit ----------------------------------------------------------

def queue_english(db_session: Session, submission: Submission) -> None:
    """Detect the language and, with an engine configured, translate: after the commit, on the worker or after
    the response; never inside a resident's request."""
    jobs.after_commit(db_session, prepare_english, submission.id,
                      retry=current_app.config["TRANSLATION_RETRY_INTERVALS"])


def detect_language(submission: Submission) -> None:
    detected = detect(original_text(submission), submission.language)
    submission.detected_language = detected.tag if detected else None
    submission.detected_language_uncertain = detected.uncertain if detected else False


def prepare_english(submission_id: int) -> str:
    """The job: detect the language unless staff set it, then ask the engine for English unless there is one.
    A failure is raised (and the job tried again) until the last attempt, which records it for the admins' page.
    Returns what happened, for the log and the tests."""
    db_session = db.session()
    submission = db_session.get(Submission, submission_id)
    if submission is None:
        return "gone"
    if submission.detected_language is None:
        detect_language(submission)
    engine = machine_translation.engine()
    if engine is None:
        return "detected"
    if not needs_english(submission) or submission.machine_translation or submission.translation.strip():
        return "not needed"
    try:
        return _translate(submission, engine)
    except machine_translation.TranslationError as error:
        current = jobs.current()
        if current is not None and not current.last:
            raise
        submission.machine_translation_state = MachineTranslationState.FAILED
        submission.machine_translation_error = str(error)[:ERROR_LENGTH]
        log.warning("Machine translation of submission %s failed for good: %s", submission_id, error)
        return "failed"


def _translate(submission: Submission, engine: machine_translation.Engine) -> str:
    source = machine_translation.engine_code(written_language(submission))
    if source not in machine_translation.offered_languages(engine):
        submission.machine_translation_state = MachineTranslationState.UNSUPPORTED
        submission.machine_translation_error = None
        return "unsupported"
    submission.machine_translation = engine.translate(original_text(submission), source=source).strip()
    submission.machine_translation_engine = engine.name
    submission.machine_translated_at = utcnow()
    submission.machine_translation_state = MachineTranslationState.DONE
    submission.machine_translation_error = None
    return "translated"


def _forget_machine_translation(submission: Submission) -> None:
    submission.machine_translation, submission.machine_translation_engine = "", None
    submission.machine_translated_at = submission.machine_translation_state = None
    submission.machine_translation_error = None


def translate_again(db_session: Session, submission: Submission, *, actor: User) -> None:
    """An admin's "Try again" for a translation that failed."""
    _forget_machine_translation(submission)
    audit.record(db_session, "translation.machine_retried", actor=actor, submission=submission)
    queue_english(db_session, submission)


def failures(db_session: Session, limit: int = 200) -> list[Submission]:
    """Machine translations that failed for good, latest first: the admins' page."""
    return list(db_session.scalars(select(Submission).where(Submission.machine_translation_error.is_not(None))
                                   .order_by(Submission.updated_at.desc()).limit(limit)))


# --- What staff and translators do --------------------------------------------------------------------------------

def correct_language(db_session: Session, submission: Submission, tag: str, *, actor: User) -> None:
    """Staff say which language it is written in; the machine's English of the wrong language goes."""
    if tag not in BY_TAG:
        raise TranslationRefused("Choose one of the languages in the list.")
    old = written_language(submission)
    submission.detected_language, submission.detected_language_uncertain = tag, False
    audit.record(db_session, "translation.language_corrected", actor=actor, submission=submission, old=old, new=tag)
    if old != tag:
        _forget_machine_translation(submission)
        queue_english(db_session, submission)


def request_human_translation(db_session: Session, submission: Submission, *, actor: User) -> None:
    """Into the translators' queue of its language ("needs a human translation")."""
    if not needs_english(submission):
        raise TranslationRefused("It is written in English: there is nothing to translate.")
    if submission.human_translation_requested_at is None:
        submission.human_translation_requested_at = utcnow()
        audit.record(db_session, "translation.requested", actor=actor, submission=submission,
                     language=written_language(submission))


def save_checked_translation(db_session: Session, submission: Submission, text: str, *, actor: User) -> None:
    """A person's English (typed, or the machine's draft corrected): checked by them, now. It leaves the queue.
    An empty text removes the person's translation (the machine's draft, if any, shows again, labelled)."""
    text = text.strip()
    submission.translation = text
    submission.translation_checked_by_id = actor.id if text else None
    submission.translation_checked_at = utcnow() if text else None
    if text:
        submission.human_translation_requested_at = None
    audit.record(db_session, "translation.checked" if text else "translation.removed", actor=actor,
                 submission=submission, machine_draft_kept=bool(text) and text == submission.machine_translation)


def save_redacted_translation(db_session: Session, submission: Submission, text: str, *, actor: User) -> None:
    """A person's English of the redacted text: the only English the mayor's office reads."""
    text = text.strip()
    if (submission.redacted_translation or "") != text:
        submission.redacted_translation = text or None
        audit.record(db_session, "translation.redacted_saved", actor=actor, submission=submission)


# --- Translators ----------------------------------------------------------------------------------------------------

def languages_of(user: User) -> tuple[str, ...]:
    """The languages whose submissions a person may translate: a translator's own; everyone's for staff."""
    if user.role is Role.TRANSLATOR:
        return tuple(tag for tag in TAGS if tag in (user.translator_languages or []))
    return tuple(tag for tag in TAGS if tag != "en")


def may_translate(user: User, submission: Submission) -> bool:
    return written_language(submission) in languages_of(user)


_WRITTEN = func.coalesce(Submission.detected_language, Submission.language)


def queue_counts(db_session: Session, languages: tuple[str, ...]) -> dict[str, int]:
    """How many wait for a person, per language, every language listed."""
    rows = db_session.execute(select(_WRITTEN, func.count()).where(
        Submission.human_translation_requested_at.is_not(None), _WRITTEN.in_(languages)).group_by(_WRITTEN))
    counts = dict.fromkeys(languages, 0)
    counts.update({tag: count for tag, count in rows})
    return counts


@dataclass(frozen=True)
class QueueItem:
    """What a translator sees in the queue: never the reference code, never contact details."""
    submission_id: int
    requested_at: datetime
    excerpt: str
    has_machine_draft: bool


def queue(db_session: Session, tag: str, limit: int = 200) -> list[QueueItem]:
    """The submissions in `tag` waiting for a human translation, the longest waiting first."""
    rows = db_session.execute(
        select(Submission.id, Submission.human_translation_requested_at, Submission.body, Submission.improvement,
               Submission.machine_translation)
        .where(Submission.human_translation_requested_at.is_not(None), _WRITTEN == tag)
        .order_by(Submission.human_translation_requested_at, Submission.id).limit(limit))
    return [QueueItem(row.id, row.human_translation_requested_at, (row.body or row.improvement)[:200],
                      bool(row.machine_translation)) for row in rows]

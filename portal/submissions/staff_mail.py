"""Email to staff, in English like the back office: an alert when a submission arrives in a topic someone watches
(a setting on their account page), and a weekly digest of counts (`flask --app portal send-digest`, from cron).

Never a resident's text or contact details: email leaves the city's systems, so a message holds counts, topics
and a link to the back office, where signing in is needed to read more.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from flask_babel import format_datetime, lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from portal.platform import db
from portal.platform.cache import remembered
from portal.accounts.permissions import Permission, can
from portal.platform.i18n import BY_TAG
from portal.platform.links import mail_url
from portal.models import Priority, Status, Submission, User
from portal.submissions.counts import period_counts
from portal.submissions.labels import KIND_LABELS, SOURCE_LABELS, STATUS_LABELS
from portal.platform import jobs, mail

ALERT_TEMPLATE, DIGEST_TEMPLATE = "email/staff/alert", "email/staff/digest"


def _gets_staff_mail(user: User) -> bool:
    """Alerts and digests are for active people who may open submissions."""
    return user.active and can(user, Permission.TRIAGE)


def watches(user: User, submission: Submission) -> bool:
    return (submission.category is not None and _gets_staff_mail(user)
            and submission.category.slug in (user.watched_categories or []))


def _watchers_by_topic(db_session: Session) -> dict[str, tuple[int, ...]]:
    by_topic: dict[str, list[int]] = defaultdict(list)
    with db_session.no_autoflush:  # a new submission is written at commit, keeping SQLite's write lock short
        people = db_session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)).all()
    for user in people:
        if _gets_staff_mail(user):
            for slug in user.watched_categories or []:
                by_topic[slug].append(user.id)
    return {slug: tuple(ids) for slug, ids in by_topic.items()}


def queue_alerts(db_session: Session, submission: Submission, *, actor: User | None = None) -> None:
    """An alert to each watcher but the person who entered it. Who watches what is kept per process for a
    short while (portal/platform/cache.py); each alert checks again before it is sent."""
    if submission.is_demo or submission.category is None:
        return
    watching = remembered(("watchers",), lambda: _watchers_by_topic(db_session)).get(submission.category.slug, ())
    people = [user_id for user_id in watching if actor is None or user_id != actor.id]
    if people:
        db_session.flush()
        for user_id in people:
            jobs.after_commit(db_session, send_alert, submission.id, user_id, retry=mail.retry_intervals())


@mail.job
def send_alert(submission_id: int, user_id: int) -> None:
    submission = db.session().get(Submission, submission_id, options=[joinedload(Submission.category)],
                                  populate_existing=True)
    user = db.session().get(User, user_id)
    if submission is None or user is None or submission.category is None or not watches(user, submission):
        return  # deleted meanwhile, or the person stopped watching
    topic = submission.category.name_in("en")
    language = BY_TAG.get(submission.language)
    outgoing = mail.compose(
        to=user.email, template=ALERT_TEMPLATE, language="en",
        subject=_l("New submission about %(topic)s", topic=topic), topic=topic,
        kind=KIND_LABELS[submission.kind], source=SOURCE_LABELS[submission.source],
        written_in=f"{language.endonym} ({language.tag})" if language else submission.language,
        follow_up=submission.follow_up_requested,
        received=format_datetime(submission.created_at, "medium"),
        submission_url=mail_url("triage.submission", submission_id=submission.id),
        account_url=mail_url("accounts.account"),
    )
    mail.deliver(outgoing, submission_id=submission.id)


def digest_recipients(db_session: Session) -> list[User]:
    return [user for user in db_session.scalars(select(User).where(User.active.is_(True)).order_by(User.id))
            if _wants_digest(user)]


def _wants_digest(user: User) -> bool:
    return _gets_staff_mail(user) and user.weekly_digest


def queue_digests(db_session: Session, *, end: date) -> int:
    """One job per person, so one bad address does not hold up the others. Returns how many were queued."""
    people = digest_recipients(db_session)
    for user in people:
        jobs.enqueue(send_digest, user.id, end.isoformat(), retry=mail.retry_intervals())
    return len(people)


@mail.job
def send_digest(user_id: int, end_day: str) -> None:
    user = db.session().get(User, user_id)
    if user is None or not _wants_digest(user):
        return  # gone, or stopped the digest since it was queued
    end = date.fromisoformat(end_day)
    start = end - timedelta(days=6)
    figures = period_counts(db.session(), start, end)
    still_open = Submission.status != Status.CLOSED

    def count(*conditions) -> int:
        return db.session().scalar(select(func.count(Submission.id)).where(*conditions)) or 0

    outgoing = mail.compose(
        to=user.email, template=DIGEST_TEMPLATE, language="en",
        subject=_l("Weekly digest: %(start)s to %(end)s", start=start.isoformat(), end=end.isoformat()),
        figures=figures, start=start.isoformat(), end=end.isoformat(),
        waiting=count(Submission.status == Status.RECEIVED),
        unassigned=count(still_open, Submission.assignee_id.is_(None)),
        urgent=count(still_open, Submission.priority == Priority.URGENT),
        tables=[
            (_l("New, by topic"), [(label, number) for label, number in figures.by_category if number]),
            (_l("New, by language"), [(f"{BY_TAG[tag].endonym} ({tag})" if tag in BY_TAG else tag, number)
                                      for tag, number in figures.by_language]),
            (_l("New, by status now"), [(STATUS_LABELS[status], number) for status, number in figures.by_status]),
        ],
        inbox_url=mail_url("triage.inbox"),
        dashboard_url=mail_url("dashboard.dashboard"),
        account_url=mail_url("accounts.account"),
    )
    mail.deliver(outgoing)

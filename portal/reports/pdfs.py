"""A report's PDF without holding a web worker: final reports' PDFs are rendered once and kept; with Redis, every
PDF not kept yet is rendered on the worker while a page that refreshes itself says it is being prepared; without
Redis, a PDF is rendered in the request only up to REPORT_PDF_INLINE_MAX_CHARS characters of text.

    outcome = pdfs.pdf_for(db_session, report, now=..., city_timezone=..., job_id=request.args.get("job"))

Jobs get ids only (a report's id and a time), never texts; a draft's PDF comes back as the job's result and stays
in Redis for jobs.RESULT_TTL, a final report's goes into the database (ReportPdf) and the job returns nothing.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy.orm import Session

from portal.platform import db
from portal.models import Report
from portal.reports.figures import render_report_pdf
from portal.platform import jobs
from portal.reports import service


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ready:
    pdf: bytes


@dataclass(frozen=True)
class Preparing:
    job_id: str


@dataclass(frozen=True)
class TooLong:
    """Without Redis, past the inline bound: nothing is rendered."""
    characters: int
    limit: int


@dataclass(frozen=True)
class Failed:
    pass


Outcome = Ready | Preparing | TooLong | Failed


def text_size(value) -> int:
    """Characters of text in the content (titles, summaries, quotes, translations, labels): what render time
    grows with."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(text_size(item) for item in value.values())
    if isinstance(value, list):
        return sum(text_size(item) for item in value)
    return 0


def pdf_for(db_session: Session, report: Report, *, now: datetime, city_timezone: str,
            job_id: str | None = None) -> Outcome:
    kept = service.kept_pdf(db_session, report)
    if kept is not None:
        return Ready(kept)
    if jobs.uses_redis():
        try:
            return _on_the_worker(db_session, report, now, job_id)
        except RedisError:  # Redis down: the inline path, with its bound, rather than an error page
            log.exception("Could not queue the PDF of report %s; rendering it inline if it is short enough", report.id)
    content = service.content(db_session, report, now=now, city_timezone=city_timezone)
    characters, limit = text_size(content), current_app.config["REPORT_PDF_INLINE_MAX_CHARS"]
    if characters > limit:
        return TooLong(characters, limit)
    pdf = render_report_pdf(content)
    if report.is_final:
        service.keep_pdf(db_session, report, pdf)
    return Ready(pdf)


def _job_prefix(report: Report) -> str:
    """Job ids name the queue (see jobs.new_job_id) and the report, so a job of one report never serves another."""
    return f"{jobs.queue_name()}-report-{report.id}-"


def _on_the_worker(db_session: Session, report: Report, now: datetime, job_id: str | None) -> Outcome:
    if job_id and job_id.startswith(_job_prefix(report)):
        handle = jobs.fetch(job_id)
        if handle is not None and handle.failed:
            return Failed()
        if handle is not None and not handle.finished:
            return Preparing(job_id)
        if handle is not None and not report.is_final:
            return Ready(handle.result)
        # A final report's finished job kept its PDF (served above) unless a withdrawal came since: render again.
    if report.is_final and report.snapshot is not None:
        # One job per snapshot, however many people ask at once.
        job_id = _job_prefix(report) + service.content_digest(report.snapshot)[:20]
        handle = jobs.fetch(job_id)
        if handle is not None and not (handle.finished or handle.failed):
            return Preparing(job_id)
        jobs.enqueue(render_final_pdf, report.id, job_id=job_id)
        return Preparing(job_id)
    job_id = _job_prefix(report) + uuid.uuid4().hex
    jobs.enqueue(render_draft_pdf, report.id, now.isoformat(), job_id=job_id)
    return Preparing(job_id)


# Jobs -----------------------------------------------------------------------------------------------------------

def render_final_pdf(report_id: int) -> None:
    """Renders a final report's PDF from its snapshot and keeps it (unless it is kept already)."""
    db_session = db.session()
    report = db_session.get(Report, report_id)
    if (report is None or not report.is_final or report.snapshot is None
            or service.kept_pdf(db_session, report) is not None):
        return
    service.keep_pdf(db_session, report, render_report_pdf(report.snapshot))


def render_draft_pdf(report_id: int, now: str) -> bytes | None:
    """A draft's PDF as it is at `now`, as the job's result."""
    db_session = db.session()
    report = db_session.get(Report, report_id)
    if report is None:
        return None
    content = service.content(db_session, report, now=datetime.fromisoformat(now),
                              city_timezone=current_app.config["TIMEZONE"])
    return render_report_pdf(content)

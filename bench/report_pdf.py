"""Recommendation report PDF render time: 40 recommendations, 400 quotes in all twelve languages, every figure.

    .venv/bin/python bench/report_pdf.py [--runs 3] [--keep report.pdf]
    .venv/bin/python bench/report_pdf.py --recommendations 20 --quote-chars 5000 --runs 0   # the issue-14 report

Builds a temporary SQLite database at the newest migration with 1,200 submissions over 90 days (the demo data's
real sentences in every shipped language, each with a redacted text), six meetings with feedback, and a draft
report of 40 recommendations quoting 400 of those submissions with translations. Then it times, through the same
code as /staff/reports/<id>.pdf: building the draft's content (figures counted from the database), finalizing
(the snapshot), and rendering the final PDF from its snapshot, first (cold) and warm; and checks that two
renders of the snapshot give the same bytes. With --quote-chars N every quote (and its translation) is the whole
redacted text, N characters long: 20 x 10 x 5,000 is the report that held both web workers past gunicorn's 30 s.
It also prints the report's characters of text against the inline bound (REPORT_PDF_INLINE_MAX_CHARS) and how long
a kept PDF takes to read back.
"""
from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RECOMMENDATIONS, QUOTES_EACH, SUBMISSIONS, MEETINGS = 40, 10, 1200, 6


def sentences(text: str) -> list[str]:
    """Pieces of a text that end with a full stop of its script, each a part of the text."""
    pieces, start = [], 0
    for index, character in enumerate(text):
        if character in ".।؟?!" and index - start > 30:
            pieces.append(text[start:index + 1].strip())
            start = index + 1
    return pieces or [text]


def stretched(text: str, length: int) -> str:
    """The text repeated to exactly `length` characters (a long letter made of real sentences)."""
    return ((text.strip() + " ") * (length // max(len(text), 1) + 1))[:length].strip()


def build(session, now: datetime, recommendations: int, quotes_each: int, quote_chars: int) -> int:
    from sqlalchemy import select

    from portal.models import Category, Interpretation, Meeting, Priority, Source, Status
    from portal.reports import service as reports
    from portal.demo.seed import CONCERNS, FEEDBACK
    from portal.submissions.intake import FeedbackAnswers, record_concern, record_meeting_feedback

    categories = list(session.scalars(select(Category)))
    texts = [(demo.language, demo.body) for demo in CONCERNS] + [
        (demo.language, f"{demo.act_on}\n\n{demo.improvement}") for demo in FEEDBACK]
    english = [body for language, body in texts if language == "en"]
    meetings = []
    for number in range(MEETINGS):
        starts_at = now - timedelta(days=10 + 12 * number)
        meeting = Meeting(title={"en": f"Listening session {number + 1}"}, starts_at=starts_at,
                          ends_at=starts_at + timedelta(hours=2), place="Main Library",
                          interpreted_languages=["en", "es", "ar", "so", "ne", "fa-AF"],
                          feedback_opens_at=starts_at, feedback_closes_at=starts_at + timedelta(days=30))
        if hasattr(meeting, "attendance"):
            meeting.attendance = 40 + 7 * number
        session.add(meeting)
        meetings.append(meeting)
    session.flush()
    made = []
    for number, (language, body) in zip(range(SUBMISSIONS), itertools.cycle(texts)):
        if number % 5 == 4:
            submission = record_meeting_feedback(
                session, meeting=meetings[number % MEETINGS], language=language, contact=None,
                answers=FeedbackAnswers(usefulness=1 + (number // 5) % 5, felt_heard=1 + (number // 25) % 5,
                                        interpretation=Interpretation.YES, act_on=body, improvement=""))
        else:
            submission = record_concern(session, language=language, category=categories[number % len(categories)],
                                        body=body, neighbourhood="", occurred_on=None, contact=None,
                                        source=list(Source)[number % len(Source)])
        submission.created_at = now - timedelta(days=number % 90, hours=number % 24)
        submission.status = list(Status)[number % len(Status)]
        submission.redacted_text = stretched(body, quote_chars) if quote_chars else body
        submission.translation = english[number % len(english)]
        if quote_chars:
            submission.translation = stretched(submission.translation, quote_chars)
        made.append(submission)
    session.flush()

    report = reports.create_report(session, title="Bench: what residents told us this quarter",
                                   start=(now - timedelta(days=89)).date(), end=now.date(), actor=None)
    report.summary = "\n\n".join(english[:3])
    quoted = iter(made)
    for number in range(recommendations):
        recommendation = reports.add_recommendation(
            session, report, title=f"Recommendation {number + 1}: interpreters and written policies, part {number}",
            body=english[number % len(english)], rationale=english[(number + 1) % len(english)],
            responsible="Office for Immigrant Affairs", priority=list(Priority)[number % len(Priority)], actor=None)
        for _ in range(quotes_each):
            submission = next(quoted)
            if quote_chars:  # the whole redacted text, as the inbox's bulk action quotes it
                reports.add_evidence(session, recommendation, submission, quote=submission.redacted_text,
                                     translation=submission.translation, actor=None)
                continue
            pieces = sentences(submission.redacted_text)
            english_pieces = sentences(submission.translation)  # a sentence's translation is about a sentence
            reports.add_evidence(session, recommendation, submission, quote=pieces[number % len(pieces)],
                                 translation=english_pieces[number % len(english_pieces)], actor=None)
    session.flush()
    return report.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="warm renders after the first")
    parser.add_argument("--keep", type=Path, help="also write the final PDF here")
    parser.add_argument("--recommendations", type=int, default=RECOMMENDATIONS)
    parser.add_argument("--quotes-each", type=int, default=QUOTES_EACH)
    parser.add_argument("--quote-chars", type=int, default=0,
                        help="every quote and translation this long (default: one sentence each)")
    parser.add_argument("--skip-draft", action="store_true", help="do not also time the draft's PDF")
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["PORTAL_INSTANCE_PATH"] = folder
        from sqlalchemy import create_engine

        from portal import create_app
        from portal.platform import db
        from portal.models import Report, User
        from portal.models import Role
        from portal.reports.figures import render_report_pdf
        from portal.reports.pdfs import text_size
        from portal.platform.schema import upgrade_to_head
        from portal.reports import service as reports
        from portal.topics.service import ensure_default_categories

        url = f"sqlite:///{folder}/bench.db"
        engine = create_engine(url)
        upgrade_to_head(engine)
        engine.dispose()
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url})
        now = datetime.now(UTC)
        with app.test_request_context("/"):
            session = db.session()
            ensure_default_categories(session)
            started = time.perf_counter()
            report_id = build(session, now, arguments.recommendations, arguments.quotes_each,
                              arguments.quote_chars)
            user = User(email="bench@example.org", password_hash="x", role=Role.STAFF, name="Bench")
            session.add(user)
            session.commit()
            setup = time.perf_counter() - started

            report = session.get(Report, report_id)
            started = time.perf_counter()
            draft = reports.content(session, report, now=now, city_timezone=app.config["TIMEZONE"])
            content_time = time.perf_counter() - started
            started = time.perf_counter()
            reports.finalize(session, report, actor=user, signed_by="Bench Writer", now=now,
                             city_timezone=app.config["TIMEZONE"])
            session.commit()
            finalize_time = time.perf_counter() - started

            timings, cpu, outputs = [], [], []
            for _ in range(arguments.runs + 1):
                started, started_cpu = time.perf_counter(), time.process_time()
                outputs.append(render_report_pdf(report.snapshot))
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            started = time.perf_counter()
            draft_pdf = b"" if arguments.skip_draft else render_report_pdf(draft)
            draft_time = time.perf_counter() - started

            reports.keep_pdf(session, report, outputs[0])
            session.commit()
            session.expunge_all()
            report = session.get(Report, report_id)
            started = time.perf_counter()
            kept = reports.kept_pdf(session, report)
            kept_time = time.perf_counter() - started
            characters, bound = text_size(report.snapshot), app.config["REPORT_PDF_INLINE_MAX_CHARS"]

        quotes = sum(len(item["evidence"]) for item in report.snapshot["recommendations"])
        languages = sorted({quote["language"] for item in report.snapshot["recommendations"]
                            for quote in item["evidence"]})
        pdf = outputs[0]
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page") or "?"
        try:
            from pypdf import PdfReader
            import io
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
        except ImportError:
            pass
        if arguments.keep:
            arguments.keep.write_bytes(pdf)
        warm = sorted(timings[1:]) or timings
        print(f"report: {len(report.snapshot['recommendations'])} recommendations, {quotes} quotes in "
              f"{len(languages)} languages ({', '.join(languages)}), {report.snapshot['figures']['total']} "
              f"submissions in the period, {report.snapshot['figures']['meetings_held']} meetings")
        print(f"database set-up           {setup * 1000:8.0f} ms")
        print(f"draft content (figures)   {content_time * 1000:8.0f} ms")
        print(f"finalize (snapshot)       {finalize_time * 1000:8.0f} ms")
        print(f"final PDF, first render   {timings[0] * 1000:8.0f} ms  (CPU {cpu[0] * 1000:.0f} ms)")
        print(f"final PDF, warm median    {statistics.median(warm) * 1000:8.0f} ms  ({len(warm)} runs, max "
              f"{warm[-1] * 1000:.0f} ms; CPU median {statistics.median(cpu[1:] or cpu) * 1000:.0f} ms)")
        print(f"draft PDF                 {draft_time * 1000:8.0f} ms")
        print(f"kept PDF read back        {kept_time * 1000:8.1f} ms  (same bytes: {kept == pdf})")
        print(f"text: {characters:,} characters, {timings[0] * 1000 / characters * 1000:.1f} ms per 1,000 (first "
              f"render); inline bound {bound:,}: {'inside' if characters <= bound else 'past it'}")
        print(f"PDF: {pages} pages, {len(pdf) / 1024:.0f} KiB; draft {len(draft_pdf) / 1024:.0f} KiB")
        print(f"same snapshot, same bytes: {all(output == pdf for output in outputs)}")
        print(f"every render under 10 s: {max(timings) < 10}")
        print(f"load average while it ran: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

"""A viewer (the mayor's office) reaches every page it may, with demo-like data everywhere, and never sees a
reference code (a bearer secret: with it anyone reads the replies and may delete the submission) or the unredacted
text of what a resident wrote."""
from __future__ import annotations

import io
import itertools
import re
from datetime import datetime, UTC
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from pypdf import PdfReader
from sqlalchemy import select

from portal.platform import db
from portal.accounts import service as accounts
from portal.models import (
    Contact, Kind, Meeting, Note, Recommendation, Reply, Report, ReportStatus, Role, Submission, Theme,
    ThemeSuggestion, Tracking, User,
)
from portal.reports import service as report_service
from portal.platform.i18n import TAGS
from portal.platform.reference import format_reference
from tests.conftest import make_user, sign_in

CANARY = "Unredacted-canary-7731"  # added to every text residents wrote, never to a redacted one
# In every English translation of an original, a person's and the machine's: never shown to viewers.
ENGLISH_CANARY = "English-of-the-original-canary-5519"
REDACTED_ENGLISH = "English of the redacted text, by a person"  # what viewers may read instead
STAFF_PAGE = "/staff"
NEVER_FOLLOWED = ("/staff/logout",)


def seed_demo_like_data(app, runner) -> None:
    """The demo data, every original text carrying the canary, a concern linked to each meeting, a duplicate,
    notes, replies, and the demo report finalized so a viewer may read it."""
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        session = db.session()
        submissions = list(session.scalars(select(Submission).order_by(Submission.id)))
        for submission in submissions:
            # The canary names the language, so a translator's walk can tell which ones they may read.
            submission.body = f"{submission.body} {CANARY}-{submission.written_language}"
            if submission.improvement:
                submission.improvement = f"{submission.improvement} {CANARY}-{submission.written_language}"
            submission.translation = f"Checked: {ENGLISH_CANARY}"
            submission.machine_translation = f"Machine: {ENGLISH_CANARY}"
            submission.redacted_translation = REDACTED_ENGLISH
            submission.human_translation_requested_at = datetime.now(UTC)
            session.add(Note(submission=submission, body=f"Called back about {format_reference(submission.reference)}"))
            session.add(Reply(submission=submission, body=f"Thank you. {CANARY}", language=submission.language))
        concerns = [item for item in submissions if item.kind is Kind.CONCERN]
        for meeting, concern in zip(session.scalars(select(Meeting)), concerns, strict=False):
            concern.meeting = meeting
        concerns[-1].duplicate_of = concerns[0]
        writer = User(email="writer@example.org", password_hash="-", role=Role.STAFF)
        session.add(writer)
        report = session.scalar(select(Report).where(Report.status == ReportStatus.DRAFT))
        report_service.finalize(session, report, actor=writer, signed_by="Wanjiru Writer", now=datetime.now(UTC),
                                city_timezone=app.config["TIMEZONE"])
        session.commit()


def ids_by_argument(app) -> dict[str, list[int]]:
    with app.app_context():
        session = db.session()
        return {
            "meeting_id": list(session.scalars(select(Meeting.id))),
            "submission_id": list(session.scalars(select(Submission.id))),
            "report_id": list(session.scalars(select(Report.id))),
            "recommendation_id": list(session.scalars(select(Recommendation.id))),
            "tracked_id": list(session.scalars(select(Recommendation.id))),
            "user_id": list(session.scalars(select(User.id))),
            "tag": list(TAGS),
            "theme_id": list(session.scalars(select(Theme.id))),
            "suggestion_id": list(session.scalars(select(ThemeSuggestion.id))),
        }


def staff_get_urls(app, ids: dict[str, list[int]]) -> set[str]:
    """Every GET route under /staff, once for each combination of the stored objects' ids."""
    urls = set()
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or not rule.rule.startswith(STAFF_PAGE):
                continue
            names = sorted(rule.arguments)
            for values in itertools.product(*(ids.get(name, [1]) for name in names)):
                urls.add(app.url_map.bind("localhost").build(rule.endpoint, dict(zip(names, values, strict=True))))
    return urls


def readable_text(response) -> str:
    """What a person could read in the response: HTML, CSV, .ics and SVG as text, a PDF's extracted text."""
    if response.mimetype == "application/pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    return response.get_data(as_text=True)


def local_links(url: str, html: str) -> set[str]:
    found = set()
    for element in BeautifulSoup(html, "html.parser").find_all(["a", "img", "form"]):
        target = element.get("href") or element.get("src")
        if element.name == "form" and element.get("method", "get").lower() == "get":
            target = element.get("action")
        if not target:
            continue
        parts = urlsplit(urljoin(f"http://localhost{url}", target))
        if parts.netloc == "localhost" and parts.path not in NEVER_FOLLOWED:
            found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def forbidden_texts(app) -> list[str]:
    with app.app_context():
        references = list(db.session().scalars(select(Submission.reference)))
    return [CANARY, ENGLISH_CANARY, *references, *(format_reference(reference) for reference in references)]


def walk(app, client, forbidden: list[str]) -> list[str]:
    """Every staff page the client reaches from every GET route and the links on its pages; fails on any page
    showing a forbidden text. Returns the URLs it could read."""
    to_visit, visited, readable = sorted(staff_get_urls(app, ids_by_argument(app))), set(), []
    while to_visit:
        url = to_visit.pop()
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        readable.append(url)
        text = readable_text(response)
        leaked = [secret for secret in forbidden if re.search(re.escape(secret), text, re.IGNORECASE)]
        assert not leaked, f"{url} shows {leaked}"
        if response.mimetype == "text/html":
            to_visit.extend(sorted(local_links(url, text) - visited))
    return readable


def test_a_viewer_sees_no_reference_code_and_no_unredacted_text_anywhere(app, runner, viewer_client):
    seed_demo_like_data(app, runner)
    readable = walk(app, viewer_client, forbidden_texts(app))
    # the walk reached what a viewer is for: meetings with linked concerns and comments, a report and its PDF
    with app.app_context():
        meeting_id = db.session().scalar(select(Submission.meeting_id).where(Submission.kind == Kind.CONCERN,
                                                                            Submission.meeting_id.is_not(None)))
        report_id = db.session().scalar(select(Report.id))
    with app.app_context():
        tracked_id = db.session().scalar(select(Tracking.recommendation_id).where(Tracking.published))
    for expected in ("/staff/tracker", f"/staff/tracker/{tracked_id}", f"/staff/meetings/{meeting_id}",
                     f"/staff/reports/{report_id}",
                     f"/staff/reports/{report_id}.pdf", "/staff/dashboard", f"/en/meetings/{meeting_id}.ics"):
        assert expected in readable, f"{expected} was not reached"
    # ...and there it read a person's English of the redacted feedback, never the English of an original
    with app.app_context():
        feedback_meeting = db.session().scalar(select(Submission.meeting_id).where(
            Submission.kind == Kind.MEETING_FEEDBACK, Submission.redacted_text.is_not(None)))
    assert REDACTED_ENGLISH in viewer_client.get(f"/staff/meetings/{feedback_meeting}").get_data(as_text=True)


def contact_details(app) -> list[str]:
    with app.app_context():
        contacts = db.session().scalars(select(Contact)).all()
        return [value for contact in contacts for value in (contact.name, contact.email, contact.phone) if value]


def test_a_translator_reads_only_their_languages_and_never_contact_details_or_codes(app, runner, client):
    """Every submission waits in the translators' queue; a Somali translator reaches the Somali ones alone."""
    seed_demo_like_data(app, runner)
    translator_id = make_user(app, "translator")
    with app.app_context():
        session = db.session()
        accounts.set_translator_languages(session, session.get(User, translator_id), ["so"], actor=None)
        session.commit()
        somali = list(session.scalars(select(Submission.id).where(Submission.detected_language == "so")))
        others = {tag for tag in session.scalars(select(Submission.detected_language)) if tag and tag != "so"}
    assert somali and others
    sign_in(client, "translator@example.org")
    references = forbidden_texts(app)[2:]
    forbidden = [*(f"{CANARY}-{tag}" for tag in others), *references, *contact_details(app)]
    assert contact_details(app), "the demo data has contact details to look for"
    readable = walk(app, client, forbidden)
    assert "/staff/translations/so" in readable
    assert {f"/staff/translations/submissions/{submission_id}" for submission_id in somali} <= set(readable)
    assert not [url for url in readable if url.startswith(("/staff/submissions", "/staff/meetings", "/staff/reports",
                                                           "/staff/export", "/staff/dashboard"))]
    # what the translator reads there is the resident's own words
    assert f"{CANARY}-so" in client.get(f"/staff/translations/submissions/{somali[0]}").get_data(as_text=True)

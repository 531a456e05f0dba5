"""Recommendation reports: the draft-to-final lifecycle, who sees what, quotes from redacted text only, the frozen
snapshot, the PDF (text, fonts, language, reproducibility) and the CSV export."""
import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.platform import db
from portal.models import (
    AuditEvent, Category, Evidence, Meeting, Recommendation, Report, ReportPdf, ReportStatus, Source, Status,
    Submission,
)
from portal.reports import service as reports
from portal.submissions.export import FORMULA_TRIGGERS, neutralize
from portal.submissions.intake import ContactDetails
from tests.conftest import add_meeting, make_user, page, post_form, session_csrf_token, sign_in
from tests.factories import make_feedback, make_submission
from tests.test_jobs import queued, redis_app, work  # noqa: F401 (redis_app: a fixture)

AR_NAME = "ليلى حداد"
AR_QUOTE = "نحتاج إلى مترجمين في مدارس أطفالنا"
AR_BODY = f"اسمي {AR_NAME}. {AR_QUOTE} ولا أحد يساعدنا."
NE_QUOTE = "हामीलाई विद्यालयमा दोभाषे चाहिन्छ"
NE_BODY = f"मेरो नाम राम थापा हो। {NE_QUOTE} र क्लिनिकमा पनि।"
PS_QUOTE = "موږ په ښوونځي کې ژباړونکو ته اړتیا لرو"
TODAY = datetime.now(UTC).date()
PERIOD = {"report-period_start": (TODAY - timedelta(days=30)).isoformat(), "report-period_end": TODAY.isoformat()}


def send(client, url: str, prefix: str = "", **fields):
    """Posts a form the way its page does: the session's CSRF token under the form's prefix."""
    token = session_csrf_token(client, "/staff/account")
    name = f"{prefix}-csrf_token" if prefix else "csrf_token"
    data = {name: token}
    data.update({(f"{prefix}-{key}" if prefix and key not in ("action", "direction", "selected") else key): value
                 for key, value in fields.items()})
    return client.post(url, data=data)


def redacted(app, submission_id: int, text: str | None, translation: str = "") -> None:
    with app.app_context():
        submission = db.session().get(Submission, submission_id)
        submission.redacted_text, submission.translation = text, translation
        db.session().commit()


def new_report(client, title="Interpreters and trust") -> int:
    response = send(client, "/staff/reports", "report", title=title, **{k[7:]: v for k, v in PERIOD.items()})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/staff/reports/(\d+)$", response.headers["Location"]).group(1))


def new_recommendation(client, report_id: int, title: str, **fields) -> int:
    response = send(client, f"/staff/reports/{report_id}/recommendations", "recommendation", title=title,
                    priority=fields.pop("priority", "high"), **fields)
    assert response.status_code == 302
    return int(re.search(r"recommendation-(\d+)$", response.headers["Location"]).group(1))


def quote(client, submission_id: int, recommendation_id: int, text: str, translation: str = ""):
    return send(client, f"/staff/submissions/{submission_id}/evidence", "evidence",
                recommendation=str(recommendation_id), quote=text, translation=translation)


def finalize(client, report_id: int, signed_by: str = "Amina Yusuf"):
    return send(client, f"/staff/reports/{report_id}/finalize", "finalize", confirm="y", signed_by=signed_by)


def loaded(app, report_id: int) -> Report:
    with app.app_context():
        return db.session().get(Report, report_id, options=[
            selectinload(Report.recommendations).selectinload(Recommendation.evidence)
            .joinedload(Evidence.submission), joinedload(Report.finalized_by)])


def pdftext(pdf: bytes, tmp_path, tool="pdftotext") -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    arguments = [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    return subprocess.run(arguments, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def built(app, staff_client):
    """A draft report with two recommendations quoting an Arabic, a Nepali and a Pashto submission."""
    ar = make_submission(app, body=AR_BODY, language="ar", redacted_text=f"اسمي [الاسم]. {AR_QUOTE} ولا أحد يساعدنا.",
                         translation="My name is Layla. We need interpreters.").id
    ne = make_submission(app, body=NE_BODY, language="ne", topic="schools",
                         redacted_text=f"मेरो नाम [नाम] हो। {NE_QUOTE} र क्लिनिकमा पनि।").id
    ps = make_submission(app, body=f"{PS_QUOTE}.", language="ps", redacted_text=f"{PS_QUOTE}.").id
    report_id = new_report(staff_client)
    first = new_recommendation(staff_client, report_id, "Interpreters in every school",
                               responsible="Public Schools", rationale="Children interpret for parents.")
    second = new_recommendation(staff_client, report_id, "Interpreters at clinics")
    assert quote(staff_client, ar, first, AR_QUOTE,
                 "We need interpreters in our children's schools.").status_code == 302
    assert quote(staff_client, ne, first, NE_QUOTE, "We need interpreters at school.").status_code == 302
    assert quote(staff_client, ps, second, PS_QUOTE, "We need interpreters at school.").status_code == 302
    return {"report": report_id, "first": first, "second": second, "ar": ar, "ne": ne, "ps": ps}


# --- Lifecycle ---------------------------------------------------------------------------------------------------

def test_a_draft_is_built_reordered_finalized_and_then_frozen(app, staff_client, built):
    report_id = built["report"]
    html = page(staff_client.get(f"/staff/reports/{report_id}"))
    assert [h.get_text() for h in html.select(".recommendations h3")] == [
        "1. Interpreters in every school", "2. Interpreters at clinics"]
    quote_block = html.select_one(f"#recommendation-{built['first']} blockquote[lang=ar]")
    assert quote_block["dir"] == "rtl" and quote_block.get_text() == AR_QUOTE

    # Up and down buttons, no JavaScript: a plain form with the direction as the button's value.
    assert send(staff_client, f"/staff/reports/{report_id}/recommendations/{built['second']}/move",
                direction="up").status_code == 302
    html = page(staff_client.get(f"/staff/reports/{report_id}"))
    assert html.select_one(".recommendations h3").get_text() == "1. Interpreters at clinics"
    first_item = html.select_one(".recommendations > li")
    assert [b["value"] for b in first_item.select("button[name=direction]")] == ["down"]

    assert page(send(staff_client, f"/staff/reports/{report_id}/finalize", "finalize")).select_one(
        ".error-summary"), "finalizing needs the box ticked"
    assert finalize(staff_client, report_id).status_code == 302
    report = loaded(app, report_id)
    assert report.is_final and report.finalized_by.email == "staff@example.org"
    assert report.finalized_at is not None and report.snapshot["status"] == "final"
    assert [item["title"] for item in report.snapshot["recommendations"]] == [
        "Interpreters at clinics", "Interpreters in every school"]

    # Only drafts change: every change to a final report is refused and nothing moves.
    send(staff_client, f"/staff/reports/{report_id}/edit", "report", title="Changed", summary="x",
         **{k[7:]: v for k, v in PERIOD.items()})
    send(staff_client, f"/staff/reports/{report_id}/recommendations", "recommendation", title="More",
         priority="low")
    send(staff_client, f"/staff/reports/{report_id}/recommendations/{built['first']}/move", direction="up")
    send(staff_client, f"/staff/reports/{report_id}/recommendations/{built['first']}", action="delete")
    assert quote(staff_client, built["ar"], built["first"], AR_QUOTE).status_code == 200  # no draft to choose
    with app.app_context():
        evidence_id = db.session().scalar(select(Evidence.id).where(Evidence.submission_id == built["ar"]))
    send(staff_client, f"/staff/reports/{report_id}/evidence/{evidence_id}", f"evidence-{evidence_id}",
         action="remove")
    send(staff_client, f"/staff/reports/{report_id}/delete", "delete", confirm="y")
    after = loaded(app, report_id)
    assert after.title == "Interpreters and trust" and after.snapshot == report.snapshot
    assert [item.title for item in after.recommendations] == ["Interpreters at clinics", "Interpreters in every school"]
    assert sum(len(item.evidence) for item in after.recommendations) == 3

    # A new draft starts from the final report, with its recommendations and quotes.
    response = send(staff_client, f"/staff/reports/{report_id}/new-draft")
    draft_id = int(response.headers["Location"].rsplit("/", 1)[1])
    draft = loaded(app, draft_id)
    assert not draft.is_final and draft.based_on_id == report_id
    assert [len(item.evidence) for item in draft.recommendations] == [1, 2]
    with app.app_context():
        actions = [event.action for event in db.session().scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert "report.finalized" in actions and "report.draft_started" in actions


def test_a_quote_comes_only_from_the_redacted_text(app, staff_client, built):
    recommendation = built["first"]
    raw = make_submission(app, body=f"Call me, {AR_NAME}, on 502 555 0123.", language="en").id
    html = page(staff_client.get(f"/staff/submissions/{raw}"))
    assert "Save a redacted text first" in html.select_one("[aria-labelledby=evidence-title]").get_text()
    refused = page(quote(staff_client, raw, recommendation, "Call me"))
    assert "no redacted text yet" in refused.select_one(".error-summary").get_text()

    redacted(app, raw, "Call me, [name], on [phone].")
    html = page(staff_client.get(f"/staff/submissions/{raw}"))
    assert html.select_one("#evidence-quote").get_text().strip() == "Call me, [name], on [phone]."
    for not_in_it in (f"Call me, {AR_NAME}", "502 555 0123", "Call me, [name], today"):
        refused = page(quote(staff_client, raw, recommendation, not_in_it))
        assert "must be a part of the redacted text" in refused.select_one(".error-summary").get_text()
    assert quote(staff_client, raw, recommendation, "Call me, [name]").status_code == 302
    with app.app_context():
        assert db.session().scalar(select(Evidence.quote).where(Evidence.submission_id == raw)) == "Call me, [name]"

    # Trimming it later on the recommendation's page is checked the same way.
    with app.app_context():
        evidence_id = db.session().scalar(select(Evidence.id).where(Evidence.submission_id == raw))
    url = f"/staff/reports/{built['report']}/evidence/{evidence_id}"
    prefix = f"evidence-{evidence_id}"
    assert send(staff_client, url, prefix, action="save", quote=AR_NAME).status_code == 200
    assert send(staff_client, url, prefix, action="save", quote="[phone]", translation="").status_code == 302
    assert send(staff_client, url, prefix, action="remove").status_code == 302
    with app.app_context():
        assert db.session().scalar(select(Evidence.id).where(Evidence.submission_id == raw)) is None


def test_the_inbox_adds_chosen_submissions_with_their_whole_redacted_text(app, staff_client, built):
    with_text = make_submission(app, body="Original with Rosa's number", language="es",
                                redacted_text="Original with [name]'s number", translation="Translation").id
    without = make_submission(app, body="No redaction yet", language="es").id
    inbox = page(staff_client.get("/staff/?language=es"))
    button = inbox.select_one("#bulk-form button[formaction]")
    assert button["formaction"] == "/staff/bulk/evidence"
    assert inbox.select_one(f"#bulk-recommendation option[value='{built['second']}']")
    assert inbox.select_one("a[href^='/staff/export.csv?']")["href"] == "/staff/export.csv?language=es"

    token = session_csrf_token(staff_client, "/staff/")
    response = staff_client.post("/staff/bulk/evidence", data={
        "bulk-csrf_token": token, "selected": [with_text, without], "bulk-recommendation": built["second"],
        "bulk-next_url": "/staff/?language=es"})
    assert response.headers["Location"] == "/staff/?language=es"
    with app.app_context():
        quotes = dict(db.session().execute(select(Evidence.submission_id, Evidence.quote)
                                           .where(Evidence.recommendation_id == built["second"])).all())
    assert quotes[with_text] == "Original with [name]'s number" and without not in quotes
    flashed = page(staff_client.get("/staff/?language=es")).select(".notice")
    assert any(f"#{without}" in notice.get_text() for notice in flashed)


# --- Who sees what -----------------------------------------------------------------------------------------------

def test_viewers_read_final_reports_and_their_pdfs_never_drafts(app, staff_client, built, tmp_path):
    draft_id = new_report(staff_client, title="Still a draft")
    assert finalize(staff_client, built["report"]).status_code == 302
    make_user(app, "viewer")
    viewer = app.test_client()
    sign_in(viewer, "viewer@example.org")

    listing = page(viewer.get("/staff/reports"))
    titles = [link.get_text() for link in listing.select("tbody td:first-child a")]
    assert titles == ["Interpreters and trust"]
    assert listing.select_one("a[href='/staff/reports']").get_text() == "Reports"  # in the navigation
    assert not listing.select("form[action='/staff/reports']")
    assert viewer.get(f"/staff/reports/{draft_id}").status_code == 403
    assert viewer.get(f"/staff/reports/{draft_id}.pdf").status_code == 403
    assert viewer.post(f"/staff/reports/{built['report']}/new-draft",
                       data={"csrf_token": session_csrf_token(viewer, "/staff/account")}).status_code == 403

    final = viewer.get(f"/staff/reports/{built['report']}")
    assert final.status_code == 200
    text = final.get_data(as_text=True)
    assert AR_QUOTE in text and AR_NAME not in text and "राम थापा" not in text
    assert "/staff/submissions/" not in text  # viewers get no way into the submissions
    download = viewer.get(f"/staff/reports/{built['report']}.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]
    pdf_text = pdftext(download.data, tmp_path)
    assert AR_NAME not in pdf_text and "राम थापा" not in pdf_text


def report_text(client, report_id: int) -> str:
    main = page(client.get(f"/staff/reports/{report_id}")).select_one("main")
    for notice in main.select(".notice"):
        notice.decompose()  # the flashed "The report is final"
    return main.get_text()


def test_the_snapshot_stays_the_same_when_the_submissions_change(app, staff_client, built, tmp_path):
    assert finalize(staff_client, built["report"]).status_code == 302
    before_page = report_text(staff_client, built["report"])
    before_pdf = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    snapshot = loaded(app, built["report"]).snapshot

    with app.app_context():
        session = db.session()
        ar = session.get(Submission, built["ar"])
        ar.redacted_text, ar.translation, ar.category = "Something else entirely", "Changed", None
        ar.language = "en"
        session.delete(session.get(Submission, built["ps"]))
        add_later = session.scalar(select(Category))
        session.commit()
    make_submission(app, body="Sent later, inside the period", language="fr", topic=add_later.slug)
    with app.app_context():
        session = db.session()
        session.get(Recommendation, built["first"]).title = "Renamed behind the report's back"
        session.commit()

    after = loaded(app, built["report"])
    assert after.snapshot == snapshot
    after_page = report_text(staff_client, built["report"])
    assert after_page == before_page
    # The final PDF comes from the snapshot alone, so it is byte for byte the same.
    after_pdf = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    assert after_pdf == before_pdf
    assert AR_QUOTE in pdftext(after_pdf, tmp_path) and "Renamed" not in pdftext(after_pdf, tmp_path)


# --- The PDF -----------------------------------------------------------------------------------------------------

def test_the_pdf_holds_every_title_and_quote_with_embedded_fonts_and_its_language(app, staff_client, built,
                                                                                  tmp_path):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=3))
    with app.app_context():
        session = db.session()
        meeting = session.get(Meeting, meeting_id)
        make_feedback(session, meeting_id, language="so", usefulness=4, felt_heard=5, act_on="Turjubaan")
        if hasattr(meeting, "attendance"):  # closing reports come with the meetings work (migration 0004)
            meeting.attendance = 37
        session.commit()
    assert finalize(staff_client, built["report"]).status_code == 302
    pdf = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    text = pdftext(pdf, tmp_path)
    for expected in ("Interpreters in every school", "Interpreters at clinics", "Prepared for the Office of the Mayor",
                     "Executive summary", "Meeting with immigrant leaders", "Page 2 of"):
        assert expected in text, expected
    # WeasyPrint maps each glyph to one piece of text, so a vowel sign drawn before its consonant (ि) can drop
    # out of the extracted text where that consonant appeared alone before; the rest comes out in order.
    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert NE_QUOTE.replace("\u093f", "") in extracted.replace("\u093f", "")
    assert "दोभाषे" in text and "विद्यालयमा" in text
    # pdftotext writes right-to-left text in reading order; words are what a search finds.
    assert all(word in text for word in AR_QUOTE.split()), "the Arabic quote comes out as text"
    assert all(word in text for word in PS_QUOTE.split())
    assert "DRAFT" not in text

    fonts = pdftext(pdf, tmp_path, tool="pdffonts").splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert {"Portal-Sans", "Portal-Arabic", "Portal-Devanagari"} <= names
    assert all(name.startswith(("Portal-Sans", "Portal-Arabic", "Portal-Devanagari")) for name in names), names
    assert fonts and all(" yes " in line for line in fonts), "every font embedded"

    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en" and catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == "Interpreters and trust"

    def titles(items):
        return [title for item in items for title in (titles(item) if isinstance(item, list) else [item.title])]

    outline = titles(reader.outline)  # bookmarks from the headings
    assert outline[0] == "Interpreters and trust" and "Recommendations" in outline
    assert "1. Interpreters at clinics" in outline or "1. Interpreters in every school" in outline


def test_a_final_pdf_is_byte_for_byte_reproducible_and_a_draft_says_draft(app, staff_client, built, tmp_path):
    draft_pdf = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert draft_pdf.headers["Content-Disposition"].endswith('-draft.pdf')
    draft_text = pdftext(draft_pdf.data, tmp_path)
    assert "DRAFT" in draft_text and "not final" in draft_text
    assert finalize(staff_client, built["report"]).status_code == 302
    first = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    second = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    assert first == second and first.startswith(b"%PDF-1.7")
    # Another process, with another hash seed, renders the same snapshot to the same bytes.
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(json.dumps(loaded(app, built["report"]).snapshot))
    script = ("import json, sys; from portal import create_app; from portal.reports.figures import render_report_pdf; "
              "app = create_app({'SECRET_KEY': 'x', 'DATABASE_URL': 'sqlite://'}); "
              "ctx = app.test_request_context(); ctx.push(); "
              "sys.stdout.buffer.write(render_report_pdf(json.load(open(sys.argv[1]))))")
    environment = {**os.environ, "PYTHONHASHSEED": "12345", "PORTAL_INSTANCE_PATH": str(tmp_path)}
    other = subprocess.run([sys.executable, "-c", script, str(snapshot)], capture_output=True, check=True,
                           env=environment, cwd=Path(__file__).resolve().parents[2]).stdout
    assert other == first


def test_the_pdf_names_who_finalized_it_by_name_and_spaces_its_meeting_sentences(app, staff_client, built,
                                                                                   tmp_path):
    meeting_id = add_meeting(app, starts_in=-timedelta(days=3))
    with app.app_context():
        session = db.session()
        make_feedback(session, meeting_id, language="so", usefulness=4, felt_heard=5, act_on="Turjubaan")
        session.get(Meeting, meeting_id).attendance = 37
        session.commit()
    refused = page(send(staff_client, f"/staff/reports/{built['report']}/finalize", "finalize", confirm="y"))
    assert "Write your name." in refused.select_one(".error-summary").get_text()
    assert finalize(staff_client, built["report"], signed_by="  Amina Yusuf ").status_code == 302
    text = " ".join(pdftext(staff_client.get(f"/staff/reports/{built['report']}.pdf").data, tmp_path).split())
    assert "finalized by Amina Yusuf" in text and "staff@example.org" not in text
    assert "37 people attended, as counted by staff. Residents sent 1 pieces" in text


def test_the_report_page_and_pdf_show_figures_as_charts_with_tables(app, staff_client, built, tmp_path):
    html = page(staff_client.get(f"/staff/reports/{built['report']}"))
    for key in ("category", "language", "month", "source", "evidence"):
        chart = html.select_one(f"svg#report-{key}") or html.select_one(f"svg[aria-labelledby='report-{key}-title']")
        assert chart is not None and chart["role"] == "img", key
    language_table = html.select_one("svg[aria-labelledby='report-language-title']").find_parent(
        class_="figure").select_one("table")
    rows = {row.th.get_text(" ", strip=True): row.td.get_text() for row in language_table.select("tbody tr")}
    assert rows["Arabic · العربية"] == "1" and rows["Nepali · नेपाली"] == "1"
    evidence_table = html.select_one("svg[aria-labelledby='report-evidence-title']").find_parent(
        class_="figure").select_one("table")
    assert [row.td.get_text() for row in evidence_table.select("tbody tr")] == ["2", "1"]
    text = pdftext(staff_client.get(f"/staff/reports/{built['report']}.pdf").data, tmp_path)
    assert "Arabic (ar)" in text and "Submissions by language" in text


def test_seed_demo_adds_a_draft_report_quoting_several_scripts(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        report_id = db.session().scalar(select(Report.id).where(Report.is_demo, Report.status == ReportStatus.DRAFT))
        report = loaded(app, report_id) if report_id is not None else None
        assert report is not None and not report.is_final and len(report.recommendations) == 3
        evidence = [item for recommendation in report.recommendations for item in recommendation.evidence]
        assert {"ar", "ne", "fa-AF", "es", "so"} <= {item.submission.language for item in evidence}
        assert all(item.quote in item.submission.redacted_text for item in evidence)
        assert all(item.translation for item in evidence)
    assert runner.invoke(args=["seed-demo", "--reset"]).exit_code == 0
    with app.app_context():  # the draft, and the final report tests/public/test_outcomes.py reads on /outcomes
        assert sorted(report.status.value for report in db.session().scalars(select(Report))) == ["draft", "final"]


# --- CSV ---------------------------------------------------------------------------------------------------------

def csv_rows(response) -> list[dict]:
    raw = response.data
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_csv_follows_the_inbox_filters_starts_with_a_bom_and_defuses_formulas(app, staff_client):
    dangerous = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tindent", "\rreturn"]
    ids = [make_submission(app, body=body, language="es", redacted_text=body).id for body in dangerous]
    make_submission(app, body="Arabic, not in the filter", language="ar")
    contact = ContactDetails(name="Rosa Díaz", email="rosa@example.org", phone="+15025550100",
                             preferred_language="es")
    with_contact = make_submission(app, body="نريد مترجمين", language="ar", contact=contact, source=Source.PHONE).id
    response = staff_client.get("/staff/export.csv?language=es")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = csv_rows(response)
    assert sorted(int(row["id"]) for row in rows) == sorted(ids)
    assert {row["redacted_text"] for row in rows} == {"'" + body for body in dangerous}
    assert "contact_email" not in rows[0] and "reference" not in rows[0] and "text" not in rows[0]

    every = csv_rows(staff_client.get("/staff/export.csv?language=ar&q=مترجمين"))
    assert [row["id"] for row in every] == [str(with_contact)] and every[0]["source"] == "phone"
    assert "نريد مترجمين" not in staff_client.get("/staff/export.csv").get_data(as_text=True), "unredacted"
    assert "rosa@example.org" not in staff_client.get("/staff/export.csv").get_data(as_text=True)
    assert staff_client.get("/staff/export.csv?include_contact=1").status_code == 403
    with app.app_context():
        events = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "export.csv")).all()
        assert [event.details for event in events[:2]] == [
            {"filters": {"language": "es"}, "include_contact": False},
            {"filters": {"language": "ar", "q": "مترجمين"}, "include_contact": False}]
    assert with_contact


def test_only_an_admin_exports_contact_details_and_it_is_audited(app, admin_client):
    contact = ContactDetails(name="=Rosa", email="rosa@example.org", phone="+15025550100", preferred_language="es")
    make_submission(app, body="Necesito ayuda", language="es", contact=contact)
    inbox = page(admin_client.get("/staff/?language=es"))
    assert inbox.select_one("a[href*='include_contact=1']")["href"] == "/staff/export.csv?include_contact=1&language=es"
    rows = csv_rows(admin_client.get("/staff/export.csv?include_contact=1&language=es"))
    assert rows[0]["contact_email"] == "rosa@example.org" and rows[0]["contact_name"] == "'=Rosa"
    with app.app_context():
        event = db.session().scalar(select(AuditEvent).where(AuditEvent.action == "export.csv")
                                    .options(joinedload(AuditEvent.actor)))
        assert event.details == {"filters": {"language": "es"}, "include_contact": True}
        assert event.actor.email == "admin@example.org"


def test_the_csv_tells_an_analyst_response_times_work_evidence_and_demo_rows(app, staff_client, built):
    from portal.models import Note, Reply, Status
    from portal.submissions.export import COLUMNS

    received = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    original = make_submission(app, body="Original", language="so", created_at=received).id
    duplicate = make_submission(app, body="Same again", language="so", duplicate_of_id=original, is_demo=True,
                                status=Status.CLOSED, closed_at=received + timedelta(days=9)).id
    with app.app_context():
        session = db.session()
        session.add_all([Reply(submission_id=original, body=text, language="so",
                               created_at=received + timedelta(days=days)) for text, days in (("b", 5), ("a", 2))])
        session.add_all([Note(submission_id=original, body=text) for text in ("one", "two", "three")])
        from portal.themes import service as themes
        for name in ("Water bills", "Interpreters"):
            themes.add_members(session, themes.create_theme(session, name, actor=None), [original], actor=None)
        session.commit()
    rows = {row["id"]: row for row in csv_rows(staff_client.get("/staff/export.csv"))}
    assert list(rows[str(original)]) == list(COLUMNS)
    first = rows[str(original)]
    assert (first["first_reply_at_utc"], first["reply_count"], first["note_count"]) == ("2026-11-04 09:00:00", "2",
                                                                                        "3")
    assert first["closed_at_utc"] == "" and first["is_demo"] == "no" and first["quoted_in"] == ""
    second = rows[str(duplicate)]
    assert second["duplicate_of_id"] == str(original) and str(original) in rows, "the original by the rows' id"
    assert second["closed_at_utc"] == "2026-11-11 09:00:00" and second["is_demo"] == "yes"
    assert (second["reply_count"], second["note_count"], second["first_reply_at_utc"]) == ("0", "0", "")
    report = built["report"]
    assert rows[str(built["ar"])]["quoted_in"] == f"report {report} (draft): 1. Interpreters in every school"
    assert rows[str(built["ps"])]["quoted_in"] == f"report {report} (draft): 2. Interpreters at clinics"
    assert first["themes"] == "Interpreters; Water bills" and second["themes"] == ""
    assert first["written_language"] == "so"


def test_unredacted_text_is_only_in_the_admins_export_with_contact_details(app, admin_client):
    make_submission(app, body="Me llamo Rosa, 502 555 0100", language="es", redacted_text="Me llamo [nombre]",
                    translation="My name is Rosa")
    plain = csv_rows(admin_client.get("/staff/export.csv"))[0]
    assert "text" not in plain and "translation" not in plain and plain["redacted_text"] == "Me llamo [nombre]"
    full = csv_rows(admin_client.get("/staff/export.csv?include_contact=1"))[0]
    assert (full["text"], full["checked_translation"]) == ("Me llamo Rosa, 502 555 0100", "My name is Rosa")


def test_neutralize_leaves_ordinary_text_alone():
    assert neutralize("Plain text = fine") == "Plain text = fine"
    assert neutralize(None) == "" and neutralize(3) == "3"
    assert [neutralize(value) for value in ("=1", "+1", "-1", "@x", "\tx", "\rx")] == [
        "'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx"]


def test_a_formula_after_any_separator_or_in_full_width_is_defused():
    assert neutralize("a;=1+2;b") == "a;'=1+2;b"
    assert neutralize("＝1+2") == "'＝1+2" and neutralize("x,＋1|－2\n＠A1") == "x,'＋1|'－2\n'＠A1"
    assert neutralize("a;\t=1") == "a;'\t'=1"  # a tab is a separator and a trigger: guarded on both sides
    assert neutralize("a - b, c = d") == "a - b, c = d"


def test_every_csv_cell_is_quoted_so_a_reader_splitting_on_semicolons_meets_no_formula(app, staff_client):
    make_submission(app, body="a;=1+2;b", language="uk", redacted_text="a;=1+2;b")
    raw = staff_client.get("/staff/export.csv?language=uk").data.decode("utf-8-sig")
    header, row = raw.splitlines()[:2]
    assert header.startswith('"id","received_at_utc",') and row.startswith('"') and row.endswith('"')
    assert all(not cell.lstrip('"').startswith(FORMULA_TRIGGERS) for cell in raw.split(";"))
    assert csv_rows(staff_client.get("/staff/export.csv?language=uk"))[0]["redacted_text"] == "a;'=1+2;b"


@given(st.text(alphabet=st.sampled_from("ab =+-@\t\r\n,;|＝＋－＠'\"")))
def test_no_piece_of_a_cell_split_on_any_separator_starts_a_formula(text):
    cell = neutralize(text)
    assert cell.replace("'", "") == text.replace("'", "")  # only single quotes are added
    for separator in ",;\t|\r\n":
        assert not any(piece.startswith(tuple(FORMULA_TRIGGERS)) for piece in cell.split(separator))
    written = io.StringIO()
    csv.writer(written, quoting=csv.QUOTE_ALL).writerow([cell])
    assert written.getvalue().startswith('"') and next(csv.reader(io.StringIO(written.getvalue()))) == [cell]


def test_the_csv_streams_in_batches(app, staff_client, monkeypatch):
    from portal.submissions import export

    monkeypatch.setattr(export, "BATCH", 2)
    for number in range(5):
        make_submission(app, body=f"Dòng {number}: cảnh sát đứng nhìn", language="vi",
                        redacted_text=f"Dòng {number}: cảnh sát đứng nhìn")
    response = staff_client.get("/staff/export.csv?language=vi", buffered=False)  # as it leaves the app
    assert response.is_streamed
    chunks = [chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in response.response]
    assert len(chunks) == 3  # the header and a row, then two rows, then two rows
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert [row["redacted_text"] for row in rows] == [f"Dòng {number}: cảnh sát đứng nhìn"
                                                      for number in reversed(range(5))]


def test_figures_count_the_period_by_month_and_source(app):
    with app.app_context():
        session = db.session()
        report = reports.create_report(session, title="Period", start=date(2026, 10, 15), end=date(2026, 11, 10),
                                       actor=None)
        session.commit()
    for day, source in ((date(2026, 10, 14), Source.WEB), (date(2026, 10, 20), Source.PAPER),
                        (date(2026, 11, 2), Source.WEB), (date(2026, 11, 11), Source.PHONE)):
        make_submission(app, body="x", language="so", source=source,
            created_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
    with app.app_context():
        content = reports.content(db.session(), db.session().get(Report, report.id),
                                  now=datetime(2026, 11, 26, tzinfo=UTC), city_timezone="America/New_York")
    figures = content["figures"]
    assert figures["by_month"] == [["2026-10", 1], ["2026-11", 1]]
    assert dict(figures["by_source"]) == {"web": 1, "paper": 1, "phone": 0, "meeting": 0}
    assert figures["total"] == 2 and figures["language_count"] == 1


def test_texts_reach_the_pdf_as_text_never_as_markup(app, staff_client, tmp_path):
    report_id = new_report(staff_client, title="<b>Bold</b> & <i>x</i>")
    text = pdftext(staff_client.get(f"/staff/reports/{report_id}.pdf").data, tmp_path)
    assert "<b>Bold</b> & <i>x</i>" in text


# --- Kept, prepared on the worker, bounded inline ----------------------------------------------------------------

@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs laid out (WeasyPrint's work, what holds a worker)."""
    from portal.reports import figures

    counted = []
    real = figures.render_pdf

    def counting(html, **options):
        counted.append(1)
        return real(html, **options)

    monkeypatch.setattr(figures, "render_pdf", counting)
    return counted


def test_a_final_reports_pdf_is_rendered_once_and_kept(app, staff_client, built, renders):
    assert finalize(staff_client, built["report"]).status_code == 302
    first = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    second = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.data.startswith(b"%PDF")
    assert len(renders) == 1, "the second download comes from the kept PDF"
    with app.app_context():
        kept = db.session().get(ReportPdf, built["report"])
        assert kept.pdf == first.data and kept.snapshot_digest == reports.content_digest(
            db.session().get(Report, built["report"]).snapshot)


def test_without_redis_a_pdf_past_the_inline_bound_is_not_rendered_and_the_page_says_why(app, staff_client, built,
                                                                                         renders, runner):
    app.config["REPORT_PDF_INLINE_MAX_CHARS"] = 200
    draft = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert draft.status_code == 503 and draft.mimetype == "text/html" and not renders
    text = page(draft).select_one("main").get_text(" ", strip=True)
    assert "too long" in text and "200 characters" in text and "PORTAL_REDIS_URL" in text
    assert finalize(staff_client, built["report"]).status_code == 302
    assert staff_client.get(f"/staff/reports/{built['report']}.pdf").status_code == 503
    # A final report's PDF can be made outside any request, then every download is the kept one.
    result = runner.invoke(args=["report-pdf", str(built["report"])])
    assert result.exit_code == 0, result.output
    assert len(renders) == 1
    kept = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert kept.status_code == 200 and kept.data.startswith(b"%PDF") and len(renders) == 1


def preparing(response) -> str:
    """The "being prepared" page's own refresh target (it refreshes without JavaScript)."""
    assert response.status_code == 202, response.status_code
    html = page(response)
    assert not html.select("script")
    refresh = html.select_one("meta[http-equiv=refresh]")["content"]
    seconds, _, target = refresh.partition("; url=")
    assert int(seconds) > 0 and target.startswith("/staff/reports/")
    assert "being prepared" in html.select_one("h1").get_text()
    return target


def test_with_redis_a_draft_pdf_is_prepared_on_the_worker(
        redis_app, staff_client, built, renders, tmp_path):  # noqa: F811 (redis_app: the imported fixture)
    work(redis_app)  # the submissions' own jobs (their language, portal/translation), queued as they were made
    target = preparing(staff_client.get(f"/staff/reports/{built['report']}.pdf"))
    assert not renders, "nothing rendered in the request"
    assert queued(redis_app) == 1
    preparing(staff_client.get(target))  # still waiting: no worker ran yet
    work(redis_app)
    assert len(renders) == 1
    ready = staff_client.get(target)
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert ready.headers["Content-Disposition"].endswith("-draft.pdf")
    assert "DRAFT" in pdftext(ready.data, tmp_path)
    # A job id of another report does not serve this one's PDF.
    other = new_report(staff_client, title="Another draft")
    assert preparing(staff_client.get(f"/staff/reports/{other}.pdf?job={target.split('job=')[1]}")) != target


def test_with_redis_a_final_pdf_is_rendered_once_on_the_worker_then_kept(
        redis_app, staff_client, built, renders):  # noqa: F811 (redis_app: the imported fixture)
    assert finalize(staff_client, built["report"]).status_code == 302
    target = preparing(staff_client.get(f"/staff/reports/{built['report']}.pdf"))
    assert preparing(staff_client.get(f"/staff/reports/{built['report']}.pdf")) == target  # one job for both
    work(redis_app)
    first = staff_client.get(target)
    again = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert first.status_code == again.status_code == 200 and first.data == again.data
    assert len(renders) == 1 and queued(redis_app) == 0


# --- A resident withdraws ------------------------------------------------------------------------------------------

def delete_as_resident(app, submission_id: int) -> None:
    resident = app.test_client()
    reference = db_reference(app, submission_id)
    status_page = page(post_form(resident, "/ar/status", {"reference": reference}))
    token = status_page.select_one(".delete-own [name=csrf_token]")["value"]
    confirm = page(resident.post("/ar/delete", data={"csrf_token": token, "reference": reference}))
    data = {field["name"]: field.get("value", "") for field in confirm.select_one("main form").select("input")}
    assert resident.post("/ar/delete", data=data).status_code == 200
    with app.app_context():
        assert db.session().get(Submission, submission_id) is None


def db_reference(app, submission_id: int) -> str:
    with app.app_context():
        return db.session().get(Submission, submission_id).reference


def test_a_quote_its_resident_deleted_leaves_the_final_report_and_its_pdf(app, staff_client, built, tmp_path):
    assert finalize(staff_client, built["report"]).status_code == 302
    before = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    assert all(word in pdftext(before, tmp_path) for word in AR_QUOTE.split())

    delete_as_resident(app, built["ar"])

    with app.app_context():
        stored = db.session().get(Report, built["report"])
        snapshot = json.dumps(stored.snapshot, ensure_ascii=False)
        assert AR_QUOTE not in snapshot and "children's schools" not in snapshot
        assert stored.snapshot["quotes"]["submissions"] == 2 and "ar" not in stored.snapshot["quotes"]["languages"]
        assert db.session().get(ReportPdf, built["report"]) is None  # the kept PDF went with the quote
    report_page = report_text(staff_client, built["report"])
    assert AR_QUOTE not in report_page and "children's schools" not in report_page
    assert "Withdrawn by the resident." in report_page and NE_QUOTE in report_page
    after = staff_client.get(f"/staff/reports/{built['report']}.pdf").data
    extracted = "".join(item.extract_text() for item in PdfReader(io.BytesIO(after)).pages)
    assert not any(word in extracted for word in AR_QUOTE.split()) and "children" not in extracted
    assert "Withdrawn by the resident." in extracted and "Interpreters at clinics" in extracted


def test_with_redis_down_a_short_pdf_is_rendered_inline(app, staff_client, built):
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0")  # nothing listens there
    response = staff_client.get(f"/staff/reports/{built['report']}.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_finalizing_tells_quoted_residents_their_words_are_in_a_recommendation(app, staff_client, client, built):
    with app.app_context():
        closed = db.session().get(Submission, built["ps"])
        closed.status, closed.closed_at = Status.CLOSED, datetime.now(UTC)
        db.session().commit()
    assert finalize(staff_client, built["report"]).status_code == 302
    with app.app_context():
        statuses = {row.id: row.status for row in db.session().scalars(select(Submission))}
        reference = db.session().get(Submission, built["ar"]).reference
        changed = [event.details for event in db.session().scalars(
            select(AuditEvent).where(AuditEvent.action == "submission.status_changed"))]
    assert statuses[built["ar"]] == statuses[built["ne"]] == Status.IN_RECOMMENDATION
    assert statuses[built["ps"]] == Status.CLOSED  # a closed case stays closed
    assert len([details for details in changed if details["new"] == "in_recommendation"]) == 2
    status_page = page(post_form(client, "/ar/status", {"reference": reference}))
    assert status_page.find(string=re.compile("ضمن توصية"))

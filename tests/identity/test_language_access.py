"""The language-access report: per language, what residents can read in it, its review status, what came in."""
import csv
import io
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.identity import language_access
from portal.identity.resident_pages import RESIDENT_TEXTS
from portal.models import AuditEvent, Kind, Submission
from portal.platform import db
from tests.conftest import make_user, page, post_form, sign_in
from tests.factories import make_submission


@pytest.fixture
def admin_client(app):
    make_user(app, "admin")
    client = app.test_client()
    sign_in(client, "admin@example.org")
    return client


def test_every_registered_text_has_messages_and_every_shipped_catalog_has_them_all(app):
    """The registry names real files; the shipped catalogs are complete, so every text exists in every language."""
    for text in RESIDENT_TEXTS:
        assert any(language_access.messages_of(source) for source in text.sources), text.key
    with app.app_context():
        rows = language_access.report(db.session(), app.config["BABEL_TRANSLATION_DIRECTORIES"],
                                      datetime.now(UTC).date(), datetime.now(UTC).date())
    assert all(not any(row.missing.values()) for row in rows)


def test_a_catalog_missing_a_message_shows_which_texts_lack_it(app, tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(app.config["BABEL_TRANSLATION_DIRECTORIES"], translations)
    po = translations / "so" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "Our privacy promise"')
    po.write_text(text[:start] + '#, fuzzy\n' + text[start:], encoding="utf-8")
    with app.app_context():
        rows = {row.language.tag: row for row in language_access.report(
            db.session(), str(translations), datetime.now(UTC).date(), datetime.now(UTC).date())}
    assert rows["so"].missing["public.privacy"] == 1 and rows["so"].missing["public.home"] == 1  # the footer's link
    assert rows["so"].missing["email/receipt"] == 0 and rows["es"].missing["public.privacy"] == 0


def test_the_page_and_csv_count_what_came_in_per_language_over_the_period(app, admin_client):
    now = datetime.now(UTC)
    with app.app_context():
        session = db.session()
        for language, kind, days_ago in (("so", Kind.CONCERN, 1), ("so", Kind.CONCERN, 2),
                                         ("so", Kind.MEETING_FEEDBACK, 3), ("ar", Kind.CONCERN, 400),
                                         ("so", Kind.CONCERN, 1)):
            make_submission(session, language=language, kind=kind, created_at=now - timedelta(days=days_ago),
                            is_demo=days_ago == 1 and len(session.scalars(select(Submission)).all()) == 4)
        session.commit()
    html = page(admin_client.get("/staff/admin/language-access"))
    somali = html.select_one('tr[data-language="so"]').select("td")
    assert [somali[-2].get_text(), somali[-1].get_text()] == ["2", "1"]
    assert html.select_one('tr[data-language="ar"]').select("td")[-2].get_text() == "0"  # 400 days ago
    since = (now - timedelta(days=500)).date().isoformat()
    response = admin_client.get(f"/staff/admin/language-access.csv?since={since}")
    assert response.mimetype == "text/csv"
    lines = {row["tag"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True)))}
    arabic = lines["ar"]
    assert arabic[next(key for key in arabic if key.startswith("concerns"))] == "1"
    assert arabic["Share a concern"] == "yes" and arabic["catalog status"] == "draft"


def test_admins_record_a_catalogs_review_audited(app, admin_client):
    post_form(admin_client, "/staff/admin/language-access",
              {"language": "so", "status": "reviewed", "reviewer": "Amina Yusuf, Somali Community Center",
               "on": "2026-12-01"})
    row = page(admin_client.get("/staff/admin/language-access")).select_one('tr[data-language="so"] .review')
    assert row.get_text() == "reviewed, Amina Yusuf, Somali Community Center, 2026-12-01"
    with app.app_context():
        event = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "catalog.review_recorded")).one()
        assert event.details["language"] == "so" and event.details["status"] == "reviewed"


def test_a_language_not_offered_says_so(app, admin_client):
    app.extensions["portal.languages"] = tuple(
        language for language in app.extensions["portal.languages"] if language.tag != "uk")
    ukrainian = page(admin_client.get("/staff/admin/language-access")).select_one('tr[data-language="uk"]')
    assert ukrainian.select("td")[0].get_text() == "no" and ukrainian.select("td")[1].get_text() == "not offered"


def test_only_admins_read_it(app, client):
    make_user(app, "viewer")
    sign_in(client, "viewer@example.org")
    assert client.get("/staff/admin/language-access").status_code == 403
    assert client.get("/staff/admin/language-access.csv").status_code == 403

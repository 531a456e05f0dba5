"""Closing the loop for residents: /<lang>/outcomes in every language, news on the status page, email when the
city decides and when the work is done, never a resident's text or code."""
from __future__ import annotations

import gzip
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext

from portal.models import Decision, Progress, Recommendation
from portal.platform import db
from portal.platform.i18n import BY_TAG, TAGS
from portal.platform.reference import format_reference
from portal.reports import outcomes
from tests.conftest import add_meeting, page, post_form
from tests.outcome_data import (
    AR_PUBLIC_TEXT, AR_TEXT, ES_TEXT, PUBLIC_TEXT, RESIDENT_EMAIL, final_report_quoting_residents,
)
from tests.smtp import parts

pytestmark = pytest.mark.usefixtures("page_cache_off")
REASON = "Only after the council's budget vote in March."


def translated(app, tag: str, message: str) -> str:
    with app.test_request_context(), force_locale(BY_TAG[tag].locale):
        return gettext(message)


def tracked(app, *, published: bool = True, decision: Decision | None = Decision.ACCEPTED_WITH_CHANGES,
            progress: Progress = Progress.IN_PROGRESS, arabic_checked: bool = True):
    """The final report's first recommendation decided, in progress, with an update, an Arabic translation and an
    unchecked Spanish draft; the second one left alone (unpublished)."""
    final = final_report_quoting_residents(app, add_meeting(app))
    now = datetime.now(UTC)
    with app.app_context():
        session = db.session()
        recommendation = session.get(Recommendation, final.recommendation_id)
        outcomes.save_translation(session, recommendation, language="ar", text=AR_PUBLIC_TEXT, reason="سبب",
                                  checked=arabic_checked, actor=None, now=now)
        outcomes.save_translation(session, recommendation, language="es", text="Borrador automático", reason="",
                                  checked=False, actor=None, now=now)
        outcomes.add_update(session, recommendation, happened_on=date(2026, 11, 30),
                            body="The police chief presented a first draft.", actor=None)
        if decision:
            outcomes.record_decision(session, recommendation, decision=decision, reason=REASON, actor=None,
                                     today=date(2026, 11, 20), now=now)
        outcomes.save_progress(session, recommendation, owner_department="Police", progress=progress, actor=None,
                               today=date(2026, 12, 1), now=now)
        outcomes.save_public_text(session, recommendation, text=PUBLIC_TEXT, published=published, actor=None,
                                  now=now)
        session.commit()
    return final


def test_the_page_shows_a_published_recommendation_in_english(app, client):
    final = tracked(app)
    html = page(client.get("/en/outcomes"))
    [item] = html.select("main li.meeting")  # the unpublished second recommendation is not there
    text = item.get_text(" ", strip=True)
    assert PUBLIC_TEXT in text and "Accepted with changes" in text and REASON in text
    assert "Work has started" in text and "The police chief presented a first draft." in text
    assert "Residents who raised it 2" in text and "Languages they wrote or spoke in 2" in text
    assert "Meeting with immigrant leaders" in text  # the Spanish feedback came from it
    assert not item.find(["p", "dd"], lang="en")  # no text marked as English on an English page
    whole = str(html)
    for secret in (AR_TEXT, ES_TEXT, *final.references, *(format_reference(code) for code in final.references),
                   RESIDENT_EMAIL, "Hawa"):
        assert secret not in whole


def test_a_checked_translation_is_shown_and_an_unchecked_draft_never_is(app, client):
    tracked(app)
    arabic = page(client.get("/ar/outcomes"))
    assert arabic.find("html")["dir"] == "rtl"
    item = arabic.select_one("main li.meeting")
    shown = item.find("p")
    assert shown.get_text() == AR_PUBLIC_TEXT and not shown.get("lang")
    # the update has no Arabic translation: English, marked, with the note in Arabic
    update = item.find("dd", string="The police chief presented a first draft.")
    assert update["lang"] == "en" and update["dir"] == "ltr"
    note = translated(app, "ar", "Some of this is in English: its translation into your language is not ready yet.")
    assert note in item.get_text()

    spanish = page(client.get("/es/outcomes")).select_one("main li.meeting")
    assert "Borrador automático" not in spanish.get_text()  # a machine draft counts only once a person checked it
    english = spanish.find("p")
    assert english.get_text() == PUBLIC_TEXT and english["lang"] == "en"
    assert translated(app, "es", "Some of this is in English: its translation into your language is not ready "
                                 "yet.") in spanish.get_text()


def test_an_unpublished_recommendation_stays_off_the_page(app, client):
    tracked(app, published=False)
    html = page(client.get("/en/outcomes"))
    assert not html.select("main li.meeting")
    assert "There is nothing to show yet." in html.get_text()


@pytest.mark.parametrize("lang", TAGS)
def test_every_language_has_the_page_linked_from_home_without_javascript(app, client, lang):
    tracked(app)
    home = page(client.get(f"/{lang}/"))
    assert home.find("a", href=f"/{lang}/outcomes")
    html = page(client.get(f"/{lang}/outcomes"))
    assert html.find("html")["lang"] == lang and html.find("html")["dir"] == BY_TAG[lang].direction
    assert not html.find("script") and html.select("main li.meeting")


def test_the_page_with_content_keeps_the_resident_page_weight_budget(app, client):
    tracked(app)
    html = client.get("/ar/outcomes").get_data()
    css = Path(__file__).resolve().parents[2].joinpath("static/css/portal.css").read_bytes()
    assert len(html) + len(css) < 30 * 1024, f"{len(html)} + {len(css)} bytes"
    assert len(gzip.compress(html + css)) < 8 * 1024


def test_the_status_page_tells_a_quoted_resident_what_happened_in_their_language(app, client):
    final = tracked(app)
    html = page(post_form(client, "/ar/status", {"reference": final.references[0]}))
    news = html.find("section", attrs={"aria-labelledby": "news-title"})
    assert news.find("h2").get_text() == translated(app, "ar", "What happened with what you told us")
    assert news.find("p", string=AR_PUBLIC_TEXT)
    assert translated(app, "ar", "Accepted with changes") in news.get_text()
    assert AR_TEXT not in news.get_text()  # never their own words back


def test_the_status_page_of_someone_not_behind_a_published_recommendation_has_no_news(app, client):
    tracked(app, published=False)
    from tests.factories import make_submission

    for reference in (make_submission(app).reference,):
        html = page(post_form(client, "/en/status", {"reference": reference}))
        assert not html.find("section", attrs={"aria-labelledby": "news-title"})


def test_residents_hear_once_when_the_city_decides_and_once_when_the_work_is_done(app, mailbox):
    final = tracked(app, decision=None, published=True)
    assert mailbox.messages == []  # published, but nothing decided yet
    now = datetime.now(UTC)
    with app.app_context():
        session = db.session()
        recommendation = session.get(Recommendation, final.recommendation_id)
        outcomes.record_decision(session, recommendation, decision=Decision.ACCEPTED, reason="", actor=None,
                                 today=date(2026, 12, 2), now=now)
        session.commit()
    [decided] = mailbox.messages
    with app.app_context():
        session = db.session()
        recommendation = session.get(Recommendation, final.recommendation_id)
        outcomes.record_decision(session, recommendation, decision=Decision.ACCEPTED, reason="", actor=None,
                                 today=date(2026, 12, 3), now=now)  # decided again: no second message
        outcomes.save_progress(session, recommendation, owner_department="Police", progress=Progress.DONE,
                               actor=None, today=date(2026, 12, 4), now=now)
        session.commit()
    assert len(mailbox.messages) == 2
    done = mailbox.messages[1]
    assert decided["To"] == RESIDENT_EMAIL and decided["Content-Language"] == "ar"
    assert decided["Subject"] == translated(app, "ar", "The city decided on something you told us about")
    assert done["Subject"] == translated(app, "ar", "The city finished work on something you told us about")
    for message in (decided, done):
        text, html = parts(message)
        assert BeautifulSoup(html, "html.parser").find("html")["dir"] == "rtl"
        assert format_reference(final.references[0]) in text
        whole = message.as_string() + text + html
        assert AR_TEXT not in whole and PUBLIC_TEXT not in whole and AR_PUBLIC_TEXT not in whole


def test_nobody_hears_of_an_unpublished_recommendation(app, mailbox):
    tracked(app, published=False, progress=Progress.DONE)
    assert mailbox.messages == []


def test_a_resident_in_a_theme_the_recommendation_rests_on_hears_back_too(app, client):
    from portal.models import recommendation_theme
    from portal.themes import service as themes
    from tests.factories import make_submission

    final = tracked(app)
    member = make_submission(app, language="ar", body="الشرطة وقفت تتفرج")  # never quoted, only in the theme
    with app.app_context():
        session = db.session()
        theme = themes.create_theme(session, "Police and ICE", actor=None)
        themes.add_members(session, theme, [member.id], actor=None)
        session.execute(recommendation_theme.insert().values(recommendation_id=final.recommendation_id,
                                                             theme_id=theme.id))
        session.commit()
    news = page(post_form(client, "/ar/status", {"reference": member.reference})).find(
        "section", attrs={"aria-labelledby": "news-title"})
    assert news is not None and news.find("p", string=AR_PUBLIC_TEXT)

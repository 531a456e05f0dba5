"""The printable flyer: per chosen language, a QR code and words in its own script. Before the meeting it invites
people to come (with the languages interpreted there) and its codes open the meeting's page; from its start it asks
how the meeting went and its codes open the feedback form.

Each language gets its own panel with its own QR code, so a person scans the code beside the words they can read
and lands on the page in that language. Texts come from the resident catalogs through force_locale; the
PDF uses only the bundled Noto fonts (static/css/pdf.css), so it prints the same on every machine.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from portal.platform.dates import time_span
from portal.platform.i18n import BY_TAG, format_date
from portal.models import Meeting
from portal.identity.office import office_for_reader
from portal.meetings import meeting_words
from portal.platform.pdf import render_document
from portal.meetings.qr import feedback_url, meeting_url, qr_svg_inline

A4, LETTER = "a4", "letter"
PAGE_SIZES = {A4: "A4", LETTER: "letter"}
# Countries that print on US Letter; everywhere else A4. The city's country is PORTAL_PHONE_REGION.
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PR", "GT", "SV", "CR", "DO", "CO", "VE", "CL", "PH"})
INVITATION, FEEDBACK = "invitation", "feedback"
MAX_LANGUAGES = 6
COMPACT_LEVELS = 3  # 0: everything; 1: no title in the panels; 2: nor the feedback deadline


def default_paper(region: str) -> str:
    return LETTER if region.upper() in LETTER_REGIONS else A4


def default_kind(meeting: Meeting, now: datetime) -> str:
    """Before the meeting, an invitation to come; from its start, the flyer that asks how it went."""
    return FEEDBACK if now >= meeting.starts_at else INVITATION


@dataclass(frozen=True)
class FlyerPanel:
    tag: str
    direction: str
    endonym: str
    title: str
    title_lang: str
    when: str
    headline: str  # the invitation to come, or to say how the meeting went
    interpreters: str  # before the meeting: the interpreted languages, each in its own name
    detail: str  # what the code opens, or until when feedback is taken
    url: str
    qr: Markup


def flyer_panels(meeting: Meeting, tags: list[str], kind: str = FEEDBACK) -> list[FlyerPanel]:
    interpreted = ", ".join(BY_TAG[tag].endonym for tag in meeting.interpreted_languages if tag in BY_TAG)
    panels = []
    for tag in tags:
        language = BY_TAG[tag]
        with force_locale(language.locale):
            title, title_lang = meeting.text_in("title", tag)
            if title_lang != tag:  # no title in this language: a heading its readers can read
                title, title_lang = meeting_words.community_meeting(), tag
            if kind == INVITATION:
                url, headline, detail = meeting_url(meeting, tag), meeting_words.come_to_the_meeting(), \
                    meeting_words.scan_for_details()
                interpreters = f"{meeting_words.interpreters_for()}: {interpreted}" if interpreted else ""
            else:
                url, headline, interpreters = feedback_url(meeting, tag), meeting_words.invitation(), ""
                detail = meeting_words.feedback_until(format_date(meeting.feedback_closes_at, "long"))
            panels.append(FlyerPanel(
                tag=tag, direction=language.direction, endonym=language.endonym, title=title, title_lang=title_lang,
                when=time_span(meeting.starts_at, meeting.ends_at), headline=headline, interpreters=interpreters,
                detail=detail,
                url=url, qr=qr_svg_inline(url, title=f"QR code: {url}", border=3),
            ))
    return panels


def flyer_html(meeting: Meeting, tags: list[str], paper: str, compact: int = 0, kind: str = FEEDBACK) -> str:
    panels = flyer_panels(meeting, tags, kind)
    with force_locale(BY_TAG[tags[0]].locale):
        office = office_for_reader()  # the office and city as set for the flyer's first language
    columns = {1: 1, 2: 2, 4: 2}.get(len(panels), 3)
    return render_template("staff/meetings/flyer_pdf.html", meeting=meeting, panels=panels, first=panels[0],
                           office=office, page_size=PAGE_SIZES[paper], columns=columns, compact=compact,
                           directions={tag: language.direction for tag, language in BY_TAG.items()})


def flyer_pdf(meeting: Meeting, tags: list[str], paper: str = A4, kind: str = FEEDBACK) -> bytes:
    """One page, up to six languages side by side, on A4 or US Letter; a tagged PDF (PDF/UA-1) like every other.

    Long titles in many scripts can make the panels too tall for Letter: then the flyer is laid out again with
    fewer lines per panel (see COMPACT_LEVELS), so it always stays one page.
    """
    if not 1 <= len(tags) <= MAX_LANGUAGES:
        raise ValueError(f"a flyer has 1 to {MAX_LANGUAGES} languages, not {len(tags)}")
    for compact in range(COMPACT_LEVELS):
        document = render_document(flyer_html(meeting, tags, paper, compact, kind))
        if len(document.pages) == 1:
            break
    return document.write_pdf(pdf_variant="pdf/ua-1")

"""The printable flyer: per chosen language, a QR code to the feedback page and an invitation in its own script.

Each language gets its own panel with its own QR code, so a person scans the code beside the words they can read
and lands on the feedback form in that language. Texts come from the resident catalogs through force_locale; the
PDF uses only the bundled Noto fonts (static/css/pdf.css), so it prints the same on every machine.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import force_locale, format_date, format_time
from markupsafe import Markup

from portal.platform.i18n import BY_TAG
from portal.models import Meeting
from portal.identity.office import office_for_reader
from portal.meetings import meeting_words
from portal.platform.pdf import render_document
from portal.meetings.qr import feedback_url, qr_svg_inline

A4, LETTER = "a4", "letter"
PAGE_SIZES = {A4: "A4", LETTER: "letter"}
MAX_LANGUAGES = 6
COMPACT_LEVELS = 3  # 0: everything; 1: no title in the panels; 2: nor the feedback deadline


@dataclass(frozen=True)
class FlyerPanel:
    tag: str
    direction: str
    endonym: str
    title: str
    title_lang: str
    when: str
    invitation: str
    until: str
    url: str
    qr: Markup


def meeting_time(meeting: Meeting) -> str:
    """Date and times in the current locale and the site's zone, as the resident pages show them."""
    return (f"{format_date(meeting.starts_at, 'full')}, {format_time(meeting.starts_at, 'short')}–"
            f"{format_time(meeting.ends_at, 'short')}")


def flyer_panels(meeting: Meeting, tags: list[str]) -> list[FlyerPanel]:
    panels = []
    for tag in tags:
        language = BY_TAG[tag]
        with force_locale(language.locale):
            title, title_lang = meeting.text_in("title", tag)  # English when the meeting has no translation
            url = feedback_url(meeting, tag)
            panels.append(FlyerPanel(
                tag=tag, direction=language.direction, endonym=language.endonym, title=title, title_lang=title_lang,
                when=meeting_time(meeting), invitation=meeting_words.invitation(),
                until=meeting_words.feedback_until(format_date(meeting.feedback_closes_at, "long")),
                url=url, qr=qr_svg_inline(url, title=f"QR code: {url}", border=3),
            ))
    return panels


def flyer_html(meeting: Meeting, tags: list[str], paper: str, compact: int = 0) -> str:
    panels = flyer_panels(meeting, tags)
    with force_locale(BY_TAG[tags[0]].locale):
        office = office_for_reader()  # the office and city as set for the flyer's first language
    columns = {1: 1, 2: 2, 4: 2}.get(len(panels), 3)
    return render_template("staff/meetings/flyer_pdf.html", meeting=meeting, panels=panels, first=panels[0],
                           office=office, page_size=PAGE_SIZES[paper], columns=columns, compact=compact,
                           directions={tag: language.direction for tag, language in BY_TAG.items()})


def flyer_pdf(meeting: Meeting, tags: list[str], paper: str = A4) -> bytes:
    """One page, up to six languages side by side, on A4 or US Letter; a tagged PDF (PDF/UA-1) like every other.

    Long titles in many scripts can make the panels too tall for Letter: then the flyer is laid out again with
    fewer lines per panel (see COMPACT_LEVELS), so it always stays one page.
    """
    if not 1 <= len(tags) <= MAX_LANGUAGES:
        raise ValueError(f"a flyer has 1 to {MAX_LANGUAGES} languages, not {len(tags)}")
    for compact in range(COMPACT_LEVELS):
        document = render_document(flyer_html(meeting, tags, paper, compact))
        if len(document.pages) == 1:
            break
    return document.write_pdf(pdf_variant="pdf/ua-1")

"""The printed feedback form for a meeting, in one language: the web form's questions on paper (their labels read from
the resident forms, so this module stands with the forms, not the services), the trust
question with them, for residents who do not use a phone. Staff enter what comes back (the trust answer too,
counted apart) on "New submission". Every word comes from the resident catalogs, through force_locale."""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from portal.platform.dates import time_span
from portal.models import Meeting
from portal.platform.i18n import BY_TAG
from portal.platform.pdf import render_pdf
from portal.submissions.public_forms import INTERPRETATION_LABELS, RATING_LABELS
from portal.submissions.trust import TRUST_CHOICES, TRUST_QUESTION


def paper_form_pdf(meeting: Meeting, tag: str) -> bytes:
    language = BY_TAG[tag]
    with force_locale(language.locale):
        title, title_lang = meeting.text_in("title", tag)
        html = render_template(
            "staff/meetings/paper_form_pdf.html", meeting=meeting, language=language, title=title,
            title_lang=title_lang, title_direction=BY_TAG[title_lang].direction if title_lang in BY_TAG else "ltr",
            when=time_span(meeting.starts_at, meeting.ends_at), ratings=[str(choice.label) for choice in RATING_LABELS],
            interpretation=[str(choice.label) for choice in INTERPRETATION_LABELS],
            trust_question=str(TRUST_QUESTION), trust_choices=[str(choice.label) for choice in TRUST_CHOICES])
    return render_pdf(html)

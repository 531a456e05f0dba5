"""Staff words for the submissions' enums, shown by views, mails and PDFs alike (so kept apart from any form)."""
from flask_babel import lazy_gettext as _l

from portal.models import Kind, Priority, Source
from portal.submissions.status_words import STATUS_WORDS

STATUS_LABELS = {status: label for status, (label, _meaning) in STATUS_WORDS.items()}
KIND_LABELS = {Kind.CONCERN: _l("Concern"), Kind.MEETING_FEEDBACK: _l("Meeting feedback")}
PRIORITY_LABELS = {Priority.LOW: _l("Low"), Priority.NORMAL: _l("Normal"), Priority.HIGH: _l("High"),
                   Priority.URGENT: _l("Urgent")}
SOURCE_LABELS = {Source.WEB: _l("Web form"), Source.PAPER: _l("Paper form"), Source.PHONE: _l("Phone call"),
                 Source.MEETING: _l("In person at a meeting")}

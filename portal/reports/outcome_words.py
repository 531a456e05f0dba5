"""The words residents read for a recommendation's decision and progress (on /outcomes and their status page),
and the staff's labels for the same values."""
from flask_babel import lazy_gettext as _l

from portal.models import Decision, Progress

DECISION_WORDS = {
    None: _l("Not decided yet"),
    Decision.ACCEPTED: _l("Accepted"),
    Decision.ACCEPTED_WITH_CHANGES: _l("Accepted with changes"),
    Decision.DECLINED: _l("Not accepted"),
}
PROGRESS_WORDS = {
    Progress.NOT_STARTED: _l("Not started yet"),
    Progress.IN_PROGRESS: _l("Work has started"),
    Progress.DONE: _l("Done"),
}

"""What each status means, in the plain words residents read on the status page."""
from flask_babel import lazy_gettext as _l

from portal.models import Status

STATUS_WORDS = {
    Status.RECEIVED: (_l("Received"), _l("We received your message. Staff will read it soon.")),
    Status.IN_REVIEW: (_l("Being reviewed"), _l("Staff are reading your message and deciding what to do.")),
    Status.REFERRED: (
        _l("Referred"),
        _l("We sent your concern to the city department or partner who can act on it."),
    ),
    Status.IN_RECOMMENDATION: (
        _l("Included in a recommendation to the Mayor"),
        _l("What you told us is part of our recommendations to the mayor."),
    ),
    Status.CLOSED: (_l("Closed"), _l("We have finished working on your message. Thank you for telling us.")),
}

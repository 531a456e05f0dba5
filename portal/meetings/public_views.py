"""The residents' meeting pages: the list, a meeting and its calendar file.

They sit on the residents' blueprint (portal/submissions/public_views.py), so their endpoints stay `public.*`
and share its language in the URL; create_app imports this module before it registers that blueprint. Feedback on
a meeting is a submission, and its form stays with the other residents' forms.
"""
from __future__ import annotations

from datetime import datetime, UTC

from flask import Response, abort, g, render_template
from flask_babel import lazy_gettext as _l

from portal.meetings.calendar import meeting_ics
from portal.meetings.qr import feedback_url
from portal.meetings.service import public_meetings
from portal.models import Meeting
from portal.platform import db
from portal.platform.i18n import current_language
from portal.platform.links import public_host, public_url
from portal.platform.page_cache import cached_page
from portal.submissions.public_views import bp


@bp.get("/meetings")
def meetings():
    now = datetime.now(UTC)
    return cached_page(("meetings", g.lang), lambda: render_template(
        "public/meetings.html", meetings=public_meetings(db.session(), now), now=now))


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int):
    found = db.session().get(Meeting, meeting_id) or abort(404)
    return render_template("public/meeting.html", meeting=found, now=datetime.now(UTC))


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_calendar(meeting_id: int):
    """The meeting as a calendar file, in the visitor's language where the meeting has it."""
    found = db.session().get(Meeting, meeting_id) or abort(404)
    tag = current_language().tag
    description = found.text_in("description", tag)[0]
    if found.cancelled_at is None:
        invitation = f"{_l('Give feedback on this meeting')}: {feedback_url(found, tag)}"
        description = f"{description}\n\n{invitation}" if description else invitation
    body = meeting_ics(found, title=found.text_in("title", tag), description=description,
                       page_url=public_url("public.meeting", lang=tag, meeting_id=found.id), host=public_host(),
                       now=datetime.now(UTC))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="meeting-{found.id}.ics"'})

"""/staff/admin/mail: messages that failed (recipient masked, never their text), with "Try again" and "Remove"."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import HiddenField, SelectChoice, SelectField
from wtforms.validators import InputRequired

from portal.platform import db
from portal.accounts.permissions import Permission, require
from portal.platform.forms import PortalForm
from portal.models import MailFailure
from portal.accounts import audit
from portal.platform import jobs, mail

bp = Blueprint("mail", __name__, url_prefix="/staff/admin/mail")


class FailureActionForm(PortalForm):
    failure = HiddenField(validators=[InputRequired()])
    action = SelectField(choices=[SelectChoice("retry", "retry"), SelectChoice("remove", "remove")])


def _queue_state() -> dict | None:
    """What waits in Redis, or None without Redis (jobs run inline, nothing waits)."""
    if not jobs.uses_redis():
        return None
    try:
        queue = jobs.queue()
        return {"waiting": queue.count, "scheduled": queue.scheduled_job_registry.count,
                "failed": queue.failed_job_registry.count, "reachable": True}
    except Exception:  # Redis down: say so rather than fail the page
        return {"reachable": False}


@bp.get("/")
@require(Permission.ADMINISTER)
def failures():
    transport = mail.transport()
    return render_template("staff/mail.html", failures=mail.failures(db.session()), transport=transport,
                           server=current_app.config.get("MAIL_SERVER"), queue=_queue_state())


@bp.post("/")
@require(Permission.ADMINISTER)
def act():
    form = FailureActionForm()
    failure = (db.session().get(MailFailure, int(form.failure.data))
               if form.validate_on_submit() and form.failure.data.isdigit() else None)
    if failure is None:
        flash(_("That message is no longer on the list."))
        return redirect(url_for(".failures"))
    audit.record(db.session(), f"mail.{'retried' if form.action.data == 'retry' else 'removed'}",
                 actor=current_user, template=failure.template, recipient=failure.recipient)
    if form.action.data == "retry":
        mail.send_again(db.session(), failure)
        flash(_("The message will be sent again."))
    else:
        db.session().delete(failure)
        flash(_("Removed from the list."))
    return redirect(url_for(".failures"))

"""Resident pages. Views stay thin: forms validate, services do the work, the request commits once."""
from __future__ import annotations

from datetime import datetime, UTC

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal.platform import db
from portal.platform.i18n import current_language
from portal.models import Meeting, Source
from portal.platform.page_cache import cached_page
from portal.submissions.public_forms import ConcernForm, DeleteForm, FeedbackForm, StatusForm
from portal.submissions.status_words import STATUS_WORDS
from portal.platform.rate_limits import limit_posts, submission_allowed
from portal.submissions import hearing_back, resident_mail, staff_mail, trust
from portal.topics.service import offered_categories
from portal.submissions.intake import find_by_reference, record_concern, record_meeting_feedback, status_answer
from portal.platform.reference import format_reference
from portal.submissions.retention import delete_by_resident

bp = Blueprint("public", __name__, url_prefix="/<lang:lang>")
RECEIPT_KEY = "receipt"


@bp.url_value_preprocessor
def take_language(_endpoint, values):
    g.lang = values.pop("lang")


@bp.url_defaults
def add_language(_endpoint, values):
    values.setdefault("lang", g.get("lang") or current_language().tag)


def keeps_input_on_csrf_error(view):
    """Marks a view that can show its form again, with what was typed, when the CSRF token expired."""
    view.keeps_input_on_csrf_error = True
    return view


@bp.get("/")
def home():
    return cached_page(("home", g.lang), lambda: render_template("public/home.html"))


@bp.route("/concern", methods=["GET", "POST"])
@keeps_input_on_csrf_error
def concern():
    tag = current_language().tag
    if request.method == "GET":
        return cached_page(("concern", tag), lambda: render_template("public/concern.html", form=_concern_form(tag)))
    form = _concern_form(tag)
    if form.validate_on_submit():
        if form.sent_by_a_robot():
            return redirect(url_for(".home"), code=303)  # nothing stored, nothing said
        if not submission_allowed():
            return _over_the_limit("public/concern.html", form=form)
        submission = record_concern(
            db.session(),
            language=tag,
            category=db.session().merge(form.chosen_category, load=False),  # the kept copy, no query
            body=form.body.data,
            neighbourhood=form.neighbourhood.data or "",
            occurred_on=form.occurred_on.data,
            contact=form.contact_details(),
        )
        _count_trust_answer(form, tag)
        return _sent(submission)
    return render_template("public/concern.html", form=form)


def _concern_form(tag: str) -> ConcernForm:
    return ConcernForm(offered_categories(db.session()), tag, contact_language=tag)


@bp.route("/meetings/<int:meeting_id>/feedback", methods=["GET", "POST"])
@keeps_input_on_csrf_error
def meeting_feedback(meeting_id: int):
    meeting = db.session().get(Meeting, meeting_id) or abort(404)
    tag = current_language().tag
    form = FeedbackForm(contact_language=tag)
    if not meeting.accepts_feedback(datetime.now(UTC)):
        # Whatever was typed stays on the page, so nothing is lost when the window closed mid-way.
        return render_template(
            "public/feedback_closed.html", meeting=meeting, form=form, now=datetime.now(UTC)
        )
    if form.validate_on_submit():
        if form.sent_by_a_robot():
            return redirect(url_for(".home"), code=303)
        if not submission_allowed():
            return _over_the_limit("public/feedback.html", form=form, meeting=meeting)
        submission = record_meeting_feedback(
            db.session(), meeting=meeting, language=tag, answers=form.answers(), contact=form.contact_details()
        )
        _count_trust_answer(form, tag)
        return _sent(submission)
    if request.method == "GET":
        return cached_page(("feedback", tag, meeting.id),
                           lambda: render_template("public/feedback.html", form=form, meeting=meeting))
    return render_template("public/feedback.html", form=form, meeting=meeting)


def _count_trust_answer(form: ConcernForm | FeedbackForm, tag: str) -> None:
    """Counted apart from the submission, never stored with it (portal/submissions/trust.py)."""
    answer = trust.answer_from(form.trust.data)
    if answer is not None:
        trust.count_answer(db.session(), answer, language=tag, source=Source.WEB)


def _over_the_limit(template: str, **context):
    """The form again, every answer in place, under a note to wait and press the button again."""
    return render_template(template, over_the_limit=True, **context), 429


def _sent(submission):
    """Post/redirect/get: the code travels in the signed session cookie, never in the URL."""
    resident_mail.queue_receipt(db.session(), submission)  # both go out once the request has committed
    staff_mail.queue_alerts(db.session(), submission)
    session[RECEIPT_KEY] = {"reference": submission.reference, "kind": submission.kind.value}
    return redirect(url_for(".sent"), code=303)


@bp.get("/sent")
def sent():
    receipt = session.get(RECEIPT_KEY)
    if receipt is None:
        return redirect(url_for(".home"))
    return render_template(
        "public/sent.html", reference=format_reference(receipt["reference"]), kind=receipt["kind"]
    )


@bp.post("/sent/forget")
def forget_receipt():
    session.pop(RECEIPT_KEY, None)
    return redirect(url_for(".home"), code=303)


NOT_FOUND = _l("We could not find this code. Check each letter and number, then try again.")


# Looking a code up and deleting by code both try a code: one count for guessing.
CODE_GUESSES = "code-guesses"


@bp.route("/status", methods=["GET", "POST"])
@limit_posts("STATUS_LOOKUP_LIMIT", counter=CODE_GUESSES)
@keeps_input_on_csrf_error
def status():
    form = StatusForm()
    submission = None
    if form.validate_on_submit():
        submission = find_by_reference(db.session(), form.reference.data)
        if submission is None:
            form.reference.errors.append(NOT_FOUND)  # the same answer for a wrong and an unknown code
    if request.method == "GET":
        return cached_page(("status", g.lang), lambda: render_template(
            "public/status.html", form=form, answer=None, status_words=STATUS_WORDS, delete_form=None))
    answer = status_answer(submission) if submission else None
    delete_form = DeleteForm(formdata=None, reference=submission.reference) if submission else None
    news = hearing_back.news_for(db.session(), submission, g.lang) if submission else []
    return render_template("public/status.html", form=form, answer=answer, status_words=STATUS_WORDS,
                           delete_form=delete_form, news=news)


@bp.post("/delete")
@limit_posts("STATUS_LOOKUP_LIMIT", counter=CODE_GUESSES)
def delete_submission():
    """Two steps: a confirmation page first, then the deletion. Both by POST, the code never in a URL."""
    form = DeleteForm()
    submission = find_by_reference(db.session(), form.reference.data or "") if form.validate_on_submit() else None
    if submission is None:
        return redirect(url_for(".status"), code=303)
    if form.confirmed.data != "yes":
        confirm = DeleteForm(formdata=None, reference=form.reference.data, confirmed="yes")
        return render_template("public/delete_confirm.html", form=confirm,
                               reference=format_reference(submission.reference))
    delete_by_resident(db.session(), submission)
    return render_template("public/deleted.html")


@bp.get("/privacy")
def privacy():
    return cached_page(("privacy", g.lang), lambda: render_template("public/privacy.html"))

"""Resident pages. Views stay thin: forms validate, services do the work, the request commits once."""
from __future__ import annotations

import json
import secrets
from datetime import datetime, UTC

from flask import (
    Blueprint, abort, current_app, g, make_response, redirect, render_template, request, session, url_for,
)
from flask_babel import lazy_gettext as _l

from portal.platform import crypto, db
from portal.platform.i18n import current_language
from portal.models import Meeting, Source, Submission
from portal.platform.page_cache import cached_page
from portal.submissions.public_forms import ConcernForm, DeleteForm, FeedbackForm, FollowUpForm, StatusForm
from portal.submissions.status_words import STATUS_WORDS
from portal.platform.rate_limits import limit_posts, submission_allowed
from portal.submissions import hearing_back, resident_mail, staff_mail, trust
from portal.topics.service import offered_categories
from portal.submissions.intake import (
    find_by_reference, record_concern, record_meeting_feedback, recorded_once, status_answer,
)
from portal.platform.reference import LENGTH as REFERENCE_LENGTH, code_characters, format_reference
from portal.submissions.retention import delete_by_resident

bp = Blueprint("public", __name__, url_prefix="/<lang:lang>")
RECEIPT_SECONDS = 30 * 60  # then the code leaves a shared phone, even if nobody pressed "Remove it"
OPEN_FORMS_KEY = "open_forms"
SWITCH_LANGUAGE = "switch_language"  # the name of the language switcher's buttons on form pages


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
        form = _concern_form(tag)
        token = open_form_token(form, "concern")
        return cached_page(("concern", tag), lambda: render_template("public/concern.html", form=form), token)
    form = _concern_form(tag)
    if switching_language():
        return render_template("public/concern.html", form=form)
    if form.validate_on_submit():
        if form.sent_by_a_robot():
            return redirect(url_for(".home"), code=303)  # nothing stored, nothing said
        if not submission_allowed():
            return _over_the_limit("public/concern.html", form=form)
        submission, new = recorded_once(db.session(), form.sent_form_key(), lambda form_key: record_concern(
            db.session(),
            language=tag,
            category=db.session().merge(form.chosen_category, load=False),  # the kept copy, no query
            body=form.body.data,
            neighbourhood=form.neighbourhood.data or "",
            occurred_on=form.occurred_on.data,
            contact=form.contact_details(),
            form_key=form_key,
        ))
        if new:  # a second tap of the same form counts nothing again
            _count_trust_answer(form, tag)
        return _sent(submission, new, "concern")
    return render_template("public/concern.html", form=form)


def _concern_form(tag: str) -> ConcernForm:
    return ConcernForm(offered_categories(db.session()), tag, contact_language=tag)


@bp.route("/meetings/<int:meeting_id>/feedback", methods=["GET", "POST"])
@keeps_input_on_csrf_error
def meeting_feedback(meeting_id: int):
    meeting = db.session().get(Meeting, meeting_id) or abort(404)
    tag = current_language().tag
    form = FeedbackForm(contact_language=tag)
    form_name = f"feedback-{meeting.id}"
    if not meeting.accepts_feedback(datetime.now(UTC)):
        # Whatever was typed stays on the page, so nothing is lost when the window closed mid-way.
        return render_template(
            "public/feedback_closed.html", meeting=meeting, form=form, now=datetime.now(UTC)
        )
    if request.method == "GET":
        token = open_form_token(form, form_name)
        return cached_page(("feedback", tag, meeting.id),
                           lambda: render_template("public/feedback.html", form=form, meeting=meeting), token)
    if switching_language():
        return render_template("public/feedback.html", form=form, meeting=meeting)
    if form.validate_on_submit():
        if form.sent_by_a_robot():
            return redirect(url_for(".home"), code=303)
        if not submission_allowed():
            return _over_the_limit("public/feedback.html", form=form, meeting=meeting)
        submission, new = recorded_once(db.session(), form.sent_form_key(), lambda form_key: record_meeting_feedback(
            db.session(), meeting=meeting, language=tag, answers=form.answers(), contact=form.contact_details(),
            form_key=form_key,
        ))
        if new:
            _count_trust_answer(form, tag)
        return _sent(submission, new, form_name)
    return render_template("public/feedback.html", form=form, meeting=meeting)


def switching_language() -> bool:
    """The language switcher on a form page is a button of the form (templates/base.html): the form comes back in
    the other language with everything typed, checked for nothing, stored nowhere."""
    return SWITCH_LANGUAGE in request.form


def open_form_token(form: FollowUpForm, form_name: str) -> str:
    """One token per form shown, kept in the session until that form is sent. Shown again (Back, a reload) before
    sending, the form keeps its token, so the browser puts back what was typed; after sending, a new token makes
    it a new form, which the browser leaves empty (the token is in the form's address, templates/macros)."""
    tokens = session.get(OPEN_FORMS_KEY, {})
    if form_name not in tokens:
        session[OPEN_FORMS_KEY] = {**tokens, form_name: secrets.token_urlsafe(16)}
    form.form_token.data = session[OPEN_FORMS_KEY][form_name]
    return form.form_token.data


def _count_trust_answer(form: ConcernForm | FeedbackForm, tag: str) -> None:
    """Counted apart from the submission, never stored with it (portal/submissions/trust.py)."""
    answer = trust.answer_from(form.trust.data)
    if answer is not None:
        trust.count_answer(db.session(), answer, language=tag, source=Source.WEB)


def _over_the_limit(template: str, **context):
    """The form again, every answer in place, under a note to wait and press the button again."""
    return render_template(template, over_the_limit=True, **context), 429


def _sent(submission: Submission, new: bool, form_name: str):
    """Post/redirect/get: the code travels encrypted in a cookie of its own that the browser drops after
    RECEIPT_SECONDS, never in the URL. A form sent twice shows the first receipt and sends no second mail."""
    if new:
        resident_mail.queue_receipt(db.session(), submission)  # both go out once the request has committed
        staff_mail.queue_alerts(db.session(), submission)
    tokens = {name: token for name, token in session.get(OPEN_FORMS_KEY, {}).items() if name != form_name}
    session[OPEN_FORMS_KEY] = tokens
    # A fragment of our own: the form's address carries its token as a fragment, which a redirect without one
    # would keep in the address bar and history. "#top" is the top of the page, where it opens anyway.
    response = redirect(url_for(".sent", _anchor="top"), code=303)
    receipt = json.dumps({"reference": submission.reference, "kind": submission.kind.value})
    response.set_cookie(receipt_cookie_name(), crypto.encrypt(receipt), max_age=RECEIPT_SECONDS, path="/",
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax")
    return response


def receipt_cookie_name() -> str:
    """__Host-: over HTTPS only, for this exact host (as the session cookie in production)."""
    return "__Host-receipt" if current_app.config["SESSION_COOKIE_SECURE"] else "receipt"


def _receipt() -> dict | None:
    sealed = request.cookies.get(receipt_cookie_name())
    opened = crypto.decrypt_if_recent(sealed, RECEIPT_SECONDS) if sealed else None
    return json.loads(opened) if opened else None


def _without_receipt(response):
    response.delete_cookie(receipt_cookie_name(), path="/", secure=current_app.config["SESSION_COOKIE_SECURE"],
                           httponly=True, samesite="Lax")
    return response


@bp.get("/sent")
def sent():
    receipt = _receipt()
    if receipt is None:
        return _without_receipt(redirect(url_for(".home")))
    return render_template(
        "public/sent.html", reference=format_reference(receipt["reference"]), kind=receipt["kind"],
        minutes=RECEIPT_SECONDS // 60,
    )


@bp.post("/sent/forget")
def forget_receipt():
    return _without_receipt(redirect(url_for(".home"), code=303))


NOT_FOUND = _l(
    "We could not find this code. Compare it with the code you wrote down, one letter or number at a time: "
    "8 and B, 5 and S, 2 and Z look alike. If you deleted your message, its code no longer works."
)
WRONG_LENGTH = _l(
    "A reference code has 12 letters and numbers, for example K7F3-9QXA-2MWD. Check that none is missing and "
    "none was added."
)


def not_found_message(typed: str):
    """What to check: the length first (anyone can count), then each character. Nothing says whether a code
    of the right shape exists."""
    return WRONG_LENGTH if len(code_characters(typed)) != REFERENCE_LENGTH else NOT_FOUND


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
            form.reference.errors.append(not_found_message(form.reference.data))  # same for wrong and unknown
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
    if form.confirmed.data != "yes" or switching_language():
        confirm = DeleteForm(formdata=None, reference=form.reference.data, confirmed="yes")
        return render_template("public/delete_confirm.html", form=confirm,
                               reference=format_reference(submission.reference))
    delete_by_resident(db.session(), submission)
    # A receipt still in this browser would show a code that now leads nowhere.
    return _without_receipt(make_response(render_template("public/deleted.html")))


@bp.get("/privacy")
def privacy():
    return cached_page(("privacy", g.lang), lambda: render_template("public/privacy.html"))

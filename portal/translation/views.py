"""The translators' queue, one per language, and the page where a person checks a translation; the admins' page
of the machine-translation engine and its failures."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, require
from portal.models import Submission
from portal.platform import db, machine_translation
from portal.platform.i18n import BY_TAG
from portal.translation import service
from portal.translation.english import written_language
from portal.translation.forms import CheckedTranslationForm, RetryForm

bp = Blueprint("translation", __name__, url_prefix="/staff")


@bp.get("/translations/")
@require(Permission.TRANSLATE)
def queues():
    languages = service.languages_of(current_user)
    return render_template("staff/translation/queues.html",
                           counts=service.queue_counts(db.session(), languages))


@bp.get("/translations/<tag>")
@require(Permission.TRANSLATE)
def language_queue(tag: str):
    if tag not in service.languages_of(current_user):
        abort(404)
    return render_template("staff/translation/queue.html", tag=tag, items=service.queue(db.session(), tag))


def _translatable_or_404(submission_id: int) -> Submission:
    """A submission in one of the reader's languages; anything else does not exist for them."""
    found = db.session().get(Submission, submission_id)
    if found is None or not service.may_translate(current_user, found):
        abort(404)
    return found


@bp.route("/translations/submissions/<int:submission_id>", methods=["GET", "POST"])
@require(Permission.TRANSLATE)
def translate(submission_id: int):
    found = _translatable_or_404(submission_id)
    form = CheckedTranslationForm(translation=found.translation or found.machine_translation)
    if form.validate_on_submit():
        service.save_checked_translation(db.session(), found, form.translation.data or "", actor=current_user)
        flash(_("Saved as checked by you."))
        return redirect(url_for(".language_queue", tag=written_language(found)))
    return render_template("staff/translation/translate.html", submission=found, form=form,
                           original=service.original_text(found), tag=written_language(found))


@bp.get("/admin/translation")
@require(Permission.ADMINISTER)
def engine_status():
    engine = machine_translation.engine()
    offered, problem = None, None
    if engine is not None:
        try:
            offered = machine_translation.offered_languages(engine)
        except machine_translation.TranslationError as error:
            problem = str(error)
    coverage = [(tag, machine_translation.engine_code(tag) in offered if offered is not None else None)
                for tag in BY_TAG if tag != "en"]
    return render_template("staff/translation/engine.html", engine=engine, problem=problem, coverage=coverage,
                           url=current_app.config.get("TRANSLATION_URL"), failures=service.failures(db.session()),
                           retry_form=RetryForm())


@bp.post("/admin/translation/<int:submission_id>/retry")
@require(Permission.ADMINISTER)
def retry(submission_id: int):
    found = db.session().get(Submission, submission_id) or abort(404)
    if RetryForm().validate_on_submit():
        service.translate_again(db.session(), found, actor=current_user)
        flash(_("The translation will be tried again."))
    return redirect(url_for(".engine_status"))

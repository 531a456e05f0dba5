"""The recommendation tracker: what became of each recommendation of a final report.

Everyone who reads final reports reads the tracker. The mayor's office (viewers, and admins) records its
decision: the viewers' one write action. Staff record the owner, progress, milestones, updates and the public
text with its translations. The frozen report is never touched (portal/reports/outcomes.py).
"""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.permissions import Permission, can, require
from portal.models import Decision, Progress, Recommendation
from portal.platform import db
from portal.platform.city_days import city_today
from portal.reports import outcomes
from portal.reports.forms import ActionForm
from portal.reports.tracker_forms import (
    DECISION_LABELS, PROGRESS_LABELS, DecisionForm, MilestoneDoneForm, MilestoneForm, ProgressForm, PublicTextForm,
    TranslationForm, UpdateForm, UpdateTranslationForm,
)

bp = Blueprint("tracker", __name__, url_prefix="/staff")


def _now() -> datetime:
    return datetime.now(UTC)


def _tracked_or_404(tracked_id: int) -> Recommendation:
    return outcomes.find_tracked(db.session(), tracked_id) or abort(404)


@bp.get("/tracker")
@require(Permission.READ_REPORTS)
def index():
    return render_template("staff/tracker/index.html", rows=outcomes.tracker_rows(db.session()),
                           decision_labels=DECISION_LABELS, progress_labels=PROGRESS_LABELS)


def _render(recommendation: Recommendation, **forms):
    page = outcomes.tracked_page(db.session(), recommendation)
    tracking = page.tracking
    if can(current_user, Permission.RECORD_DECISIONS):
        forms.setdefault("decision_form", DecisionForm(
            formdata=None, decision=tracking.decision.value if tracking.decision else None,
            reason=tracking.decision_reason))
    if can(current_user, Permission.WRITE_REPORTS):
        forms.setdefault("progress_form", ProgressForm(formdata=None, owner_department=tracking.owner_department,
                                                       progress=tracking.progress.value))
        forms.setdefault("milestone_form", MilestoneForm(formdata=None))
        forms.setdefault("update_form", UpdateForm(formdata=None, happened_on=city_today()))
        forms.setdefault("public_form", PublicTextForm(formdata=None, text=tracking.public_text,
                                                       published=tracking.published))
        forms.setdefault("translation_form", TranslationForm(formdata=None))
        forms["milestone_forms"] = {milestone.id: forms.get("milestone_forms", {}).get(milestone.id)
                                    or MilestoneDoneForm(formdata=None, prefix=f"milestone-{milestone.id}",
                                                         done_on=milestone.done_on or city_today())
                                    for milestone in page.milestones}
        forms["update_forms"] = {update.id: forms.get("update_forms", {}).get(update.id)
                                 or UpdateTranslationForm(formdata=None, prefix=f"update-{update.id}")
                                 for update in page.updates}
    return render_template("staff/tracker/recommendation.html", page=page, report=recommendation.report,
                           decision_labels=DECISION_LABELS, progress_labels=PROGRESS_LABELS, **forms)


def _back(recommendation: Recommendation, anchor: str):
    return redirect(url_for(".tracking", tracked_id=recommendation.id, _anchor=anchor))


@bp.get("/tracker/<int:tracked_id>")
@require(Permission.READ_REPORTS)
def tracking(tracked_id: int):
    return _render(_tracked_or_404(tracked_id))


@bp.post("/tracker/<int:tracked_id>/decision")
@require(Permission.RECORD_DECISIONS)
def decide(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = DecisionForm()
    if form.validate_on_submit():
        outcomes.record_decision(db.session(), found, decision=Decision(form.decision.data),
                                 reason=form.reason.data or "", actor=current_user, today=city_today(), now=_now())
        flash(_("The decision is recorded."))
        return _back(found, "decision")
    return _render(found, decision_form=form)


@bp.post("/tracker/<int:tracked_id>/progress")
@require(Permission.WRITE_REPORTS)
def save_progress(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = ProgressForm()
    if form.validate_on_submit():
        outcomes.save_progress(db.session(), found, owner_department=form.owner_department.data or "",
                               progress=Progress(form.progress.data), actor=current_user, today=city_today(),
                               now=_now())
        flash(_("Saved."))
        return _back(found, "progress")
    return _render(found, progress_form=form)


@bp.post("/tracker/<int:tracked_id>/milestones")
@require(Permission.WRITE_REPORTS)
def add_milestone(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = MilestoneForm()
    if form.validate_on_submit():
        outcomes.add_milestone(db.session(), found, title=form.title.data, due_on=form.due_on.data,
                               actor=current_user)
        flash(_("Milestone added."))
        return _back(found, "milestones")
    return _render(found, milestone_form=form)


@bp.post("/tracker/<int:tracked_id>/milestones/<int:milestone_id>")
@require(Permission.WRITE_REPORTS)
def milestone(tracked_id: int, milestone_id: int):
    found = _tracked_or_404(tracked_id)
    item = outcomes.find_milestone(db.session(), found, milestone_id) or abort(404)
    action = request.form.get("action")
    if action == "delete":
        if ActionForm(prefix=f"milestone-{item.id}").validate_on_submit():
            outcomes.delete_milestone(db.session(), found, item, actor=current_user)
            flash(_("Milestone deleted."))
        return _back(found, "milestones")
    form = MilestoneDoneForm(prefix=f"milestone-{item.id}")
    if form.validate_on_submit():
        done_on = None if action == "reopen" else (form.done_on.data or city_today())
        outcomes.mark_milestone(db.session(), found, item, done_on=done_on, actor=current_user)
        flash(_("Saved."))
        return _back(found, "milestones")
    form.done_on.errors = [_("Enter a real date, for example 2026-11-26.")]
    return _render(found, milestone_forms={item.id: form})


@bp.post("/tracker/<int:tracked_id>/updates")
@require(Permission.WRITE_REPORTS)
def add_update(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = UpdateForm()
    if form.validate_on_submit():
        outcomes.add_update(db.session(), found, happened_on=form.happened_on.data, body=form.body.data,
                            actor=current_user)
        flash(_("Update added."))
        return _back(found, "updates")
    return _render(found, update_form=form)


@bp.post("/tracker/<int:tracked_id>/updates/<int:update_id>/translation")
@require(Permission.WRITE_REPORTS)
def update_translation(tracked_id: int, update_id: int):
    found = _tracked_or_404(tracked_id)
    update = outcomes.find_update(db.session(), found, update_id) or abort(404)
    form = UpdateTranslationForm(prefix=f"update-{update.id}")
    if form.validate_on_submit():
        outcomes.save_update_translation(db.session(), found, update, language=form.language.data,
                                         text=form.text.data, checked=form.checked.data, actor=current_user,
                                         now=_now())
        flash(_("Translation saved."))
        return _back(found, f"update-{update.id}")
    return _render(found, update_forms={update.id: form})


@bp.post("/tracker/<int:tracked_id>/public-text")
@require(Permission.WRITE_REPORTS)
def public_text(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = PublicTextForm()
    if form.validate_on_submit():
        outcomes.save_public_text(db.session(), found, text=form.text.data or "", published=form.published.data,
                                  actor=current_user, now=_now())
        flash(_("Saved."))
        return _back(found, "public")
    return _render(found, public_form=form)


@bp.post("/tracker/<int:tracked_id>/translations")
@require(Permission.WRITE_REPORTS)
def translation(tracked_id: int):
    found = _tracked_or_404(tracked_id)
    form = TranslationForm()
    if form.validate_on_submit():
        outcomes.save_translation(db.session(), found, language=form.language.data, text=form.text.data,
                                  reason=form.reason.data or "", checked=form.checked.data, actor=current_user,
                                  now=_now())
        flash(_("Translation saved."))
        return _back(found, "translations")
    return _render(found, translation_form=form)


@bp.errorhandler(outcomes.TrackingError)
def _refused(error: outcomes.TrackingError):
    """A refusal (a decision without its reason, publishing without a text): the form again with the message
    under its field, and what was typed; the request's changes are rolled back by then."""
    found = _tracked_or_404((request.view_args or {})["tracked_id"])
    endpoint = (request.endpoint or "").removeprefix("tracker.")
    if endpoint == "decide":
        decision_form = DecisionForm()
        decision_form.reason.errors = [str(error)]
        return _render(found, decision_form=decision_form)
    if endpoint == "public_text":
        public_form = PublicTextForm()
        public_form.text.errors = [str(error)]
        return _render(found, public_form=public_form)
    flash(str(error))
    return _back(found, "")

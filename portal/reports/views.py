"""Recommendation reports: the list, a report's page and its PDF, recommendations and their evidence, finalizing.

Viewers (the mayor's office) read final reports only; a draft is 403 for them. Everything that changes a report
needs WRITE_REPORTS, and the services refuse any change to a final one.
"""
from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from portal.platform import db
from portal.accounts.permissions import Permission, can, reads_originals, require
from portal.models import Evidence, Priority, Recommendation, Report, Submission
from portal.reports import pdfs
from portal.reports.figures import TEMPLATE_FILTERS, report_charts
from portal.reports.forms import (
    ActionForm, BulkEvidenceForm, DeleteForm, EvidenceEditForm, EvidenceForm, FinalizeForm, RecommendationForm,
    RecommendationReportForm, recommendation_choices, report_choices,
)
from portal.platform.city_days import city_today
from portal.platform.links import staff_path_or
from portal.submissions import triage
from portal.reports import service
from portal.submissions.views import adds_forms_to, render_submission_page, saved_and_back, typed_elsewhere
from portal.themes import evidence as evidence_finder
from portal.themes import service as themes

bp = Blueprint("reports", __name__, url_prefix="/staff")
for _name, _filter in TEMPLATE_FILTERS.items():
    bp.add_app_template_filter(_filter, _name)


def _now() -> datetime:
    return datetime.now(UTC)


def _content(report: Report) -> dict:
    return service.content(db.session(), report, now=_now(), city_timezone=current_app.config["TIMEZONE"])


def _readable(report_id: int) -> Report:
    """The report, when the signed-in person may read it: drafts only for those who write reports."""
    report = service.find_report(db.session(), report_id) or abort(404)
    if not report.is_final and not can(current_user, Permission.WRITE_REPORTS):
        abort(403)
    return report


def _report_or_404(report_id: int) -> Report:
    return service.find_report(db.session(), report_id) or abort(404)


def _recommendation_or_404(report_id: int, recommendation_id: int) -> Recommendation:
    recommendation = service.find_recommendation(db.session(), recommendation_id)
    if recommendation is None or recommendation.report_id != report_id:
        abort(404)
    return recommendation


def _draft_choices(first_label=None):
    return recommendation_choices(service.draft_recommendations(db.session()), first_label=first_label)


# --- The list and a report ----------------------------------------------------------------------------------

def _render_index(form: RecommendationReportForm | None = None):
    writer = can(current_user, Permission.WRITE_REPORTS)
    if writer and form is None:
        today = city_today()
        first_of_month = today.replace(day=1)
        form = RecommendationReportForm(formdata=None, period_start=(first_of_month - timedelta(days=1)).replace(day=1),
                          period_end=today)
    return render_template("staff/reports/index.html", reports=service.visible_reports(db.session(), drafts=writer),
                           form=form)


@bp.get("/reports")
@require(Permission.READ_REPORTS)
def index():
    return _render_index()


@bp.post("/reports")
@require(Permission.WRITE_REPORTS)
def create():
    form = RecommendationReportForm()
    if form.validate_on_submit():
        report = service.create_report(db.session(), title=form.title.data, start=form.period_start.data,
                                       end=form.period_end.data, actor=current_user)
        flash(_("Report started. Add its recommendations, then quote residents from the inbox or a submission's "
                "page."))
        return redirect(url_for(".report", report_id=report.id))
    return _render_index(form)


def _render_report(report: Report, **forms):
    content = _content(report)
    editable = not report.is_final and can(current_user, Permission.WRITE_REPORTS)
    if editable:
        forms.setdefault("report_form", RecommendationReportForm(formdata=None, obj=report))
        forms.setdefault("recommendation_form", RecommendationForm(formdata=None))
        forms.setdefault("finalize_form", FinalizeForm(formdata=None, signed_by=current_user.name))
        forms.setdefault("delete_form", DeleteForm(formdata=None))
    return render_template("staff/reports/report.html", report=report, content=content,
                           charts=report_charts(content), editable=editable,
                           links_to_submissions=reads_originals(current_user), **forms)


@bp.get("/reports/<int:report_id>")
@require(Permission.READ_REPORTS)
def report(report_id: int):
    return _render_report(_readable(report_id))


@bp.get("/reports/<int:report_id>.pdf")
@require(Permission.READ_REPORTS)
def pdf(report_id: int):
    """The PDF when it is kept or quick to make; otherwise a page that says it is being prepared and asks again."""
    found = _readable(report_id)
    outcome = pdfs.pdf_for(db.session(), found, now=_now(), city_timezone=current_app.config["TIMEZONE"],
                           job_id=request.args.get("job"))
    if isinstance(outcome, pdfs.Ready):
        name = f"report-{found.id}" + ("" if found.is_final else "-draft") + ".pdf"
        return send_file(io.BytesIO(outcome.pdf), mimetype="application/pdf", as_attachment=True,
                         download_name=name)
    if isinstance(outcome, pdfs.Preparing):
        return render_template("staff/reports/pdf_preparing.html", report=found,
                               seconds=current_app.config["REPORT_PDF_REFRESH_SECONDS"],
                               again=url_for(".pdf", report_id=found.id, job=outcome.job_id)), 202
    if isinstance(outcome, pdfs.TooLong):
        return render_template("staff/reports/pdf_too_long.html", report=found, outcome=outcome), 503
    return render_template("staff/reports/pdf_failed.html", report=found), 500


@bp.post("/reports/<int:report_id>/edit")
@require(Permission.WRITE_REPORTS)
def edit(report_id: int):
    found = _report_or_404(report_id)
    form = RecommendationReportForm()
    if form.validate_on_submit():
        service.update_report(db.session(), found, title=form.title.data, start=form.period_start.data,
                              end=form.period_end.data, summary=form.summary.data or "", actor=current_user)
        flash(_("Saved."))
        return redirect(url_for(".report", report_id=found.id))
    return _render_report(found, report_form=form)


@bp.post("/reports/<int:report_id>/recommendations")
@require(Permission.WRITE_REPORTS)
def add_recommendation(report_id: int):
    found = _report_or_404(report_id)
    form = RecommendationForm()
    if form.validate_on_submit():
        added = service.add_recommendation(db.session(), found, **_recommendation_fields(form), actor=current_user)
        flash(_("Recommendation added."))
        return redirect(url_for(".report", report_id=found.id, _anchor=f"recommendation-{added.id}"))
    return _render_report(found, recommendation_form=form)


def _recommendation_fields(form: RecommendationForm) -> dict:
    return {"title": form.title.data, "body": form.body.data or "", "rationale": form.rationale.data or "",
            "responsible": form.responsible.data or "", "priority": Priority(form.priority.data)}


@bp.post("/reports/<int:report_id>/finalize")
@require(Permission.WRITE_REPORTS)
def finalize(report_id: int):
    found = _report_or_404(report_id)
    form = FinalizeForm()
    if form.validate_on_submit():
        service.finalize(db.session(), found, actor=current_user, signed_by=form.signed_by.data, now=_now(),
                         city_timezone=current_app.config["TIMEZONE"])
        flash(_("The report is final. Viewers in the mayor's office can now read it and download its PDF."))
        return redirect(url_for(".report", report_id=found.id))
    return _finalize_page(found, form)


def _finalize_page(found: Report, form: FinalizeForm):
    if found.is_final:
        return redirect(url_for(".report", report_id=found.id))
    return _render_report(found, finalize_form=form)


@bp.post("/reports/<int:report_id>/delete")
@require(Permission.WRITE_REPORTS)
def delete(report_id: int):
    found = _report_or_404(report_id)
    form = DeleteForm()
    if form.validate_on_submit():
        service.delete_draft(db.session(), found, actor=current_user)
        flash(_("The draft was deleted."))
        return redirect(url_for(".index"))
    if found.is_final:
        return redirect(url_for(".report", report_id=found.id))
    return _render_report(found, delete_form=form)


@bp.post("/reports/<int:report_id>/new-draft")
@require(Permission.WRITE_REPORTS)
def new_draft(report_id: int):
    found = _report_or_404(report_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    draft = service.start_draft_from(db.session(), found, actor=current_user)
    flash(_("A new draft was started from the final report. Change its period and texts as you need."))
    return redirect(url_for(".report", report_id=draft.id))


# --- Recommendations and evidence ---------------------------------------------------------------------------

def _evidence_forms(recommendation: Recommendation, replaced: dict[int, EvidenceEditForm]
                    ) -> list[tuple[Evidence, EvidenceEditForm]]:
    return [(item, replaced.get(item.id) or EvidenceEditForm(formdata=None, obj=item, prefix=f"evidence-{item.id}"))
            for item in recommendation.evidence]


def _render_recommendation(recommendation: Recommendation, form: RecommendationForm | None = None,
                           replaced: dict[int, EvidenceEditForm] | None = None):
    report = recommendation.report
    return render_template(
        "staff/reports/recommendation.html", report=report, recommendation=recommendation,
        form=form or RecommendationForm(formdata=None, obj=recommendation, priority=recommendation.priority.value),
        evidence_forms=_evidence_forms(recommendation, replaced or {}), editable=not report.is_final,
        finding=evidence_finder.find(db.session(), recommendation.id), all_themes=themes.all_themes(db.session()),
    )


@bp.route("/reports/<int:report_id>/recommendations/<int:recommendation_id>", methods=["GET", "POST"])
@require(Permission.WRITE_REPORTS)
def recommendation(report_id: int, recommendation_id: int):
    found = _recommendation_or_404(report_id, recommendation_id)
    if request.method == "GET":
        return _render_recommendation(found)
    if request.form.get("action") == "delete":
        if ActionForm().validate_on_submit():
            service.delete_recommendation(db.session(), found, actor=current_user)
            flash(_("Recommendation deleted."))
        return redirect(url_for(".report", report_id=report_id))
    form = RecommendationForm()
    if form.validate_on_submit():
        service.update_recommendation(db.session(), found, **_recommendation_fields(form), actor=current_user)
        flash(_("Saved."))
        return redirect(url_for(".recommendation", report_id=report_id, recommendation_id=found.id))
    return _render_recommendation(found, form)


@bp.post("/reports/<int:report_id>/recommendations/<int:recommendation_id>/move")
@require(Permission.WRITE_REPORTS)
def move(report_id: int, recommendation_id: int):
    found = _recommendation_or_404(report_id, recommendation_id)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if ActionForm().validate_on_submit() and step:
        service.move_recommendation(db.session(), found, step, actor=current_user)
    return redirect(url_for(".report", report_id=report_id, _anchor=f"recommendation-{found.id}"))


@bp.post("/reports/<int:report_id>/recommendations/<int:recommendation_id>/themes")
@require(Permission.WRITE_REPORTS)
def recommendation_themes(report_id: int, recommendation_id: int):
    """The themes the evidence finder looks in."""
    found = _recommendation_or_404(report_id, recommendation_id)
    if ActionForm().validate_on_submit():
        if found.report.is_final:
            raise service.ReportError(_("This report is final: nothing in it can change."))
        chosen = [int(value) for value in request.form.getlist("theme") if value.isdigit()]
        evidence_finder.set_themes(db.session(), found.id, chosen, actor=current_user)
        flash(_("Saved."))
    return redirect(url_for(".recommendation", report_id=report_id, recommendation_id=found.id,
                            _anchor="evidence-finder"))


@bp.post("/reports/<int:report_id>/recommendations/<int:recommendation_id>/found")
@require(Permission.WRITE_REPORTS)
def add_found_quote(report_id: int, recommendation_id: int):
    """A quote the evidence finder offered: the submission's whole redacted text, and its checked English."""
    found = _recommendation_or_404(report_id, recommendation_id)
    chosen = request.form.get("submission_id", "")
    if ActionForm().validate_on_submit() and chosen.isdigit():
        submission = db.session().get(Submission, int(chosen)) or abort(404)
        quote = evidence_finder.quotable(submission)
        if quote is None:
            raise service.ReportError(_("Only redacted text with a checked English translation may be quoted."))
        evidence = service.add_evidence(db.session(), found, submission, quote=quote[0], translation=quote[1],
                                        actor=current_user)
        flash(_("Quote added. Trim it to the words that matter."))
        return redirect(url_for(".recommendation", report_id=report_id, recommendation_id=found.id,
                                _anchor=f"evidence-{evidence.id}"))
    return redirect(url_for(".recommendation", report_id=report_id, recommendation_id=found.id))


@bp.post("/reports/<int:report_id>/evidence/<int:evidence_id>")
@require(Permission.WRITE_REPORTS)
def evidence(report_id: int, evidence_id: int):
    found = service.find_evidence(db.session(), evidence_id)
    if found is None or found.recommendation.report_id != report_id:
        abort(404)
    recommendation = found.recommendation
    back = url_for(".recommendation", report_id=report_id, recommendation_id=recommendation.id)
    action = request.form.get("action")
    if action == "remove":
        if ActionForm(prefix=f"evidence-{found.id}").validate_on_submit():
            service.remove_evidence(db.session(), found, actor=current_user)
            flash(_("Quote removed."))
        return redirect(back)
    form = EvidenceEditForm(prefix=f"evidence-{found.id}")
    if action == "save" and form.validate_on_submit():
        service.update_evidence(db.session(), found, quote=form.quote.data, translation=form.translation.data or "",
                                actor=current_user)
        flash(_("Saved."))
        return redirect(back + f"#evidence-{found.id}")
    if action != "save":
        return redirect(back)
    return _render_recommendation(recommendation, replaced={found.id: form})


def evidence_form(submission: Submission, formdata=None) -> EvidenceForm:
    """The "add to recommendation" form of a submission's page, its quote the whole redacted text to trim: a draft
    report to choose first (the only one, when there is one), then one of that report's recommendations."""
    drafts = service.draft_reports(db.session())
    form = EvidenceForm(formdata=formdata, quote=submission.redacted_text or "",
                        translation=service.person_english_of_redacted(submission),
                        report=str(drafts[0].id) if len(drafts) == 1 else "")
    form.report.choices = report_choices(drafts, first_label=_("Choose a report"))
    chosen = next((report for report in drafts if str(report.id) == form.report.data), None)
    form.recommendation.choices = [SelectChoice("", _("Choose a recommendation"))] + [
        SelectChoice(str(item.id), f"{item.position}. {item.title}")
        for item in (chosen.recommendations if chosen else [])]
    return form


@adds_forms_to("submission")
def _evidence_form_on_submission_page(submission: Submission, formdata=None) -> dict:
    return ({"evidence_form": evidence_form(submission, formdata)} if can(current_user, Permission.WRITE_REPORTS)
            else {})


@bp.post("/submissions/<int:submission_id>/evidence/report")
@require(Permission.WRITE_REPORTS)
def choose_evidence_report(submission_id: int):
    """Shows the chosen report's recommendations; the page comes back with everything typed on it."""
    return render_submission_page(triage.find_submission(db.session(), submission_id) or abort(404))


@bp.post("/submissions/<int:submission_id>/evidence")
@require(Permission.WRITE_REPORTS)
def add_evidence(submission_id: int):
    submission = triage.find_submission(db.session(), submission_id) or abort(404)
    form = evidence_form(submission, formdata=request.form)
    if form.validate_on_submit():
        kept = typed_elsewhere(submission, "evidence_form")
        chosen = service.find_recommendation(db.session(), int(form.recommendation.data))
        if chosen is None:
            raise service.ReportError(_("Choose a recommendation."))
        service.add_evidence(db.session(), chosen, submission, quote=form.quote.data,
                             translation=form.translation.data or "", actor=current_user)
        return saved_and_back(submission, {**kept, "evidence_form": evidence_form(submission)} if kept else {},
                              _("Added to “%(title)s” in the report “%(report)s”.", title=chosen.title,
                                report=chosen.report.title))
    if form.recommendation.errors and form.recommendation.data:
        form.recommendation.errors = [_("Choose one of the chosen report's recommendations.")]
    return render_submission_page(submission, evidence_form=form)


def bulk_evidence_form() -> BulkEvidenceForm:
    form = BulkEvidenceForm(formdata=request.form if request.method == "POST" else None,
                            next_url=request.full_path)
    form.recommendation.choices = _draft_choices(first_label=_("Choose a recommendation"))
    return form


@adds_forms_to("inbox")
def _bulk_evidence_form_in_inbox() -> dict:
    return {"evidence_bulk": bulk_evidence_form()} if can(current_user, Permission.WRITE_REPORTS) else {}


@bp.post("/bulk/evidence")
@require(Permission.WRITE_REPORTS)
def bulk_evidence():
    form = bulk_evidence_form()
    back = _back_from_bulk(form)
    chosen_ids = [int(value) for value in request.form.getlist("selected") if value.isdigit()]
    recommendation_id = form.recommendation.data
    if not form.validate_on_submit() or not chosen_ids or not recommendation_id:
        flash(_("Choose at least one submission and a recommendation."))
        return redirect(back)
    recommendation = db.session().get(Recommendation, int(recommendation_id)) or abort(404)
    submissions = list(db.session().scalars(select(Submission).where(Submission.id.in_(chosen_ids))
                                            .order_by(Submission.created_at.desc(), Submission.id.desc())))
    added, skipped = service.add_redacted_texts(db.session(), recommendation, submissions, actor=current_user)
    flash(_("Added %(count)s submissions to “%(title)s”, each quoting its whole redacted text: trim the quotes on "
            "the recommendation's page.", count=len(added), title=recommendation.title))
    if skipped:
        flash(_("Left out %(count)s without a redacted text (only redacted text may be quoted): %(codes)s.",
                count=len(skipped), codes=", ".join(f"#{item.id}" for item in skipped)))
    return redirect(back)


def _back_from_bulk(form: BulkEvidenceForm) -> str:
    return staff_path_or(form.next_url.data, url_for("triage.inbox"))


# --- What a refusal shows -----------------------------------------------------------------------------------

@bp.errorhandler(service.ReportError)
def _refused(error: service.ReportError):
    """The blueprint's one answer to a ReportError that escaped a view, whose changes are rolled back by then: a
    form with something to correct comes back on its page with what was typed and the message under its field;
    a button's refusal is flashed on the page the button was on."""
    message, args = str(error), request.view_args or {}
    endpoint = (request.endpoint or "").removeprefix("reports.")
    if endpoint == "finalize":
        form = FinalizeForm()
        form.confirm.errors = [message]
        return _finalize_page(_report_or_404(args["report_id"]), form)
    if endpoint == "evidence" and request.form.get("action") == "save":
        found = service.find_evidence(db.session(), args["evidence_id"]) or abort(404)
        form = EvidenceEditForm(prefix=f"evidence-{found.id}")
        form.quote.errors = [message]
        return _render_recommendation(found.recommendation, replaced={found.id: form})
    if endpoint == "add_evidence":
        submission = triage.find_submission(db.session(), args["submission_id"]) or abort(404)
        form = evidence_form(submission, formdata=request.form)
        form.quote.errors = [message]
        return render_submission_page(submission, evidence_form=form)
    flash(message)
    return redirect(_page_the_button_was_on(endpoint, args))


def _page_the_button_was_on(endpoint: str, args: dict) -> str:
    if endpoint == "bulk_evidence":
        return _back_from_bulk(bulk_evidence_form())
    if endpoint == "move":
        return url_for(".report", report_id=args["report_id"], _anchor=f"recommendation-{args['recommendation_id']}")
    if endpoint == "evidence":
        found = db.session().get(Evidence, args["evidence_id"]) or abort(404)
        return url_for(".recommendation", report_id=args["report_id"], recommendation_id=found.recommendation_id)
    if endpoint in ("recommendation_themes", "add_found_quote") or (
            endpoint == "recommendation" and request.form.get("action") != "delete"):
        return url_for(".recommendation", report_id=args["report_id"], recommendation_id=args["recommendation_id"])
    return url_for(".report", report_id=args["report_id"])


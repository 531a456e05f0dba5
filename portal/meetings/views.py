"""Staff meeting pages under /staff/meetings: list, create, edit, cancel, closing report, feedback summary, QR, flyer.

Viewers (the mayor's office) may read the list and each meeting's feedback summary, never contact details and,
since they may not read unredacted text, only the redacted text of comments. Changing anything needs
Permission.MANAGE_MEETINGS.
"""
from __future__ import annotations

from datetime import datetime, UTC

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext as _
from flask_login import current_user
from markupsafe import Markup

from portal.platform import db
from portal.accounts.permissions import Permission, can, reads_originals, require
from portal.platform.forms import PortalForm
from portal.platform.i18n import BY_TAG, LANGUAGES, Language, is_offered, offered_languages
from portal.meetings.forms import CancelForm, ClosingReportForm, FlyerForm, LinkConcernForm, MeetingForm
from portal.models import Interpretation, Meeting, Submission
from portal.meetings import flyer, service as meeting_service
from portal.meetings.paper_form import paper_form_pdf
from portal.platform.charts import bar_chart
from portal.meetings.qr import feedback_url, qr_svg_document
from portal.platform.links import public_base, public_url_problem
from portal.platform.staff_languages import OTHER_LANGUAGES, language_label

bp = Blueprint("meetings", __name__, url_prefix="/staff/meetings")

INTERPRETATION_COLUMNS = (Interpretation.YES, Interpretation.PARTLY, Interpretation.NO, Interpretation.NOT_NEEDED,
                          None)


def _zone() -> str:
    return current_app.config["TIMEZONE"]


def _now() -> datetime:
    return datetime.now(UTC)


def _meeting_or_404(meeting_id: int) -> Meeting:
    return db.session().get(Meeting, meeting_id) or abort(404)


def _interpretation_labels() -> dict[Interpretation | None, str]:
    return {Interpretation.YES: _("Yes"), Interpretation.PARTLY: _("Partly"), Interpretation.NO: _("No"),
            Interpretation.NOT_NEEDED: _("Not needed"), None: _("No answer")}


@bp.get("")
@require(Permission.VIEW_DASHBOARD)
def index():
    return render_template("staff/meetings/index.html", meetings=meeting_service.staff_meetings(db.session(), _now()),
                           responses=meeting_service.feedback_counts(db.session()), now=_now(), zone=_zone())


def _render_form(form: MeetingForm, meeting: Meeting | None):
    return render_template("staff/meetings/form.html", form=form, meeting=meeting, zone=_zone(),
                           other_languages=OTHER_LANGUAGES, language_label=language_label)


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.MANAGE_MEETINGS)
def new():
    form = MeetingForm(zone=_zone())
    if form.validate_on_submit():
        created = meeting_service.create_meeting(db.session(), form.details(), actor=current_user)
        flash(_("Meeting saved. Residents see it on the meetings page."))
        return redirect(url_for(".summary", meeting_id=created.id))
    return _render_form(form, None)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@require(Permission.MANAGE_MEETINGS)
def edit(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    form = MeetingForm(zone=_zone())
    if request.method == "GET":
        form.fill_from(found)
    elif form.validate_on_submit():
        changed = meeting_service.update_meeting(db.session(), found, form.details(), actor=current_user)
        flash(_("Meeting saved.") if changed else _("Nothing was changed."))
        return redirect(url_for(".summary", meeting_id=found.id))
    return _render_form(form, found)


@bp.post("/<int:meeting_id>/cancel")
@require(Permission.MANAGE_MEETINGS)
def cancel(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    form = CancelForm()
    if not form.validate_on_submit():
        return _render_summary(found, cancel_form=form)
    if meeting_service.cancel_meeting(db.session(), found, actor=current_user, now=_now()):
        flash(_("The meeting is cancelled. Residents see that, and it takes no more feedback."))
    return redirect(url_for(".summary", meeting_id=found.id))


@bp.route("/<int:meeting_id>/report", methods=["GET", "POST"])
@require(Permission.MANAGE_MEETINGS)
def report(meeting_id: int):
    """Write the closing report, see it as residents will in each language, then publish it."""
    found = _meeting_or_404(meeting_id)
    if not found.takes_report(_now()):
        return render_template("staff/meetings/report_not_open.html", meeting=found), 409
    form = ClosingReportForm()
    previews = None
    if request.method == "GET":
        form.fill_from(found)
    elif form.validate_on_submit():
        if request.form.get("action") == "preview":
            previews = _resident_previews(form.report().summary)
        else:
            meeting_service.save_report(db.session(), found, form.report(), actor=current_user, now=_now())
            flash(_("Closing report published. Residents read its summary on the meeting's page."))
            return redirect(url_for(".summary", meeting_id=found.id))
    return render_template("staff/meetings/report.html", form=form, meeting=found, other_languages=OTHER_LANGUAGES,
                           language_label=language_label, previews=previews)


def _resident_previews(summary: dict[str, str]) -> list[tuple[Language, Markup]]:
    """The summary block of the resident page as each language's readers would see it: every language with a
    translation, and the first one without (to show the note its readers get)."""
    shown, missing_shown = [], False
    for language in LANGUAGES:
        if not summary.get(language.tag):
            if missing_shown or not summary.get("en"):
                continue
            missing_shown = True
        text, text_lang = (summary[language.tag], language.tag) if summary.get(language.tag) else (summary["en"], "en")
        with force_locale(language.locale):
            shown.append((language, Markup(render_template(
                "public/_meeting_summary.html", summary=text, summary_lang=text_lang, language=language))))
    return shown


@bp.post("/<int:meeting_id>/report/take-down")
@require(Permission.MANAGE_MEETINGS)
def take_down_report(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    if meeting_service.take_down_report(db.session(), found, actor=current_user):
        flash(_("The closing report is taken down. Residents no longer see it; its texts are kept for you to "
                "correct and publish again."))
    return redirect(url_for(".summary", meeting_id=found.id))


def _charts(summary: meeting_service.FeedbackSummary) -> dict[str, Markup]:
    same_numbers = _("The table under the chart gives the same numbers.")
    return {
        name: bar_chart(title, [(str(value), count) for value, count in rating.distribution],
                        description=" ".join((_("How many responses gave each rating from 1 to 5."), same_numbers)))
        for name, title, rating in (("usefulness", _("How useful the meeting was"), summary.usefulness),
                                    ("felt_heard", _("How much people felt heard"), summary.felt_heard))
    }


def _render_summary(found: Meeting, link_form: LinkConcernForm | None = None,
                    cancel_form: CancelForm | None = None):
    originals = reads_originals(current_user)
    summary = meeting_service.feedback_summary(db.session(), found, reads_originals=originals)
    return render_template(
        "staff/meetings/meeting.html", meeting=found, summary=summary, charts=_charts(summary), now=_now(),
        zone=_zone(), concerns=meeting_service.linked_concerns(db.session(), found, reads_originals=originals),
        manages=can(current_user, Permission.MANAGE_MEETINGS),
        inbox_url=url_for("triage.inbox", meeting_id=found.id) if originals else None,
        link_form=link_form or LinkConcernForm(),
        cancel_form=cancel_form or CancelForm(), take_down_form=PortalForm(),
        interpretation_columns=INTERPRETATION_COLUMNS, interpretation_labels=_interpretation_labels(),
        qr_language=request.args.get("qr") if is_offered(request.args.get("qr") or "") else "en",
        languages_list=offered_languages(), language_label=language_label,
    )


@bp.get("/<int:meeting_id>")
@require(Permission.VIEW_DASHBOARD)
def summary(meeting_id: int):
    return _render_summary(_meeting_or_404(meeting_id))


@bp.post("/<int:meeting_id>/concerns")
@require(Permission.MANAGE_MEETINGS)
def link_concern(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    form = LinkConcernForm()
    if form.validate_on_submit():
        linked = meeting_service.link_concern(db.session(), found, form.reference.data, actor=current_user)
        flash(_("Concern %(code)s is linked to this meeting.", code=linked.reference))
        return redirect(url_for(".summary", meeting_id=found.id) + "#concerns")
    return _render_summary(found, link_form=form)


@bp.errorhandler(meeting_service.LinkError)
def _not_linked(error: meeting_service.LinkError):
    """The blueprint's one answer to a refusal that escaped a view, its changes rolled back: the meeting's page
    again with the typed reference code and why it cannot be linked."""
    form = LinkConcernForm()
    form.reference.errors = [{
        "unknown": _("No submission has that reference code."),
        "feedback": _("That is feedback on a meeting: it is linked to its meeting already."),
    }[error.reason]]
    return _render_summary(_meeting_or_404((request.view_args or {})["meeting_id"]), link_form=form)


@bp.post("/<int:meeting_id>/concerns/<int:submission_id>/unlink")
@require(Permission.MANAGE_MEETINGS)
def unlink_concern(meeting_id: int, submission_id: int):
    found = _meeting_or_404(meeting_id)
    submission = db.session().get(Submission, submission_id) or abort(404)
    if PortalForm().validate_on_submit() and meeting_service.unlink_concern(db.session(), found, submission,
                                                                            actor=current_user):
        flash(_("The concern is no longer linked to this meeting."))
    return redirect(url_for(".summary", meeting_id=found.id) + "#concerns")


@bp.get("/<int:meeting_id>/qr.svg")
@require(Permission.MANAGE_MEETINGS)
def qr(meeting_id: int):
    """The QR code of the feedback page in ?lang= (English by default), as an SVG file."""
    found = _meeting_or_404(meeting_id)
    tag = request.args.get("lang", "en")
    if not is_offered(tag):
        abort(404)
    url = feedback_url(found, tag)
    return Response(qr_svg_document(url, title=_("QR code: %(url)s", url=url)), mimetype="image/svg+xml",
                    headers={"Content-Disposition": f'inline; filename="meeting-{found.id}-{tag}.svg"'})


def _default_flyer_languages(found: Meeting) -> list[str]:
    """English, then the languages interpreted at the meeting, at most six."""
    wanted = {"en", *found.interpreted_languages}
    return [language.tag for language in offered_languages() if language.tag in wanted][:flyer.MAX_LANGUAGES]


@bp.get("/<int:meeting_id>/flyer")
@require(Permission.MANAGE_MEETINGS)
def flyer_options(meeting_id: int):
    found = _meeting_or_404(meeting_id)
    return _render_flyer_options(found, FlyerForm(formdata=None, **_flyer_defaults(found)))


def _flyer_defaults(found: Meeting) -> dict:
    """English and the interpreted languages; an invitation before the meeting; the city's usual paper."""
    return {"languages": _default_flyer_languages(found), "kind": flyer.default_kind(found, _now()),
            "paper": flyer.default_paper(current_app.config["PHONE_REGION"])}


def _render_flyer_options(found: Meeting, form: FlyerForm, status: int = 200):
    untitled = [language.tag for language in LANGUAGES if not found.title.get(language.tag)]
    return render_template("staff/meetings/flyer.html", form=form, meeting=found, untitled=untitled,
                           public_url_problem=public_url_problem(), public_url=public_base()), status


@bp.get("/<int:meeting_id>/paper-form.pdf")
@require(Permission.MANAGE_MEETINGS)
def paper_form(meeting_id: int):
    """The printed feedback form in ?language= (English without one), with the trust question."""
    found = _meeting_or_404(meeting_id)
    tag = request.args.get("language", "en")
    if tag not in BY_TAG:
        abort(404)
    return Response(paper_form_pdf(found, tag), mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="meeting-{found.id}-feedback-form-{tag}.pdf"'})


@bp.get("/<int:meeting_id>/flyer.pdf")
@require(Permission.MANAGE_MEETINGS)
def flyer_pdf(meeting_id: int):
    """The flyer for ?languages=..&kind=..&paper=..; what is not given takes the options page's defaults."""
    found = _meeting_or_404(meeting_id)
    form = FlyerForm(request.args, **_flyer_defaults(found))
    if "languages" not in request.args:
        form.languages.data = _default_flyer_languages(found)
    if not form.validate():
        return _render_flyer_options(found, form, 400)
    pdf = flyer.flyer_pdf(found, form.chosen_tags(), form.paper.data, form.kind.data)
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="meeting-{found.id}-{form.kind.data}-{form.paper.data}.pdf"'})

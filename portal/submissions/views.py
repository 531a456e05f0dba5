"""The back office: inbox, a submission's page and everything staff do there, new submissions; the inbox's CSV
export."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, UTC

from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from portal.platform import db
from portal.accounts import audit
from portal.accounts.permissions import Permission, can, require
from portal.platform.forms import PortalForm
from portal.models import Category, Kind, Meeting, Priority, Source, Status, Submission
from portal.submissions import inbox as inbox_service
from portal.submissions import export, staff_mail, triage, trust
from portal.submissions.intake import find_by_reference
from portal.submissions.redaction import highlight, masked
from portal.platform.links import staff_path_or
from portal.platform.reference import format_reference
from portal.submissions import filters as inbox_filters
from werkzeug.datastructures import MultiDict
from portal.submissions.forms import (
    AskTranslatorForm, BulkForm, DuplicateForm, DuplicatesForm, LanguageForm, NoteForm, RedactionForm, ReplyForm,
    StaffSubmissionForm,
    TranslationForm, TriageForm,
)
from portal.translation import service as translation
from portal.translation.english import best_english, needs_english, written_language

bp = Blueprint("triage", __name__, url_prefix="/staff")


# The inbox's filters and the choice lists live in portal/submissions/filters.py.
_people, _category_choices = inbox_filters.people, inbox_filters.category_choices
_person_choices = inbox_filters.person_choices

# Forms that features above this one add to its pages (reports: "add to a recommendation", on a submission's page
# and in the inbox's bulk actions). They register a function at import (`adds_forms_to`), so these views import
# none of them; each function returns the forms by their names in the template, or nothing for this person.
_added_forms: dict[str, list[Callable[..., dict[str, PortalForm]]]] = {"inbox": [], "submission": []}


def adds_forms_to(page: str):
    """Registers a function returning forms for `page`: "inbox" (called with nothing) or "submission" (called with
    the submission and the form data to fill them from: None for the forms as stored, else what was posted)."""

    def register(provider: Callable[..., dict[str, PortalForm]]):
        _added_forms[page].append(provider)
        return provider

    return register


def _forms_added_to(page: str, *args) -> dict[str, PortalForm]:
    return {name: form for provider in _added_forms[page] for name, form in provider(*args).items()}


@bp.get("/")
@require(Permission.TRIAGE)
def inbox():
    form, filters = inbox_filters.request_filters()
    cursor = inbox_service.Cursor.decode(request.args.get("after"))
    rows, next_cursor = inbox_service.page(db.session(), filters, cursor, current_app.config["INBOX_PAGE_SIZE"])
    counts = inbox_service.status_counts(db.session(), filters)
    matching = counts[filters.status] if filters.status else sum(counts.values())
    bulk = BulkForm(next_url=request.full_path, expected=str(matching))
    bulk.assignee.choices = _person_choices(_("Nobody"))
    bulk.scope.choices = [SelectChoice("chosen", _("The chosen submissions")),
                          SelectChoice("matching", _("All %(count)s that match these filters", count=matching))]
    return render_template(
        "staff/inbox.html", form=form, filters=filters, rows=rows, bulk=bulk, next_cursor=next_cursor,
        english={row.id: best_english(row, reads_originals=True) for row in rows},
        counts=counts, matching=matching, first_page=cursor is None,
        # "Select all on this page" without JavaScript: the same page, every row's box ticked.
        all_ticked=request.args.get("select") == "page", **_forms_added_to("inbox"),
    )


@bp.post("/bulk")
@require(Permission.TRIAGE)
def bulk():
    form = BulkForm()
    form.assignee.choices = _person_choices(_("Nobody"))
    if not form.validate_on_submit():
        flash(_("Choose at least one submission and an action."))
        return redirect(_back_to_inbox(form))
    if form.scope.data == "matching":
        # The inbox's filters travel with the bulk form, as in its URL.
        _filter_form, filters = inbox_filters.request_filters(request.form)
        chosen = inbox_service.matching_ids(db.session(), filters)
        if form.expected.data != str(len(chosen)):
            flash(_("%(now)s submissions match these filters now, not %(shown)s as the page said: nothing was "
                    "changed. Look at the list again and apply.", now=len(chosen), shown=form.expected.data))
            return redirect(_back_to_inbox(form))
    else:
        chosen = [int(value) for value in request.form.getlist("selected") if value.isdigit()]
    if not chosen:
        flash(_("Choose at least one submission and an action."))
        return redirect(_back_to_inbox(form))
    submissions = triage.find_submissions(db.session(), chosen)
    value = {"assign": form.assignee.data, "status": form.status.data, "tag": form.tags.data}[form.action.data]
    users = {str(user.id): user for user in _people()}
    triage.bulk_apply(db.session(), submissions, form.action.data, value or "", actor=current_user, users=users,
                      note=form.note.data or "")
    flash(_("Changed %(count)s submissions.", count=len(submissions)))
    return redirect(_back_to_inbox(form))


@bp.get("/workload")
@require(Permission.TRIAGE)
def workload():
    """Open work per person, each linked to the inbox filtered by them."""
    return render_template("staff/workload.html", rows=inbox_service.open_work(db.session()),
                           unassigned=inbox_service.UNASSIGNED, now=datetime.now(UTC))


def _back_to_inbox(form: BulkForm) -> str:
    return staff_path_or(form.next_url.data, url_for(".inbox"))


def _submission_or_404(submission_id: int) -> Submission:
    return triage.find_submission(db.session(), submission_id) or abort(404)


def _triage_form(submission: Submission, formdata=None) -> TriageForm:
    form = TriageForm(
        formdata=formdata, category=str(submission.category_id or ""), status=submission.status.value,
        assignee=str(submission.assignee_id or ""), priority=submission.priority.value,
        tags=", ".join(tag.name for tag in submission.tags),
    )
    form.category.choices = _category_choices(any_label=_("No topic"))
    form.assignee.choices = _person_choices(_("Nobody"))
    return form


# A submission's page is one HTML form: each panel's button sends every panel's text to its own endpoint, which
# saves its panel alone and, when something was typed in another, shows the page again with it (see
# saved_and_back). So a translation typed before pressing "Save triage" is never lost.

def page_forms(submission: Submission, formdata=None) -> dict[str, PortalForm]:
    """The page's forms by their names in the template: as stored (formdata None), else as posted (a field that
    was not posted keeps its stored value)."""
    return {
        "triage_form": _triage_form(submission, formdata),
        "note_form": NoteForm(formdata=formdata),
        "reply_form": ReplyForm(formdata=formdata),
        # The machine's draft to correct; saving it makes it a person's, checked by them.
        "translation_form": TranslationForm(formdata=formdata,
                                            translation=submission.translation or submission.machine_translation),
        # Likely names and numbers masked until a person saves; only a person's English for the mayor's office.
        "redaction_form": RedactionForm(
            formdata=formdata,
            redacted_text=submission.redacted_text if submission.redacted_text is not None
            else masked(translation.original_text(submission)),
            redacted_translation=submission.redacted_translation if submission.redacted_translation is not None
            else submission.translation),
        "language_form": LanguageForm(formdata=formdata, language=written_language(submission)),
        "ask_form": AskTranslatorForm(formdata=formdata),
        "duplicate_form": DuplicateForm(formdata=formdata, original=format_reference(submission.duplicate_of.reference)
                                        if submission.duplicate_of else ""),
        "duplicates_form": DuplicatesForm(formdata=formdata),
        **_forms_added_to("submission", submission, formdata),
    }


def _answers(form: PortalForm) -> dict:
    """What a form holds, an empty field the same whether it was sent empty or not at all."""
    return {name: "" if value is None else value for name, value in form.data.items() if name != "csrf_token"}


def typed_elsewhere(submission: Submission, saved: str) -> dict[str, PortalForm]:
    """The page's other forms as posted, when any of them differs from what is stored: what the person typed and
    has not saved. Called before the change is applied, so that "stored" is what the page showed."""
    posted, stored = _forms_only(page_forms(submission, request.form)), _forms_only(page_forms(submission))
    changed = [name for name in posted if name != saved and _answers(posted[name]) != _answers(stored[name])]
    return {name: form for name, form in posted.items() if name != saved} if changed else {}


def _forms_only(shown: dict) -> dict[str, PortalForm]:
    """The page's forms, without what other features' panels show beside theirs (a theme list, say)."""
    return {name: value for name, value in shown.items() if isinstance(value, PortalForm)}


def saved_and_back(submission: Submission, kept: dict[str, PortalForm], message: str | None = None):
    """After a panel is saved: back to the page; with what was typed elsewhere still in it when there was some."""
    flash(message or _("Saved."))
    if not kept:
        query = urlencode(_inbox_args())
        return redirect(url_for("triage.submission", submission_id=submission.id) + (f"?{query}" if query else ""))
    flash(_("What you typed in the other panels is still below, not saved yet."))
    db.session().flush()  # dates the new note or reply on the timeline
    return render_submission_page(submission, **kept)


def render_submission_page(submission: Submission, **forms):
    """A submission's page; `forms` replace its forms as stored, or, on a POST, as posted (what was typed stays)."""
    shown = page_forms(submission, request.form if request.method == "POST" else None)
    shown.update(forms)
    filters = _inbox_filters()
    inbox_args = filters.as_query_args()
    previous_id, next_id = inbox_service.neighbours(db.session(), filters, submission)
    return render_template("staff/submission.html", submission=submission, timeline=triage.timeline(submission),
                           inbox_args=inbox_args, inbox_query=urlencode(inbox_args), previous_id=previous_id,
                           next_id=next_id,
                           reply_language=triage.reply_language(db.session(), submission),
                           may_reveal_contact=can(current_user, Permission.SEE_CONTACT),
                           highlighted=highlight(translation.original_text(submission)),
                           english=best_english(submission, reads_originals=True),
                           needs_english=needs_english(submission), written_language=written_language(submission),
                           **shown)


def _inbox_filters() -> inbox_service.InboxFilters:
    """The inbox's filters and order a person came from: in the URL of a submission's page, and sent back in its
    form (field "inbox"), so previous and next follow that list, also after saving."""
    if request.method == "POST":
        sent = MultiDict(parse_qsl(request.form.get("inbox", "")))
    else:
        sent = request.args
    return inbox_filters.request_filters(sent)[1]


def _inbox_args() -> dict[str, str]:
    return _inbox_filters().as_query_args()


@bp.get("/submissions/<int:submission_id>")
@require(Permission.TRIAGE)
def submission(submission_id: int):
    return render_submission_page(_submission_or_404(submission_id))


# Where a TriageError escaping a submission's action is shown: its form's name on the page and the field.
_ERROR_FIELDS: dict[str, tuple[str, str]] = {"triage.update_triage": ("triage_form", "note")}


@bp.post("/submissions/<int:submission_id>/triage")
@require(Permission.TRIAGE)
def update_triage(submission_id: int):
    found = _submission_or_404(submission_id)
    form = _triage_form(found, formdata=request.form)
    if form.validate_on_submit():
        kept = typed_elsewhere(found, "triage_form")
        people = {str(user.id): user for user in _people()}
        change = triage.TriageChange(
            category=db.session().get(Category, int(form.category.data)) if form.category.data else None,
            status=Status(form.status.data), assignee=people.get(form.assignee.data),
            priority=Priority(form.priority.data), tag_names=triage.parse_tags(form.tags.data),
            note=form.note.data or "",
        )
        triage.apply_triage(db.session(), found, change, actor=current_user)
        return saved_and_back(found, {**kept, "triage_form": _triage_form(found)} if kept else {})
    return render_submission_page(found, triage_form=form)


def _simple_action(form_class, form_name: str, apply):
    """The shared shape of the small forms on a submission's page: validate, apply, come back."""

    def view(submission_id: int):
        found = _submission_or_404(submission_id)
        form = form_class()
        if form.validate_on_submit():
            kept = typed_elsewhere(found, form_name)
            apply(found, form)
            return saved_and_back(found, {**kept, form_name: page_forms(found)[form_name]} if kept else {})
        return render_submission_page(found, **{form_name: form})

    return view


def _add_note(found, form):
    triage.add_note(db.session(), found, form.body.data, actor=current_user)


def _add_reply(found, form):
    triage.add_reply(db.session(), found, form.body.data, actor=current_user)


def _save_translation(found, form):
    translation.save_checked_translation(db.session(), found, form.translation.data or "", actor=current_user)


def _save_redaction(found, form):
    triage.save_redaction(db.session(), found, form.redacted_text.data or "", actor=current_user)
    if needs_english(found):
        translation.save_redacted_translation(db.session(), found, form.redacted_translation.data or "",
                                              actor=current_user)


def _correct_language(found, form):
    translation.correct_language(db.session(), found, form.language.data, actor=current_user)


def _ask_translator(found, _form):
    translation.request_human_translation(db.session(), found, actor=current_user)


def _mark_duplicates(found, form):
    marked = triage.mark_duplicates_of(db.session(), found, triage.reference_lines(form.codes.data or ""),
                                       actor=current_user)
    flash(_("Marked %(count)s submissions as duplicates of this one.", count=len(marked)))


def _mark_duplicate(found, form):
    original = None
    if form.original.data:
        original = find_by_reference(db.session(), form.original.data)
        if original is None:
            raise triage.TriageError(_("No submission has that reference code."))
    triage.mark_duplicate(db.session(), found, original, actor=current_user)


for _name, _form_class, _form_name, _field, _apply in (
    ("add_note", NoteForm, "note_form", "body", _add_note),
    ("add_reply", ReplyForm, "reply_form", "body", _add_reply),
    ("save_translation", TranslationForm, "translation_form", "translation", _save_translation),
    ("save_redaction", RedactionForm, "redaction_form", "redacted_text", _save_redaction),
    ("mark_duplicate", DuplicateForm, "duplicate_form", "original", _mark_duplicate),
    ("correct_language", LanguageForm, "language_form", "language", _correct_language),
    ("ask_translator", AskTranslatorForm, "ask_form", "csrf_token", _ask_translator),
    ("mark_duplicates", DuplicatesForm, "duplicates_form", "codes", _mark_duplicates),
):
    _view = require(Permission.TRIAGE)(_simple_action(_form_class, _form_name, _apply))
    _view.__name__ = _name
    bp.add_url_rule(f"/submissions/<int:submission_id>/{_name.split('_', 1)[1]}", _name, _view, methods=["POST"])
    _ERROR_FIELDS[f"triage.{_name}"] = (_form_name, _field)


@bp.errorhandler(triage.TriageError)
@bp.errorhandler(translation.TranslationRefused)
def _refused(error: triage.TriageError | translation.TranslationRefused):
    """The blueprint's one answer to a TriageError that escaped a view, whose changes are rolled back by then:
    a bulk change goes back to the inbox with the message; a submission's form comes back on its page with what
    was typed in every panel and the message under its field."""
    if request.endpoint == "triage.bulk":
        flash(str(error))
        return redirect(_back_to_inbox(BulkForm()))
    found = _submission_or_404((request.view_args or {})["submission_id"])
    form_name, field_name = _ERROR_FIELDS[request.endpoint or ""]
    form = page_forms(found, request.form)[form_name]
    form[field_name].errors = [str(error)]
    return render_submission_page(found, **{form_name: form})


@bp.post("/submissions/<int:submission_id>/contact")
@require(Permission.SEE_CONTACT)
def reveal_contact(submission_id: int):
    found = _submission_or_404(submission_id)
    contact = triage.reveal_contact(db.session(), found, actor=current_user)
    return render_submission_page(found, revealed_contact=contact, contact_shown=True)


@bp.route("/submissions/new", methods=["GET", "POST"])
@require(Permission.TRIAGE)
def new_submission():
    form = StaffSubmissionForm(phone_region=current_app.config["PHONE_REGION"])
    form.category.choices = _category_choices(any_label=_("Choose a topic"))
    form.meeting.choices = [SelectChoice("", _("Choose a meeting"))] + [
        SelectChoice(str(meeting.id), f"{meeting.starts_at:%Y-%m-%d} {meeting.text_in('title', 'en')[0]}")
        for meeting in triage.recent_meetings(db.session())]
    if form.validate_on_submit():
        created = triage.enter_for_someone(
            db.session(), kind=Kind(form.kind.data), source=Source(form.source.data), language=form.language.data,
            category=db.session().get(Category, int(form.category.data)) if form.category.data else None,
            meeting=db.session().get(Meeting, int(form.meeting.data)) if form.meeting.data else None,
            body=form.body.data, neighbourhood=form.neighbourhood.data or "", answers=form.feedback_answers()
            if form.kind.data == Kind.MEETING_FEEDBACK.value else None,
            contact=form.contact_details(), english_summary=form.english_summary.data or "", actor=current_user)
        created.detected_language = form.language.data  # staff heard it: no guess needed
        answer = trust.answer_from(form.trust.data)
        if answer is not None:  # counted apart from the submission (portal/submissions/trust.py)
            trust.count_answer(db.session(), answer, language=form.language.data, source=Source(form.source.data))
        staff_mail.queue_alerts(db.session(), created, actor=current_user)
        flash(_("Saved. Give the person this reference code: %(code)s", code=format_reference(created.reference)))
        return redirect(url_for(".submission", submission_id=created.id))
    return render_template("staff/new_submission.html", form=form, trust_question=trust.TRUST_QUESTION)


@bp.get("/export.csv")
@require(Permission.TRIAGE)
def export_csv():
    """The inbox's rows under its current filters, streamed; contact details only when an admin asks."""
    include_contact = request.args.get("include_contact") == "1"
    if include_contact and not can(current_user, Permission.ADMINISTER):
        abort(403)
    _form, filters = inbox_filters.request_filters()
    audit.record(db.session(), "export.csv", actor=current_user, filters=filters.as_query_args(),
                 include_contact=include_contact)
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy, typed as Flask

    def stream():
        # Runs after the request has committed and closed its session: the rows come through a session of their
        # own, opened at the first chunk. Each chunk is held back until the next one is ready, so the last one
        # goes out after that session is closed and its connection is back in the pool.
        held = None
        with app.app_context():
            for chunk in export.csv_chunks(db.session(), filters, include_contact=include_contact):
                if held is not None:
                    yield held
                held = chunk
        if held is not None:
            yield held

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    response = Response(stream(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="submissions-{stamp}.csv"'
    return response

"""The theme board at /staff/themes: themes, their pages, working a theme, suggestions to accept or reject; and the
themes panel on a submission's page ("similar submissions", "add to a theme"). Staff who triage only: a theme's
page lists reference codes and what residents wrote."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal.accounts.permissions import Permission, can, require
from portal.models import Status, Theme
from portal.platform import db
from portal.platform.i18n import BY_TAG
from portal.platform.charts import bar_chart
from portal.platform.domain import DomainError
from portal.submissions import filters as inbox_filters
from portal.submissions.intake import find_by_reference
from portal.submissions import triage
from portal.submissions.views import adds_forms_to, render_submission_page, saved_and_back, typed_elsewhere
from portal.themes import service, suggestions
from portal.themes.forms import (
    AcceptForm, AddMembersForm, AssignForm, MembersForm, MergeForm, StatusForm, ThemeForm,
)
from portal.submissions.forms import PrefixedForm

bp = Blueprint("themes", __name__, url_prefix="/staff")
_REFERENCE_SEPARATORS = re.compile(r"[\s,;]+")


def _theme_or_404(theme_id: int) -> Theme:
    return service.find_theme(db.session(), theme_id) or abort(404)


def _chosen() -> list[int]:
    return [int(value) for value in request.form.getlist("selected") if value.isdigit()]


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() else 1


# --- The board --------------------------------------------------------------------------------------------------

def _render_index(form: ThemeForm):
    _open, waiting = suggestions.open_suggestions(db.session(), page=1)
    return render_template("staff/themes/index.html", themes=service.all_themes(db.session()), form=form,
                           waiting=waiting)


@bp.get("/themes")
@require(Permission.TRIAGE)
def index():
    return _render_index(ThemeForm())


@bp.post("/themes")
@require(Permission.TRIAGE)
def create():
    form = ThemeForm()
    if not form.validate_on_submit():
        return _render_index(form)
    theme = service.create_theme(db.session(), form.name.data, description=form.description.data or "",
                                 actor=current_user)
    flash(_("Theme created. Add submissions to it from suggestions, a submission's page, or here."))
    return redirect(url_for(".theme", theme_id=theme.id))


# --- A theme ------------------------------------------------------------------------------------------------------

def _merge_form(theme: Theme, formdata=None) -> MergeForm:
    form = MergeForm(formdata=formdata)
    form.target.choices = [SelectChoice("", _("Choose a theme"))] + [
        SelectChoice(str(other_id), name) for other_id, name in service.theme_choices(db.session())
        if other_id != theme.id]
    return form


def _assign_form(formdata=None) -> AssignForm:
    form = AssignForm(formdata=formdata)
    form.assignee.choices = inbox_filters.person_choices(_("Nobody"))
    return form


def _trend_chart(page: service.ThemePage):
    return bar_chart(
        _("Residents by week"), page.trend,
        description=_("How many residents first wrote about this theme in each ISO week (Monday to Sunday), the "
                      "last 12 weeks up to its newest submission. The table under the chart gives the same numbers."))


def _render_theme(theme: Theme, **forms):
    page = service.theme_page(db.session(), theme, _page_number(), reads_originals=True)
    defaults = {"edit_form": ThemeForm(formdata=None, obj=theme), "members_form": MembersForm(),
                "merge_form": _merge_form(theme), "status_form": StatusForm(), "assign_form": _assign_form(),
                "add_form": AddMembersForm()}
    defaults.update(forms)
    return render_template("staff/themes/theme.html", theme=theme, page=page,
                           trend_chart=_trend_chart(page) if page.trend else None, **defaults)


@bp.get("/themes/<int:theme_id>")
@require(Permission.TRIAGE)
def theme(theme_id: int):
    return _render_theme(_theme_or_404(theme_id))


def _back(theme: Theme):
    return redirect(url_for(".theme", theme_id=theme.id))


@bp.post("/themes/<int:theme_id>/edit")
@require(Permission.TRIAGE)
def edit(theme_id: int):
    found = _theme_or_404(theme_id)
    form = ThemeForm()
    if not form.validate_on_submit():
        return _render_theme(found, edit_form=form)
    service.rename_theme(db.session(), found, form.name.data, description=form.description.data or "",
                         actor=current_user)
    flash(_("Saved."))
    return _back(found)


@bp.post("/themes/<int:theme_id>/members")
@require(Permission.TRIAGE)
def members(theme_id: int):
    found = _theme_or_404(theme_id)
    form = MembersForm()
    if not form.validate_on_submit() or not _chosen():
        flash(_("Choose at least one submission and an action."))
        return _back(found)
    if form.action.data == "split":
        new = service.split_theme(db.session(), found, _chosen(), form.new_name.data or "", actor=current_user)
        flash(_("Moved %(count)s submissions into the new theme “%(name)s”.", count=len(_chosen()), name=new.name))
        return redirect(url_for(".theme", theme_id=new.id))
    removed = service.remove_members(db.session(), found, _chosen(), actor=current_user)
    flash(_("Removed %(count)s submissions from this theme.", count=removed))
    return _back(found)


@bp.post("/themes/<int:theme_id>/add")
@require(Permission.TRIAGE)
def add(theme_id: int):
    found = _theme_or_404(theme_id)
    form = AddMembersForm()
    if not form.validate_on_submit():
        return _render_theme(found, add_form=form)
    ids, unknown = [], []
    for code in filter(None, _REFERENCE_SEPARATORS.split(form.references.data)):
        submission = find_by_reference(db.session(), code)
        (ids.append(submission.id) if submission else unknown.append(code))
    if unknown:
        form.references.errors = [_("No submission has these reference codes: %(codes)s",
                                    codes=", ".join(unknown))]
        return _render_theme(found, add_form=form)
    added = service.add_members(db.session(), found, ids, actor=current_user)
    flash(_("Added %(count)s submissions.", count=added))
    return _back(found)


@bp.post("/themes/<int:theme_id>/merge")
@require(Permission.TRIAGE)
def merge(theme_id: int):
    found = _theme_or_404(theme_id)
    form = _merge_form(found, formdata=request.form)
    if not form.validate_on_submit():
        return _render_theme(found, merge_form=form)
    target = _theme_or_404(int(form.target.data))
    moved = service.merge_themes(db.session(), found, target, actor=current_user)
    flash(_("Merged into “%(name)s”: %(count)s submissions joined it.", name=target.name, count=moved))
    return redirect(url_for(".theme", theme_id=target.id))


@bp.post("/themes/<int:theme_id>/delete")
@require(Permission.TRIAGE)
def delete(theme_id: int):
    found = _theme_or_404(theme_id)
    if PrefixedForm().validate_on_submit():
        service.delete_theme(db.session(), found, actor=current_user)
        flash(_("Theme deleted. Its submissions are unchanged."))
    return redirect(url_for(".index"))


@bp.post("/themes/<int:theme_id>/status")
@require(Permission.TRIAGE)
def set_status(theme_id: int):
    found = _theme_or_404(theme_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return _render_theme(found, status_form=form)
    changed = service.set_members_status(db.session(), found, Status(form.status.data), note=form.note.data or "",
                                         actor=current_user)
    flash(_("Changed %(count)s submissions.", count=changed))
    return _back(found)


@bp.post("/themes/<int:theme_id>/assign")
@require(Permission.TRIAGE)
def assign(theme_id: int):
    found = _theme_or_404(theme_id)
    form = _assign_form(formdata=request.form)
    if not form.validate_on_submit():
        return _render_theme(found, assign_form=form)
    people = {str(user.id): user for user in inbox_filters.people()}
    changed = service.assign_members(db.session(), found, people.get(form.assignee.data), actor=current_user)
    flash(_("Changed %(count)s submissions.", count=changed))
    return _back(found)


# --- One reply, in every language ---------------------------------------------------------------------------------

def _reply_form(needed: list[tuple[str, int]], formdata=None) -> PrefixedForm:
    """A text for each language the theme's residents read their replies in."""

    class ThemeReplyForm(PrefixedForm):
        prefix_name = "reply"

    for tag, count in needed:
        name = BY_TAG[tag].endonym if tag in BY_TAG else tag
        setattr(ThemeReplyForm, _field_name(tag), TextAreaField(
            _("%(language)s (%(tag)s): %(count)s residents", language=name, tag=tag, count=count),
            validators=[Length(max=20000)]))
    return ThemeReplyForm(formdata=formdata)


def _field_name(tag: str) -> str:
    return "text_" + tag.replace("-", "_")


@bp.route("/themes/<int:theme_id>/reply", methods=["GET", "POST"])
@require(Permission.TRIAGE)
def reply(theme_id: int):
    found = _theme_or_404(theme_id)
    needed = service.languages_needed(db.session(), found)
    form = _reply_form(needed, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate_on_submit():
        texts = {tag: form[_field_name(tag)].data or "" for tag, _count in needed}
        sent = service.reply_to_members(db.session(), found, texts, actor=current_user)
        flash(_("Replied to %(count)s residents.", count=sent.replied))
        for tag, count in sorted(sent.missing.items()):
            flash(_("Not sent to %(count)s residents who read %(tag)s: write the reply in their language.",
                    count=count, tag=tag))
        return _back(found)
    return render_template("staff/themes/reply.html", theme=found, form=form, needed=needed,
                           field_name=_field_name)


# --- Suggestions --------------------------------------------------------------------------------------------------

def _accept_form(suggestion_id: int, formdata=None) -> AcceptForm:
    form = AcceptForm(formdata=formdata, prefix=f"accept-{suggestion_id}")
    form.theme.choices = [SelectChoice("", _("A new theme"))] + [
        SelectChoice(str(theme_id), name) for theme_id, name in service.theme_choices(db.session())]
    return form


@bp.get("/themes/suggestions")
@require(Permission.TRIAGE)
def suggestion_list():
    page = _page_number()
    shown, total = suggestions.open_suggestions(db.session(), page=page)
    forms = {item.id: _accept_form(item.id) for item in shown}
    return render_template("staff/themes/suggestions.html", suggestions=shown, total=total, accept_forms=forms,
                           page=page, per_page=suggestions.SUGGESTIONS_PER_PAGE)


@bp.post("/themes/suggestions/<int:suggestion_id>")
@require(Permission.TRIAGE)
def decide(suggestion_id: int):
    found = suggestions.find_suggestion(db.session(), suggestion_id) or abort(404)
    form = _accept_form(found.id, formdata=request.form)
    if not form.validate_on_submit():
        flash(_("Choose at least one submission and an action."))
        return redirect(url_for(".suggestion_list"))
    if request.form.get("action") == "reject":
        suggestions.reject(db.session(), found, actor=current_user)
        flash(_("Suggestion rejected."))
        return redirect(url_for(".suggestion_list"))
    theme = _theme_or_404(int(form.theme.data)) if form.theme.data else None
    accepted = suggestions.accept(db.session(), found, _chosen(), actor=current_user, theme=theme,
                                  new_name=form.new_name.data or "", as_duplicates=form.as_duplicates.data)
    if accepted is None:
        flash(_("Marked as duplicates of the earliest."))
    else:
        flash(_("Added to the theme “%(name)s”.", name=accepted.name))
    return redirect(url_for(".suggestion_list"))


# --- On a submission's page ---------------------------------------------------------------------------------------

class AddToThemeForm(PrefixedForm):
    """The themes panel of a submission's page: the theme to add it to (its choices are the themes it is not in)."""

    prefix_name = "totheme"
    theme = SelectField(_l("Add to a theme"), choices=[], validators=[Optional()])


def _add_to_theme_form(submission_id: int, formdata=None) -> AddToThemeForm:
    form = AddToThemeForm(formdata=formdata)
    mine = {theme.id for theme in service.themes_of(db.session(), submission_id)}
    form.theme.choices = [SelectChoice(str(theme_id), name) for theme_id, name in service.theme_choices(db.session())
                          if theme_id not in mine]
    return form


@adds_forms_to("submission")
def _themes_panel(submission, formdata=None) -> dict:
    """The panel's form, as stored or as posted, and what it shows (a submission's page is one form)."""
    if not can(current_user, Permission.TRIAGE):
        return {}
    return {"add_to_theme_form": _add_to_theme_form(submission.id, formdata), "themes_panel": ThemesPanel(
        themes=service.themes_of(db.session(), submission.id),
        similar=suggestions.similar_to(db.session(), submission.id))}


@dataclass(frozen=True)
class ThemesPanel:
    """What the themes panel shows beside its form: the submission's themes and similar submissions."""

    themes: list
    similar: list


@bp.post("/submissions/<int:submission_id>/themes")
@require(Permission.TRIAGE)
def add_submission(submission_id: int):
    submission = triage.find_submission(db.session(), submission_id) or abort(404)
    form = _add_to_theme_form(submission_id, request.form)
    if not form.validate_on_submit() or not (form.theme.data or "").isdigit():
        return render_submission_page(submission)
    kept = typed_elsewhere(submission, "add_to_theme_form")
    found = _theme_or_404(int(form.theme.data))
    service.add_members(db.session(), found, [submission_id], actor=current_user)
    return saved_and_back(submission, {**kept, "add_to_theme_form": _add_to_theme_form(submission_id)} if kept
                          else {}, _("Added to the theme “%(name)s”.", name=found.name))


@bp.errorhandler(DomainError)
def _refused(error: DomainError):
    """The changes are rolled back by now: say why, on the page the form was on."""
    flash(str(error))
    theme_id = (request.view_args or {}).get("theme_id")
    if request.endpoint == "themes.decide":
        return redirect(url_for(".suggestion_list"))
    return redirect(url_for(".theme", theme_id=theme_id) if theme_id else url_for(".index"))

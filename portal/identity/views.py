"""/staff/admin/office: the office's identity per language; /staff/admin/wording: residents' wording suggestions;
/staff/admin/language-access: the language-access report and its CSV."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from portal.accounts.permissions import Permission, require
from portal.identity import language_access as access, office, suggestions
from portal.identity.resident_pages import PAGES, RESIDENT_TEXTS
from portal.models import WordingSuggestion
from portal.platform.forms import PortalForm
from portal.identity.forms import LABELS, MULTILINE, office_form_class
from portal.platform import db
from portal.platform.i18n import BY_TAG, DEFAULT_TAG, LANGUAGES, offered_languages
from portal.platform.staff_languages import language_label

bp = Blueprint("identity", __name__, url_prefix="/staff/admin")


@bp.route("/office", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def office_settings():
    form = office_form_class()()
    if form.validate_on_submit():
        if office.save_identity(db.session(), form.versions(), actor=current_user):
            flash(_("The office's details are saved. Resident pages show them within a minute."))
        return redirect(url_for(".office_settings"))
    identity = office.stored_identity(db.session())
    if not form.is_submitted():
        form.fill_from(identity)
    missing = [(language_label(BY_TAG[tag]), [str(LABELS[name]) for name in names])
               for tag, names in identity.missing().items()]
    return render_template("staff/office.html", form=form, fields=office.FIELDS, multiline=MULTILINE,
                           languages=form.languages, default_tag=DEFAULT_TAG, missing=missing,
                           language_label=language_label)


@bp.get("/wording")
@require(Permission.ADMINISTER)
def wording_suggestions():
    """Suggestions per language; one language's list at a time, oldest first, to turn into catalog changes."""
    counts = suggestions.counts_by_language(db.session())
    chosen = request.args.get("language")
    listed = suggestions.suggestions_in(db.session(), chosen) if chosen in BY_TAG else []
    return render_template("staff/wording.html", counts=counts, chosen=chosen if chosen in BY_TAG else None,
                           listed=listed, pages=PAGES, page_links=_page_links(chosen) if chosen in BY_TAG else {},
                           languages=offered_languages(), form=PortalForm(),
                           language_label=language_label, by_tag=BY_TAG)


@bp.post("/wording/<int:wording_suggestion_id>/remove")
@require(Permission.ADMINISTER)
def remove_wording_suggestion(wording_suggestion_id: int):
    found = db.session().get(WordingSuggestion, wording_suggestion_id) or abort(404)
    language = found.language
    if PortalForm().validate_on_submit():
        suggestions.remove_suggestion(db.session(), found, actor=current_user)
        flash(_("Removed the suggestion."))
    return redirect(url_for(".wording_suggestions", language=language))


def _page_links(tag: str) -> dict[str, str]:
    """Links to the registered pages in a language, for those that need no more than the language (not a meeting's)."""
    links = {}
    for key in PAGES:
        try:
            links[key] = url_for(key, lang=tag)
        except BuildError:
            continue
    return links


class ReviewForm(PortalForm):
    language = SelectField(_l("Language"), choices=lambda: [
        SelectChoice(language.tag, language_label(language)) for language in LANGUAGES if language.tag != DEFAULT_TAG])
    status = SelectField(_l("Catalog status"), choices=[SelectChoice(access.DRAFT, _l("Draft")),
                                                       SelectChoice(access.REVIEWED, _l("Reviewed"))])
    reviewer = StringField(_l("Reviewed by"), validators=[Length(max=200)])
    on = DateField(_l("Reviewed on"), validators=[Optional()])


def _period() -> tuple[date, date]:
    """?since=&until= (ISO dates); by default the last 365 days."""
    today = datetime.now(UTC).date()
    try:
        until = date.fromisoformat(request.args.get("until") or today.isoformat())
        since = date.fromisoformat(request.args.get("since") or (until - timedelta(days=364)).isoformat())
    except ValueError:
        abort(400)
    return since, until


@bp.route("/language-access", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def language_access():
    form = ReviewForm()
    if form.validate_on_submit():
        access.record_review(db.session(), form.language.data, access.Review(
            form.status.data, form.reviewer.data or "", form.on.data.isoformat() if form.on.data else ""),
            actor=current_user)
        flash(_("Recorded the catalog's review status."))
        return redirect(url_for(".language_access"))
    since, until = _period()
    rows = access.report(db.session(), current_app.config["BABEL_TRANSLATION_DIRECTORIES"], since, until)
    return render_template("staff/language_access.html", rows=rows, texts=RESIDENT_TEXTS, since=since, until=until,
                           availability=access.availability, form=form, language_label=language_label)


@bp.get("/language-access.csv")
@require(Permission.ADMINISTER)
def language_access_csv():
    since, until = _period()
    rows = access.report(db.session(), current_app.config["BABEL_TRANSLATION_DIRECTORIES"], since, until)
    return Response(access.as_csv(rows, since, until), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="language-access-{since}-{until}.csv"'})

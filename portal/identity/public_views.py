"""/<lang>/suggest-wording: a reader proposes a better sentence for a page, without an account."""
from __future__ import annotations

from flask import Blueprint, Flask, abort, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.identity import suggestions
from portal.identity.resident_pages import PAGES
from portal.platform import db
from portal.platform.forms import PortalForm
from portal.platform.i18n import current_language
from portal.platform.rate_limits import limit_posts

bp = Blueprint("wording", __name__, url_prefix="/<lang:lang>")


@bp.url_value_preprocessor
def take_language(_endpoint, values):
    g.lang = values.pop("lang")


@bp.url_defaults
def add_language(_endpoint, values):
    values.setdefault("lang", g.get("lang") or current_language().tag)


class SuggestionForm(PortalForm):
    page = HiddenField()
    back = HiddenField()
    text = TextAreaField(_l("Your better wording"), validators=[
        DataRequired(_l("Write your suggestion.")),
        Length(max=suggestions.MAX_CHARS, message=_l("Please make this shorter: at most %(max)d characters."))])


def _back_to(tag: str) -> str:
    """The page the reader came from (only a path of ours in this language, never stored), else the home page."""
    back = request.values.get("back", "")
    if back.startswith(f"/{tag}/") and "//" not in back and "\\" not in back:
        return back
    return url_for("public.home")


def _page_or_404() -> str:
    page = request.values.get("page", "")
    if page not in PAGES:
        abort(404)
    return page


@bp.route("/suggest-wording", methods=["GET", "POST"])
@limit_posts("SUBMISSION_LIMIT_PER_ADDRESS")  # per network, as a room on one Wi-Fi shares an address
def suggest():
    page, tag = _page_or_404(), current_language().tag
    back = _back_to(tag)
    form = SuggestionForm(page=page, back=back)
    if form.validate_on_submit():
        suggestions.record_suggestion(db.session(), language=tag, page=page, text=form.text.data)
        return redirect(url_for(".thanks", page=page, back=back), code=303)
    return render_template("public/suggest_wording.html", form=form, back=back)


@bp.get("/suggest-wording/thanks")
def thanks():
    _page_or_404()
    return render_template("public/suggest_wording.html", form=None, back=_back_to(current_language().tag))


def suggestion_page() -> str | None:
    """The resident page being rendered, when readers may suggest better wording for it (not on the form itself)."""
    endpoint = request.endpoint if request else None
    return endpoint if endpoint in PAGES and endpoint != "wording.suggest" else None


def register(app: Flask) -> None:
    app.jinja_env.globals["suggestion_page"] = suggestion_page

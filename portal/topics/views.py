"""Topics residents choose from, under /staff/admin/topics: admins add them, name them in every language, order
them and turn them off. Resident pages keep the list for a minute (portal/platform/cache.py), so changes show
within one."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.platform import db
from portal.accounts.permissions import Permission, require
from portal.platform.forms import PortalForm
from portal.models import Category
from portal.topics import service
from portal.platform.staff_languages import OTHER_LANGUAGES
from portal.topics.forms import TopicForm

bp = Blueprint("topics", __name__, url_prefix="/staff/admin/topics")


@bp.get("/")
@require(Permission.ADMINISTER)
def index():
    return render_template("staff/topics/index.html", topics=service.all_categories(db.session()),
                           missing_languages=service.missing_languages, action_form=PortalForm())


@bp.route("/new", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def new():
    form = TopicForm()
    if form.validate_on_submit():
        added = service.add_category(db.session(), form.names(), actor=current_user)
        flash(_("Topic “%(name)s” added. Residents see it within a minute.", name=added.name_in("en"))
              if added.active else
              _("Topic “%(name)s” added. It waits off the resident form until it has a name in every language, "
                "or until you offer it anyway.", name=added.name_in("en")))
        return redirect(url_for(".index"))
    return _render_form(form, None)


@bp.route("/<int:topic_id>", methods=["GET", "POST"])
@require(Permission.ADMINISTER)
def edit(topic_id: int):
    found = _topic_or_404(topic_id)
    form = TopicForm()
    if request.method == "GET":
        form.fill_from(found)
    elif form.validate_on_submit():
        changed = service.rename_category(db.session(), found, form.names(), actor=current_user)
        flash(_("Topic saved. Residents see it within a minute.") if changed else _("Nothing was changed."))
        return redirect(url_for(".index"))
    return _render_form(form, found)


@bp.post("/<int:topic_id>/move")
@require(Permission.ADMINISTER)
def move(topic_id: int):
    found = _topic_or_404(topic_id)
    place = request.form.get("place", type=int)
    if PortalForm().validate_on_submit() and place:
        service.move_category(db.session(), found, place, actor=current_user)
    return redirect(url_for(".index", _anchor=f"topic-{found.id}"))


@bp.post("/<int:topic_id>/active")
@require(Permission.ADMINISTER)
def set_active(topic_id: int):
    found = _topic_or_404(topic_id)
    turn_on = request.form.get("active") == "on"
    if PortalForm().validate_on_submit() and service.set_category_active(db.session(), found, turn_on,
                                                                         actor=current_user):
        flash(_("“%(name)s” is on the resident form again.", name=found.name_in("en")) if turn_on else
              _("“%(name)s” is off: residents no longer see it. What was sent about it keeps it.",
                name=found.name_in("en")))
    return redirect(url_for(".index", _anchor=f"topic-{found.id}"))


@bp.errorhandler(service.TopicNameTaken)
def _name_taken(_error: service.TopicNameTaken):
    """The blueprint's one answer to a refusal that escaped a view, its changes rolled back: the topic's form again
    with what was typed."""
    form = TopicForm()
    form.name_en.errors = [_("Another topic has this name. Choose a different one.")]
    topic_id = (request.view_args or {}).get("topic_id")
    return _render_form(form, None if topic_id is None else _topic_or_404(topic_id))


def _topic_or_404(topic_id: int) -> Category:
    return db.session().get(Category, topic_id) or abort(404)


def _render_form(form: TopicForm, topic: Category | None):
    return render_template("staff/topics/form.html", form=form, topic=topic, other_languages=OTHER_LANGUAGES)

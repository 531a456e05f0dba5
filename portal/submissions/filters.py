"""The inbox's filters, read from the query string: shared by the inbox and the CSV export, so both agree."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectChoice

from portal.platform import db
from portal.models import Category, Kind, Meeting, Priority, Role, Status, User
from portal.submissions import inbox as inbox_service
from portal.submissions.forms import InboxFilterForm, choices, language_choices
from portal.submissions.labels import KIND_LABELS, PRIORITY_LABELS, STATUS_LABELS


def people() -> list[User]:
    # Who may be assigned a submission: people who triage (not the mayor's office, not contracted translators).
    query = select(User).where(User.active, User.role.not_in([Role.VIEWER, Role.TRANSLATOR])).order_by(User.email)
    return list(db.session().scalars(query))


def category_choices(*, any_label=None) -> list[SelectChoice]:
    categories = db.session().scalars(select(Category).order_by(Category.position, Category.id))
    options = [SelectChoice(str(category.id), category.name_in("en") if category.active else
                            _("%(topic)s (off)", topic=category.name_in("en"))) for category in categories]
    return ([SelectChoice("", any_label)] if any_label else []) + options


def person_choices(first_label: str) -> list[SelectChoice]:
    return [SelectChoice("", first_label)] + [SelectChoice(str(user.id), user.name or user.email)
                                              for user in people()]


def filter_form(formdata=None) -> InboxFilterForm:
    """The filters' form, from the query string unless other form data (the bulk form's copy) is given."""
    form = InboxFilterForm(request.args if formdata is None else formdata)
    form.status.choices = choices(STATUS_LABELS, any_label=_("Any status"))
    form.kind.choices = choices(KIND_LABELS, any_label=_("Any kind"))
    form.category_id.choices = category_choices(any_label=_("Any topic"))
    form.language.choices = language_choices(any_label=_("Any language"))
    meetings = db.session().scalars(select(Meeting).order_by(Meeting.starts_at.desc()).limit(100))
    form.meeting_id.choices = [SelectChoice("", _("Any meeting"))] + [
        SelectChoice(str(meeting.id), f"{meeting.starts_at:%Y-%m-%d} {meeting.text_in('title', 'en')[0]}")
        for meeting in meetings]
    form.assignee.choices = person_choices(_("Anyone"))
    form.assignee.choices.insert(1, SelectChoice(inbox_service.UNASSIGNED, _("Nobody")))
    form.priority.choices = choices(PRIORITY_LABELS, any_label=_("Any priority"))
    return form


def filters_from(form: InboxFilterForm) -> inbox_service.InboxFilters:
    """Only values that pass validation become filters; a bad one is left out and shown as an error."""
    form.validate()

    def value(field, convert=None):
        if not field.data or field.errors:
            return None
        return convert(field.data) if convert else field.data

    return inbox_service.InboxFilters(
        status=value(form.status, Status), kind=value(form.kind, Kind), category_id=value(form.category_id, int),
        language=value(form.language), meeting_id=value(form.meeting_id, int), assignee=value(form.assignee),
        priority=value(form.priority, Priority), tag=value(form.tag), received_from=value(form.received_from),
        received_to=value(form.received_to), follow_up=bool(value(form.follow_up)), q=value(form.q) or "",
        waiting_days=form.waiting_days.data if not form.waiting_days.errors else None,
        sort=value(form.sort) or inbox_service.NEWEST,
    )


def request_filters(formdata=None) -> tuple[InboxFilterForm, inbox_service.InboxFilters]:
    """The form and the filters of the current request's query string (or of the form data given)."""
    form = filter_form(formdata)
    return form, filters_from(form)

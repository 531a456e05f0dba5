"""No template queries the database: every staff page, as each role, is rendered from what its view and services
loaded. The models' relationships are lazy="raise", so a template reaching for one fails; this also catches any
other query a template could set off (an expired attribute, a helper that reads the database)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import before_render_template, template_rendered
from sqlalchemy import event, select

from portal.platform import db
from portal.models import Kind, Note, Report, Role, Submission, User
from portal.reports import service as report_service
from portal.submissions import triage
from tests.conftest import make_user, sign_in
from tests.staff.test_viewer_privacy import (
    ids_by_argument,
    seed_demo_like_data,
    staff_get_urls,
)

NOT_VISITED = ("/staff/logout",)


@contextmanager
def statements_in_templates(app) -> Iterator[list[str]]:
    """The SQL statements run while a template renders, each with the template's name."""
    rendering: list[str] = []
    caught: list[str] = []

    def started(_sender, template, **_extra) -> None:
        rendering.append(template.name)

    def finished(_sender, template, **_extra) -> None:
        rendering.remove(template.name)

    def executed(_connection, _cursor, statement, *_args) -> None:
        if rendering:
            caught.append(f"{rendering[-1]}: {statement}")

    with app.app_context():
        engine = db.engine()
    event.listen(engine, "before_cursor_execute", executed)
    try:
        with before_render_template.connected_to(started, app), template_rendered.connected_to(finished, app):
            yield caught
    finally:
        event.remove(engine, "before_cursor_execute", executed)


def seed_everything_a_page_shows(app, runner) -> None:
    """The demo-like data, plus what it lacks: tags, an assignee, a note with its author, a draft started from a
    final report."""
    seed_demo_like_data(app, runner)
    make_user(app, "staff", email="assignee@example.org")
    with app.app_context():
        session = db.session()
        person = session.scalar(select(User).where(User.email == "assignee@example.org"))
        concern = triage.find_submission(session, session.scalar(
            select(Submission.id).where(Submission.kind == Kind.CONCERN).order_by(Submission.id)))
        triage.add_tags(session, concern, ["housing", "urgent"], actor=person)
        triage.assign(session, concern, person, actor=person)
        session.add(Note(submission=concern, body="Called the landlord.", author=person))
        final = session.scalar(select(Report).where(Report.status == "final"))
        report_service.start_draft_from(session, final, actor=person)
        session.commit()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF, Role.VIEWER])
def test_no_staff_page_queries_while_its_template_renders(app, runner, client, role):
    seed_everything_a_page_shows(app, runner)
    make_user(app, role.value, email=f"reader-{role.value}@example.org")
    assert sign_in(client, f"reader-{role.value}@example.org").status_code == 302
    rendered = []
    for url in sorted(staff_get_urls(app, ids_by_argument(app))):
        if url in NOT_VISITED:
            continue
        with statements_in_templates(app) as statements:
            response = client.get(url)
        assert response.status_code < 500, f"{url} failed"
        assert not statements, f"{url} queried while rendering: {statements}"
        if response.status_code == 200:
            rendered.append(url)
    with app.app_context():
        submission_id = db.session().scalar(select(Submission.id))
    # what each role is for was reached, not only error pages
    expected = {"/staff/dashboard", "/staff/meetings", "/staff/reports"}
    if role is not Role.VIEWER:
        expected |= {"/staff/", f"/staff/submissions/{submission_id}"}
    assert expected <= set(rendered), expected - set(rendered)

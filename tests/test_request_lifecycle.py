"""One request, one unit of work (CONVENTIONS.md item 9, PortalFlask in portal/__init__.py): a request commits
unless an exception escaped its view, whatever the status of the page; the work it queued runs after the commit
and after the response. A small blueprint of its own makes each case plain."""
from __future__ import annotations

import pytest
from flask import Blueprint, Response, abort
from sqlalchemy import select

from portal.platform import db
from portal.platform.domain import DomainError
from portal.models import Tag
from portal.platform import jobs

ran: list[str] = []


def record_run(name: str) -> None:
    """The job the views below queue after their commit."""
    ran.append(name)


def _change_something(name: str) -> None:
    db.session().add(Tag(name=name))
    db.session().flush()
    jobs.after_commit(db.session(), record_run, name)


def stored_tags() -> list[str]:
    return list(db.session().scalars(select(Tag.name).order_by(Tag.name)))


def text(body: str) -> Response:
    return Response(body, mimetype="text/plain")


def lifecycle_blueprint() -> Blueprint:
    bp = Blueprint("lifecycle", __name__, url_prefix="/lifecycle")

    @bp.get("/saved")
    def saved():
        _change_something("saved")
        return text("saved")

    @bp.get("/refused")
    def refused():
        _change_something("refused")
        raise DomainError("No, and nothing of it stays.")

    @bp.get("/aborted")
    def aborted():
        _change_something("aborted")
        abort(404)

    @bp.get("/broken")
    def broken():
        _change_something("broken")
        raise RuntimeError("a bug")

    @bp.get("/page-with-400")
    def page_with_400():
        _change_something("page-with-400")
        return text("a form to correct"), 400

    @bp.errorhandler(DomainError)
    def show_again(error: DomainError):
        # What the page shows is what is stored: the view's changes are rolled back before this handler runs.
        return text(f"{error} Stored: {stored_tags()}"), 200

    return bp


@pytest.fixture
def lifecycle_client(app):
    ran.clear()
    app.register_blueprint(lifecycle_blueprint())
    return app.test_client()


def tags_in_database(app) -> list[str]:
    with app.app_context():
        return stored_tags()


def test_a_view_that_returns_commits_and_its_queued_work_runs_after_the_response(app, lifecycle_client):
    response = lifecycle_client.get("/lifecycle/saved", buffered=False)
    assert response.status_code == 200 and tags_in_database(app) == ["saved"]
    assert ran == []  # committed, but the response is not sent yet
    response.close()  # what the server does once the last byte is written
    assert ran == ["saved"]


def test_a_refusal_shown_as_a_page_commits_nothing_and_its_queued_work_never_runs(app, lifecycle_client):
    response = lifecycle_client.get("/lifecycle/refused")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "No, and nothing of it stays. Stored: []"
    assert tags_in_database(app) == [] and ran == []


def test_an_abort_commits_nothing(app, lifecycle_client):
    assert lifecycle_client.get("/lifecycle/aborted").status_code == 404
    assert tags_in_database(app) == [] and ran == []


def test_a_bug_commits_nothing(app, lifecycle_client):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the 500 page, as in production
    assert lifecycle_client.get("/lifecycle/broken").status_code == 500
    assert tags_in_database(app) == [] and ran == []


def test_a_page_a_view_returns_with_an_error_status_still_commits(app, lifecycle_client):
    """The rule is "unless an exception escaped", not the status: such pages (a form to correct with a 400, a PDF
    still being prepared) change nothing by design, since services refuse by raising."""
    assert lifecycle_client.get("/lifecycle/page-with-400").status_code == 400
    assert tags_in_database(app) == ["page-with-400"] and ran == ["page-with-400"]


"""The foundation: configuration, health, commands, headers, page weight, and nothing from other hosts."""
import gzip
import re
from pathlib import Path

import pytest
from flask import request
from itsdangerous import BadSignature
from sqlalchemy import func, select

from portal import create_app
from portal.platform import db
from portal.platform.i18n import TAGS
from portal.models import Category, Meeting, Submission
from tests.conftest import RESIDENT_PAGES, page, production_environment


def test_health_answers_200_with_json_when_the_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_is_down(tmp_path):
    unreachable = create_app({"TESTING": True, "SECRET_KEY": "x",
                              "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"})
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_a_resident_page_says_unavailable_when_the_database_is_down():
    unreachable = create_app({"TESTING": True, "SECRET_KEY": "x",
                              "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"})
    response = unreachable.test_client().get("/es/concern")
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    assert "psycopg" not in text and "Traceback" not in text and 'lang="es"' in text


def test_configuration_comes_from_portal_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORTAL_CONTACT_RETENTION_DAYS", "45")
    monkeypatch.setenv("PORTAL_TIMEZONE", "America/Chicago")
    app = create_app()
    assert app.config["CONTACT_RETENTION_DAYS"] == 45
    assert app.config["TIMEZONE"] == "America/Chicago"
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'portal.db'}"


def test_development_keeps_a_generated_secret_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    first, second = create_app(), create_app()
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_refuses_to_start_without_a_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(RuntimeError, match="PORTAL_SECRET_KEY"):
        create_app()


def test_demo_commands_are_offered_outside_production_only(app, monkeypatch, tmp_path):
    assert {"seed-demo", "seed-bench"} <= set(app.cli.commands)
    production_environment(monkeypatch, tmp_path, public_url="https://portal.example")
    assert not {"seed-demo", "seed-bench"} & set(create_app().cli.commands)


def test_init_db_is_safe_to_run_again(app, runner):
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session().scalar(select(func.count(Category.id))) == 10


def test_default_categories_are_named_in_every_language(app, client):
    with app.app_context():
        police = db.session().scalar(select(Category).where(Category.slug == "police-immigration"))
        assert set(police.names) == set(TAGS) and police.names["en"] == "Police and immigration enforcement"
    label = page(client.get("/es/concern")).select_one("label[for=category-0]").get_text()
    assert label == police.names["es"] != police.names["en"]


def test_seed_demo_adds_marked_data_in_many_scripts_and_is_safe_to_run_again(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        session = db.session()
        submissions = session.scalars(select(Submission)).all()
        meetings = session.scalars(select(Meeting)).all()
    assert 25 <= len(submissions) <= 40 and all(submission.is_demo for submission in submissions)
    assert {submission.language for submission in submissions} == set(TAGS)
    assert meetings and all(meeting.is_demo for meeting in meetings)
    reset = runner.invoke(args=["seed-demo", "--reset"])
    assert reset.exit_code == 0
    with app.app_context():
        assert db.session().scalar(select(func.count(Submission.id))) == len(submissions)


def test_security_headers_are_on_every_page(client):
    response = client.get("/en/concern")
    policy = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"  # tests/test_https.py says why
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_resident_pages_load_nothing_from_other_hosts_and_need_no_javascript(client, lang):
    for path in RESIDENT_PAGES:
        html = page(client.get(f"/{lang}{path}"))
        assert not html.find("script")
        for element in html.find_all(src=True) + html.find_all("link", href=True):
            assert not re.match(r"^(https?:)?//", element.get("src") or element.get("href"))
        assert "@import" not in str(html) and "url(http" not in str(html)


def test_the_concern_page_is_under_30_kb_with_its_stylesheet(client):
    html = client.get("/ar/concern").get_data()
    css = Path(__file__).resolve().parent.parent.joinpath("static/css/portal.css").read_bytes()
    assert len(html) + len(css) < 30 * 1024, f"{len(html)} + {len(css)} bytes"
    assert len(gzip.compress(html + css)) < 8 * 1024


def test_no_resident_address_or_browser_is_stored():
    from portal.platform.db import Base

    columns = {column.name for table in Base.metadata.tables.values() for column in table.columns}
    assert not columns & {"ip", "ip_address", "remote_addr", "user_agent", "address_ip"}


def test_session_cookies_signed_by_flasks_own_interface_still_open(app):
    """Flask's own session interface signs the cookie (a cached signer once replaced it, in the same format): a
    session from before an upgrade still opens."""
    from flask.sessions import SecureCookieSessionInterface

    cookie = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"open_forms": {"concern": "t0k3n"}})
    with app.test_request_context("/en/concern", headers={"Cookie": f"session={cookie}"}):
        opened = app.session_interface.open_session(app, request)
    assert opened is not None and opened["open_forms"] == {"concern": "t0k3n"}


def test_a_changed_secret_key_signs_with_the_new_key(app):
    cookies = app.session_interface
    before = cookies.get_signing_serializer(app)
    app.secret_key = "another-secret-key"
    after = cookies.get_signing_serializer(app)
    assert after is not before and after.loads(after.dumps({"a": 1})) == {"a": 1}
    with pytest.raises(BadSignature):
        before.loads(after.dumps({"a": 1}))


def test_init_db_names_existing_topics_in_a_language_added_since(app, runner):
    with app.app_context():
        housing = db.session().scalar(select(Category).where(Category.slug == "housing"))
        # As a database from before Burmese shipped, with a name staff changed.
        housing.names = {tag: name for tag, name in housing.names.items() if tag != "my"} | {"es": "Casa"}
        db.session().commit()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    with app.app_context():
        housing = db.session().scalar(select(Category).where(Category.slug == "housing"))
        assert housing.names["my"] == "နေအိမ်" and housing.names["es"] == "Casa"

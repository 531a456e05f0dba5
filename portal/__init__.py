"""The portal's application factory: configuration, extensions, blueprints, error pages, commands."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from babel.support import Translations
from flask import Flask
from werkzeug.routing import BaseConverter

from portal import cache, db, links, rate_limits
from portal.services import crypto, jobs
from portal.config import ROOT, Defaults, secret_key_from_instance
from portal.private_files import private_folder
from portal.extensions import babel, csrf
from portal.i18n import LANGUAGES, TAGS, select_locale
from portal.proxy import ForwardedByTrustedProxy


class LanguageConverter(BaseConverter):
    """Matches exactly the shipped language tags, so /xx/... is a plain 404."""

    regex = "|".join(sorted(TAGS, key=len, reverse=True))


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
    )
    _configure(app, config or {})
    if app.config["PROXY_HOPS"]:  # behind nginx: the client's address (for rate limits) and scheme from X-Forwarded-*
        app.wsgi_app = ForwardedByTrustedProxy(app.wsgi_app, int(app.config["PROXY_HOPS"]),
                                               str(app.config["FORWARDED_ALLOW_IPS"]))
    app.url_map.converters["lang"] = LanguageConverter
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True  # smaller pages for slow networks

    db.init_app(app)
    crypto.init_app(app)
    crypto.check_keys_open_stored_data(app)
    jobs.init_app(app)
    cache.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_timezone=app.config["TIMEZONE"])
    csrf.init_app(app)
    rate_limits.init_app(app)
    _check_catalogs(app)

    from portal import cli, errors, security, site, staff_ui
    from portal.accounts import sessions
    from portal.accounts.views import bp as accounts_bp
    from portal.dashboard.views import bp as dashboard_bp
    from portal.mail.views import bp as mail_bp
    from portal.meetings.views import bp as meetings_bp
    from portal.public import bp as public_bp
    from portal.reports.views import bp as reports_bp
    from portal.topics.views import bp as topics_bp
    from portal.triage.views import bp as triage_bp

    app.register_blueprint(site.bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(triage_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(topics_bp)
    sessions.register(app)
    staff_ui.register(app)
    errors.register(app)
    security.register(app)
    site.register_template_helpers(app)
    cli.register(app)
    app.after_request(_commit_unit_of_work)
    return app


def _configure(app: Flask, overrides: dict[str, Any]) -> None:
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("PORTAL")
    app.config.update(overrides)
    instance = private_folder(Path(app.instance_path))  # it holds the keys and, by default, the database
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'portal.db'}"
    if not app.config["SECRET_KEY"]:
        if app.config["ENV"] == "production":
            raise RuntimeError("PORTAL_SECRET_KEY must be set in production.")
        app.config["SECRET_KEY"] = secret_key_from_instance(instance)
    links.check_public_url(app.config)
    production = app.config["ENV"] == "production"
    if app.config["HSTS_SECONDS"] is None:
        app.config["HSTS_SECONDS"] = 365 * 24 * 3600 if production else 0
    if production:
        # Secure cookies with the __Host- prefix: only over HTTPS, only for this exact host, path /.
        app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-session")
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_CONTENT_LENGTH"]


def _check_catalogs(app: Flask) -> None:
    """Fail at start-up, not at a resident's first visit, when a shipped catalog is not compiled."""
    directory = app.config["BABEL_TRANSLATION_DIRECTORIES"]
    for language in LANGUAGES:
        if language.tag == "en":
            continue
        if not isinstance(Translations.load(directory, [language.locale]), Translations):
            raise RuntimeError(
                f"No compiled catalog for {language.tag} in {directory}: run `make translations`."
            )


def _commit_unit_of_work(response):
    """One commit per request, only when it succeeded; teardown rolls back everything else."""
    if response.status_code < 400:
        db.commit_if_open()
    return response

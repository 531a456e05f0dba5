"""The portal's application factory: configuration, extensions, blueprints, error pages, commands."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from babel.support import Translations
from flask import Flask, Response
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

from portal.platform import cache, db, links, rate_limits
from portal.platform import crypto, jobs, static_files
from portal.platform.config import ROOT, Defaults, secret_key_from_instance
from portal.platform.private_files import private_folder
from portal.platform.extensions import babel, csrf
from portal.platform import i18n
from portal.platform.i18n import LANGUAGES, Language, format_date, format_time, select_locale
from portal.platform.proxy import ForwardedByTrustedProxy


def language_converter(offered: tuple[Language, ...]) -> type[BaseConverter]:
    """A URL converter matching exactly the offered language tags, so /xx/... (or a shipped language this city does
    not offer) is a plain 404."""

    class LanguageConverter(BaseConverter):
        regex = "|".join(sorted((language.tag for language in offered), key=len, reverse=True))

    return LanguageConverter


class PortalFlask(Flask):
    """Flask with the portal's unit of work, as Indico's RH.process: a request commits unless an exception escaped.

    Every exception raised by a before_request function or a view (an abort(404), a rate limit's 429, a
    DomainError, a bug) goes through handle_user_exception before its error handler makes the page; one that no
    handler takes, or that after_request raised (a failed commit), goes through handle_exception. Both roll back
    first, so the page shows what is stored and the work queued after the commit is dropped. A view that returns
    normally commits in after_request, whatever its status: a form shown again with a 400 changed nothing, since
    services refuse by raising.
    """

    def handle_user_exception(self, e: Exception) -> HTTPException | ResponseReturnValue:
        db.rollback_if_open()
        return super().handle_user_exception(e)

    def handle_exception(self, e: Exception) -> Response:
        db.rollback_if_open()
        return super().handle_exception(e)

    def send_static_file(self, filename: str) -> Response:
        """Fingerprinted names are kept for a year (portal/platform/static_files.py)."""
        return static_files.send_static_file(filename)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = PortalFlask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(ROOT / "instance"),
    )
    _configure(app, config or {})
    if app.config["PROXY_HOPS"]:  # behind nginx: the client's address (for rate limits) and scheme from X-Forwarded-*
        # Flask's way to add WSGI middleware, which mypy reads as assigning to a method:
        app.wsgi_app = ForwardedByTrustedProxy(  # type: ignore[method-assign]
            app.wsgi_app, int(app.config["PROXY_HOPS"]), str(app.config["FORWARDED_ALLOW_IPS"]))
    app.url_map.converters["lang"] = language_converter(i18n.init_app(app))
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True  # smaller pages for slow networks

    static_files.init_app(app)
    db.init_app(app)
    crypto.init_app(app)
    crypto.check_keys_open_stored_data(app)
    jobs.init_app(app)
    cache.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_timezone=app.config["TIMEZONE"])
    # After Babel's own filters: the same names, with dates for languages CLDR lacks (portal/platform/i18n.py).
    app.jinja_env.filters.update(dateformat=format_date, timeformat=format_time)
    csrf.init_app(app)
    rate_limits.init_app(app)
    _check_catalogs(app)

    from portal import cli, staff_ui
    from portal.platform import errors, security, site
    from portal.accounts import sessions
    from portal.accounts.views import bp as accounts_bp
    from portal.reports.dashboard_views import bp as dashboard_bp
    from portal.admin.views import bp as mail_bp
    from portal.meetings.views import bp as meetings_bp
    from portal.submissions.public_views import bp as public_bp
    from portal.meetings import public_views as _meeting_pages  # noqa: F401  (adds its pages to public_bp)
    from portal.reports import public_views as _outcome_pages  # noqa: F401  (adds /outcomes to public_bp)
    from portal.reports.views import bp as reports_bp
    from portal.reports.tracker_views import bp as tracker_bp
    from portal.topics.views import bp as topics_bp
    from portal.identity import office
    from portal.identity.views import bp as identity_bp
    from portal.identity import public_views as wording_pages
    from portal.submissions.views import bp as triage_bp
    from portal.translation.views import bp as translation_bp
    from portal.themes.views import bp as themes_bp

    app.register_blueprint(site.bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(triage_bp)
    app.register_blueprint(dashboard_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(tracker_bp)
    app.register_blueprint(topics_bp)
    app.register_blueprint(translation_bp)
    app.register_blueprint(identity_bp)
    app.register_blueprint(wording_pages.bp)
    office.register(app)
    wording_pages.register(app)
    app.register_blueprint(themes_bp)
    sessions.register(app)
    staff_ui.register(app)
    errors.register(app)
    security.register(app)
    site.register_template_helpers(app)
    cli.register(app)
    if app.config["ENV"] != "production":
        from portal.demo import cli as demo_cli

        demo_cli.register(app)
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


def _commit_unit_of_work(response: Response) -> Response:
    """One commit per request; an exception that escaped has rolled the request's changes back (PortalFlask)."""
    db.commit_if_open()
    return response

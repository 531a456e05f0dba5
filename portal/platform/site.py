"""Routes outside any language (the root redirect, health) and what every template needs."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, redirect, request, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.platform import db
from portal.platform.dates import time_span_html
from portal.platform.forms import input_attributes
from portal.platform.i18n import LANGUAGES, best_tag_for_request, current_language, offered_languages

bp = Blueprint("site", __name__)
ENDONYMS = {language.tag: language.endonym for language in LANGUAGES}


@bp.get("/")
def root():
    return redirect(url_for("public.home", lang=best_tag_for_request()))


@bp.get("/healthz")
def healthz():
    try:
        with db.engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


def same_page_in(tag: str) -> str:
    """This page in another language; pages outside the resident area (those without /<lang>/), and answers to a
    form that cannot be fetched again by a link (a deletion), lead to its home. Form pages switch by sending their
    form instead."""
    if (request.url_rule is not None and "lang" in request.url_rule.arguments and request.endpoint
            and _opens_by_link(request.endpoint)):
        return url_for(request.endpoint, **{**(request.view_args or {}), "lang": tag})
    return url_for("public.home", lang=tag)


def same_form_in(tag: str) -> str:
    """Where a form page's language button sends the form: the same address in the other language."""
    return url_for(request.endpoint or "public.home", **{**(request.view_args or {}), "lang": tag})


def _opens_by_link(endpoint: str) -> bool:
    return any("GET" in (rule.methods or ()) for rule in current_app.url_map.iter_rules(endpoint))


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals["input_attributes"] = input_attributes
    app.jinja_env.globals["time_span"] = time_span_html

    @app.context_processor
    def language_context():
        return {
            "language": current_language(),
            "languages": offered_languages(),
            "endonyms": ENDONYMS,
            "same_page_in": same_page_in,
            "same_form_in": same_form_in,
        }

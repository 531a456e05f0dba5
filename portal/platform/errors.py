"""Translated error pages that reveal nothing internal, and a kind answer to an expired form."""
from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.platform.forms import clean_text

ERROR_TEXTS = {
    400: (_l("Something went wrong with this page"), _l("Please go back and try again.")),
    403: (_l("You cannot open this page"), _l("This page is not open to you.")),
    404: (_l("Page not found"),
          _l("We could not find this page. Check the address, or start again from the home page.")),
    405: (_l("Something went wrong with this page"), _l("Please go back and try again.")),
    413: (
        _l("What you sent is too large"),
        _l("Please go back, make your text shorter, and send it again."),
    ),
    429: (
        _l("Please wait a little"),
        _l("We received many requests from your connection. Please wait a few minutes, then try again."),
    ),
    500: (_l("Sorry, something went wrong on our side"), _l("Please try again later.")),
    503: (
        _l("The service is not available right now"),
        _l("Sorry, we cannot receive messages at the moment. Please try again in a few minutes."),
    ),
}


# What a resident may have typed on our forms; given back on error pages so it is never lost.
TEXT_FIELDS = ("body", "act_on", "improvement")


def typed_texts() -> list[str]:
    if request.method != "POST" or request.blueprint != "public":
        return []
    return [text for text in (clean_text(request.form.get(name)) for name in TEXT_FIELDS) if text]


def render_error(code: int):
    title, message = ERROR_TEXTS[code]
    kept = typed_texts() if code == 503 else []  # over a rate limit, the form itself comes back (public.views)
    return render_template("errors/error.html", code=code, title=title, message=message, kept=kept), code


def handle_http_error(error: HTTPException):
    code = error.code if error.code in ERROR_TEXTS else 500
    return render_error(code)


def handle_csrf_error(error: CSRFError):
    """An expired token while someone typed: show their form again with everything kept. The view runs inside
    this handler, where an HTTP error it raises (429 over a limit, 404 for a meeting that is gone) would become a
    500: it is given to its own handler instead, through the app's rollback (PortalFlask)."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, "keeps_input_on_csrf_error", False):
        try:
            return view(**(request.view_args or {}))
        except HTTPException as raised:
            return current_app.handle_user_exception(raised)
    return render_error(400)


def handle_server_error(error: InternalServerError):
    if isinstance(error.original_exception, OperationalError):
        return render_error(503)
    return render_error(500)


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_server_error)
    app.register_error_handler(OperationalError, lambda _error: render_error(503))

"""Resident pages that are the same for everyone reading them in one language are rendered once per process and
kept for a short while (portal/platform/cache.py).

Only the CSRF token differs between two people's copies of a form, so a cached page carries the token it was
rendered with and each request swaps in its own. Pages with anything personal (a receipt, a status answer,
errors in a form) are never cached: only GET requests go through here.
"""
from __future__ import annotations

from collections.abc import Callable

from flask_wtf.csrf import generate_csrf

from portal.platform.cache import remembered


def cached_page(key: tuple, render: Callable[[], str]) -> str:
    token = generate_csrf()  # this visitor's token, made before rendering so the page holds it
    html, rendered_with = remembered(("page", *key), lambda: (render(), token))
    return html if rendered_with == token else html.replace(rendered_with, token)

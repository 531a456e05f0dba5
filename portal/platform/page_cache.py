"""Resident pages that are the same for everyone reading them in one language are rendered once per process and
kept for a short while (portal/platform/cache.py).

Only the CSRF token and a form's own token differ between two people's copies of a form, so a cached page carries
the tokens it was rendered with and each request swaps in its own. Pages with anything personal (a receipt, a status
answer, errors in a form) are never cached: only GET requests go through here.
"""
from __future__ import annotations

from collections.abc import Callable

from flask_wtf.csrf import generate_csrf

from portal.platform.cache import remembered


def cached_page(key: tuple, render: Callable[[], str], *own_tokens: str) -> str:
    """`own_tokens`: this visitor's random values the page shows besides the CSRF token (a form's token)."""
    tokens = (generate_csrf(), *own_tokens)  # this visitor's, made before rendering so the page holds them
    html, rendered_with = remembered(("page", *key), lambda: (render(), tokens))
    for theirs, mine in zip(rendered_with, tokens, strict=True):
        if theirs != mine:
            html = html.replace(theirs, mine)
    return html

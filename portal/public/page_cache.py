"""Resident pages that are the same for everyone reading them in one language, rendered once per process and
kept for a short while (PORTAL_PAGE_CACHE_SECONDS; 0 turns it off).

Only the CSRF token differs between two people's copies of a form, so a cached page carries the token it was
rendered with and each request swaps in its own. Pages with anything personal (a receipt, a status answer,
errors in a form) are never cached: only GET requests go through here.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from flask_wtf.csrf import generate_csrf

MAX_PAGES = 512  # (page, language, meeting) combinations kept per process


@dataclass(frozen=True)
class _Entry:
    expires: float
    html: str
    token: str


class PageCache:
    def __init__(self) -> None:
        self._pages: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, key: tuple, render: Callable[[], str]) -> str:
        token = generate_csrf()  # this visitor's token, made before rendering so the page holds it
        seconds = current_app.config["PAGE_CACHE_SECONDS"]
        if not seconds:
            return render()
        entry = self._fresh(key)
        if entry is None:
            entry = _Entry(time.monotonic() + seconds, render(), token)
            self._store(key, entry)
        return entry.html if entry.token == token else entry.html.replace(entry.token, token)

    def _fresh(self, key: tuple) -> _Entry | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None or entry.expires < time.monotonic():
                return None
            self._pages.move_to_end(key)
            return entry

    def _store(self, key: tuple, entry: _Entry) -> None:
        with self._lock:
            self._pages[key] = entry
            self._pages.move_to_end(key)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)


def cached_page(key: tuple, render: Callable[[], str]) -> str:
    return current_app.extensions["portal.page_cache"].page(key, render)

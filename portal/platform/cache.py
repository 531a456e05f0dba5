"""What is the same for every resident request for a while, kept in each process for PORTAL_PAGE_CACHE_SECONDS
(0 turns it off): rendered pages (portal/platform/page_cache.py), the topics on offer, who watches which topic.

Values are shared between threads and must never be changed once kept. Each process keeps its own copy, so a
change made by staff reaches every process within that many seconds.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, current_app

MAX_ENTRIES = 512  # (page, language, meeting) combinations and values kept per process
T = TypeVar("T")


@dataclass(frozen=True)
class _Entry:
    expires: float
    value: Any


class ProcessCache:
    def __init__(self) -> None:
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def remembered(self, key: tuple, make: Callable[[], T], seconds: float) -> T:
        if not seconds:
            return make()
        entry = self._fresh(key)
        if entry is None:
            entry = _Entry(time.monotonic() + seconds, make())
            self._store(key, entry)
        return entry.value

    def _fresh(self, key: tuple) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.expires < time.monotonic():
                return None
            self._entries.move_to_end(key)
            return entry

    def _store(self, key: tuple, entry: _Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)


def init_app(app: Flask) -> None:
    app.extensions["portal.cache"] = ProcessCache()


def remembered(key: tuple, make: Callable[[], T]) -> T:
    """The value kept under `key` while it is fresh, else a new one from `make`."""
    return current_app.extensions["portal.cache"].remembered(key, make, current_app.config["PAGE_CACHE_SECONDS"])

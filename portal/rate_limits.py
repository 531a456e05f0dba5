"""How many forms one client address may send to a page in a while: submissions, status lookups, sign-ins.

Only POSTs count; reading a page never does. The counters are fixed windows kept by the `limits` library, in
memory, or in Redis when PORTAL_REDIS_URL is set so that every worker and server shares them. The address is only
a key for a counter that expires; it is never stored or logged. (Flask-Limiter wraps the same library, but working
out which of its limits applied cost a tenth to a fifth of a submission's CPU time: bench/README.md, "Throughput".)
"""
from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

from flask import Flask, abort, current_app, request
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

EXTENSION = "portal.rate_limits"
log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    if app.config["REDIS_URL"]:  # a resident waits on this: a Redis that does not answer is given a second
        storage = storage_from_string(app.config["REDIS_URL"], wrap_exceptions=True, socket_connect_timeout=1,
                                      socket_timeout=1)
    else:
        storage = ProcessCounters()
    app.extensions[EXTENSION] = FixedWindowRateLimiter(storage)


class ProcessCounters(MemoryStorage):
    """The `limits` library's memory storage without the thread it starts to drop expired counters: it starts a
    new one whenever its last has ended, 10 ms after the one before, so about every other form sent under load
    paid for starting a thread (3% of a submission's CPU time, bench/README.md "Throughput"). As in the library,
    a counter whose window has passed is dropped when it is next counted; the others go once a minute."""

    SWEEP_SECONDS = 60

    def __init__(self) -> None:
        super().__init__()
        self._next_sweep = time.time() + self.SWEEP_SECONDS

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        self._sweep_now_and_then()
        self.get(key)  # drops this counter if its window has passed
        with self.locks[key]:
            self.storage[key] += amount
            if self.storage[key] == amount:
                self.expirations[key] = time.time() + expiry
        return self.storage.get(key, 0)

    def _sweep_now_and_then(self) -> None:
        now = time.time()
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.SWEEP_SECONDS
        for key in [key for key, expires in list(self.expirations.items()) if expires <= now]:
            self.get(key)


def limit_posts(setting: str) -> Callable:
    """Counts each POST to the view against the limit named by the configuration key `setting` (for example
    "20 per hour"), per client address. Past it the client gets 429, whose page keeps what they typed."""

    def decorate(view: Callable) -> Callable:
        counter = f"{view.__module__}.{view.__name__}"

        @functools.wraps(view)
        def counted(*args, **kwargs):
            if request.method == "POST" and not _count(setting, counter):
                abort(429)
            return view(*args, **kwargs)

        return counted

    return decorate


def _count(setting: str, counter: str) -> bool:
    """False once the address is over the limit. With Redis unreachable nothing is counted: a resident's message
    matters more than the limit for the minutes it takes to bring Redis back (jobs run inline meanwhile too)."""
    limiter: FixedWindowRateLimiter = current_app.extensions[EXTENSION]
    config = current_app.config
    try:
        return limiter.hit(_parsed(config[setting]), config["RATE_LIMIT_KEY_PREFIX"], counter, request.remote_addr or "")
    except StorageError:
        log.exception("Rate-limit counters unreachable; %s is not limited until they are back", counter)
        return True


@functools.lru_cache(maxsize=16)
def _parsed(limit: str) -> RateLimitItem:
    return parse(limit)

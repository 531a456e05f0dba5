"""How many forms a client may send in a while: submissions, status lookups, sign-ins.

Only POSTs count; reading a page never does. The counters are fixed windows kept by the `limits` library, in
memory, or in Redis when PORTAL_REDIS_URL is set so that every worker and server shares them. (Flask-Limiter wraps
the same library, but working out which of its limits applied cost a tenth to a fifth of a submission's CPU time:
bench/README.md, "Throughput".)

A counter is named by a keyed hash of the client's network, never by its address: an IPv4 address, or the /64 an
IPv6 address belongs to (one household or phone is given a whole /64). The key is derived from SECRET_KEY and the
UTC date, so a counter's name means nothing without the secret key and changes every day (a window that spans
midnight UTC starts afresh). Submissions are counted per browser session too (see `submission_allowed`).
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import logging
import secrets
import time
from collections.abc import Callable
from datetime import datetime, UTC

from flask import Flask, abort, current_app, request, session
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

EXTENSION = "portal.rate_limits"
SENDER_KEY = "sender"  # a random name for the browser session, made at its first submission
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


def limit_posts(setting: str, counter: str | None = None) -> Callable:
    """Counts each POST to the view against the limit named by the configuration key `setting` (for example
    "10 per minute"), per client network. Views that give the same `counter` share one count. Past it the client
    gets 429."""

    def decorate(view: Callable) -> Callable:
        name = counter or f"{view.__module__}.{view.__name__}"

        @functools.wraps(view)
        def counted(*args, **kwargs):
            if request.method == "POST" and not _count(setting, name, client_key("network", _network())):
                abort(429)
            return view(*args, **kwargs)

        return counted

    return decorate


def submission_allowed() -> bool:
    """Counts one concern or feedback about to be stored; False once over a limit. Called after the form was
    found valid, so a form sent back for a mistake never counts. A room of people on one Wi-Fi shares an address:
    each browser session has its own limit (SUBMISSION_LIMIT), and the address a ceiling sized for a full room
    (SUBMISSION_LIMIT_PER_ADDRESS). A client that sends no session cookie is counted by its address only."""
    if request.cookies.get(current_app.config["SESSION_COOKIE_NAME"]):
        sender = session.setdefault(SENDER_KEY, secrets.token_urlsafe(16))
        if not _count("SUBMISSION_LIMIT", "submission-session", client_key("session", sender)):
            return False
    return _count("SUBMISSION_LIMIT_PER_ADDRESS", "submission-address", client_key("network", _network()))


def client_key(kind: str, value: str) -> str:
    """What names a client's counter: a keyed hash of `value` that cannot be turned back into it."""
    day = datetime.now(UTC).date().isoformat()
    message = f"{kind}:{value}".encode()
    return hmac.new(_daily_key(current_app.secret_key, day), message, hashlib.sha256).hexdigest()[:32]


@functools.lru_cache(maxsize=4)
def _daily_key(secret_key: str | bytes, day: str) -> bytes:
    secret = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return hmac.new(secret, f"portal.rate_limits {day}".encode(), hashlib.sha256).digest()


def _network() -> str:
    return client_network(request.remote_addr or "")


def client_network(address: str) -> str:
    """The address an IPv4 client is counted by, or the /64 of an IPv6 one."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an IP address (a Unix socket): counted as it is
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return f"{parsed.packed[:8].hex()}/64"  # the first 64 bits; a third of the time of building an IPv6Network
    return str(parsed)


def _count(setting: str, counter: str, client: str) -> bool:
    """False once the client is over the limit. With Redis unreachable nothing is counted: a resident's message
    matters more than the limit for the minutes it takes to bring Redis back (jobs run inline meanwhile too)."""
    limiter: FixedWindowRateLimiter = current_app.extensions[EXTENSION]
    config = current_app.config
    try:
        return limiter.hit(_parsed(config[setting]), config["RATE_LIMIT_KEY_PREFIX"], counter, client)
    except StorageError:
        log.exception("Rate-limit counters unreachable; %s is not limited until they are back", counter)
        return True


@functools.lru_cache(maxsize=16)
def _parsed(limit: str) -> RateLimitItem:
    return parse(limit)

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
import threading
import time
from collections.abc import Callable
from datetime import datetime, UTC

from flask import Flask, abort, current_app, request, session
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import Storage, storage_from_string
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


class ProcessCounters(Storage):
    """Fixed-window counters in this process's memory, a storage written to the `limits` library's public Storage
    interface (the fixed window needs incr, get, get_expiry, clear). The library's own MemoryStorage starts a new
    thread to drop expired counters whenever its last one has ended, 10 ms after the one before, so about every
    other form sent under load paid for starting a thread (bench/README.md, "Throughput"). Here a counter whose
    window has passed starts afresh when it is next counted, and the others are dropped once a minute."""

    STORAGE_SCHEME = None  # made by init_app, never from a URL
    SWEEP_SECONDS = 60

    def __init__(self) -> None:
        super().__init__()
        self._counts: dict[str, tuple[int, float]] = {}  # key: (count, when its window ends)
        self._lock = threading.Lock()
        self._next_sweep = time.time() + self.SWEEP_SECONDS

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            count, ends = self._counts.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + expiry
            self._counts[key] = (count + amount, ends)
            return count + amount

    def get(self, key: str) -> int:
        count, ends = self._counts.get(key, (0, 0.0))
        return count if ends > time.time() else 0

    def get_expiry(self, key: str) -> float:
        _count, ends = self._counts.get(key, (0, 0.0))
        return max(ends, time.time())

    def keys(self) -> list[str]:
        """The names of the counters held, expired or not."""
        return list(self._counts)

    def check(self) -> bool:
        return True

    def reset(self) -> int:
        with self._lock:
            cleared = len(self._counts)
            self._counts.clear()
        return cleared

    def clear(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)

    def _sweep(self, now: float) -> None:
        self._next_sweep = now + self.SWEEP_SECONDS
        self._counts = {key: counted for key, counted in self._counts.items() if counted[1] > now}


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

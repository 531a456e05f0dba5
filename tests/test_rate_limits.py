"""The in-memory counters behind the rate limits: fixed windows that expire, without a thread of their own."""
import threading
import time

from limits import parse
from limits.strategies import FixedWindowRateLimiter

from portal.rate_limits import ProcessCounters


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _counters(monkeypatch) -> tuple[ProcessCounters, Clock]:
    clock = Clock(1_000_000.0)
    monkeypatch.setattr(time, "time", clock)
    counters = ProcessCounters()
    counters.timer.join()  # the library's constructor starts one 10 ms timer; nothing after it may
    return counters, clock


def test_a_window_counts_up_to_its_limit_and_a_new_window_starts_afresh(monkeypatch):
    counters, clock = _counters(monkeypatch)
    limiter, two_a_minute = FixedWindowRateLimiter(counters), parse("2 per minute")
    assert [limiter.hit(two_a_minute, "concern", "192.0.2.1") for _ in range(3)] == [True, True, False]
    assert limiter.hit(two_a_minute, "concern", "192.0.2.2")  # another address, another counter
    clock.now += 61
    assert limiter.hit(two_a_minute, "concern", "192.0.2.1")


def test_counting_starts_no_thread(monkeypatch):
    counters, _clock = _counters(monkeypatch)
    before = threading.active_count()
    for address in range(20):
        counters.incr(f"concern/192.0.2.{address}", 60)
    assert threading.active_count() == before


def test_counters_nobody_counts_again_are_dropped_once_their_window_has_passed(monkeypatch):
    counters, clock = _counters(monkeypatch)
    counters.incr("status/192.0.2.1", 60)
    counters.incr("concern/192.0.2.1", 3600)
    clock.now += ProcessCounters.SWEEP_SECONDS + 1
    counters.incr("concern/192.0.2.9", 3600)  # any count past the minute sweeps
    assert set(counters.storage) == {"concern/192.0.2.1", "concern/192.0.2.9"}
    assert set(counters.expirations) == {"concern/192.0.2.1", "concern/192.0.2.9"}

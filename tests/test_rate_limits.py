"""Rate limits: the in-memory counters (fixed windows that expire, without a thread of their own); what is counted
and by what name (never an address); who may say which address a request came from; and a room of people on one
Wi-Fi, whose answers are never lost."""
import ipaddress
import threading
import time
import uuid
from datetime import date, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from limits import parse
from limits.strategies import FixedWindowRateLimiter
from redis import Redis
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal import create_app
from portal.platform import db, rate_limits
from portal.models import Interpretation, Submission
from portal.platform.rate_limits import EXTENSION, ProcessCounters, client_key, client_network
from tests.conftest import add_meeting, csrf_token_from, page, post_form, session_csrf_token, textarea_text
from tests.public.test_feedback import ANSWERS
from tests.test_servers import REDIS_URL, Browser, _serve_module


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _counters(monkeypatch) -> tuple[ProcessCounters, Clock]:
    clock = Clock(1_000_000.0)
    monkeypatch.setattr(time, "time", clock)
    return ProcessCounters(), clock


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
    assert set(counters.keys()) == {"concern/192.0.2.1", "concern/192.0.2.9"}


# What is counted, and by what name: through the app.

def test_an_expired_form_over_a_limit_gets_its_429_and_a_gone_meeting_its_404_not_a_500(app, client):
    """The CSRF handler runs the view again; an HTTP error raised there reaches its own page."""
    app.config["STATUS_LOOKUP_LIMIT"] = "1 per minute"
    assert post_form(client, "/en/status", {"reference": "AAAA-AAAA-AAAA"}).status_code == 200
    expired = client.post("/en/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": "expired"})
    assert expired.status_code == 429 and "Please wait a little" in expired.get_data(as_text=True)
    assert client.post("/en/meetings/999/feedback", data={"csrf_token": "expired"}).status_code == 404


def lookups(client, token, addresses) -> list[int]:
    return [client.post("/en/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": token},
                        environ_base={"REMOTE_ADDR": address}).status_code for address in addresses]


def test_an_ipv6_client_is_counted_by_its_64_and_an_ipv4_client_by_its_address(app, client):
    app.config["STATUS_LOOKUP_LIMIT"] = "10 per minute"
    token = session_csrf_token(client, "/en/status")
    one_64 = [f"2001:db8:1:2:{n:x}::{n:x}" for n in range(1, 61)]
    assert lookups(client, token, one_64).count(200) == 10
    assert lookups(client, token, ["2001:db8:1:3::1"]) == [200]  # the next /64 is another household
    assert lookups(client, token, [f"198.51.100.{n}" for n in range(1, 21)]) == [200] * 20
    assert client_network("::ffff:198.51.100.7") == "198.51.100.7"  # IPv4 seen through an IPv6 socket


IPV4, IPV6 = ipaddress.ip_address("198.51.100.77"), ipaddress.ip_address("2001:db8:1:2::77")


def address_forms() -> set[str]:
    """Every way the two test addresses, or the /64, could be written into a counter's name."""
    forms = set()
    for address in (IPV4, IPV6):
        forms |= {str(address), address.exploded, address.packed.hex(), str(int(address)), address.reverse_pointer}
    network = ipaddress.ip_network("2001:db8:1:2::/64")
    forms |= {str(network), network.exploded, "2001:db8:1:2:", "2001:0db8:0001:0002", "20010db800010002",
              str(int(network.network_address)), "198-51-100-77", "198_51_100_77"}
    return {form.lower() for form in forms}


def count_from_both_addresses(app, client) -> None:
    meeting_id = add_meeting(app)
    for address in (str(IPV4), str(IPV6)):
        environ = {"REMOTE_ADDR": address}
        token = csrf_token_from(client.get("/en/status", environ_base=environ))
        client.post("/en/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": token}, environ_base=environ)
        client.post(f"/en/meetings/{meeting_id}/feedback", data={**ANSWERS, "csrf_token": token},
                    environ_base=environ)
        client.post("/staff/login", data={"email": "a@example.org", "password": "x", "csrf_token": token},
                    environ_base=environ)


def assert_no_address_in(keys: list[str]) -> None:
    assert len(keys) >= 5  # lookups, sign-ins, feedback per session and per address were all counted
    found = [(key, form) for key in keys for form in address_forms() if form in key.lower()]
    assert not found


def test_no_counter_in_memory_holds_an_address_or_its_64(app, client):
    count_from_both_addresses(app, client)
    assert_no_address_in(app.extensions[EXTENSION].storage.keys())


def test_no_counter_in_redis_holds_an_address_or_its_64(app):
    prefix = f"rate-limits-test-{uuid.uuid4().hex[:8]}"
    with_redis = create_app({**app.config, "REDIS_URL": REDIS_URL, "RATE_LIMIT_KEY_PREFIX": prefix})
    redis = Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        count_from_both_addresses(with_redis, with_redis.test_client())
        assert_no_address_in(list(redis.scan_iter(f"*{prefix}*")))
        assert not [key for form in address_forms() for key in redis.scan_iter(f"*{form}*")]
    finally:
        for key in redis.scan_iter(f"*{prefix}*"):
            redis.delete(key)
        redis.close()
        with with_redis.app_context():
            db.engine().dispose()


def test_a_counters_name_changes_every_day(app, monkeypatch):
    with app.test_request_context():
        today = client_key("network", str(IPV4))
        assert client_key("network", str(IPV4)) == today

        class Tomorrow(datetime):
            @classmethod
            def now(cls, tz=None):
                return datetime.now(tz) + timedelta(days=1)

        monkeypatch.setattr(rate_limits, "datetime", Tomorrow)
        assert client_key("network", str(IPV4)) != today


def test_looking_up_and_deleting_by_code_count_as_one(app, client):
    app.config["STATUS_LOOKUP_LIMIT"] = "2 per minute"
    token = session_csrf_token(client, "/en/status")
    guess = {"reference": "AAAA-AAAA-AAAA", "csrf_token": token}
    assert client.post("/en/status", data=guess).status_code == 200
    assert client.post("/en/delete", data=guess).status_code == 303
    assert client.post("/en/status", data=guess).status_code == 429
    assert client.post("/en/delete", data=guess).status_code == 429


def proxied_lookups(app, forwarded_for: list[str], peer: str = "127.0.0.1") -> list[int]:
    client = app.test_client()
    token = session_csrf_token(client, "/en/status")
    return [client.post("/en/status", data={"reference": "AAAA-AAAA-AAAA", "csrf_token": token},
                        headers={"X-Forwarded-For": header}, environ_base={"REMOTE_ADDR": peer}).status_code
            for header in forwarded_for]


@pytest.fixture
def proxied_app(app):
    """The app behind one proxy (nginx on this machine), one lookup a minute."""
    behind = create_app({**app.config, "PROXY_HOPS": 1, "STATUS_LOOKUP_LIMIT": "1 per minute"})
    yield behind
    with behind.app_context():
        db.engine().dispose()


def test_without_a_proxy_x_forwarded_for_chooses_no_counter(app):
    app.config["STATUS_LOOKUP_LIMIT"] = "1 per minute"
    assert proxied_lookups(app, ["203.0.113.1", "203.0.113.2"]) == [200, 429]


def test_behind_the_proxy_only_the_address_it_appended_counts(proxied_app):
    assert proxied_lookups(proxied_app, ["198.51.100.1, 203.0.113.5", "198.51.100.2, 203.0.113.5",
                                         "203.0.113.6"]) == [200, 429, 200]


def test_a_client_reaching_the_server_directly_cannot_name_its_counter(proxied_app):
    assert proxied_lookups(proxied_app, ["203.0.113.1", "203.0.113.2"], peer="192.0.2.50") == [200, 429]
    internal = create_app({**proxied_app.config, "FORWARDED_ALLOW_IPS": "127.0.0.1, 10.0.0.0/8"})
    try:  # a proxy on another host, named by its network
        assert proxied_lookups(internal, ["203.0.113.1", "203.0.113.2"], peer="10.1.2.3") == [200, 200]
    finally:
        with internal.app_context():
            db.engine().dispose()


def test_gunicorn_itself_never_takes_the_address_from_x_forwarded_for(tmp_path):
    """A client talking to gunicorn directly, PORTAL_PROXY_HOPS=0: its X-Forwarded-For is not its address."""
    serve = _serve_module()
    with serve.portal_server("sqlite", workers=1, extra_env={"PORTAL_STATUS_LOOKUP_LIMIT": "1 per minute"}) as served:
        browser = Browser()
        token = browser.token(f"{served.base_url}/en/status")
        statuses = []
        for forwarded in ("203.0.113.1", "203.0.113.2"):
            browser.opener.addheaders = [("X-Forwarded-For", forwarded)]
            statuses.append(browser.request(f"{served.base_url}/en/status",
                                            {"reference": "AAAA-AAAA-AAAA", "csrf_token": token})[0])
    assert statuses == [200, 429]


# Meetings share one Wi-Fi: per session, a ceiling per address, and mistakes never count.

def send_feedback(app, meeting_id: int, answers: dict, address: str = "198.51.100.10", client=None) -> int:
    client = client or app.test_client()
    environ = {"REMOTE_ADDR": address}
    url = f"/en/meetings/{meeting_id}/feedback"
    token = csrf_token_from(client.get(url, environ_base=environ))
    return client.post(url, data={**answers, "csrf_token": token}, environ_base=environ).status_code


def stored_count(app) -> int:
    with app.app_context():
        return len(db.session().scalars(select(Submission)).all())


def test_a_room_of_60_on_one_wifi_all_get_their_feedback_through(app):
    meeting_id = add_meeting(app)
    assert [send_feedback(app, meeting_id, ANSWERS) for _ in range(60)] == [303] * 60
    assert stored_count(app) == 60


def test_the_room_ceiling_stops_one_address_and_not_the_next(app):
    app.config["SUBMISSION_LIMIT_PER_ADDRESS"] = "3 per hour"
    meeting_id = add_meeting(app)
    assert [send_feedback(app, meeting_id, ANSWERS) for _ in range(4)] == [303, 303, 303, 429]
    assert send_feedback(app, meeting_id, ANSWERS, address="198.51.100.11") == 303


def test_a_client_without_a_session_cookie_is_counted_by_its_address_only(app):
    app.config.update(WTF_CSRF_ENABLED=False, SUBMISSION_LIMIT="1 per hour", SUBMISSION_LIMIT_PER_ADDRESS="3 per hour")
    cookieless = FlaskClient(app, app.response_class, use_cookies=False)  # pages without CSRF: not checked
    url = f"/en/meetings/{add_meeting(app)}/feedback"
    assert [cookieless.post(url, data=ANSWERS).status_code for _ in range(4)] == [303, 303, 303, 429]


def test_a_form_sent_back_for_a_mistake_does_not_count(app, client):
    app.config["SUBMISSION_LIMIT"] = "2 per hour"
    meeting_id = add_meeting(app)
    mistakes = [send_feedback(app, meeting_id, {"act_on": "No rating chosen"}, client=client) for _ in range(5)]
    assert mistakes == [200] * 5
    assert [send_feedback(app, meeting_id, ANSWERS, client=client) for _ in range(3)] == [303, 303, 429]
    assert stored_count(app) == 2


def test_the_honeypot_on_feedback_stores_nothing(app, client):
    meeting_id = add_meeting(app)
    assert send_feedback(app, meeting_id, {**ANSWERS, "leave_empty": "http://spam.example"}, client=client) == 303
    assert stored_count(app) == 0


PAST_DAY = (date.today() - timedelta(days=3)).isoformat()
PAST_DAY_BOXES = dict(zip(("occurred_on-year", "occurred_on-month", "occurred_on-day"),
                          (str(int(part)) for part in PAST_DAY.split("-")), strict=True))
CONTACT = {"follow_up": "y", "name": "Amina Yusuf", "email": "amina@example.org", "phone": "+15025550123",
           "contact_language": "so", "consent": "y"}
EVERY_FEEDBACK_ANSWER = {**ANSWERS, **CONTACT}
EVERY_CONCERN_ANSWER = {"category": "housing", "body": "The heating has been off since Monday.",
                        "neighbourhood": "East End", **PAST_DAY_BOXES, **CONTACT}


def browser_form_data(form) -> dict[str, list[str]]:
    """What a browser sends for a form as the page shows it."""
    data: dict[str, list[str]] = {}
    for element in form.select("input[name], textarea[name], select[name]"):
        if element.name == "textarea":
            value = textarea_text(element)
        elif element.name == "select":
            chosen = element.select_one("option[selected]") or element.select_one("option")
            value = chosen["value"]
        elif element.get("type") in ("checkbox", "radio"):
            if not element.has_attr("checked"):
                continue
            value = element.get("value", "on")
        else:
            value = element.get("value", "")
        data.setdefault(element["name"], []).append(value)
    return data


@pytest.mark.parametrize("kind", ["feedback", "concern"])
def test_over_the_limit_every_answer_comes_back_in_a_form_that_sends_it_again(app, client, kind):
    app.config["SUBMISSION_LIMIT"] = "1 per hour"
    url = f"/so/meetings/{add_meeting(app)}/feedback" if kind == "feedback" else "/so/concern"
    answers = EVERY_FEEDBACK_ANSWER if kind == "feedback" else EVERY_CONCERN_ANSWER
    assert post_form(client, url, answers).status_code == 303
    refused = post_form(client, url, answers)
    assert refused.status_code == 429
    html = page(refused)
    assert html.find("html")["lang"] == "so" and html.select_one("[role=alert] h2")
    [form] = html.select(f"form[action^='{url}#']")
    again = browser_form_data(form)
    assert {name: values for name, values in again.items() if name not in ("csrf_token", "form_token")} == {
        **{name: [value] for name, value in answers.items()}, "leave_empty": [""]}

    app.config["SUBMISSION_LIMIT"] = "5 per hour"  # a few minutes later
    assert client.post(url, data=again).status_code == 303
    with app.app_context():
        resent = db.session().scalars(
            select(Submission).options(joinedload(Submission.contact), joinedload(Submission.category))
            .order_by(Submission.id.desc())).first()
        assert (resent.contact.name, resent.contact.email, resent.contact.phone, resent.contact.preferred_language) \
            == ("Amina Yusuf", "amina@example.org", "+15025550123", "so")
        if kind == "feedback":
            assert (resent.usefulness, resent.felt_heard, resent.interpretation) == (4, 2, Interpretation.PARTLY)
            assert (resent.body, resent.improvement) == (ANSWERS["act_on"], ANSWERS["improvement"])
        else:
            assert (resent.category.slug, resent.body, resent.neighbourhood, resent.occurred_on.isoformat()) == (
                "housing", EVERY_CONCERN_ANSWER["body"], "East End", PAST_DAY)

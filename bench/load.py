"""Load: N concurrent residents sending concerns for S seconds; then count what was accepted against what was
stored. Nothing may be lost and nothing may fail with a 5xx.

    .venv/bin/python bench/load.py --database sqlite --clients 50 --seconds 60
    .venv/bin/python bench/load.py --database postgres --clients 50 --seconds 60
    .venv/bin/python bench/load.py --database sqlite --clients 50 --seconds 60 --https

Each client keeps one connection open, reads the form (and its CSRF token) once, then sends concerns in a loop,
each with a unique marker in its text. Traffic goes to 127.0.0.1 only. With --https the portal runs as in
production (PORTAL_ENV=production, PORTAL_PROXY_HOPS=1) behind Debian's nginx with the shipped deploy/nginx.conf
and a self-signed certificate (bench/behind_nginx.py), and the clients speak HTTPS to it.
"""
from __future__ import annotations

import argparse
import contextlib
import http.client
import tempfile
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from sqlalchemy import create_engine, text

import behind_nginx
from serve import portal_server

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    accepted_markers: list[str] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int | None, marker: str | None = None, error: str | None = None) -> None:
        with self.lock:
            if status is not None:
                self.statuses[status] += 1
            if marker:
                self.accepted_markers.append(marker)
            if error:
                self.errors[error] += 1


class Resident:
    """One client: a kept-alive connection and its own session cookie."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.connection = self._connect()
        self.cookie = ""
        self.token = ""

    def _connect(self) -> http.client.HTTPConnection:
        parts = urlsplit(self.base_url)
        if parts.scheme == "https":  # portal.test behind nginx (bench/behind_nginx.py)
            return behind_nginx.PortalConnection(parts.port)
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            # As a browser under the portal's Referrer-Policy (same-origin): the form's own page.
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base_url + path})
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (ConnectionError, http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = self._connect()
            raise
        content = response.read().decode("utf-8", "replace")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, content

    def read_form(self) -> None:
        status, content = self.request("GET", "/en/concern")
        match = TOKEN.search(content)
        if status != 200 or not match:
            raise RuntimeError(f"could not read the form ({status})")
        self.token = match.group(1)

    def send_concern(self, run_id: str) -> tuple[int, str]:
        marker = f"loadtest-{run_id}-{uuid.uuid4().hex}"
        body = urlencode({"csrf_token": self.token, "category": "housing",
                          "body": f"The heating in our building has not worked for weeks. {marker}"})
        status, _content = self.request("POST", "/en/concern", body)
        return status, marker


def start_clients(base_url: str, clients: int, deadline: float, run_id: str, tally: Tally,
                  on_status=lambda status: None) -> list[threading.Thread]:
    """Starts the residents; each sends concerns until the deadline (time.monotonic())."""

    def client_loop() -> None:
        resident = Resident(base_url)
        while time.monotonic() < deadline:
            try:
                if not resident.token:
                    resident.read_form()
                status, marker = resident.send_concern(run_id)
                tally.add(status, marker if status == 303 else None)
                on_status(status)
            except (OSError, http.client.HTTPException, RuntimeError) as error:
                tally.add(None, error=type(error).__name__)
                time.sleep(0.2)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    return threads


def run_load(base_url: str, clients: int, seconds: float, run_id: str, tally: Tally) -> float:
    started = time.monotonic()
    for thread in start_clients(base_url, clients, started + seconds, run_id, tally):
        thread.join()
    return time.monotonic() - started


def stored_markers(database_url: str, run_id: str) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM submission WHERE body LIKE :pattern"), {"pattern": f"%loadtest-{run_id}-%"}
        ).scalar_one()
    engine.dispose()
    return count


def report(label: str, tally: Tally, elapsed: float, stored: int) -> bool:
    accepted = len(tally.accepted_markers)
    server_errors = sum(count for status, count in tally.statuses.items() if status >= 500)
    print(f"{label}: {sum(tally.statuses.values())} responses in {elapsed:.1f} s "
          f"({sum(tally.statuses.values()) / elapsed:.0f}/s); statuses {dict(sorted(tally.statuses.items()))}; "
          f"connection errors {dict(tally.errors)}")
    print(f"{label}: accepted {accepted}, stored {stored}, lost {accepted - stored}, 5xx {server_errors}")
    return accepted == stored and server_errors == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--https", action="store_true", help="in production mode behind nginx with TLS")
    arguments = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    tally = Tally()
    with served(arguments.database, arguments.https) as (base_url, database_url):
        elapsed = run_load(base_url, arguments.clients, arguments.seconds, run_id, tally)
    label = f"{arguments.database}{' behind nginx (TLS)' if arguments.https else ''}, {arguments.clients} clients"
    ok = report(label, tally, elapsed, stored_markers(database_url, run_id))
    raise SystemExit(0 if ok else 1)


@contextlib.contextmanager
def served(database: str, https: bool):
    """Yields (base URL, database URL): gunicorn itself, or nginx with TLS in front of it in production mode."""
    if not https:
        with portal_server(database) as (base_url, database_url, _environment):
            yield base_url, database_url
        return
    front = behind_nginx.reserve_front()
    with portal_server(database, extra_env=behind_nginx.production_environment(front)) as served_portal, \
            tempfile.TemporaryDirectory(prefix="portal-nginx-") as directory, \
            behind_nginx.nginx(front, served_portal.base_url.removeprefix("http://"), Path(directory)) as public_url:
        yield public_url, served_portal.database_url


if __name__ == "__main__":
    main()

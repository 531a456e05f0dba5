"""Load: N concurrent residents sending concerns for S seconds; then count what was accepted against what was
stored. Nothing may be lost and nothing may fail with a 5xx.

    .venv/bin/python bench/load.py --database sqlite --clients 50 --seconds 60
    .venv/bin/python bench/load.py --database postgres --clients 50 --seconds 60

Each client keeps one connection open, reads the form (and its CSRF token) once, then sends concerns in a loop,
each with a unique marker in its text. Traffic goes to 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import http.client
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from sqlalchemy import create_engine, text

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
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.cookie = ""
        self.token = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (ConnectionError, http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
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
    arguments = parser.parse_args()
    run_id = uuid.uuid4().hex[:8]
    tally = Tally()
    with portal_server(arguments.database) as (base_url, database_url, _environment):
        elapsed = run_load(base_url, arguments.clients, arguments.seconds, run_id, tally)
    ok = report(f"{arguments.database}, {arguments.clients} clients", tally, elapsed, stored_markers(database_url, run_id))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()

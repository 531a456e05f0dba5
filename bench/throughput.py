"""Requests per second against a baseline, in one run, on the same machine, with the same gunicorn settings.

    .venv/bin/python bench/throughput.py [--seconds 10] [--rounds 3] [--connections 32] [--database sqlite|postgres]

The baseline is a bare Flask app returning a fixed page as large as the concern page (bench/baseline_app.py).
Then the portal: the concern page (GET), a valid concern (POST with its CSRF token and session cookie, stored),
and a status lookup (POST). Both are served by the repository's gunicorn.conf.py. Load comes from wrk (Debian
package `wrk`) on 127.0.0.1, bounded in time. Each target is first warmed up (every worker started, caches
filled), then measured in several rounds taken in turn, so that a slow moment of the machine touches all of them;
the median round counts. Afterwards the stored rows are counted against the POSTs wrk saw accepted: none may be
lost. Goals: the concern page at 25% or more of the baseline, the submission at 12% or more, zero errors.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

from serve import ROOT, free_port, gunicorn_command, gunicorn_cpu_seconds, portal_server, _wait_until_up

RESULT = re.compile(r"Requests/sec:\s+([\d.]+)")
COMPLETED = re.compile(r"(\d+) requests in")
NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: (.*)")


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = SOCKET_ERRORS.search(output)
    return {"rps": float(RESULT.search(output).group(1)), "requests": int(COMPLETED.search(output).group(1)),
            "non_2xx_3xx": int(NON_2XX.search(output).group(1)) if NON_2XX.search(output) else 0,
            "socket_errors": errors.group(1) if errors else "none"}


def post_script(path: Path, body: str, cookie: str) -> str:
    path.write_text(f'wrk.method = "POST"\nwrk.body = "{body}"\n'
                    'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                    f'wrk.headers["Cookie"] = "{cookie}"\n')
    return str(path)


def session_and_token(base_url: str) -> tuple[str, str, bytes]:
    with urllib.request.urlopen(base_url + "/en/concern") as response:
        page = response.read()
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
    return cookie, token, page


@contextlib.contextmanager
def baseline_server(page: bytes, workdir: Path):
    (workdir / "page.html").write_bytes(page)
    port = free_port()
    server = subprocess.Popen(
        [*gunicorn_command(port, workers=2, threads=None), "--chdir", str(ROOT / "bench"), "baseline_app:app"],
        env={**os.environ, "BASELINE_PAGE": str(workdir / "page.html")}, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", path="/")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def measure(targets: dict[str, tuple[str, str | None]], arguments) -> tuple[dict, dict]:
    """Every target warmed up for 2 seconds, then `rounds` runs of each, taken in turn. Returns the runs and the
    warm-ups (which count too when submissions are checked)."""
    warm_ups = {name: wrk(url, 2, arguments.connections, script) for name, (url, script) in targets.items()}
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    for _ in range(arguments.rounds):
        for name, (url, script) in targets.items():
            port = urllib.parse.urlsplit(url).port
            before = gunicorn_cpu_seconds(port)
            run = wrk(url, arguments.seconds, arguments.connections, script)
            run["cpu_ms"] = (gunicorn_cpu_seconds(port) - before) * 1000 / max(run["requests"], 1)
            runs[name].append(run)
    return runs, warm_ups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="portal-throughput-"))
    with portal_server(arguments.database) as (base_url, database_url, _environment):
        cookie, token, page = session_and_token(base_url)
        concern = post_script(workdir / "concern.lua",
                              f"csrf_token={token}&category=housing&body=The+heating+has+not+worked+for+weeks.",
                              cookie)
        status = post_script(workdir / "status.lua", f"csrf_token={token}&reference=K7F3-9QXA-2MWD", cookie)
        with baseline_server(page, workdir) as baseline_url:
            runs, warm_ups = measure({
                "baseline (fixed page)": (baseline_url, None),
                "concern page (GET)": (f"{base_url}/en/concern", None),
                "concern sent (POST)": (f"{base_url}/en/concern", concern),
                "status lookup (POST)": (f"{base_url}/en/status", status),
            }, arguments)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM submission")).scalar_one()
    engine.dispose()
    report(runs, warm_ups, stored, len(page), arguments)


def report(runs: dict[str, list[dict]], warm_ups: dict, stored: int, page_size: int, arguments) -> None:
    median = {name: statistics.median(run["rps"] for run in results) for name, results in runs.items()}
    base = median["baseline (fixed page)"]
    print(f"{page_size:,} bytes per page; {arguments.connections} connections, {arguments.rounds} rounds of "
          f"{arguments.seconds} s per target; {arguments.database}")
    print(f"{'':24} {'median req/s':>12} {'of baseline':>12} {'CPU ms/req':>10} {'rounds (req/s)':>24} "
          f"{'errors':>7}")
    for name, results in runs.items():
        rounds = ", ".join(f"{run['rps']:.0f}" for run in results)
        cpu = statistics.median(run["cpu_ms"] for run in results)
        errors = sum(run["non_2xx_3xx"] for run in results)
        socket_errors = "; ".join(sorted({run["socket_errors"] for run in results}))
        print(f"{name:24} {median[name]:12.0f} {median[name] / base:12.1%} {cpu:10.2f} {rounds:>24} {errors:7d}  "
              f"socket errors: {socket_errors}")
    sent = [*runs["concern sent (POST)"], warm_ups["concern sent (POST)"]]
    accepted = sum(run["requests"] - run["non_2xx_3xx"] for run in sent)
    print(f"submissions: {accepted} accepted as wrk counted them, {stored} stored, "
          f"{max(accepted - stored, 0)} lost (requests still in flight when wrk stopped are stored, not counted)")


if __name__ == "__main__":
    main()

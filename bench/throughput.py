"""Requests per second against a baseline, in one run, on the same machine, with the same gunicorn settings.

    .venv/bin/python bench/throughput.py [--seconds 15] [--connections 32] [--database sqlite|postgres]

The baseline is a bare Flask app returning a fixed page as large as the concern page (bench/baseline_app.py).
Then the portal: the concern page (GET), a valid concern (POST with its CSRF token and session cookie, stored),
and a status lookup (POST). Load comes from wrk (Debian package) on 127.0.0.1, bounded in time. After the POST run
the stored rows are counted against wrk's completed requests: none may be lost.
Goals: the concern page at 25% or more of the baseline, the submission at 12% or more, zero errors.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

from serve import ROOT, VENV_BIN, free_port, portal_server, _wait_until_up

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    arguments = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="portal-throughput-"))
    results = {}
    with portal_server(arguments.database) as (base_url, database_url, _environment):
        cookie, token, page = session_and_token(base_url)
        (workdir / "page.html").write_bytes(page)
        port = free_port()
        baseline = subprocess.Popen(
            [VENV_BIN / "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", "4", "--access-logfile", "/dev/null", "--chdir", str(ROOT / "bench"), "baseline_app:app"],
            env={**os.environ, "BASELINE_PAGE": str(workdir / "page.html")}, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}", path="/")
            results["baseline (fixed page)"] = wrk(f"http://127.0.0.1:{port}/", arguments.seconds, arguments.connections)
        finally:
            baseline.terminate()
            baseline.wait()
        results["concern page (GET)"] = wrk(f"{base_url}/en/concern", arguments.seconds, arguments.connections)
        concern = post_script(workdir / "concern.lua",
                              f"csrf_token={token}&category=housing&body=The+heating+has+not+worked+for+weeks.",
                              cookie)
        results["concern sent (POST)"] = wrk(f"{base_url}/en/concern", arguments.seconds, arguments.connections,
                                             concern)
        status = post_script(workdir / "status.lua", f"csrf_token={token}&reference=K7F3-9QXA-2MWD", cookie)
        results["status lookup (POST)"] = wrk(f"{base_url}/en/status", arguments.seconds, arguments.connections,
                                              status)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM submission")).scalar_one()
    engine.dispose()
    base = results["baseline (fixed page)"]["rps"]
    print(f"{len(page):,} bytes per page; {arguments.connections} connections for {arguments.seconds} s each; "
          f"{arguments.database}")
    print(f"{'':24} {'req/s':>9} {'of baseline':>12} {'requests':>9} {'errors':>7}")
    for name, result in results.items():
        print(f"{name:24} {result['rps']:9.0f} {result['rps'] / base:11.0%} {result['requests']:9d} "
              f"{result['non_2xx_3xx']:7d}  socket errors: {result['socket_errors']}")
    sent = results["concern sent (POST)"]
    print(f"submissions: {sent['requests']} completed by wrk, {stored} stored, "
          f"{sent['requests'] - sent['non_2xx_3xx'] - stored} lost")


if __name__ == "__main__":
    main()

"""CPU instructions per submission, counted by valgrind: the same number on a busy machine as on a quiet one.

    .venv/bin/python bench/instructions.py [--submissions 100]

Requests per second drift with the machine (by a third within an hour here), so a change of a few percent in
the Python a submission runs is lost in that noise. This drives the app's WSGI callable in one process, with no
server and no network: a fresh SQLite database, the concern form read once, then valid concerns sent with their
CSRF token and session cookie, each answered 303 and stored. It runs twice under `valgrind --tool=callgrind`
(Debian's package `valgrind`), with a few submissions and with many, and prints the difference per submission,
so start-up is left out. Counts are of user-space instructions: waiting (fsync, locks) and the kernel's work
are not in them; bench/throughput.py measures those.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 20
CONCERN = "category=housing&body=The+heating+has+not+worked+for+weeks."


def call(app, method: str, path: str, body: bytes = b"", cookie: str = "") -> tuple[str, dict, bytes]:
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "5000", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "127.0.0.1:5000",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
        "REMOTE_ADDR": "127.0.0.1", "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    answer = {}

    def start_response(status, headers, _exc_info=None):
        answer.update(status=status, headers=dict(headers))

    content = b"".join(app.wsgi_app(environ, start_response))
    return answer["status"], answer["headers"], content


def send(submissions: int) -> None:
    """The measured program: a fresh database, then WARM_UP + submissions concerns sent."""
    instance = tempfile.mkdtemp(prefix="portal-instructions-")
    environment = {**os.environ, "PORTAL_INSTANCE_PATH": instance, "PORTAL_SUBMISSION_LIMIT": "1000000 per hour",
                   "PORTAL_SUBMISSION_LIMIT_PER_ADDRESS": "1000000 per hour"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "portal", "init-db"], env=environment, cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    from portal import create_app

    app = create_app()
    _status, headers, form = call(app, "GET", "/en/concern")
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1).decode()
    body = f"csrf_token={token}&{CONCERN}".encode()
    for _ in range(WARM_UP + submissions):
        status, _headers, _content = call(app, "POST", "/en/concern", body, cookie)
        if not status.startswith("303"):
            raise SystemExit(f"a concern was answered {status}")


def instructions(submissions: int) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/callgrind.out",
             sys.executable, __file__, "--send", str(submissions)],
            env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--send", type=int, help=argparse.SUPPRESS)  # the run valgrind watches
    arguments = parser.parse_args()
    if arguments.send is not None:
        send(arguments.send)
        return
    few, many = instructions(0), instructions(arguments.submissions)
    print(f"{(many - few) / arguments.submissions / 1e6:.2f} million instructions per submission "
          f"({arguments.submissions} submissions after {WARM_UP} to warm up; start-up excluded)")


if __name__ == "__main__":
    main()

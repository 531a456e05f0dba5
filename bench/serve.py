"""Start the portal under gunicorn for a benchmark, against a fresh SQLite file or a PostgreSQL database."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(kind: str, workdir: Path, name: str = "portal_bench") -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}"
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


class Served(NamedTuple):
    base_url: str
    database_url: str
    environment: dict


@contextlib.contextmanager
def portal_server(kind: str, *, workers: int = 2, threads: int | None = None, extra_env: dict | None = None):
    """Yields a Served for a gunicorn serving the portal on a fresh database; stops it afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database_url = fresh_database(kind, workdir)
    environment = {
        **os.environ, "PORTAL_INSTANCE_PATH": str(workdir), "PORTAL_DATABASE_URL": database_url,
        "PORTAL_SUBMISSION_LIMIT": "1000000 per hour", "PORTAL_SUBMISSION_LIMIT_PER_ADDRESS": "1000000 per hour",
        "PORTAL_STATUS_LOOKUP_LIMIT": "1000000 per minute",
        **(extra_env or {}),
    }
    subprocess.run([VENV_BIN / "flask", "--app", "portal", "init-db"], env=environment, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    with gunicorn(environment, workers=workers, threads=threads) as base_url:
        yield Served(base_url, database_url, environment)


@contextlib.contextmanager
def gunicorn(environment: dict, *, workers: int = 2, threads: int | None = None):
    """Yields the base URL of a gunicorn serving the portal with `environment` on a free port; stops it afterwards.
    The database must be ready (`flask --app portal init-db`). Threads: gunicorn.conf.py's unless given."""
    port = free_port()
    server = subprocess.Popen(
        [*gunicorn_command(port, workers, threads), "wsgi:app"],
        env=environment, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def gunicorn_command(port: int, workers: int, threads: int | None) -> list:
    """The repository's gunicorn.conf.py on 127.0.0.1:port, without an access log."""
    command = [VENV_BIN / "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--access-logfile", "/dev/null"]
    return command + (["--threads", str(threads)] if threads else [])


def gunicorn_cpu_seconds(port: int) -> float:
    """CPU time (user and system) used so far by the gunicorn serving 127.0.0.1:port, arbiter and workers: a
    measure of cost per request that a busy or slow machine disturbs far less than requests a second."""
    total = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if f"127.0.0.1:{port}".encode() in cmdline.read_bytes() and b"gunicorn" in cmdline.read_bytes():
                fields = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def _wait_until_up(base_url: str, path: str = "/healthz") -> None:
    for _ in range(100):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base_url + path, timeout=1)
            return
        time.sleep(0.1)
    raise RuntimeError("the portal did not start")

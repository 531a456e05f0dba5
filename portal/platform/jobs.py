"""Background jobs: on RQ when PORTAL_REDIS_URL is set, inline in the same process when it is not.

    handle = jobs.enqueue(render_big_pdf, report_id)       # now: runs it (no Redis) or queues it (Redis)
    jobs.after_commit(db_session, send_receipt, sub_id)    # the same, once db_session's transaction committed

A job is a module-level function taking plain, JSON-like arguments (ids, strings, numbers: never personal data,
which would then sit in Redis). It runs in its own application context with its own database session, which is
committed when the function returns and rolled back when it raises, on the worker (`flask --app portal worker`)
and inline alike. `retry=[60, 300]` makes up to two more attempts after 60 and 300 seconds on the worker; inline, a
failed job is tried once more after JOB_INLINE_RETRY_SECONDS, never longer, since the process has other requests.

Work queued after a commit is dropped when the transaction rolls back, so nothing is sent about what was never
stored. When Redis cannot be reached at that moment, the job runs inline instead: nothing is lost.

Inline work that a request queued after its commit waits until the response has been sent: init_app wraps the
WSGI app so the server runs it when it closes the response, which it does once the last byte is written (gunicorn,
Werkzeug's server; Flask's test client only with buffered=True or response.close()). A resident never waits for a
mail server. The process does: with gunicorn's sync worker, the worker stays busy until the work is done, and the
next request goes to another worker (with two workers, one serves while the other sends). Work queued outside a
request (a command, a job) runs at once, as enqueue does.
"""
from __future__ import annotations

import contextvars
import importlib
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.wsgi import ClosingIterator

from portal.platform import db

RESULT_TTL = 3600  # a finished job's result (say, a rendered PDF) stays an hour in Redis for whoever waits on it
FAILURE_TTL = 30 * 24 * 3600  # a job that failed for good stays a month in RQ's failed registry
_PENDING = "portal.jobs.pending"
WORKER_ENTRY = "portal.worker.perform"  # named, not imported: it makes the app, which sits above this module
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobContext:
    """What a running job may want to know about itself: jobs.current()."""

    id: str
    name: str
    args: tuple
    attempt: int  # 1 for the first try
    attempts: int  # how many tries there will be at most
    inline: bool = False  # in a web server's process rather than on the worker: keep it short

    @property
    def last(self) -> bool:
        return self.attempt >= self.attempts


@dataclass(frozen=True)
class JobHandle:
    """A queued or finished job. Inline jobs come back finished (or failed) at once."""

    id: str
    status: str  # "queued", "started", "scheduled", "deferred", "finished", "failed"...
    result: Any = None
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def failed(self) -> bool:
        return self.status in {"failed", "stopped", "canceled"}


_current: contextvars.ContextVar[JobContext | None] = contextvars.ContextVar("portal_job", default=None)
# The inline work of the request being handled, to run after its response; None outside a request.
_after_response: contextvars.ContextVar[list | None] = contextvars.ContextVar("portal_after_response", default=None)
_forked = False


def _after_fork_in_child() -> None:
    global _forked
    _forked = True


# RQ's worker forks a "work horse" per job: it must not use the database connections of the process it came from.
os.register_at_fork(after_in_child=_after_fork_in_child)


def new_job_id() -> str:
    """Named after the queue, so everything of one queue in Redis can be found (and, in tests, removed)."""
    return f"{queue_name()}-{uuid.uuid4().hex}"


def current() -> JobContext | None:
    """The job running now, or None outside a job."""
    return _current.get()


def name_of(func: Callable) -> str:
    name = f"{func.__module__}:{func.__qualname__}"
    try:
        found = resolve(name)
    except (ImportError, AttributeError):
        found = None
    if found is not func:
        raise ValueError(f"{name} is not a module-level function, so a worker could not find it")
    return name


def resolve(name: str) -> Callable:
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def uses_redis() -> bool:
    return bool(current_app.config.get("REDIS_URL"))


def connection():
    """One Redis client per application (it keeps its own connection pool)."""
    from redis import Redis

    client = current_app.extensions.get("portal.redis")
    if client is None:
        client = current_app.extensions["portal.redis"] = Redis.from_url(
            current_app.config["REDIS_URL"], socket_connect_timeout=5, socket_timeout=30)
    return client


def queue_name() -> str:
    return current_app.config["JOB_QUEUE"]


def queue():
    from rq import Queue

    return Queue(queue_name(), connection=connection())


def enqueue(func: Callable, *args, retry: Sequence[int] = (), job_id: str | None = None) -> JobHandle:
    """Queue func(*args) on RQ, or run it now without Redis. See the module's docstring."""
    name, job_id = name_of(func), job_id or new_job_id()
    if not uses_redis():
        app = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy, typed as Flask
        return _run_inline(app, name, args, job_id, len(retry))
    from rq import Retry

    job = queue().enqueue(
        WORKER_ENTRY, name, *args, job_id=job_id, description=name, result_ttl=RESULT_TTL, failure_ttl=FAILURE_TTL,
        retry=Retry(max=len(retry), interval=[int(seconds) for seconds in retry]) if retry else None,
        meta={"attempts": len(retry) + 1},
    )
    return JobHandle(job.id, "queued")


def after_commit(db_session: Session, func: Callable, *args, retry: Sequence[int] = ()) -> None:
    """enqueue(func, *args) once db_session's transaction has committed; never if it rolls back."""
    name_of(func)  # fail now, in the caller, rather than after the commit
    if not db_session.in_transaction():
        db_session.begin()  # so that a rollback before any SQL still ends "this" transaction and drops the job
    db_session.info.setdefault(_PENDING, []).append((func, args, tuple(retry)))
    if not event.contains(db_session, "after_commit", _run_pending):
        event.listen(db_session, "after_commit", _run_pending)
        event.listen(db_session, "after_transaction_end", _drop_pending)


def _run_pending(db_session: Session) -> None:
    pending = db_session.info.pop(_PENDING, [])
    if not pending:
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # a proxy, typed as Flask
    for func, args, retry in pending:
        if uses_redis():
            try:
                enqueue(func, *args, retry=retry)
                continue
            except Exception:  # Redis unreachable: do it inline rather than lose it
                log.exception("Could not queue %s; running it inline instead", name_of(func))
        _run_inline_soon(app, name_of(func), args, len(retry))


def _drop_pending(db_session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended without a commit (or after one: empty)
        db_session.info.pop(_PENDING, None)


def _run_inline_soon(app: Flask, name: str, args: tuple, retries: int) -> None:
    """After the response when a request is being handled, else now."""
    waiting, job = _after_response.get(), (app, name, args, new_job_id(), retries)
    if waiting is None:
        _run_inline(*job)
    else:
        waiting.append(job)


def init_app(app: Flask) -> None:
    app.wsgi_app = RunAfterResponse(app.wsgi_app)  # type: ignore[method-assign]  # Flask's way to add middleware


class RunAfterResponse:
    """WSGI middleware: the inline work a request queued runs when the server closes the response."""

    def __init__(self, wsgi_app: Callable) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response: Callable):
        waiting: list = []
        token = _after_response.set(waiting)
        try:
            body = self.wsgi_app(environ, start_response)  # Flask has committed (or not) by the time it returns
        finally:
            _after_response.reset(token)
        return ClosingIterator(body, lambda: _run_all(waiting)) if waiting else body


def _run_all(waiting: list) -> None:
    for job in waiting:
        _run_inline(*job)


def _run_inline(app: Flask, name: str, args: tuple, job_id: str, retries: int) -> JobHandle:
    attempts = 1 + min(retries, 1)
    for attempt in range(1, attempts + 1):
        try:
            result = _perform_in(app, JobContext(job_id, name, args, attempt, attempts, inline=True))
        except Exception as error:
            log.exception("Job %s (%s) failed, attempt %s of %s", job_id, name, attempt, attempts)
            if attempt == attempts:
                return JobHandle(job_id, "failed", error=f"{type(error).__name__}: {error}")
            time.sleep(app.config["JOB_INLINE_RETRY_SECONDS"])
        else:
            return JobHandle(job_id, "finished", result=result)
    raise AssertionError("unreachable")


def _perform_in(app: Flask, context: JobContext) -> Any:
    """Run a job in a fresh application context (so a fresh session): commit on return, roll back on error."""
    token = _current.set(context)
    try:
        with app.app_context():
            result = resolve(context.name)(*context.args)
            db.commit_if_open()
            return result
    finally:
        _current.reset(token)


def run_queued(app: Flask, name: str, *args) -> Any:
    """What the worker runs for a queued job (portal/worker.py): the named function, in `app`."""
    global _forked
    from rq import get_current_job

    if _forked:  # in a work horse: leave the parent's pooled connections alone, open new ones
        with app.app_context():
            db.engine().dispose(close=False)
        _forked = False
    job = get_current_job()
    attempts = int(job.meta.get("attempts", 1)) if job else 1
    attempt = attempts - (job.retries_left or 0) if job else 1
    return _perform_in(app, JobContext(job.id if job else uuid.uuid4().hex, name, args, attempt, attempts))


def fetch(job_id: str) -> JobHandle | None:
    """A queued job's state and, once finished, its result; None when Redis is not used or it expired."""
    if not uses_redis():
        return None
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=connection())
    except NoSuchJobError:
        return None
    status = str(job.get_status().value)
    if status == "finished":
        return JobHandle(job.id, status, result=job.return_value())
    latest = job.latest_result() if status == "failed" else None
    error = latest.exc_string.strip().splitlines()[-1] if latest is not None and latest.exc_string else None
    return JobHandle(job.id, status, error=error)


def run_worker(*, burst: bool = False) -> bool:
    """`flask --app portal worker`: process jobs until stopped (or, with burst, until the queue is empty)."""
    from rq import Worker

    worker = Worker([queue()], connection=connection())
    return worker.work(burst=burst, with_scheduler=True)

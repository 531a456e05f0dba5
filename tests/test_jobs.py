"""Background jobs through the machine's real Redis (database 5, a queue of each test's own) and inline without it:
queued work waits in Redis while no worker runs, goes after a commit and never after a rollback, survives Redis
being down, and a failed send is tried again with back-off and then recorded for admins."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from redis import Redis
from rq import SimpleWorker
from sqlalchemy import func, select

from portal.platform import db
from portal.models import MailFailure, Submission, Tag
from portal.platform import jobs
from tests.conftest import TEST_DATA_KEY, page
from tests.factories import make_submission
from tests.smtp import free_port
from tests.test_mail import BODY, RESIDENT, send_concern

REDIS_URL = "redis://127.0.0.1:6379/5"
ROOT = Path(__file__).resolve().parent.parent
attempts_seen: list[int] = []


# Jobs: module-level functions with plain arguments, as a worker finds them.
def double(number: int) -> int:
    return number * 2


def count_submissions() -> int:
    return db.session().scalar(select(func.count(Submission.id)))


def add_tag(name: str) -> None:
    db.session().add(Tag(name=name))


def fail_once(name: str) -> str:
    attempts_seen.append(jobs.current().attempt)
    if len(attempts_seen) == 1:
        raise RuntimeError("the first try fails")
    return name


def always_fail() -> None:
    raise RuntimeError("this never works")


@pytest.fixture
def redis_app(app):
    """The app with Redis, on a queue no other test (or concurrent run) uses; its keys go afterwards."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    app.config.update(REDIS_URL=REDIS_URL, JOB_QUEUE=name)
    yield app
    client = Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"*{name}*"):
        client.delete(key)
    client.srem("rq:queues", f"rq:queue:{name}")  # RQ's list of every queue
    client.close()
    if "portal.redis" in app.extensions:
        app.extensions.pop("portal.redis").close()


def work(app) -> None:
    """A worker in this process until the queue is empty (the real command runs in test_the_worker_command...)."""
    with app.app_context():
        SimpleWorker([jobs.queue()], connection=jobs.connection()).work(burst=True)


def queued(app) -> int:
    with app.app_context():
        return jobs.queue().count


# Inline, without Redis.

def test_without_redis_a_job_runs_at_once_in_its_own_session(app):
    with app.app_context():
        make_submission(db.session())  # not committed: a job has its own session and does not see it
        handle = jobs.enqueue(count_submissions)
        assert handle.finished and handle.result == 0
        db.session().rollback()
        assert jobs.enqueue(double, 21).result == 42
        assert jobs.fetch(handle.id) is None  # nothing waits anywhere


def test_without_redis_a_failed_job_is_tried_once_more_then_reported(app):
    app.config["JOB_INLINE_RETRY_SECONDS"] = 0
    attempts_seen.clear()
    with app.app_context():
        assert jobs.enqueue(fail_once, "ok", retry=[60, 300]).result == "ok"
        assert attempts_seen == [1, 2]
        handle = jobs.enqueue(always_fail, retry=[60])
    assert handle.failed and handle.error == "RuntimeError: this never works"


def test_a_job_queued_after_commit_is_dropped_when_the_transaction_rolls_back(app):
    with app.app_context():
        jobs.after_commit(db.session(), add_tag, "rolled-back")
        db.session().rollback()
        jobs.after_commit(db.session(), add_tag, "committed")
        db.session().commit()
        assert list(db.session().scalars(select(Tag.name))) == ["committed"]


def test_only_module_level_functions_can_be_jobs(app):
    with app.app_context(), pytest.raises(ValueError):
        jobs.enqueue(lambda: None)


# Through Redis.

def test_a_job_waits_in_redis_until_a_worker_runs_it(redis_app):
    with redis_app.app_context():
        handle = jobs.enqueue(double, 21)
        assert handle.status == "queued" and jobs.fetch(handle.id).status == "queued"
    assert queued(redis_app) == 1
    work(redis_app)
    with redis_app.app_context():
        done = jobs.fetch(handle.id)
    assert done.finished and done.result == 42 and queued(redis_app) == 0


def test_with_redis_after_commit_queues_only_what_was_committed(redis_app):
    with redis_app.app_context():
        jobs.after_commit(db.session(), add_tag, "rolled-back")
        db.session().rollback()
        assert jobs.queue().count == 0
        jobs.after_commit(db.session(), add_tag, "committed")
        db.session().commit()
        assert jobs.queue().count == 1
        assert list(db.session().scalars(select(Tag.name))) == []  # waits for a worker
    work(redis_app)
    with redis_app.app_context():
        assert list(db.session().scalars(select(Tag.name))) == ["committed"]


def test_when_redis_is_down_queued_work_runs_inline_instead_of_being_lost(app):
    app.config["REDIS_URL"] = f"redis://127.0.0.1:{free_port()}/0"
    with app.app_context():
        jobs.after_commit(db.session(), add_tag, "still-done")
        db.session().commit()
        assert list(db.session().scalars(select(Tag.name))) == ["still-done"]
        app.extensions.pop("portal.redis").close()


def test_mail_waits_in_redis_while_no_worker_runs_and_the_worker_command_sends_it(
        redis_app, client, mailbox, database_url, tmp_path):
    assert send_concern(client, contact_language="ar").status_code == 303
    # the receipt, and the submission's language and English (portal/translation): ids only, never personal data
    assert mailbox.messages == [] and queued(redis_app) == 2
    with redis_app.app_context():
        stored = [jobs.connection().hgetall(f"rq:job:{job_id}") for job_id in jobs.queue().job_ids]
    everything = b"".join(value for job in stored for value in job.values())
    assert RESIDENT.encode() not in everything and BODY.encode() not in everything

    environment = {**os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_DATA_KEY": TEST_DATA_KEY,
                   "PORTAL_SECRET_KEY": "test-secret-key", "PORTAL_INSTANCE_PATH": str(tmp_path),
                   "PORTAL_REDIS_URL": REDIS_URL, "PORTAL_JOB_QUEUE": redis_app.config["JOB_QUEUE"],
                   "PORTAL_MAIL_SERVER": "127.0.0.1", "PORTAL_MAIL_PORT": str(mailbox.port),
                   "PORTAL_MAIL_USE_TLS": "false"}
    result = subprocess.run([Path(sys.executable).parent / "flask", "--app", "portal", "worker", "--burst"],
                            env=environment, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    [message] = mailbox.wait_for(1)
    assert message["To"] == RESIDENT and message["Content-Language"] == "ar"
    assert queued(redis_app) == 0


def test_mail_jobs_are_tried_again_with_back_off(redis_app, client, mailbox):
    send_concern(client)
    with redis_app.app_context():
        [job] = [job for job in jobs.queue().get_jobs() if "resident_mail" in (job.description or "")]
    assert job.retries_left == 4 and job.retry_intervals == [60, 300, 1800, 7200]


def test_a_refused_send_succeeds_on_the_workers_next_attempt(redis_app, client, mailbox):
    redis_app.config["MAIL_RETRY_INTERVALS"] = [0, 0]  # no waiting in a test
    mailbox.refusals_left = 1
    send_concern(client)
    work(redis_app)
    assert mailbox.refused == 1 and [message["To"] for message in mailbox.messages] == [RESIDENT]
    with redis_app.app_context():
        assert db.session().scalars(select(MailFailure)).all() == []  # recorded after the first try, gone after


def test_a_send_that_keeps_failing_is_recorded_for_admins_and_kept_by_rq(redis_app, client, admin_client, mailbox):
    redis_app.config["MAIL_RETRY_INTERVALS"] = [0, 0]
    mailbox.refusals_left = 100
    send_concern(client)
    work(redis_app)
    assert mailbox.refused == 3 and mailbox.messages == []
    with redis_app.app_context():
        [failure] = db.session().scalars(select(MailFailure)).all()
        assert failure.attempts == 3 and failure.gave_up and failure.recipient == "A•••@example.org"
        assert jobs.queue().failed_job_registry.count == 1
    listing = page(admin_client.get("/staff/admin/mail/")).get_text()
    assert "failed: 1" in listing and "Gave up" in listing and RESIDENT not in listing

    mailbox.refusals_left = 0
    token = page(admin_client.get("/staff/admin/mail/")).select_one("input[name=csrf_token]")["value"]
    admin_client.post("/staff/admin/mail/", data={"csrf_token": token, "failure": str(failure.id), "action": "retry"})
    assert queued(redis_app) == 1
    work(redis_app)
    assert [message["To"] for message in mailbox.messages] == [RESIDENT]

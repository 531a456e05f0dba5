"""The production commands: flask --app portal init-db | create-user | set-password | purge | rotate-data-key |
worker | send-digest | backup | report-pdf | themes suggest (the demo's own are in portal/demo/cli.py)"""
from __future__ import annotations

import json
import sys
from datetime import datetime, UTC

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from portal.platform import db
from portal.models import Contact, Report, Role
from portal.platform.schema import upgrade_to_head
from portal.accounts import service as accounts
from portal.reports import service as reports
from portal.submissions import retention
from portal.themes import suggestions
from portal.topics.service import ensure_default_categories


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Apply migrations and add missing default categories. Safe to run again."""
    upgrade_to_head(db.engine())
    added = ensure_default_categories(db.session())
    db.session().commit()
    click.echo(f"Database is at the newest schema; {added} default categories added.")


def _read_password() -> str:
    """From a prompt at a terminal (typed twice, hidden); from standard input otherwise, for scripts."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\n")


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--name", default="", help="The person's name, shown to colleagues.")
@with_appcontext
def create_user(email: str, role: str, name: str) -> None:
    """Create a staff account; the password is read from a prompt or standard input."""
    try:
        user = accounts.create_user(db.session(), email=email, password=_read_password(), role=Role(role), name=name)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session().commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


@click.command("set-password")
@click.argument("email")
@with_appcontext
def set_password(email: str) -> None:
    """Set a new password for an account (its other sessions end); unlocks it too."""
    user = accounts.find_user(db.session(), email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    try:
        accounts.set_password(db.session(), user, _read_password(), actor=None)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session().commit()
    click.echo(f"Password changed for {user.email}.")


@click.command("purge")
@with_appcontext
def purge() -> None:
    """Erase contact details and anonymize submissions whose retention time is over. Safe to run from cron."""
    config = current_app.config
    result = retention.purge(db.session(), datetime.now(UTC), contact_days=config["CONTACT_RETENTION_DAYS"],
                             anonymize_days=config["ANONYMIZE_AFTER_DAYS"])
    db.session().commit()
    click.echo(str(result))


@click.command("rotate-data-key")
@with_appcontext
def rotate_data_key() -> None:
    """Re-encrypt every contact detail with the first key of PORTAL_DATA_KEY (put the new key first)."""
    count = 0
    for contact in db.session().scalars(select(Contact)):
        for field in ("name", "email", "phone"):
            flag_modified(contact, field)  # written again, so encrypted again with the newest key
        count += 1
    db.session().commit()
    click.echo(f"Re-encrypted the contact details of {count} submissions with the newest key.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty (for tests and one-off runs).")
@with_appcontext
def worker(burst: bool) -> None:
    """Run background jobs (mail, large PDFs) from Redis. Run one or more on any server; they share the queue."""
    from portal.platform import jobs

    if not jobs.uses_redis():
        raise click.ClickException("PORTAL_REDIS_URL is not set: jobs run inline in the web server, no worker needed.")
    jobs.run_worker(burst=burst)


@click.command("report-pdf")
@click.argument("report_id", type=int)
@with_appcontext
def report_pdf(report_id: int) -> None:
    """Render a final report's PDF now and keep it, however long it is (for a portal without a worker)."""
    from portal.reports.pdfs import render_final_pdf

    report = db.session().get(Report, report_id)
    if report is None or not report.is_final:
        raise click.ClickException(f"No final report {report_id}: only a final report's PDF is kept.")
    render_final_pdf(report_id)
    db.session().commit()
    kept = reports.kept_pdf(db.session(), report)
    assert kept is not None  # just rendered
    click.echo(f"Kept the PDF of report {report_id} ({len(kept) // 1024} KiB).")


@click.command("send-digest")
@click.option("--days-ago", type=click.IntRange(min=0), default=1, show_default=True,
              help="The digest covers the city's 7 days ending this many days before today.")
@with_appcontext
def send_digest(days_ago: int) -> None:
    """Email every member of staff a digest of the week's counts; for cron, once a week."""
    from datetime import timedelta

    from portal.platform.city_days import city_today
    from portal.submissions import staff_mail

    if not current_app.config.get("PUBLIC_URL"):
        raise click.ClickException(
            "Set PORTAL_PUBLIC_URL (e.g. https://portal.example.gov) so the digest can link to it.")
    end = city_today() - timedelta(days=days_ago)
    count = staff_mail.queue_digests(db.session(), end=end)
    click.echo(f"Digest for {end - timedelta(days=6)} to {end}: queued for {count} people.")


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup(destination: str) -> None:
    """Copy the embedded SQLite database with SQLite's online backup, safe while the portal runs."""
    import sqlite3

    engine = db.engine()
    if engine.dialect.name != "sqlite":
        url = engine.url.set(drivername="postgresql")
        raise click.ClickException(
            "The database is PostgreSQL: back it up with pg_dump, for example\n"
            f"  pg_dump --format=custom --file={destination} '{url.render_as_string(hide_password=True)}'")
    if not engine.url.database:
        raise click.ClickException("The database is in memory: there is nothing to back up.")
    source = sqlite3.connect(engine.url.database, timeout=30)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    click.echo(f"Copied the database to {destination}.")


@click.group("themes")
def themes() -> None:
    """Theme suggestions."""


@themes.command("suggest")
@click.option("--limit", type=click.IntRange(min=2), default=suggestions.BATCH_SIZE, show_default=True,
              help="How many of the newest submissions to group.")
@click.option("--json", "as_json", is_flag=True, help='Print [{"label": ..., "submission_ids": [...]}, ...].')
@with_appcontext
def suggest(limit: int, as_json: bool) -> None:
    """Group recent submissions (near-duplicates, similar meaning across languages) for staff to accept or reject
    at /staff/themes/suggestions; prints the new groups. For cron."""
    session = db.session()
    groups = suggestions.compute(session, limit=limit)
    session.commit()
    if as_json:
        click.echo(json.dumps([{"label": group.label, "submission_ids": list(group.ids)} for group in groups],
                              ensure_ascii=False))
    else:
        click.echo(f"{len(groups)} new suggestions for staff to review.")


def register(app: Flask) -> None:
    for command in (init_db, create_user, set_password, purge, rotate_data_key, worker, send_digest, backup,
                    report_pdf, themes):
        app.cli.add_command(command)

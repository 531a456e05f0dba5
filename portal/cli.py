"""flask --app portal init-db | seed-demo | create-user | set-password | purge | rotate-data-key"""
from __future__ import annotations

import sys
from datetime import datetime, timezone

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from portal import db
from portal.models import Contact, Role
from portal.schema import upgrade_to_head
from portal.services import accounts, retention
from portal.services.categories import ensure_default_categories


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Apply migrations and add missing default categories. Safe to run again."""
    upgrade_to_head(db.engine())
    added = ensure_default_categories(db.session())
    db.session().commit()
    click.echo(f"Database is at the newest schema; {added} default categories added.")


@click.command("seed-demo")
@with_appcontext
@click.option("--reset", is_flag=True, help="Remove earlier demo data first.")
def seed_demo(reset: bool) -> None:
    """Add demo meetings and submissions, clearly marked as demo data."""
    from portal.services.demo import seed_demo_data

    summary = seed_demo_data(db.session(), reset=reset)
    db.session().commit()
    click.echo(summary)


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
    result = retention.purge(db.session(), datetime.now(timezone.utc),
                             contact_days=config["CONTACT_RETENTION_DAYS"], anonymize_days=config["ANONYMIZE_AFTER_DAYS"])
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


def register(app: Flask) -> None:
    for command in (init_db, seed_demo, create_user, set_password, purge, rotate_data_key):
        app.cli.add_command(command)

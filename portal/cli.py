"""flask --app portal init-db | seed-demo"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from portal import db
from portal.schema import upgrade_to_head
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


def register(app: Flask) -> None:
    for command in (init_db, seed_demo):
        app.cli.add_command(command)

"""Commands for development and benchmarks, which a production portal does not offer (see create_app):

    flask --app portal seed-demo [--reset]
    flask --app portal seed-bench --submissions N [--seed S]
"""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from portal.demo.seed import seed_demo_data
from portal.demo.synthetic import generate, vacuum_and_analyze
from portal.platform import db


@click.command("seed-demo")
@with_appcontext
@click.option("--reset", is_flag=True, help="Remove earlier demo data first.")
def seed_demo(reset: bool) -> None:
    """Add demo meetings and submissions, clearly marked as demo data."""
    summary = seed_demo_data(db.session(), reset=reset)
    db.session().commit()
    click.echo(summary)


@click.command("seed-bench")
@click.option("--submissions", type=click.IntRange(min=1), required=True, help="How many to add.")
@click.option("--seed", type=int, default=1, help="Random seed, for the same data every time.")
@with_appcontext
def seed_bench(submissions: int, seed: int) -> None:
    """Add synthetic submissions in bulk for benchmarks (marked as demo data). Not for a real portal."""
    summary = generate(db.session(), submissions, seed=seed)
    db.session().commit()
    vacuum_and_analyze(db.engine())
    click.echo(str(summary))


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_bench)

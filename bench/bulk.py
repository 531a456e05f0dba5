"""A bulk action on every submission that matches the inbox's filters: the time for 5,000, through the real request.

    .venv/bin/python bench/bulk.py                      # SQLite, in a temporary directory
    .venv/bin/python bench/bulk.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_bulk

The PostgreSQL database is emptied first (its schema public is dropped). It signs in as staff, opens the inbox
filtered by language, and sends its bulk form with "all N that match these filters": once assigning them to a
person, once closing them with a note (a status change, an audit event and a note for each). What it prints is
the time of that POST, which includes the commit: what a person waits for after pressing "Apply".
"""
from __future__ import annotations

import argparse
import base64
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup
from sqlalchemy import create_engine, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.accounts import service as accounts  # noqa: E402
from portal.models import Category, Role, Status, Submission  # noqa: E402
from portal.platform import db  # noqa: E402
from portal.platform.schema import upgrade_to_head  # noqa: E402
from portal.submissions.intake import record_concern  # noqa: E402
from portal.topics.service import ensure_default_categories  # noqa: E402

PASSWORD = "correct horse battery staple"


def fresh_database(url: str | None, folder: Path) -> str:
    url = url or f"sqlite:///{folder / 'bulk.db'}"
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade_to_head(engine)
    engine.dispose()
    return url


def seed(app, matching: int, others: int) -> int:
    """`matching` Somali concerns and `others` English ones; returns the staff member's id."""
    with app.app_context():
        session = db.session()
        ensure_default_categories(session)
        category = session.scalars(select(Category).order_by(Category.id)).first()
        for number in range(matching + others):
            language = "so" if number < matching else "en"
            record_concern(session, language=language, category=category, body=f"Qoraal {number}",
                           neighbourhood="", occurred_on=None, contact=None)
            if number % 1000 == 999:
                session.commit()
        user = accounts.create_user(session, email="staff@example.org", password=PASSWORD, role=Role.STAFF)
        session.commit()
        return user.id


def hidden_fields(html: str, form_selector: str) -> dict[str, str]:
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    return {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}


def timed_bulk(client, data: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock seconds, this process's CPU seconds (all of SQLite's work, none of PostgreSQL's), and what
    the page then said."""
    fields = hidden_fields(client.get("/staff/?language=so").get_data(as_text=True), "#bulk-form")
    started, cpu = time.perf_counter(), time.process_time()
    response = client.post("/staff/bulk", data={**fields, "bulk-scope": "matching", **data})
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    flashed = client.get(response.headers["Location"]).get_data(as_text=True)
    said = re.search(r"Changed [\d,]+ submissions\.|[^<>]*match these filters now[^<>]*", flashed)
    return elapsed, cpu, said.group(0) if said else "(no message)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL to empty and use; SQLite in a temporary folder if none")
    parser.add_argument("--submissions", type=int, default=5000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(arguments.database_url, Path(folder))
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": os.urandom(16).hex(),
                          "DATA_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode()})
        started = time.perf_counter()
        staff_id = seed(app, arguments.submissions, arguments.submissions // 5)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{create_engine(url).dialect.name}: {arguments.submissions:,} matching of "
              f"{arguments.submissions * 6 // 5:,} submissions, seeded in {time.perf_counter() - started:.1f} s")
        client = app.test_client()
        login = hidden_fields(client.get("/staff/login").get_data(as_text=True), "form[method=post]")
        client.post("/staff/login", data={**login, "email": "staff@example.org", "password": PASSWORD})
        for name, data in (("assign to a person", {"bulk-action": "assign", "bulk-assignee": str(staff_id)}),
                           ("close, with a note", {"bulk-action": "status", "bulk-status": "closed",
                                                   "bulk-note": "Answered at the community meeting."})):
            elapsed, cpu, said = timed_bulk(client, data)
            print(f"  {name:20} {elapsed:6.2f} s (CPU {cpu:5.2f} s)   {said}")
        with app.app_context():
            closed = db.session().scalar(select(text("count(*)")).select_from(Submission)
                                         .where(Submission.status == Status.CLOSED))
            print(f"  closed afterwards: {closed:,}")


if __name__ == "__main__":
    main()

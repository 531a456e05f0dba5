"""Staff inbox latency on a large database: median and p95 of each query the inbox runs, and its plan.

    PORTAL_INSTANCE_PATH=/tmp/big .venv/bin/flask --app portal seed-bench --submissions 1000000
    PORTAL_INSTANCE_PATH=/tmp/big .venv/bin/python bench/inbox.py
    PORTAL_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/big .venv/bin/python bench/inbox.py

It calls the same service functions as the inbox view (portal/submissions/inbox.py), so what it measures is what
staff wait for, minus template rendering.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import event, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.platform import db  # noqa: E402
from portal.models import Category, Status, Submission  # noqa: E402
from portal.submissions import inbox  # noqa: E402
from portal.demo.synthetic import RARE_WORD  # noqa: E402

PAGE = 50


def cases(session) -> dict[str, callable]:
    category = session.scalar(select(Category.id).where(Category.slug == "housing"))
    middle = session.execute(select(Submission.created_at, Submission.id)
                             .order_by(Submission.created_at.desc(), Submission.id.desc())
                             .offset(session.scalar(select(Submission.id).order_by(Submission.id.desc()).limit(1))
                                     // 2).limit(1)).one()
    deep = inbox.Cursor(middle.created_at, middle.id)
    assignee = session.scalar(select(Submission.assignee_id).where(Submission.assignee_id.is_not(None)).limit(1))
    meeting = session.scalar(select(Submission.meeting_id).where(Submission.meeting_id.is_not(None)).limit(1))
    filters = inbox.InboxFilters
    return {
        "first page": lambda: inbox.page(session, filters(), None, PAGE),
        "status = in_review": lambda: inbox.page(session, filters(status=Status.IN_REVIEW), None, PAGE),
        "category = housing": lambda: inbox.page(session, filters(category_id=category), None, PAGE),
        "language = ar": lambda: inbox.page(session, filters(language="ar"), None, PAGE),
        "unassigned": lambda: inbox.page(session, filters(assignee=inbox.UNASSIGNED), None, PAGE),
        "assigned to one person": lambda: inbox.page(session, filters(assignee=str(assignee)), None, PAGE),
        "feedback on one meeting": lambda: inbox.page(session, filters(meeting_id=meeting), None, PAGE),
        "a page half way down": lambda: inbox.page(session, filters(), deep, PAGE),
        "counts per status": lambda: inbox.status_counts(session, filters()),
        "search, common word (police)": lambda: inbox.page(session, filters(q="police"), None, PAGE),
        f"search, rare word ({RARE_WORD})": lambda: inbox.page(session, filters(q=RARE_WORD), None, PAGE),
        "search, stemmed (interpreters)": lambda: inbox.page(session, filters(q="interpreters"), None, PAGE),
        "search, Arabic with haa (الشرطه)": lambda: inbox.page(session, filters(q="الشرطه"), None, PAGE),
        "search, two words (police station)": lambda: inbox.page(session, filters(q="police station"), None, PAGE),
    }


def timed(run, repeats: int, clock=time.perf_counter) -> tuple[float, float]:
    run()  # warm the caches once, as a working inbox is warm
    samples = []
    for _ in range(repeats):
        started = clock()
        run()
        samples.append((clock() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def plans(session, run) -> list[str]:
    """The plan of every statement the case runs, from the database itself."""
    statements = []
    engine = session.get_bind()

    def capture(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    lines = []
    connection = session.connection().connection.driver_connection
    for statement, parameters in statements:
        if "submission" not in statement:
            continue
        cursor = connection.cursor()
        cursor.execute(prefix + statement, parameters)
        lines += ["    " + " ".join(str(part) for part in row[-1:]) for row in cursor.fetchall()]
        lines.append("    --")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--plans", action="store_true", help="print each query's plan")
    parser.add_argument("--cpu", action="store_true",
                        help="this process's CPU time instead of the wall clock: on a busy machine it moves far less; "
                             "SQLite only, since PostgreSQL works in its own processes")
    arguments = parser.parse_args()
    app = create_app()
    with app.app_context():
        session = db.session()
        total = session.scalar(select(text("count(*)")).select_from(Submission))
        clock = "CPU time of this process" if arguments.cpu else "wall clock"
        print(f"{session.get_bind().dialect.name}, {total:,} submissions, {arguments.repeats} runs each, {clock}")
        print(f"{'query':40} {'median ms':>10} {'p95 ms':>10}")
        for name, run in cases(session).items():
            median, p95 = timed(run, arguments.repeats, time.process_time if arguments.cpu else time.perf_counter)
            print(f"{name:40} {median:10.1f} {p95:10.1f}")
            if arguments.plans:
                print("\n".join(plans(session, run)))


if __name__ == "__main__":
    main()

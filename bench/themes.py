"""Themes at scale: the suggestion batch, a theme's page, a bulk action on a theme; and the suggestions' agreement
with a labelled set (bench/themes_labelled.py).

    .venv/bin/python bench/themes.py labelled
    .venv/bin/python bench/themes.py suggest --submissions 10000
    PORTAL_INSTANCE_PATH=/tmp/big .venv/bin/python bench/themes.py page
    PORTAL_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/big .venv/bin/python bench/themes.py page

`suggest` makes a fresh SQLite database of synthetic submissions (portal/demo/synthetic.py) in a temporary folder,
gives every one English (the worst case: every text also goes through the similar-meaning grouping), then runs the
batch `flask --app portal themes suggest` in a process of its own and reports its time and peak memory.

`page` works on a database made by `seed-bench` (see bench/inbox.py): it makes a theme of THEME_MEMBERS submissions
spread over the whole table (once), then times what the theme's page runs, service and template (minus sign-in),
and one bulk action on every member (a status change, rolled back).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from portal import create_app  # noqa: E402
from portal.models import Status, Submission, Theme, User  # noqa: E402
from portal.platform import db  # noqa: E402

THEME_NAME = "bench: 5,000 members"
THEME_MEMBERS = 5_000


def labelled() -> None:
    from sklearn.metrics import adjusted_rand_score

    from portal.themes import grouping
    from themes_labelled import LABELLED, near_duplicate_set

    def agreement(truth: list[str], groups: list[grouping.Group]) -> float:
        predicted = [f"alone-{index}" for index in range(len(truth))]  # a text in no group is a group of its own
        for number, group in enumerate(groups):
            for index in group.ids:
                predicted[index] = f"group-{number}"
        return adjusted_rand_score(truth, predicted)

    texts = [grouping.Text(index, language, original, english)
             for index, (_theme, language, original, english) in enumerate(LABELLED)]
    meaning = agreement([theme for theme, *_rest in LABELLED], grouping.similar_meaning(texts))
    copies = near_duplicate_set()
    duplicates = agreement([group for group, *_rest in copies], grouping.near_duplicates(
        [grouping.Text(index, language, text, "") for index, (_group, language, text) in enumerate(copies)]))
    print(f"similar meaning across languages: {len(LABELLED)} texts, "
          f"{len({theme for theme, *_rest in LABELLED})} themes, adjusted Rand index {meaning:.3f}")
    print(f"near-duplicates: {len(copies)} texts, adjusted Rand index {duplicates:.3f}")


def suggest(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="themes-bench-"))
    environment = {**os.environ, "PORTAL_INSTANCE_PATH": str(folder)}
    flask = [str(ROOT / ".venv/bin/flask"), "--app", "portal"]
    subprocess.run([*flask, "init-db"], env=environment, check=True, capture_output=True)
    subprocess.run([*flask, "seed-bench", "--submissions", str(count)], env=environment, check=True,
                   capture_output=True)
    os.environ["PORTAL_INSTANCE_PATH"] = str(folder)
    app = create_app()
    with app.app_context():
        session = db.session()
        english = [text for (text,) in session.execute(select(Submission.body).where(Submission.language == "en"))]
        rng = random.Random(1)
        for submission_id in session.scalars(select(Submission.id).where(Submission.language != "en")):
            session.execute(update(Submission).where(Submission.id == submission_id)
                            .values(translation=rng.choice(english)))
        session.commit()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([*flask, "themes", "suggest"], env=environment, check=True, capture_output=True,
                            text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = after.ru_maxrss / 1024  # the largest child's: the batch's, or seed-bench's if that was larger
    print(f"{count:,} submissions: {result.stdout.strip()} {seconds:.1f} s wall, {cpu:.1f} s CPU, "
          f"peak memory {peak:.0f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _bench_theme(session) -> Theme:
    theme = session.scalar(select(Theme).where(Theme.name == THEME_NAME))
    if theme is None:
        from portal.themes import service

        total = session.scalar(select(func.max(Submission.id)))
        members = random.Random(5).sample(range(1, total + 1), THEME_MEMBERS)
        theme = service.create_theme(session, THEME_NAME, actor=None)
        service.add_members(session, theme, members, actor=None)
        session.commit()
    return theme


def timed(run, repeats: int) -> tuple[float, float, float]:
    """Median and p95 of the wall-clock time, and p95 of the CPU time, in ms. On a shared machine the CPU time
    says what the work costs; the wall-clock time adds the waiting for a core."""
    run()  # warm the caches once
    walls, cpus = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        run()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu_started) * 1000)
    walls.sort()
    cpus.sort()
    p95 = max(0, int(repeats * 0.95) - 1)
    return statistics.median(walls), walls[p95], cpus[p95]


def page(repeats: int) -> None:
    from portal.themes import service, views

    app = create_app()
    with app.app_context():
        session = db.session()
        theme = _bench_theme(session)
        total = session.scalar(select(func.count()).select_from(Submission))
        print(f"{session.get_bind().dialect.name}, {total:,} submissions, a theme of "
              f"{service.summary(session, theme).members:,}, {repeats} runs each")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'case':44} {'median ms':>10} {'p95 ms':>10} {'p95 CPU ms':>11}")

        def rendered(page_number: int):
            def run():
                with app.test_request_context(f"/staff/themes/{theme.id}?page={page_number}"):
                    views._render_theme(theme)
                session.expire_all()
            return run

        cases = {
            "theme page, first page (service + template)": rendered(1),
            "theme page, last page (service + template)": rendered(THEME_MEMBERS // service.MEMBERS_PER_PAGE),
            "theme page data only (service)": lambda: service.theme_page(session, theme, 1, reads_originals=True),
            "the board (all themes with counts)": lambda: service.all_themes(session),
        }
        for name, run in cases.items():
            median, p95, cpu_p95 = timed(run, repeats)
            print(f"{name:44} {median:10.1f} {p95:10.1f} {cpu_p95:11.1f}")
        actor = session.scalar(select(User).limit(1))
        started, cpu_started = time.perf_counter(), time.process_time()
        changed = service.set_members_status(session, theme, Status.IN_REVIEW, note="", actor=actor)
        session.flush()
        print(f"bulk status change on every member: {changed:,} changed in {time.perf_counter() - started:.2f} s "
              f"({time.process_time() - cpu_started:.2f} s CPU; rolled back)")
        session.rollback()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=["labelled", "suggest", "page"])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=30)
    arguments = parser.parse_args()
    if arguments.case == "labelled":
        labelled()
    elif arguments.case == "suggest":
        suggest(arguments.submissions)
    else:
        page(arguments.repeats)


if __name__ == "__main__":
    main()

"""Language detection per submission, and the machine-translation job's own overhead with the engine left out.

    .venv/bin/python bench/translation.py [--jobs 300]

1. Detection (portal/translation/detection.py, py3langid restricted to our languages): the model's load, once per
   process; then each demo text (concerns and feedback, every language of the demo) and the same texts made 5,000
   characters long (the longest a resident can send), best of three each.
2. The job (portal.translation.service.prepare_english) as the inline runner runs it (its own application context,
   session and commit) on a SQLite file, for N submissions: detection and translation with an engine that answers
   at once in the same process, so what is timed is the portal's work alone. The same job through our real HTTP
   client to a LibreTranslate-compatible server on 127.0.0.1 that answers at once (tests/translation/fake_engine.py)
   adds the client's round trip.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def best_of_three(function, *args) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        function(*args)
        timings.append(time.perf_counter() - started)
    return min(timings)


def demo_texts() -> list[tuple[str, str]]:
    from portal.demo.seed import CONCERNS, FEEDBACK

    texts = [(concern.language, concern.body) for concern in CONCERNS]
    texts += [(feedback.language, f"{feedback.act_on}\n\n{feedback.improvement}".strip()) for feedback in FEEDBACK]
    return texts


def bench_detection() -> None:
    from portal.translation import detection

    started = time.perf_counter()
    detection.detectable_tags()  # loads the model
    print(f"model load (once per process): {(time.perf_counter() - started) * 1000:.0f} ms")
    texts = demo_texts()
    right = sum(1 for tag, text in texts if (found := detection.detect(text, tag)) and found.tag == tag)
    print(f"demo texts: {len(texts)}, detected as the language they were written in: {right}")
    for label, make in (("demo text as written", lambda text: text),
                        ("made 5,000 characters", lambda text: (text + " ") * (5000 // (len(text) + 1) + 1))):
        timings = [best_of_three(detection.detect, make(text)[:5000]) * 1000 for _tag, text in texts]
        print(f"{label:<24} median {statistics.median(timings):.2f} ms  p95 {percentile(timings, 0.95):.2f} ms  "
              f"max {max(timings):.2f} ms")


class InstantEngine:
    """An engine that answers at once, in this process: the job's own work is all that is left to time."""

    name = "instant"

    def source_languages(self) -> frozenset[str]:
        return frozenset({"es", "ar", "so", "sw", "rw", "ne", "fa", "ps", "fr", "vi", "uk"})

    def translate(self, text: str, *, source: str, target: str = "en") -> str:
        return f"[{source}] {text[:40]}"


def bench_job(count: int) -> None:
    from sqlalchemy import create_engine, update

    from portal import create_app
    from portal.models import Category, Submission
    from portal.platform import db, jobs, machine_translation
    from portal.platform.schema import upgrade_to_head
    from portal.submissions.intake import record_concern
    from portal.topics.service import ensure_default_categories
    from portal.translation import service
    from tests.translation.fake_engine import API_KEY, fake_engine

    with tempfile.TemporaryDirectory() as folder:
        os.environ["PORTAL_INSTANCE_PATH"] = folder
        url = f"sqlite:///{folder}/bench.db"
        engine = create_engine(url)
        upgrade_to_head(engine)
        engine.dispose()
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url})
        texts = demo_texts()
        with app.app_context():
            session = db.session()
            ensure_default_categories(session)
            category = session.query(Category).first()
            for number in range(count):
                tag, text = texts[number % len(texts)]
                record_concern(session, language=tag, category=category, body=text, neighbourhood="",
                               occurred_on=None, contact=None)
            session.commit()  # their jobs run now (no engine configured: detection only)
            ids = [row for (row,) in session.query(Submission.id).order_by(Submission.id)]

        def reset() -> None:
            with app.app_context():
                db.session().execute(update(Submission).values(
                    detected_language=None, machine_translation="", machine_translation_state=None))
                db.session().commit()

        def run_jobs() -> list[float]:
            timings = []
            with app.app_context():
                for submission_id in ids:
                    started = time.perf_counter()
                    handle = jobs.enqueue(service.prepare_english, submission_id, retry=[60])
                    timings.append((time.perf_counter() - started) * 1000)
                    assert handle.finished, handle.error
            return timings

        def report(label: str, timings: list[float]) -> None:
            print(f"{label:<44} median {statistics.median(timings):.2f} ms  p95 {percentile(timings, 0.95):.2f} ms"
                  f"  ({len(timings)} jobs)")

        reset()
        report("job, no engine (detection only)", run_jobs())
        reset()
        original = machine_translation.engine
        machine_translation.engine = lambda: InstantEngine()  # type: ignore[assignment]
        try:
            report("job, engine answering at once in-process", run_jobs())
        finally:
            machine_translation.engine = original  # type: ignore[assignment]
        reset()
        with fake_engine() as server:
            app.config.update(TRANSLATION_URL=server.url, TRANSLATION_API_KEY=API_KEY)
            report("job, HTTP to a server answering at once", run_jobs())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=300)
    arguments = parser.parse_args()
    bench_detection()
    bench_job(arguments.jobs)


if __name__ == "__main__":
    main()

"""Meeting flyer render time: six languages (en, ar, ne, fa-AF, so, es) on A4, as staff download it.

    .venv/bin/python bench/flyer_pdf.py [--runs 20] [--paper a4|letter]

It calls the same service as /staff/meetings/<id>/flyer.pdf (portal/meetings/flyer.py: QR codes, catalogs through
force_locale, WeasyPrint with the bundled fonts), on an unsaved demo meeting in an in-memory database, and prints
the first (cold) render, then the median, p95 and max of the following ones, and the PDF's size.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta, UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.models import Meeting  # noqa: E402
from portal.meetings import flyer  # noqa: E402
from portal.demo.seed import MEETINGS  # noqa: E402

LANGUAGES = ["en", "ar", "ne", "fa-AF", "so", "es"]


def demo_meeting() -> Meeting:
    demo = next(meeting for meeting in MEETINGS if meeting.key == "language-access")
    starts_at = datetime.now(UTC).replace(hour=22, minute=30, second=0, microsecond=0) + timedelta(days=10)
    return Meeting(id=1, title=dict(demo.title), description=dict(demo.description), starts_at=starts_at,
                   ends_at=starts_at + timedelta(hours=2), place=demo.place, organisers=demo.organisers,
                   interpreted_languages=list(demo.interpreted_languages), feedback_opens_at=starts_at,
                   feedback_closes_at=starts_at + timedelta(days=30))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--paper", choices=sorted(flyer.PAGE_SIZES), default=flyer.A4)
    arguments = parser.parse_args()
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": "sqlite://", "PUBLIC_URL": "https://portal.example.gov"})
    meeting = demo_meeting()
    timings = []
    with app.test_request_context("/"):
        for _ in range(arguments.runs + 1):
            started = time.perf_counter()
            pdf = flyer.flyer_pdf(meeting, LANGUAGES, arguments.paper)
            timings.append(time.perf_counter() - started)
    cold, warm = timings[0], sorted(timings[1:])
    p95 = warm[max(0, round(0.95 * len(warm)) - 1)]
    print(f"flyer, {len(LANGUAGES)} languages ({', '.join(LANGUAGES)}), {arguments.paper}, {arguments.runs} runs")
    print(f"first render   {cold * 1000:7.0f} ms")
    print(f"median         {statistics.median(warm) * 1000:7.0f} ms")
    print(f"p95            {p95 * 1000:7.0f} ms")
    print(f"max            {warm[-1] * 1000:7.0f} ms")
    print(f"PDF size       {len(pdf) / 1024:7.1f} KiB")


if __name__ == "__main__":
    main()

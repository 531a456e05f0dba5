"""Time of the redaction highlighter on crafted texts, against the first (quadratic) version kept in the tests.

    .venv/bin/python bench/redaction.py

Each text is made at 5,000 characters (the longest a resident can send) and at 50,000: a linear highlighter takes
about ten times as long on the second, a quadratic one about a hundred times (so the first version is only timed
at 5,000). The machine's other load makes single numbers noisy: compare within a run.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.submissions.redaction import highlight  # noqa: E402
from tests.test_redaction import reference_highlight  # noqa: E402

CRAFTED = {
    "letters, no @": "a",
    "a.a.a.": "a.",
    "1-1-1-": "1-",
    "emails": "a@b.cd ",
    "numbers": "12345 a ",
}


def best_of_three(function, text: str) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        function(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    print(f"{'text':<16}{'length':>8}{'first version':>16}{'now':>10}")
    for name, unit in CRAFTED.items():
        for length in (5_000, 50_000):
            text = (unit * (length // len(unit) + 1))[:length]
            old = best_of_three(reference_highlight, text) if length <= 5_000 else None
            new = best_of_three(highlight, text)
            old_column = f"{old * 1000:.1f} ms" if old is not None else "(not run)"
            print(f"{name:<16}{length:>8}{old_column:>16}{new * 1000:>7.1f} ms")


if __name__ == "__main__":
    main()

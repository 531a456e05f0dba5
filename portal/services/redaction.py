"""Finding what a redactor should look at: likely emails, phone numbers and long numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Digits in any script (\d is Unicode-aware), so Arabic-Indic and Devanagari digits are found too.
_PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{5,}\d(?!\w)")),
    ("number", re.compile(r"(?<!\w)\d{5,}(?!\w)")),
)


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None  # None for ordinary text, else what it looks like


def highlight(text: str) -> list[Segment]:
    """The text cut into ordinary segments and the segments that look like personal data."""
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end, _kind in spans):
                spans.append((match.start(), match.end(), kind))
    segments, position = [], 0
    for start, end, kind in sorted(spans):
        if start > position:
            segments.append(Segment(text[position:start], None))
        segments.append(Segment(text[start:end], kind))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], None))
    return segments

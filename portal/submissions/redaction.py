"""Finding what a redactor should look at: likely emails, phone numbers and long numbers; and a first redaction
with them masked, for a person to finish (names and addresses are theirs to find)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Digits in any script (\d is Unicode-aware), so Arabic-Indic and Devanagari digits are found too.
_EMAIL_LOCAL = r"[\w.+-]"
_EMAIL = re.compile(_EMAIL_LOCAL + r"+@[\w-]+(?:\.[\w-]+)+")
# The same, starting only where a run of local-part characters starts. A search for _EMAIL tries every position
# of a long run and reads the run to its end from each: quadratic on crafted text (5,000 letters, no "@").
_EMAIL_AT_RUN_START = re.compile(rf"(?<!{_EMAIL_LOCAL})" + _EMAIL.pattern)
_PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{5,}\d(?!\w)")
_NUMBER = re.compile(r"(?<!\w)\d{5,}(?!\w)")

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None  # None for ordinary text, else what it looks like


def _emails(text: str) -> Iterator[re.Match]:
    """The matches _EMAIL.finditer gives, in linear time.

    If an email starts inside a run, one starts at the run's first character too (the characters before it fit
    the local part), so the leftmost match is where the search resumes or at the start of a later run.
    """
    position = 0
    while match := _EMAIL.match(text, position) or _EMAIL_AT_RUN_START.search(text, position):
        yield match
        position = match.end()


_FINDERS: tuple[tuple[str, Callable[[str], Iterator[re.Match]]], ...] = (
    ("email", _emails),
    ("phone", _PHONE.finditer),
    ("number", _NUMBER.finditer),
)


def _add_without_overlaps(accepted: list[Span], found: list[Span]) -> list[Span]:
    """Adds each found span that overlaps none accepted; both lists are sorted and free of overlaps, so one walk
    through them both is enough."""
    kept, index = [], 0
    for start, end, kind in found:
        while index < len(accepted) and accepted[index][1] <= start:
            index += 1
        if index == len(accepted) or accepted[index][0] >= end:
            kept.append((start, end, kind))
    return sorted(accepted + kept)  # two sorted runs: Python's sort merges them in linear time


def highlight(text: str) -> list[Segment]:
    """The text cut into ordinary segments and the segments that look like personal data (emails first, then
    phone numbers, then long numbers, each kept only where nothing found before it lies)."""
    spans: list[Span] = []
    for kind, finder in _FINDERS:
        spans = _add_without_overlaps(spans, [(match.start(), match.end(), kind) for match in finder(text)])
    segments, position = [], 0
    for start, end, kind in spans:
        if start > position:
            segments.append(Segment(text[position:start], None))
        segments.append(Segment(text[start:end], kind))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], None))
    return segments


# What a masked piece becomes in a first redaction: in brackets, so a reader of a quote sees something was taken out.
MASKS = {"email": "[email]", "phone": "[phone]", "number": "[number]"}


def masked(text: str) -> str:
    """The text with every likely email, phone number and long number replaced by its mask: where a redaction
    starts, so that saving it without a look quotes none of them. Nothing is quotable until a person saves one."""
    return "".join(MASKS[segment.kind] if segment.kind else segment.text for segment in highlight(text))

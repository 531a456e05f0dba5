"""Reference codes residents write down: random, grouped, without look-alike characters."""
from __future__ import annotations

import math
import re
import secrets

# No 0/O, 1/I/L or U/V pairs a tired eye or a bad print could confuse.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 12
GROUP = 4
BITS = LENGTH * math.log2(len(ALPHABET))  # about 58 bits
_NOT_CODE_CHARACTER = re.compile(r"[\s\-‐‑‒–—_.·]")


def new_reference() -> str:
    """One uniform draw over every possible code, written out in the alphabet (one call to the system's randomness
    instead of one per character: this runs for every submission)."""
    number = secrets.randbelow(len(ALPHABET) ** LENGTH)
    characters = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[digit])
    return "".join(characters)


def format_reference(reference: str) -> str:
    """K7F39QXA2MWD -> K7F3-9QXA-2MWD"""
    return "-".join(reference[i : i + GROUP] for i in range(0, len(reference), GROUP))


def normalize_reference(typed: str) -> str | None:
    """What a person typed, as a stored reference, or None when it cannot be one.

    Spaces, dashes and case do not matter; anything outside the alphabet means "not a code".
    """
    candidate = _NOT_CODE_CHARACTER.sub("", typed or "").upper()
    if len(candidate) != LENGTH or any(character not in ALPHABET for character in candidate):
        return None
    return candidate

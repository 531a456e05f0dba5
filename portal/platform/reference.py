"""Reference codes residents write down: random, grouped, without look-alike characters."""
from __future__ import annotations

import math
import re
import secrets
import unicodedata

# No 0/O, 1/I/L or U/V pairs a tired eye or a bad print could confuse.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 12
GROUP = 4
BITS = LENGTH * math.log2(len(ALPHABET))  # about 58 bits
_NOT_CODE_CHARACTER = re.compile(r"[\s\-‐‑‒–—_.·]")
# Capital letters of Cyrillic and Greek keyboards (Ukrainian among ours) that look exactly like the Latin ones of the
# alphabet: a code copied from paper on such a keyboard is the same code.
_LOOK_ALIKES = str.maketrans("АВЕКМНРСТХУΑΒΕΖΗΚΜΝΡΤΧΥ", "ABEKMHPCTXYABEZHKMNPTXY")


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


def code_characters(typed: str) -> str:
    """What a person typed, reduced to the characters that can make a code, in capitals.

    Phones type the digits of their script: Arabic-Indic ٣, Persian ۳, Devanagari ३ and full-width ３ are all 3
    (any Unicode decimal digit). NFKC folds full-width letters; invisible marks (a right-to-left mark copied
    with the code, a zero-width space) are dropped, as are spaces, dashes and dots.
    """
    folded = unicodedata.normalize("NFKC", typed or "")
    kept = []
    for character in folded:
        if unicodedata.category(character) == "Cf":  # format characters: RLM, LRM, ZWSP, ZWJ, BOM...
            continue
        digit = unicodedata.decimal(character, None)
        kept.append(str(digit) if digit is not None else character)
    return _NOT_CODE_CHARACTER.sub("", "".join(kept)).upper().translate(_LOOK_ALIKES)


def normalize_reference(typed: str) -> str | None:
    """What a person typed, as a stored reference, or None when it cannot be one.

    Spaces, dashes, case and the script of the digits do not matter; anything outside the alphabet means
    "not a code".
    """
    candidate = code_characters(typed)
    if len(candidate) != LENGTH or any(character not in ALPHABET for character in candidate):
        return None
    return candidate

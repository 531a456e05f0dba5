"""The words full-text search stores and looks for, the same on SQLite and PostgreSQL.

A submission's search document is its texts cut into words, each word normalised (lower case; Latin accents
dropped; Arabic-script spellings that people use for the same word made one) and followed by its stems. A query
word is normalised the same way and matches a document word that starts with it, or a document stem equal to one
of its own stems: "interpreters" finds "interpreter", "الشرطه" finds "الشرطة", "प्रहरीले" finds "प्रहरीको".

A word is stemmed by the Snowball stemmers (PyStemmer) of the languages we serve that write in its script and
have one: English, Spanish and French for the Latin script, Arabic and Persian (Dari) for the Arabic script,
Nepali for Devanagari. Somali, Swahili, Kinyarwanda, Kirundi, Haitian Creole, Vietnamese, Pashto, Ukrainian,
Burmese and Tigrinya have no Snowball stemmer: their words match by how they start, as before. Each word gets
the stems of every stemmer of its script, since a text's language is not always the page's; a query word's stems
are looked up the same way, so both sides agree.

Changing anything here changes the stored documents: add a migration that rebuilds them
(portal/migrations/fulltext.py, rebuild_documents).
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable

import Stemmer

MAX_QUERY_WORDS = 20

# Spellings of one Arabic-script letter that writers, keyboards and countries mix, made one; and what carries no
# meaning for search (short vowels and other marks, tatweel), removed. Persian and Pashto keyboards type
# U+06A9 KEHEH and U+06CC FARSI YEH where Arabic ones type KAF and YEH.
_ARABIC_SCRIPT_FOLDS = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0629": "\u0647",  # ة taa marbuta -> ه haa
    "\u0649": "\u064a", "\u06cc": "\u064a",  # ى alef maqsura, ی Farsi yeh -> ي
    "\u06a9": "\u0643",  # ک keheh -> ك
    "\u0640": None,  # ـ tatweel
    **{chr(mark): None for mark in range(0x064B, 0x0660)},  # fathatan ... wavy hamza below: harakat and marks
    "\u0670": None,  # superscript alef
    **{chr(mark): None for mark in range(0x06D6, 0x06EE)},  # Quranic annotation marks
})

_STEMMERS_BY_SCRIPT = {"latin": ("english", "spanish", "french"), "arabic": ("arabic", "persian"),
                       "devanagari": ("nepali",)}
_stemmers = threading.local()  # a PyStemmer Stemmer keeps a cache and must not be shared between threads


def _marks_class() -> str:
    """A regular expression class of the combining marks of the Basic Multilingual Plane, which holds every script
    we serve. Python's \\w has letters and digits but no marks."""
    ranges: list[list[int]] = []
    for code in range(0x10000):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in ranges)


_WORD = re.compile(f"(?:[^\\W_]|[{_marks_class()}])+")


def words(text: str) -> list[str]:
    """Letters, marks and digits in runs. Marks matter: Devanagari vowel signs are part of words."""
    return _WORD.findall(text)


def normalise(word: str) -> str:
    """Lower case, Latin letters without accents, Arabic-script letters in one spelling without harakat."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word.casefold())
    kept, base = [], ""
    for character in decomposed:
        if unicodedata.category(character) == "Mn" and _script(base) == "latin":
            continue  # an accent on a Latin letter, as FTS5's remove_diacritics drops it
        if unicodedata.category(character)[0] != "M":
            base = character
        kept.append(character)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_ARABIC_SCRIPT_FOLDS)


def stems(word: str) -> set[str]:
    """The stems of a word (as written, and as normalised) by each stemmer of its script, normalised."""
    names = _STEMMERS_BY_SCRIPT.get(_script(word), ())
    if not names:
        return set()
    normal = normalise(word)
    found = set()
    for name in names:
        stemmer = _stemmer(name)
        # Stemmers know the letters they were written for (ة, accents): stem both spellings, keep both.
        found.add(normalise(stemmer.stemWord(word.casefold())))
        found.add(normalise(stemmer.stemWord(normal)))
    found.discard("")
    return found


def document(texts: Iterable[str]) -> str:
    """What the index stores for these texts: each distinct normalised word, then each distinct stem."""
    return document_of_analysed(analysed_text(text) for text in texts)


def analysed_text(text: str) -> tuple[list[str], list[str]]:
    """A text's distinct normalised words and their stems, in order; a bulk loader may cache it per sentence."""
    normals: dict[str, None] = {}
    stems_found: dict[str, None] = {}
    for word in dict.fromkeys(words(text)):
        normal, its_stems = _analysed(word)
        if normal and normal not in normals:
            normals[normal] = None
            stems_found.update(dict.fromkeys(its_stems))
    return list(normals), list(stems_found)


def document_of_analysed(parts: Iterable[tuple[list[str], list[str]]]) -> str:
    normals: dict[str, None] = {}
    stems_found: dict[str, None] = {}
    for part_normals, part_stems in parts:
        normals.update(dict.fromkeys(part_normals))
        stems_found.update(dict.fromkeys(part_stems))
    normals.update(stems_found)
    return " ".join(normals)


def query_terms(query: str) -> list[tuple[str, list[str]]]:
    """Each query word normalised (to match as a word's start) with its other stems (to match whole)."""
    terms = []
    for word in words(query)[:MAX_QUERY_WORDS]:
        normal, its_stems = _analysed(word)
        if normal:
            terms.append((normal, sorted(its_stems - {normal})))
    return terms


@functools.lru_cache(maxsize=100_000)
def _analysed(word: str) -> tuple[str, frozenset[str]]:
    """A language's words repeat: a bulk load or a rebuild analyses each one once."""
    return normalise(word), frozenset(stems(word))


def _script(word: str) -> str:
    for character in word:
        code = ord(character)
        if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            if character.isalpha():
                return "latin"
        elif 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF \
                or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            return "arabic"
        elif 0x0900 <= code <= 0x097F:
            return "devanagari"
        elif character.isalpha():
            return "other"
    return "other"


def _stemmer(name: str) -> Stemmer.Stemmer:
    cache = getattr(_stemmers, "by_name", None)
    if cache is None:
        cache = _stemmers.by_name = {}
    if name not in cache:
        cache[name] = Stemmer.Stemmer(name)
    return cache[name]

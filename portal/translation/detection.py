"""Which of our languages a text is written in, offline, with py3langid's shipped model.

The model knows about 100 languages; it is restricted to the ones the portal ships (portal.platform.i18n.LANGUAGES)
that it knows, so a new language joins by its line there. Its "fa" (Persian) is our Dari, fa-AF: the model cannot
tell them apart, and Dari is what we ship.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from portal.platform.i18n import TAGS

# Below this many letters, or a winner this unsure, a guess is marked uncertain for staff to check.
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.9
# An uncertain guess gives way to the language of the page the text was sent from when the model finds that one
# at least this likely: "نص" sent from the Arabic page is Arabic, not the Dari the model slightly prefers.
PAGE_LANGUAGE_KEPT_FROM = 0.05


@dataclass(frozen=True)
class Detected:
    tag: str  # one of portal.platform.i18n.TAGS
    confidence: float
    uncertain: bool


def _model_code(tag: str) -> str:
    return tag.split("-")[0].lower()


@lru_cache(maxsize=1)
def _identifier() -> tuple[LanguageIdentifier, dict[str, str]]:
    """Loading the model takes about a second: once per process, at the first detection (in a job, never in a
    resident's request)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.labels)
    tag_by_code = {_model_code(tag): tag for tag in TAGS if _model_code(tag) in known}
    identifier.set_languages(sorted(tag_by_code))
    return identifier, tag_by_code


def detectable_tags() -> frozenset[str]:
    """Our languages the model knows (Kirundi and Tigrinya, for one, it does not)."""
    return frozenset(_identifier()[1].values())


def detect(text: str, page_language: str | None = None) -> Detected | None:
    """The language of `text` among ours, or None when the text gives nothing to go on (no letters, or none of the
    model's features: every language then scores the same). See PAGE_LANGUAGE_KEPT_FROM for `page_language`."""
    letters = sum(character.isalpha() for character in text)
    if not letters:
        return None
    identifier, tag_by_code = _identifier()
    ranked = identifier.rank(text)
    code, confidence = ranked[0]
    if confidence <= 1.5 / len(tag_by_code):
        return None
    uncertain = letters < MIN_LETTERS or confidence < MIN_CONFIDENCE
    if uncertain and page_language is not None:
        page_code = _model_code(page_language)
        for candidate, score in ranked:
            if candidate == page_code and score >= PAGE_LANGUAGE_KEPT_FROM:
                code, confidence = candidate, score
    return Detected(tag_by_code[code], confidence, uncertain=uncertain)

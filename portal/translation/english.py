"""The best English a reader may see of a submission: every page that shows one calls this.

    english = best_english_for(submission, current_user)   # or best_english(submission, reads_originals=...)
    if english is None: ...            # written in English, or nothing a reader may see yet
    elif english.machine: ...          # label it MACHINE_LABEL; never quote it, never show it to viewers
    else: ...                          # a person wrote or checked it

In order: a person's translation (staff or a translator: checked), else the machine's draft (labelled), else none.
Readers who do not triage (viewers: the mayor's office) see only a person's English of the *redacted* text, never a
translation of the original nor a machine's. Reports quote only a person's English too (portal/reports).

`submission` may be a Submission or any row with the same column names (a `select()` of a few columns), so a
summary needs no second query.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from flask_babel import lazy_gettext as _l

from portal.accounts.permissions import reads_originals
from portal.models import User
from portal.platform.i18n import DEFAULT_TAG

MACHINE_LABEL = _l("Machine translation — not checked")


class HasEnglish(Protocol):
    language: str
    detected_language: str | None
    translation: str
    machine_translation: str
    redacted_translation: str | None


@dataclass(frozen=True)
class BestEnglish:
    text: str
    machine: bool  # a machine's draft nobody has checked

    @property
    def checked(self) -> bool:
        return not self.machine


def written_language(submission: HasEnglish) -> str:
    """The language the text is written in: detected (or corrected by staff), else the page it was sent from."""
    return submission.detected_language or submission.language


def needs_english(submission: HasEnglish) -> bool:
    return written_language(submission) != DEFAULT_TAG


def best_english(submission: HasEnglish, *, reads_originals: bool) -> BestEnglish | None:
    """See the module's docstring. None for a submission written in English: its own text is the English."""
    if not needs_english(submission):
        return None
    if not reads_originals:
        redacted = (submission.redacted_translation or "").strip()
        return BestEnglish(redacted, machine=False) if redacted else None
    if submission.translation.strip():
        return BestEnglish(submission.translation, machine=False)
    if submission.machine_translation.strip():
        return BestEnglish(submission.machine_translation, machine=True)
    return None


def best_english_for(submission: HasEnglish, reader: User | None) -> BestEnglish | None:
    """best_english for this reader's role: originals (and so machine drafts) for those who triage."""
    return best_english(submission, reads_originals=reads_originals(reader))

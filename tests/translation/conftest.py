from __future__ import annotations

import pytest

from portal.platform import machine_translation
from tests.translation.fake_engine import API_KEY, fake_engine


@pytest.fixture
def engine(app):
    """A LibreTranslate-compatible engine of our own on a free port, configured as a city would configure theirs;
    a failed translation is tried again at once."""
    machine_translation.forget_offered_languages()
    with fake_engine() as running:
        app.config.update(TRANSLATION_URL=running.url, TRANSLATION_API_KEY=API_KEY, JOB_INLINE_RETRY_SECONDS=0)
        yield running
    machine_translation.forget_offered_languages()

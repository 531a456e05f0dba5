"""The catalog gate: the template matches the code, every catalog is complete, placeholders and tags agree."""
import re

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from portal.platform import catalogs
from portal.platform.i18n import LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
HTML_TAG = re.compile(r"</?\w+[^>]*>")
TRANSLATED = [language for language in LANGUAGES if language.tag != "en"]


def messages(path) -> dict:
    with open(path, "rb") as file:
        return {message.id: message for message in read_po(file) if message.id}


def catalog_path(language):
    return catalogs.TRANSLATIONS / language.locale / "LC_MESSAGES" / "messages.po"


def test_the_committed_templates_match_the_code(tmp_path):
    fresh, fresh_staff = tmp_path / "messages.pot", tmp_path / "staff.pot"
    catalogs.extract(fresh, fresh_staff)
    assert set(messages(fresh)) == set(messages(catalogs.TEMPLATE)), (
        "translations/messages.pot is out of date: run `make update-catalogs` and translate what is new"
    )
    assert set(messages(fresh_staff)) == set(messages(catalogs.STAFF_TEMPLATE)), (
        "translations/staff.pot is out of date: run `make extract-messages`"
    )


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_every_message_is_translated_and_not_fuzzy(language):
    template = messages(catalogs.TEMPLATE)
    catalog = messages(catalog_path(language))
    missing = [message_id for message_id in template if message_id not in catalog]
    assert not missing, f"{language.tag} lacks {len(missing)} messages: run `make update-catalogs`"
    untranslated = [message.id for message in catalog.values()
                    if not message.string or not all(message.string if isinstance(message.string, tuple)
                                                     else [message.string])]
    fuzzy = [message.id for message in catalog.values() if message.fuzzy]
    assert not untranslated, f"{language.tag}: untranslated {untranslated}"
    assert not fuzzy, f"{language.tag}: fuzzy {fuzzy}"


def _forms(value) -> list[str]:
    return list(value) if isinstance(value, tuple) else [value]


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_placeholders_and_html_tags_match_the_source(language):
    wrong = []
    for message in messages(catalog_path(language)).values():
        source = " ".join(_forms(message.id))
        for translation in _forms(message.string):
            for pattern in (PLACEHOLDER, HTML_TAG):
                expected, found = set(pattern.findall(source)), set(pattern.findall(translation))
                # A plural form may leave the count out ("ردّان" already says "two"), never add or rename one.
                if found != expected and not (message.pluralizable and found < expected):
                    wrong.append((message.id, translation))
    assert not wrong, f"{language.tag}: {wrong}"


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda language: language.tag)
def test_every_catalog_is_compiled_and_loads(language):
    translations = Translations.load(str(catalogs.TRANSLATIONS), [language.locale])
    assert isinstance(translations, Translations)
    assert translations.gettext("Share a concern") != "Share a concern"


def test_the_checker_catches_a_broken_placeholder():
    source, translation = "call %(number)s.", "llame al %(numero)s."
    assert sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation))

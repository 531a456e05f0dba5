"""The documented Weblate component (deploy/weblate/component.json) fits the catalogs as they are in the repository."""
import json
from pathlib import Path

from portal.platform import catalogs
from portal.platform.config import ROOT
from portal.platform.i18n import DEFAULT_TAG, LANGUAGES

CONFIG = json.loads((ROOT / "deploy" / "weblate" / "component.json").read_text())
COMPONENT = CONFIG["component"]


def test_the_file_mask_finds_exactly_the_catalog_of_every_shipped_language():
    found = {path.relative_to(ROOT / "translations").parts[0] for path in ROOT.glob(COMPONENT["filemask"])}
    assert found == {language.locale for language in LANGUAGES if language.tag != DEFAULT_TAG}
    assert COMPONENT["language_code_style"] == "posix"  # fa_AF, as the folders are named


def test_new_languages_start_from_the_extracted_template_and_the_source_is_english():
    assert ROOT / COMPONENT["new_base"] == catalogs.TEMPLATE and catalogs.TEMPLATE.exists()
    assert COMPONENT["file_format"] == "po" and COMPONENT["template"] == "" and COMPONENT["source_language"] == "en"


def test_weblate_writes_lines_as_the_catalog_commands_do():
    """Only at newlines (gettext's --no-wrap), so Weblate's commits change only translated lines."""
    [customize] = [addon for addon in CONFIG["addons"] if addon["name"] == "weblate.gettext.customize"]
    assert customize["configuration"]["width"] == 65535
    assert "--no-wrap" in Path(catalogs.__file__).read_text()

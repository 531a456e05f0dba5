"""The message catalog workflow, runnable without the app (which refuses to start uncompiled):

    python -m portal.platform.catalogs extract   # code and templates -> translations/messages.pot and staff.pot
    python -m portal.platform.catalogs update    # messages.pot -> every translations/<locale>/LC_MESSAGES/messages.po
    python -m portal.platform.catalogs compile   # .po -> .mo (fuzzy entries are refused)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from portal.platform.config import ROOT

TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"  # resident pages: every shipped language
STAFF_TEMPLATE = TRANSLATIONS / "staff.pot"  # the back office: English for now, ready for translators


def _pybabel(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", *arguments], check=True, cwd=ROOT
    )


def extract(output: Path = TEMPLATE, staff_output: Path = STAFF_TEMPLATE) -> None:
    for mapping, target in (("babel.cfg", output), ("babel-staff.cfg", staff_output)):
        _pybabel(
            "extract", "--mapping-file", mapping, "--keywords", "_l", "--add-comments", "Translators:",
            "--no-location", "--sort-output", "--no-wrap", "--project", "portal", "--output-file", str(target), ".",
        )


def update() -> None:
    _pybabel(
        "update", "--input-file", str(TEMPLATE), "--output-dir", str(TRANSLATIONS), "--no-wrap",
        "--ignore-obsolete", "--no-fuzzy-matching",
    )


def compile_all() -> None:
    _pybabel("compile", "--directory", str(TRANSLATIONS))


if __name__ == "__main__":
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()

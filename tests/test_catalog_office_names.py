"""No catalog names an office or a city: those are settings (portal/identity/office.py), put in with %(office)s."""
from pathlib import Path

import pytest

from portal.platform.config import ROOT

# "Globalization" and the word each catalog used for it, the demo's office and city names.
NAMES = ("Globalization", "Globalisation", "Globalización", "mondialisation", "Mondialisierung", "العولمة",
         "Caalamiyeynta", "Utandawazi", "ग्लोबलाइजेसन", "جهانی‌سازی", "جهانی سازی", "نړیوالتوب", "Toàn cầu hóa",
         "глобалізац", "Globalizasyon", "ግሎባላይዜሽን", "ဂလိုဘယ်လိုက်ဇေးရှင်း", "Immigrant Affairs", "Louisville")
CATALOGS = sorted((ROOT / "translations").glob("**/*.po")) + sorted((ROOT / "translations").glob("*.pot"))


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(ROOT / "translations")))
def test_no_catalog_holds_an_office_or_city_name(catalog: Path):
    text = catalog.read_text(encoding="utf-8").casefold()
    assert not [name for name in NAMES if name.casefold() in text]

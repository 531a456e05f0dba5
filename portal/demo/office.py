"""The demo's office: Louisville's Office for Immigrant Affairs, its name in every shipped language. The address and
phone number are fictional (555-01xx), and in English only, so the back office shows what is still missing."""
from __future__ import annotations

from sqlalchemy.orm import Session

from portal.identity import office
from portal.models import Setting

OFFICE_NAMES = {
    "en": "Office for Immigrant Affairs",
    "es": "Oficina de Asuntos de Inmigrantes",
    "ar": "مكتب شؤون المهاجرين",
    "so": "Xafiiska Arrimaha Soo-galootiga",
    "sw": "Ofisi ya Masuala ya Wahamiaji",
    "rw": "Ibiro bishinzwe Ibibazo by'Abimukira",
    "ne": "आप्रवासी मामिला कार्यालय",
    "fa-AF": "دفتر امور مهاجرین",
    "ps": "د کډوالو د چارو دفتر",
    "fr": "Bureau des affaires des immigrants",
    "vi": "Văn phòng Các vấn đề Người nhập cư",
    "uk": "Офіс у справах іммігрантів",
    "rn": "Ibiro bijejwe Ivyerekeye Abimukira",
    "my": "ရွှေ့ပြောင်းနေထိုင်သူများဆိုင်ရာ ရုံး",
    "ht": "Biwo pou Zafè Imigran yo",
    "ti": "ቤት ጽሕፈት ጉዳያት ስደተኛታት",
}
CITY_NAMES = {
    **{tag: "Louisville" for tag in ("en", "es", "so", "sw", "rw", "fr", "vi", "rn", "ht")},
    "ar": "لويفيل", "fa-AF": "لوئیویل", "ps": "لوئیویل", "ne": "लुइसभिल", "uk": "Луїсвілл", "my": "လူဝီဗီးလ်",
    "ti": "ሉዊቪል",
}


def set_demo_office(db_session: Session) -> bool:
    """Sets the demo's office unless an admin has set one; True when it did."""
    if db_session.get(Setting, office.SETTING_KEY) is not None:
        return False
    office.save_identity(db_session, {
        office.OFFICE_NAME: OFFICE_NAMES, office.CITY_NAME: CITY_NAMES,
        office.POSTAL_ADDRESS: {"en": "100 Example Street\nLouisville, KY 40202"},
        office.INTERPRETER_PHONE: {"en": "502-555-0100"},
    }, actor=None)
    return True

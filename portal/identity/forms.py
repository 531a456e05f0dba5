"""The office settings form: each field of the identity once per offered language, English first."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.identity import office
from portal.platform.forms import PortalForm
from portal.platform.i18n import DEFAULT_TAG, Language, offered_languages
from portal.platform.staff_languages import field_key, language_label

LABELS = {
    office.OFFICE_NAME: _l("Office's name"),
    office.CITY_NAME: _l("City's name"),
    office.POSTAL_ADDRESS: _l("Postal address"),
    office.INTERPRETER_PHONE: _l("Phone number for help with an interpreter"),
    office.REQUESTS_FROM_AUTHORITIES: _l("Privacy page: requests from authorities"),
}
MULTILINE = {office.POSTAL_ADDRESS, office.REQUESTS_FROM_AUTHORITIES}


class OfficeFormBase(PortalForm):
    languages: tuple[Language, ...] = ()

    def field_for(self, name: str, language: Language):
        return self[f"{name}_{field_key(language.tag)}"]

    def fill_from(self, identity: office.OfficeIdentity) -> None:
        for language in self.languages:
            for name in office.FIELDS:
                self.field_for(name, language).data = identity.versions.get(name, {}).get(language.tag, "")

    def versions(self) -> dict[str, dict[str, str]]:
        return {name: {language.tag: self.field_for(name, language).data or "" for language in self.languages}
                for name in office.FIELDS}


def office_form_class() -> type[OfficeFormBase]:
    """Made for the languages this deployment offers (PORTAL_LANGUAGES); the English office name is required."""
    languages = offered_languages()
    fields: dict = {"languages": languages}
    for language in languages:
        for name in office.FIELDS:
            validators: list = [Length(max=office.MAX_LENGTHS[name])]
            if name == office.OFFICE_NAME and language.tag == DEFAULT_TAG:
                validators.insert(0, DataRequired(_l("Give the office's name in English.")))
            kind = TextAreaField if name in MULTILINE else StringField
            label = LABELS[name] if language.tag == DEFAULT_TAG else f"{LABELS[name]} – {language_label(language)}"
            fields[f"{name}_{field_key(language.tag)}"] = kind(label, validators=validators,
                                                               render_kw={"lang": language.tag})
    fields["field_order"] = tuple(key for key in fields if key not in ("languages",))
    return type("OfficeForm", (OfficeFormBase,), fields)

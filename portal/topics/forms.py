from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from portal.platform.forms import PortalForm
from portal.platform.i18n import LANGUAGES, Language
from portal.models import Category
from portal.platform.staff_languages import OTHER_LANGUAGES, field_key, language_label

NAME_LENGTH = 100
TOO_LONG = _l("Keep the name to %(max)d characters.")


class TopicForm(PortalForm):
    """The topic's name per language; English is required, the others show English until they are filled in."""

    name_en = StringField(_l("Name in English"), validators=[
        InputRequired(_l("Give the topic a name in English.")), Length(max=NAME_LENGTH, message=TOO_LONG)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in OTHER_LANGUAGES:
            self.name_field(language).label.text = language_label(language)  # "Arabic (ar)", in the staff's language

    def name_field(self, language: Language):
        return self[f"name_{field_key(language.tag)}"]

    def fill_from(self, category: Category) -> None:
        for language in LANGUAGES:
            self.name_field(language).data = category.names.get(language.tag, "")

    def names(self) -> dict[str, str]:
        return {language.tag: self.name_field(language).data or "" for language in LANGUAGES}


for _language in OTHER_LANGUAGES:
    setattr(TopicForm, f"name_{field_key(_language.tag)}", StringField(
        _l("Name (%(tag)s)", tag=_language.tag), validators=[Length(max=NAME_LENGTH, message=TOO_LONG)],
        render_kw={"lang": _language.tag}))

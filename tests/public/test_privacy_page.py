"""The privacy page promises what the software keeps: who sees contact details, how long the message itself is
kept, and what a request from immigration authorities, police or a court can get."""
import pytest
from flask_babel import force_locale, gettext, ngettext

from tests.conftest import page


def words(app, lang: str, message: str, *plural) -> str:
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        return ngettext(message, *plural) if plural else gettext(message)


@pytest.mark.parametrize("lang", ["en", "ar", "ne", "so"])
def test_the_privacy_page_says_who_sees_contact_details_and_how_long_messages_stay(app, client, lang):
    app.config.update(ANONYMIZE_AFTER_DAYS=365, PAGE_CACHE_SECONDS=0)
    text = page(client.get(f"/{lang}/privacy")).find("main").get_text()
    assert words(app, lang, "Staff of the office who handle messages can open your contact details. Each time "
                 "someone opens them, the system records who and when.") in text
    assert words(app, lang, "Only the staff who reply to you can see your contact details.") not in text
    kept = "%(num)s day after your case is closed, we delete the text of your message and our replies. We keep only " \
           "a version without personal details, for our reports."
    assert words(app, lang, kept, kept.replace("day after", "days after"), 365) in text


@pytest.mark.parametrize("lang", ["en", "fa-AF", "ne", "es"])
def test_the_privacy_page_answers_requests_from_authorities_with_what_the_software_guarantees(app, client, lang):
    html = page(client.get(f"/{lang}/privacy"))
    section = html.select_one("section[aria-labelledby=requests-title]")
    assert section.find("h2").get_text() == words(
        app, lang, "Requests from immigration authorities, police or courts")
    assert words(app, lang, "It does not record your IP address or your device.") in section.get_text()
    assert words(app, lang, "A message sent without contact details cannot be traced to you, unless you wrote who "
                 "you are in it.") in section.get_text()

"""Reference codes as phones type them: the digits of every script, full-width forms, invisible marks; and a
wrong code answered with what to check, in the page's language."""
import pytest
from flask_babel import force_locale, gettext

from portal.platform.reference import format_reference, normalize_reference
from tests.conftest import page, post_form
from tests.factories import make_submission

DIGITS = {  # each script's 0-9, as the default keyboards of our languages type them
    "ar": "٠١٢٣٤٥٦٧٨٩", "fa-AF": "۰۱۲۳۴۵۶۷۸۹", "ps": "۰۱۲۳۴۵۶۷۸۹", "ne": "०१२३४५६७८९", "my": "၀၁၂၃၄၅၆၇၈၉",
}


def in_script(code: str, digits: str) -> str:
    return "".join(digits[int(character)] if character.isdigit() else character for character in code)


def full_width(code: str) -> str:
    return "".join(chr(ord(character) + 0xFEE0) if character != "-" else "－" for character in code)


@pytest.mark.parametrize("lang", ["ar", "fa-AF", "ps", "ne"])
def test_a_code_typed_in_the_phones_own_digits_finds_the_message(app, client, lang):
    reference = make_submission(app).reference
    typed = in_script(format_reference(reference), DIGITS[lang])
    html = page(post_form(client, f"/{lang}/status", {"reference": typed}))
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        assert html.select_one(".status-word").get_text() == gettext("Received")


@pytest.mark.parametrize("typed_as", ["full width", "right-to-left marks", "zero-width spaces", "burmese digits",
                                      "cyrillic capitals"])
def test_full_width_forms_and_invisible_marks_do_not_matter(typed_as):
    code = "K7F3-9QXA-2MWC"
    typed = {
        "full width": full_width(code),
        "right-to-left marks": f"\u200f{code}\u200f",
        "zero-width spaces": "\u200b".join(code),
        "burmese digits": in_script(code, DIGITS["my"]),
        "cyrillic capitals": "К7F3-9QХА-2МWС",  # К, Х, А, М, С typed on a Ukrainian keyboard
    }[typed_as]
    assert normalize_reference(typed) == "K7F39QXA2MWC"


def test_characters_that_are_not_in_codes_still_mean_not_a_code():
    assert normalize_reference("K7F3-9QXA-2MW0") is None  # no 0 in codes
    assert normalize_reference("K7F3-9QXA-2MW٠") is None  # nor an Arabic-Indic zero


@pytest.mark.parametrize("lang", ["en", "ar", "ne", "uk"])
def test_a_code_of_the_wrong_length_says_how_long_a_code_is(app, client, lang):
    make_submission(app)
    html = page(post_form(client, f"/{lang}/status", {"reference": "K7F3-9QXA-2MW"}))
    with app.test_request_context(), force_locale(lang):
        expected = gettext("A reference code has 12 letters and numbers, for example K7F3-9QXA-2MWD. Check that "
                           "none is missing and none was added.")
    assert expected in html.select_one("#reference-error").get_text()
    assert html.find("html")["lang"] == lang


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_an_unknown_code_names_the_look_alikes_to_check(app, client, lang):
    make_submission(app)
    html = page(post_form(client, f"/{lang}/status", {"reference": "K7F3-9QXA-2MWD"}))
    with app.test_request_context(), force_locale(lang):
        expected = gettext(
            "We could not find this code. Compare it with the code you wrote down, one letter or number at a time: "
            "8 and B, 5 and S, 2 and Z look alike. If you deleted your message, its code no longer works.")
    assert expected in html.select_one("#reference-error").get_text()
    assert html.select_one(".status-word") is None

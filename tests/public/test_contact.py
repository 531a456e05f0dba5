"""Contact details: never silently dropped, and phone numbers someone could really call."""
import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from portal.models import Contact, Submission
from portal.platform import db
from tests.conftest import add_meeting, page, post_form, textarea_text

CONCERN = {"category": "police-immigration", "body": "Police came with ICE agents to our building on Monday."}
FOLLOW_UP = {"follow_up": "y", "consent": "y"}


def stored_count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def translated(app, lang: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        return gettext(message, **values)


def choice_missing(app, lang: str) -> str:
    return translated(app, lang, "You wrote contact details but did not choose “%(choice)s”. Choose it to get a "
                      "reply, or remove your details to stay anonymous.",
                      choice=translated(app, lang, "Yes, I would like the office to contact me"))


@pytest.mark.parametrize("lang", ["en", "ar", "ne", "so"])
def test_contact_details_without_the_choice_are_refused_with_everything_kept(app, client, lang):
    typed = {**CONCERN, "name": "Amina", "email": "amina@example.org", "phone": "502 555 0123"}
    response = post_form(client, f"/{lang}/concern", typed)
    assert response.status_code == 200
    html = page(response)
    assert html.select_one(".error-summary a")["href"] == "#follow_up"
    assert choice_missing(app, lang) in html.select_one("#follow_up-error").get_text()
    assert [html.select_one(f"#{name}")["value"] for name in ("name", "email", "phone")] == [
        "Amina", "amina@example.org", "502 555 0123"]
    assert textarea_text(html.select_one("#body")) == CONCERN["body"]
    assert html.select_one("#category-0").has_attr("checked")
    # The fields stay in view although the box is not ticked (the CSS reveal hides them only when empty).
    assert "has-content" in html.select_one(".contact-fields")["class"]
    assert stored_count(app, Submission) == 0


def test_meeting_feedback_refuses_contact_details_without_the_choice_too(app, client):
    meeting_id = add_meeting(app)
    answers = {"usefulness": "4", "felt_heard": "3", "email": "amina@example.org"}
    html = page(post_form(client, f"/ps/meetings/{meeting_id}/feedback", answers))
    assert choice_missing(app, "ps") in html.select_one("#follow_up-error").get_text()
    assert html.select_one("#email")["value"] == "amina@example.org"
    assert stored_count(app, Submission) == 0


def test_without_details_and_without_the_choice_the_message_stays_anonymous(app, client):
    assert post_form(client, "/en/concern", CONCERN).status_code == 303
    assert stored_count(app, Contact) == 0


def stored_phone(app) -> str:
    with app.app_context():
        return db.session().scalars(select(Contact)).one().phone


@pytest.mark.parametrize(("typed", "stored"), [
    ("(502) 555-0123", "+15025550123"),  # as a resident of a US city writes it
    ("1-502-555-0123", "+15025550123"),
    ("502.555.0123", "+15025550123"),
    ("٥٠٢ ٥٥٥ ٠١٢٣", "+15025550123"),  # Arabic-Indic digits
    ("५०२ ५५५ ०१२३", "+15025550123"),  # Devanagari digits
    ("00250 788 123 456", "+250788123456"),  # 00, how most of the world writes an international number
    ("00252615555555", "+252615555555"),
    ("+250 788 123 456", "+250788123456"),
    ("502-555-0123 ext 4", "+15025550123 ext. 4"),  # the extension kept
    ("(502) 555-0123 x 27", "+15025550123 ext. 27"),
])
def test_phone_numbers_are_stored_as_someone_could_call_them(app, client, typed, stored):
    data = {**CONCERN, **FOLLOW_UP, "phone": typed}
    assert post_form(client, "/en/concern", data).status_code == 303
    assert stored_phone(app) == stored


@pytest.mark.parametrize(("typed", "problem"), [
    ("555-0123", "Add the area code, for example %(example)s."),
    ("0788 123 456", "We cannot call this number. Check it. For a number from another country, start with + or 00 "
                     "and the country code, for example %(example)s."),
    ("+1 555 0123", "Add the area code, for example %(example)s."),
    ("123 456 7890", "We cannot call this number. Check it. For a number from another country, start with + or 00 "
                     "and the country code, for example %(example)s."),
    ("call me", "Enter a phone number with only digits, for example 502 555 0123."),
])
@pytest.mark.parametrize("lang", ["en", "fa-AF", "ne", "rw"])
def test_numbers_nobody_could_call_are_refused_with_what_to_change(app, client, typed, problem, lang):
    html = page(post_form(client, f"/{lang}/concern", {**CONCERN, **FOLLOW_UP, "phone": typed}))
    example = "+250 720 123 456" if "another country" in problem else "(201) 555-0123"
    assert translated(app, lang, problem, example=example) in html.select_one("#phone-error").get_text()
    assert html.select_one("#phone")["value"] == typed
    assert stored_count(app, Submission) == 0


def test_a_city_outside_the_us_reads_local_numbers_as_its_own(app, client):
    app.config["PHONE_REGION"] = "RW"
    assert post_form(client, "/rw/concern", {**CONCERN, **FOLLOW_UP, "phone": "0788 123 456"}).status_code == 303
    assert stored_phone(app) == "+250788123456"

"""The optional date as day, month and year boxes (GOV.UK's pattern): no date picker needed, any script's digits."""
from datetime import date

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.models import Submission
from portal.platform import db
from tests.conftest import page, post_form

CONCERN = {"category": "housing", "body": "The landlord asked for papers."}


def boxes(day: str, month: str, year: str) -> dict[str, str]:
    return {"occurred_on-day": day, "occurred_on-month": month, "occurred_on-year": year}


def stored_date(app) -> date | None:
    with app.app_context():
        return db.session().scalar(select(Submission.occurred_on))


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", ("20", "11", "2025")), ("ar", ("٢٠", "١١", "٢٠٢٥")), ("ne", ("२०", "११", "२०२५")),
    ("fa-AF", ("۲۰", "۱۱", "۲۰۲۵")), ("es", ("20", "11", "2025")),
])
def test_a_date_typed_in_three_boxes_is_stored(app, client, lang, typed):
    html = page(client.get(f"/{lang}/concern"))
    labels = [label.get_text() for label in html.select(".date-box label")]
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        assert labels == [gettext("Day"), gettext("Month"), gettext("Year")]
    assert html.select_one("#occurred_on")["inputmode"] == "numeric"
    assert post_form(client, f"/{lang}/concern", {**CONCERN, **boxes(*typed)}).status_code == 303
    assert stored_date(app) == date(2025, 11, 20)


def test_the_date_stays_optional(app, client):
    assert post_form(client, "/en/concern", {**CONCERN, **boxes("", "", "")}).status_code == 303
    assert stored_date(app) is None


@pytest.mark.parametrize("typed", [("31", "2", "2025"), ("20", "11", ""), ("20", "nov", "2025"), ("20", "11", "25"),
                                   ("1", "1", "9" * 30)])
@pytest.mark.parametrize("lang", ["en", "ps", "ne"])
def test_a_date_that_cannot_be_is_refused_with_every_box_kept(app, client, typed, lang):
    html = page(post_form(client, f"/{lang}/concern", {**CONCERN, **boxes(*typed)}))
    with app.test_request_context(), force_locale(lang):
        assert gettext("Enter a real date, or leave it empty.") in html.select_one("#occurred_on-error").get_text()
    assert html.select_one(".error-summary a[href='#occurred_on']")
    assert [html.select_one(f"[name=occurred_on-{part}]")["value"] for part in ("day", "month", "year")] == list(typed)

"""One form shown, one submission: the same form sent again (a second tap, a reload, two requests at once) shows
the first receipt and stores nothing."""
import threading
from datetime import timedelta
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from werkzeug.serving import make_server

from portal.models import Category, Submission
from portal.platform import db
from portal.submissions.intake import record_concern, recorded_once
from tests.conftest import add_meeting, page

CONCERN = {"category": "police-immigration", "body": "Police came with ICE agents to our building on Monday."}


def stored(app) -> list[str]:
    with app.app_context():
        return list(db.session().scalars(select(Submission.reference).order_by(Submission.id)))


def form_fields(response) -> dict[str, str]:
    html = page(response)
    return {field["name"]: field.get("value", "") for field in html.select("#resident-form input[type=hidden]")}


def receipt_code(client, lang: str) -> str:
    return page(client.get(f"/{lang}/sent")).select_one(".reference").get_text(strip=True).replace("-", "")


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
def test_the_same_form_sent_twice_is_stored_once_and_shows_the_first_receipt(app, client, lang, mailbox):
    hidden = form_fields(client.get(f"/{lang}/concern"))
    assert hidden["form_token"]
    first = client.post(f"/{lang}/concern", data={**hidden, **CONCERN})
    first_code = receipt_code(client, lang)
    second = client.post(f"/{lang}/concern", data={**hidden, **CONCERN})
    assert first.status_code == second.status_code == 303
    assert stored(app) == [first_code]
    assert receipt_code(client, lang) == first_code
    assert len(mailbox.messages) == 0  # no contact details, no staff watching: and no second round of mail


def test_a_second_tab_with_other_answers_is_another_message(app, client):
    hidden = form_fields(client.get("/so/concern"))
    client.post("/so/concern", data={**hidden, **CONCERN})
    client.post("/so/concern", data={**hidden, **CONCERN, "body": "Another thing happened at the clinic."})
    assert len(stored(app)) == 2


def test_a_form_shown_after_sending_is_a_new_form(client):
    hidden = form_fields(client.get("/en/concern"))
    assert form_fields(client.get("/en/concern"))["form_token"] == hidden["form_token"]  # Back, reload: the same
    client.post("/en/concern", data={**hidden, **CONCERN})
    assert form_fields(client.get("/en/concern"))["form_token"] != hidden["form_token"]


def test_meeting_feedback_sent_twice_is_stored_once(app, client):
    meeting_id = add_meeting(app)
    url = f"/fa-AF/meetings/{meeting_id}/feedback"
    hidden = form_fields(client.get(url))
    answers = {**hidden, "usefulness": "4", "felt_heard": "5"}
    assert client.post(url, data=answers).status_code == client.post(url, data=answers).status_code == 303
    assert len(stored(app)) == 1


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_taps_sent_at_the_same_moment_store_one_submission(app, live_server):
    """Five requests of one browser, over the network, released together: each ends on the one receipt."""
    cookies = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    with opener.open(f"{live_server}/ar/concern") as response:
        data = urllib.parse.urlencode({**dict(page_fields(response.read().decode())), **CONCERN}).encode()
    start, receipts = threading.Barrier(5), []

    def tap():
        jar = CookieJar()  # this tap's copy of the browser's cookies, to carry the receipt's cookie to /sent
        for cookie in cookies:
            jar.set_cookie(cookie)
        tab = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        start.wait()
        with tab.open(f"{live_server}/ar/concern", data=data) as response:  # follows the 303 to the receipt
            receipts.append(page_of(response.read().decode()).select_one(".reference").get_text().replace("-", ""))

    taps = [threading.Thread(target=tap) for _ in range(5)]
    for thread in taps:
        thread.start()
    for thread in taps:
        thread.join()
    assert len(receipts) == 5
    assert stored(app) == receipts[:1] and set(receipts) == set(receipts[:1])


def page_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def page_fields(html: str):
    form = page_of(html).select_one("#resident-form")
    return ((field["name"], field.get("value", "")) for field in form.select("input[type=hidden]"))


def test_a_send_that_loses_the_race_finds_the_one_that_won(app):
    """Between the first lookup and the insert another request stored the same form: the unique index refuses
    the second row, and the first comes back."""
    won = []

    def concern(session, form_key):
        category = session.scalars(select(Category).where(Category.slug == "housing")).one()
        return record_concern(session, language="ne", category=category, body="पानी आउँदैन।", neighbourhood="",
                              occurred_on=None, contact=None, form_key=form_key)

    def record_after_the_other_won(form_key):
        with app.app_context():  # the other request: its own session and connection, committed
            won.append(concern(db.session(), form_key).reference)
            db.session().commit()
        return concern(db.session(), form_key)

    with app.test_request_context():
        submission, new = recorded_once(db.session(), "k" * 64, record_after_the_other_won)
        assert not new and submission.reference == won[0]
        db.session().commit()
    assert stored(app) == won


def test_purge_forgets_which_form_a_submission_came_from_after_a_day(app, client, runner):
    hidden = form_fields(client.get("/ne/concern"))
    client.post("/ne/concern", data={**hidden, **CONCERN})
    with app.app_context():
        session = db.session()
        submission = session.scalars(select(Submission)).one()
        assert submission.form_key
        submission.created_at = submission.created_at - timedelta(days=2)
        session.commit()
    runner.invoke(args=["purge"])
    with app.app_context():
        assert db.session().scalars(select(Submission.form_key)).one() is None
    again = client.post("/ne/concern", data={**hidden, **CONCERN})  # a day later the same form is a new message
    assert again.status_code == 303 and len(stored(app)) == 2

"""Property-based fuzzing of every public form and the status lookup: no 5xx, and nothing typed comes back
unescaped, whatever the script, control characters or markup."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import add_meeting, csrf_token_from

MARKER = "<x-probe onmouseover=alert(1)>"
texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50).map(lambda value: value + MARKER),
    st.sampled_from(["", " ", "\x00", "\r\n", "<script>alert(1)</script>", "' OR 1=1 --", "%(name)s", "{{ 7*7 }}",
                     "ا" * 6000, "K7F3-9QXA-2MWD", "‮evil‬"]),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(response) -> None:
    assert response.status_code < 500
    assert MARKER not in response.get_data(as_text=True)


def fields(names):
    return st.fixed_dictionaries({name: texts for name in names})


FOLLOW_UP = ["follow_up", "name", "email", "phone", "contact_language", "consent", "leave_empty"]


@pytest.fixture
def token(app, client):
    app.config.update(SUBMISSION_LIMIT="10000 per minute", SUBMISSION_LIMIT_PER_ADDRESS="10000 per minute",
                      STATUS_LOOKUP_LIMIT="10000 per minute")
    return csrf_token_from(client.get("/en/concern"))


@FUZZ
@given(data=fields(["category", "body", "neighbourhood", "occurred_on-day", "occurred_on-month", "occurred_on-year",
                    *FOLLOW_UP]),
       lang=st.sampled_from(["en", "ar", "ne"]))
def test_the_concern_form(client, token, data, lang):
    check(client.post(f"/{lang}/concern", data={**data, "csrf_token": token}))


@FUZZ
@given(data=fields(["usefulness", "felt_heard", "interpretation", "act_on", "improvement", *FOLLOW_UP]))
def test_the_feedback_form(app, client, token, data):
    meeting_id = getattr(app, "_fuzz_meeting", None) or add_meeting(app)
    app._fuzz_meeting = meeting_id
    check(client.post(f"/es/meetings/{meeting_id}/feedback", data={**data, "csrf_token": token}))


@FUZZ
@given(data=fields(["reference"]))
def test_the_status_lookup(app, client, token, data):
    check(client.post("/fa-AF/status", data={**data, "csrf_token": token}))


@FUZZ
@given(data=fields(["reference", "confirmed"]))
def test_the_delete_form(app, client, token, data):
    check(client.post("/so/delete", data={**data, "csrf_token": token}))

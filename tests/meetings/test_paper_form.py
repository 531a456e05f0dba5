"""The printed feedback form: the web form's questions and the trust question, in the chosen language."""
import io

from flask_babel import force_locale, gettext
from pypdf import PdfReader

from tests.conftest import add_meeting, page


def pdf_text(response) -> str:
    return "\n".join(item.extract_text() for item in PdfReader(io.BytesIO(response.data)).pages)


def test_staff_print_the_feedback_form_with_the_trust_question_in_a_language(app, staff_client):
    meeting_id = add_meeting(app)
    meeting_page = page(staff_client.get(f"/staff/meetings/{meeting_id}"))
    link = meeting_page.find("a", href=f"/staff/meetings/{meeting_id}/paper-form.pdf?language=es")
    assert link is not None
    response = staff_client.get(link["href"])
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(pdf_text(response).split())
    with app.test_request_context(), force_locale("es"):
        for question in ("How useful was the meeting for you?", "I prefer not to say", "Very likely",
                         "Reunión con líderes inmigrantes"):
            expected = gettext(question) if question.isascii() else question
            assert " ".join(expected.split()) in text
    assert staff_client.get(f"/staff/meetings/{meeting_id}/paper-form.pdf?language=xx").status_code == 404

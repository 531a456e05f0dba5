"""The theme board in a real browser: axe on its pages, with a theme, its chart and a suggestion on them."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.models import SuggestionKind, ThemeSuggestion, suggestion_member
from portal.platform import db
from portal.themes import service
from tests.browser.test_accessibility import WCAG_21_AA
from tests.browser.test_staff import sign_in
from tests.conftest import make_user
from tests.factories import make_submission

pytestmark = pytest.mark.browser


def test_the_theme_pages_pass_axe(app, browser, live_server):
    make_user(app, "staff", email="staff@example.org")
    ids = [make_submission(app, body=body, language=language, translation="No interpreter at the meeting.").id
           for body, language in (("لا يوجد مترجم", "ar"), ("No hay intérprete", "es"), ("Turjubaan ma jiro", "so"))]
    with app.app_context():
        theme = service.create_theme(db.session(), "Interpreters", actor=None)
        service.add_members(db.session(), theme, ids, actor=None)
        suggestion = ThemeSuggestion(kind=SuggestionKind.SIMILAR, label="interpreter, meeting")
        db.session().add(suggestion)
        db.session().flush()
        db.session().execute(suggestion_member.insert(), [{"suggestion_id": suggestion.id, "submission_id": member}
                                                          for member in ids])
        db.session().commit()
        theme_id = theme.id
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    sign_in(page, "staff@example.org")
    found = {}
    for path in ("/staff/themes", f"/staff/themes/{theme_id}", "/staff/themes/suggestions",
                 f"/staff/themes/{theme_id}/reply", f"/staff/submissions/{ids[0]}"):
        page.goto(path)
        found[path] = [violation["id"] for violation in Axe().run(page, options=WCAG_21_AA).response["violations"]]
    context.close()
    assert {path: violations for path, violations in found.items() if violations} == {}

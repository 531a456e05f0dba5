"""axe-core on every resident page in every shipped language: no WCAG 2.1 A or AA violations."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.platform.i18n import TAGS
from tests.conftest import RESIDENT_PAGES, add_meeting

pytestmark = pytest.mark.browser
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
            for violation in results.response["violations"]]


@pytest.mark.parametrize("lang", TAGS)
def test_every_resident_page_passes_axe(app, browser, live_server, lang):
    meeting_id = add_meeting(app)
    # axe runs as a script in the page, so this context allows JavaScript; the pages use none of their own.
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    paths = [*RESIDENT_PAGES, f"/meetings/{meeting_id}/feedback"]
    found = {}
    for path in paths:
        page.goto(f"/{lang}{path}")
        found[path] = violations(page)
    # The same forms with their errors showing.
    for path, button in (("/concern", "button[type=submit]"),
                         (f"/meetings/{meeting_id}/feedback", "button[type=submit]"),
                         ("/status", "button[type=submit]")):
        page.goto(f"/{lang}{path}")
        page.click(button)
        found[f"{path} with errors"] = violations(page)
    context.close()
    assert {path: problems for path, problems in found.items() if problems} == {}

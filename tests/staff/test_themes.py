"""Themes at /staff/themes: making, merging and splitting them; a theme's page; working every member at once; one
reply in each member's language; suggestions a person accepts or rejects; similar submissions on a submission's
page; the evidence finder on a recommendation; figures by theme."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, UTC

from sqlalchemy import func, select

from portal.models import (
    AuditEvent, Evidence, Reply, Status, Submission, SuggestionStatus, Theme, ThemeMember, ThemeSuggestion,
    Recommendation, Report, ReportStatus, suggestion_member,
)
from portal.platform import db
from portal.platform.reference import format_reference
from portal.reports import service as reports
from portal.submissions.intake import ContactDetails
from portal.themes import evidence, service
from tests.conftest import add_meeting, make_user, page, post_form, session_csrf_token
from tests.factories import make_submission

RESIDENT = "resident@example.org"


def _theme(app, name: str, submission_ids: list[int]) -> int:
    with app.app_context():
        theme = service.create_theme(db.session(), name, actor=None)
        service.add_members(db.session(), theme, submission_ids, actor=None)
        db.session().commit()
        return theme.id


def _members(app, theme_id: int) -> set[int]:
    with app.app_context():
        return set(db.session().scalars(select(ThemeMember.submission_id).where(ThemeMember.theme_id == theme_id)))


def _post(client, page_url: str, url: str, data: dict, prefix: str = ""):
    token = session_csrf_token(client, page_url)
    return client.post(url, data={f"{prefix}csrf_token": token, **data})


# --- Making themes ------------------------------------------------------------------------------------------------

def test_staff_create_a_theme_and_add_submissions_by_code(app, staff_client):
    first = make_submission(app, language="es", body="La policía ayudó a los agentes.")
    second = make_submission(app, language="so", body="Booliska ayaa caawiyay.")
    response = _post(staff_client, "/staff/themes", "/staff/themes",
                     {"theme-name": "Police and ICE", "theme-description": "Police helping agents"}, "theme-")
    assert response.status_code == 302
    theme_url = response.headers["Location"]
    typed = f"{format_reference(first.reference).lower()}, {second.reference}"
    response = _post(staff_client, theme_url, f"{theme_url}/add", {"add-references": typed}, "add-")
    assert response.status_code == 302
    html = page(staff_client.get(theme_url))
    assert html.select_one("#theme-reach").get_text(" ", strip=True) == "2 residents in 2 languages"
    assert {row["value"] for row in html.select("input[name=selected]")} == {str(first.id), str(second.id)}
    assert "Police and ICE" in page(staff_client.get("/staff/themes")).get_text()


def test_a_theme_name_is_unique_whatever_its_case(app, staff_client):
    _theme(app, "Police and ICE", [])
    response = _post(staff_client, "/staff/themes", "/staff/themes", {"theme-name": "police AND ice"}, "theme-")
    assert response.status_code == 302
    assert "Another theme has this name" in page(staff_client.get("/staff/themes")).get_text()
    with app.app_context():
        assert db.session().scalar(select(func.count(Theme.id))) == 1


def test_unknown_codes_are_named_and_nothing_is_added(app, staff_client):
    known = make_submission(app)
    theme_id = _theme(app, "Buses", [])
    url = f"/staff/themes/{theme_id}"
    html = page(_post(staff_client, url, f"{url}/add", {"add-references": f"{known.reference} ZZZZ-ZZZZ-ZZZZ"},
                      "add-"))
    assert "No submission has these reference codes: ZZZZ-ZZZZ-ZZZZ" in html.get_text()
    assert _members(app, theme_id) == set()


def test_a_theme_page_lists_members_with_language_meeting_neighbourhood_date_and_status(app, staff_client):
    meeting_id = add_meeting(app)
    duplicate_of = make_submission(app, language="ar", body="نص", neighbourhood="Smoketown")
    members = [
        make_submission(app, language="es", body="Uno", meeting_id=meeting_id, status=Status.IN_REVIEW),
        duplicate_of,
        make_submission(app, language="ar", body="نص آخر", duplicate_of_id=duplicate_of.id),
    ]
    theme_id = _theme(app, "Interpreters", [member.id for member in members])
    html = page(staff_client.get(f"/staff/themes/{theme_id}"))
    # a duplicate and its original are one resident
    assert html.select_one("#theme-reach").get_text(" ", strip=True) == "2 residents in 2 languages · 3 submissions"
    text = html.get_text(" ")
    assert "Meeting with immigrant leaders" in text and "Smoketown" in text and "Being reviewed" in text
    chart = html.select_one("svg.chart")
    assert chart is not None and chart["role"] == "img"
    weeks = html.select("#trend-title ~ table tbody tr")
    assert len(weeks) == 12 and weeks[-1].select_one("td").get_text() == "2"


def test_merge_moves_members_and_recommendations_then_deletes_the_theme(app, staff_client):
    a, b, c = (make_submission(app, body=f"text {n}") for n in range(3))
    source = _theme(app, "police-ice", [a.id, b.id])
    target = _theme(app, "Police ICE", [b.id, c.id])
    with app.app_context():
        report = reports.create_report(db.session(), title="R", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                       actor=None)
        recommendation = reports.add_recommendation(db.session(), report, title="Clarify", actor=None)
        evidence.set_themes(db.session(), recommendation.id, [source], actor=None)
        db.session().commit()
        recommendation_id = recommendation.id
    url = f"/staff/themes/{source}"
    response = _post(staff_client, url, f"{url}/merge", {"merge-target": str(target)}, "merge-")
    assert response.headers["Location"].endswith(f"/staff/themes/{target}")
    assert _members(app, target) == {a.id, b.id, c.id}
    with app.app_context():
        assert db.session().get(Theme, source) is None
        assert [theme.id for theme in evidence.themes_of_recommendation(db.session(), recommendation_id)] == [target]


def test_split_moves_the_chosen_members_into_a_new_theme(app, staff_client):
    a, b, c = (make_submission(app, body=f"text {n}") for n in range(3))
    theme_id = _theme(app, "Housing", [a.id, b.id, c.id])
    url = f"/staff/themes/{theme_id}"
    token = session_csrf_token(staff_client, url)
    response = staff_client.post(f"{url}/members", data={"members-csrf_token": token, "members-action": "split",
                                                          "members-new_name": "Repairs", "selected": [a.id, c.id]})
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert _members(app, new_id) == {a.id, c.id} and _members(app, theme_id) == {b.id}


# --- Working a theme ----------------------------------------------------------------------------------------------

def test_one_action_sets_the_status_of_every_member_with_the_note_closing_needs(app, staff_client):
    members = [make_submission(app, body=f"text {n}") for n in range(3)]
    outside = make_submission(app, body="not in the theme")
    theme_id = _theme(app, "Lights", [member.id for member in members])
    url = f"/staff/themes/{theme_id}"
    _post(staff_client, url, f"{url}/status", {"status-status": "closed", "status-note": ""}, "status-")
    with app.app_context():
        assert {item.status for item in db.session().scalars(select(Submission))} == {Status.RECEIVED}
    _post(staff_client, url, f"{url}/status", {"status-status": "closed", "status-note": "Lights fixed."},
          "status-")
    with app.app_context():
        statuses = dict(db.session().execute(select(Submission.id, Submission.status)).all())
        assert [statuses[member.id] for member in members] == [Status.CLOSED] * 3
        assert statuses[outside.id] == Status.RECEIVED
        assert db.session().scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "submission.status_changed")) == 3


def test_one_action_assigns_every_member(app, staff_client):
    members = [make_submission(app, body=f"text {n}") for n in range(2)]
    colleague = make_user(app, "staff", email="colleague@example.org")
    theme_id = _theme(app, "Buses", [member.id for member in members])
    url = f"/staff/themes/{theme_id}"
    _post(staff_client, url, f"{url}/assign", {"assign-assignee": str(colleague)}, "assign-")
    with app.app_context():
        assert set(db.session().scalars(select(Submission.assignee_id))) == {colleague}


def test_one_reply_reaches_each_member_in_their_language_and_by_email_if_asked(app, staff_client, mailbox, client):
    spanish = make_submission(app, language="es", body="Uno",
                              contact=ContactDetails("Ana", RESIDENT, "", "es"), follow_up_requested=True)
    # wrote in Somali, asked for replies in Arabic
    arabic = make_submission(app, language="so", body="Laba", contact=ContactDetails("", "", "", "ar"))
    somali = make_submission(app, language="so", body="Saddex")
    theme_id = _theme(app, "Clinics", [spanish.id, arabic.id, somali.id])
    url = f"/staff/themes/{theme_id}/reply"
    html = page(staff_client.get(url))
    labels = [label.get_text(" ", strip=True) for label in html.select("form label")]
    assert any("(es): 1 residents" in label for label in labels) and any("(ar)" in label for label in labels)
    response = _post(staff_client, url, url, {"reply-text_es": "Hablamos con la clínica.",
                                               "reply-text_ar": "تحدثنا مع العيادة."}, "reply-")
    assert response.status_code == 302
    with app.app_context():
        replies = {reply.submission_id: (reply.language, reply.body) for reply in db.session().scalars(select(Reply))}
    assert replies == {spanish.id: ("es", "Hablamos con la clínica."), arabic.id: ("ar", "تحدثنا مع العيادة.")}
    status = page(post_form(client, "/es/status", {"reference": spanish.reference}))
    assert status.select_one(".reply-text").get_text() == "Hablamos con la clínica."
    [message] = mailbox.wait_for(1)
    assert message["To"] == RESIDENT
    flashed = page(staff_client.get(f"/staff/themes/{theme_id}")).get_text()
    assert "Not sent to 1 residents who read so" in flashed


# --- Suggestions --------------------------------------------------------------------------------------------------

SOMALI = "Kulanka bulshada turjubaan Soomaali ah ma joogin, waxna kamaan fahmin."


def _near_duplicates_and_translations(app) -> dict[str, list[int]]:
    """Four nearly identical Somali feedbacks, and three texts about street lights in three languages."""
    somali = [make_submission(app, language="so", body=body).id
              for body in (SOMALI, SOMALI.upper(), SOMALI + " Mahadsanid.", SOMALI.replace(",", ""))]
    lights = [
        make_submission(app, language="es", body="Las luces de la calle no funcionan de noche.",
                        translation="The street lights do not work at night.").id,
        make_submission(app, language="fr", body="Les lampadaires de la rue sont cassés, il fait noir la nuit.",
                        translation="The street lights are broken, it is dark at night.").id,
        make_submission(app, language="en", body="Street lights on our block are broken and it is dark at night.").id,
    ]
    make_submission(app, language="en", body="The landlord will not repair the heating in winter.")
    return {"somali": somali, "lights": lights}


def test_the_batch_prints_its_groups_as_json(app, runner):
    made = _near_duplicates_and_translations(app)
    result = runner.invoke(args=["themes", "suggest", "--json"])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    assert {frozenset(group["submission_ids"]) for group in groups} >= {frozenset(made["somali"]),
                                                                        frozenset(made["lights"])}
    assert all(isinstance(group["label"], str) and group["label"] for group in groups)
    # the same groups are not suggested again
    assert json.loads(runner.invoke(args=["themes", "suggest", "--json"]).output) == []


def test_a_person_accepts_the_ticked_members_into_a_new_theme_and_rejects_another(app, runner, staff_client):
    made = _near_duplicates_and_translations(app)
    runner.invoke(args=["themes", "suggest"])
    with app.app_context():
        by_members = {frozenset(service_ids(suggestion.id)): suggestion.id
                      for suggestion in db.session().scalars(select(ThemeSuggestion))}
    lights = by_members[frozenset(made["lights"])]
    somali = by_members[frozenset(made["somali"])]
    html = page(staff_client.get("/staff/themes/suggestions"))
    assert html.select_one(f"#suggestion-{lights}") is not None
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(ThemeMember)) == 0  # nothing without a person
    token = session_csrf_token(staff_client, "/staff/themes/suggestions")
    kept = made["lights"][:2]
    staff_client.post(f"/staff/themes/suggestions/{lights}", data={
        f"accept-{lights}-csrf_token": token, f"accept-{lights}-theme": "",
        f"accept-{lights}-new_name": "Street lights", "selected": kept, "action": "accept"})
    staff_client.post(f"/staff/themes/suggestions/{somali}", data={
        f"accept-{somali}-csrf_token": token, "action": "reject"})
    with app.app_context():
        theme = db.session().scalar(select(Theme).where(Theme.name == "Street lights"))
        assert theme is not None
        statuses = {item.id: item.status for item in db.session().scalars(select(ThemeSuggestion))}
    assert _members(app, theme.id) == set(kept)
    assert statuses[lights] == SuggestionStatus.ACCEPTED and statuses[somali] == SuggestionStatus.REJECTED
    assert f"suggestion-{lights}" not in staff_client.get("/staff/themes/suggestions").get_data(as_text=True)


def test_near_duplicates_can_be_accepted_as_duplicates_of_the_earliest(app, runner, staff_client):
    made = _near_duplicates_and_translations(app)
    runner.invoke(args=["themes", "suggest"])
    with app.app_context():
        suggestion_id = next(suggestion.id for suggestion in db.session().scalars(select(ThemeSuggestion))
                             if set(service_ids(suggestion.id)) == set(made["somali"]))
    token = session_csrf_token(staff_client, "/staff/themes/suggestions")
    staff_client.post(f"/staff/themes/suggestions/{suggestion_id}", data={
        f"accept-{suggestion_id}-csrf_token": token, f"accept-{suggestion_id}-as_duplicates": "y",
        "selected": made["somali"], "action": "accept"})
    with app.app_context():
        originals = dict(db.session().execute(select(Submission.id, Submission.duplicate_of_id)
                                              .where(Submission.id.in_(made["somali"]))).all())
    first = made["somali"][0]
    assert originals == {first: None, **{other: first for other in made["somali"][1:]}}


def service_ids(suggestion_id: int) -> list[int]:
    from portal.themes import suggestions

    return suggestions.suggestion_member_ids(db.session(), db.session().get_one(ThemeSuggestion, suggestion_id))


def test_a_submission_page_links_to_similar_submissions_and_its_themes(app, runner, staff_client):
    made = _near_duplicates_and_translations(app)
    runner.invoke(args=["themes", "suggest"])
    theme_id = _theme(app, "Lights", made["lights"][:1])
    html = page(staff_client.get(f"/staff/submissions/{made['somali'][0]}"))
    links = {link["href"] for link in html.select("#similar-title + ul a")}
    assert links == {f"/staff/submissions/{other}" for other in made["somali"][1:]}
    lights_page = page(staff_client.get(f"/staff/submissions/{made['lights'][0]}"))
    assert lights_page.select_one(f"a[href='/staff/themes/{theme_id}']") is not None
    # and from there, into another theme
    other = _theme(app, "Night safety", [])
    url = f"/staff/submissions/{made['lights'][0]}"
    _post(staff_client, url, f"{url}/themes", {"totheme-theme": str(other)}, "totheme-")
    assert _members(app, other) == {made["lights"][0]}


# --- The evidence finder ------------------------------------------------------------------------------------------

def test_the_evidence_finder_offers_only_redacted_text_with_checked_english_spread_across_languages(app,
                                                                                                   staff_client):
    meeting_id = add_meeting(app)
    quotable = [
        make_submission(app, language="es", body="Ana dijo: no hay intérprete.", redacted_text="No hay intérprete.",
                        translation="There is no interpreter."),
        make_submission(app, language="so", body="Turjubaan ma jiro.", redacted_text="Turjubaan ma jiro.",
                        translation="There is no interpreter.", meeting_id=meeting_id),
        make_submission(app, language="en", body="No interpreter, said Bob.", redacted_text="No interpreter."),
    ]
    unchecked = make_submission(app, language="ar", body="لا يوجد مترجم", redacted_text="لا يوجد مترجم")
    unredacted = make_submission(app, language="fr", body="Pas d'interprète, dit Paul.", translation="No interpreter")
    theme_id = _theme(app, "Interpreters", [item.id for item in (*quotable, unchecked, unredacted)])
    with app.app_context():
        report = reports.create_report(db.session(), title="R", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                       actor=None)
        recommendation = reports.add_recommendation(db.session(), report, title="Interpreters", actor=None)
        db.session().commit()
        url = f"/staff/reports/{report.id}/recommendations/{recommendation.id}"
    token = session_csrf_token(staff_client, url)
    staff_client.post(f"{url}/themes", data={"csrf_token": token, "theme": [theme_id]})
    html = page(staff_client.get(url))
    assert html.select_one("#raised-this").get_text(" ", strip=True) == "5 residents in 5 languages raised this."
    offered = [item["id"] for item in html.select("#evidence-finder li[id^=found-]")]
    assert sorted(offered) == sorted(f"found-{item.id}" for item in quotable)
    text = html.select_one("#evidence-finder").get_text(" ")
    assert "Ana dijo" not in text and "said Bob" not in text and "Paul" not in text
    staff_client.post(f"{url}/found", data={"csrf_token": token, "submission_id": quotable[0].id})
    staff_client.post(f"{url}/found", data={"csrf_token": token, "submission_id": unchecked.id})
    with app.app_context():
        quotes = {item.submission_id: (item.quote, item.translation) for item in db.session().scalars(select(Evidence))}
    assert quotes == {quotable[0].id: ("No hay intérprete.", "There is no interpreter.")}


def test_quotes_spread_one_per_language_before_a_second(app):
    quotes = [evidence.Quote(number, language, None, "", "q", "e", False)
              for number, language in enumerate(["es"] * 5 + ["so"] * 2 + ["ar"])]
    assert [quote.language for quote in evidence._spread(quotes, 5)] == ["es", "so", "ar", "es", "so"]


# --- Figures by theme ---------------------------------------------------------------------------------------------

def test_the_dashboard_and_reports_count_residents_by_theme(app, viewer_client):
    original = make_submission(app, body="one")
    duplicate = make_submission(app, body="one again", duplicate_of_id=original.id)
    other = make_submission(app, body="two")
    _theme(app, "Police and ICE", [original.id, duplicate.id, other.id])
    _theme(app, "Buses", [other.id])
    html = page(viewer_client.get("/staff/dashboard"))
    rows = [[cell.get_text() for cell in row.select("th, td")] for row in html.select("#by-theme ~ table tbody tr")]
    assert rows == [["Police and ICE", "2"], ["Buses", "1"]]
    assert html.select_one("#by-theme ~ div svg.chart") is not None
    with app.app_context():
        today = datetime.now(UTC).date()
        figures = reports.period_figures(db.session(), today - timedelta(days=1), today + timedelta(days=1),
                                         now=datetime.now(UTC))
    assert figures["by_theme"] == [["Police and ICE", 2], ["Buses", 1]]


def test_viewers_never_reach_the_theme_board(app, viewer_client):
    theme_id = _theme(app, "Police and ICE", [make_submission(app).id])
    for url in ("/staff/themes", f"/staff/themes/{theme_id}", "/staff/themes/suggestions",
                f"/staff/themes/{theme_id}/reply"):
        assert viewer_client.get(url).status_code == 403
    assert not re.search(r"/staff/themes", viewer_client.get("/staff/dashboard").get_data(as_text=True))



# --- Demo data ----------------------------------------------------------------------------------------------------

def test_the_demo_has_a_filled_theme_board_and_survives_a_reset(app, runner, staff_client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    html = page(staff_client.get("/staff/themes"))
    rows = html.select("table.data tbody tr")
    assert len(rows) == 3
    for row in rows:
        assert int(row.select("td")[0].get_text()) >= 3  # residents
    with app.app_context():
        report = db.session().scalar(select(Report).where(Report.status == ReportStatus.DRAFT))  # the finder's
        recommendation = db.session().scalars(select(Recommendation)
                                              .where(Recommendation.report_id == report.id)).first()
        report_id, recommendation_id = report.id, recommendation.id
    finder = page(staff_client.get(f"/staff/reports/{report_id}/recommendations/{recommendation_id}"))
    assert "raised this" in finder.select_one("#raised-this").get_text()
    assert runner.invoke(args=["seed-demo", "--reset"]).exit_code == 0
    with app.app_context():
        assert db.session().scalar(select(func.count(Theme.id))) == 3
        assert db.session().scalar(select(func.count(ThemeSuggestion.id)).where(
            ~ThemeSuggestion.id.in_(select(suggestion_member.c.suggestion_id)))) == 0

"""No staff route without its permission check, and every staff endpoint tried by every role."""
import re
from datetime import UTC, date, datetime

import pytest

from portal.platform import db
from portal.accounts.permissions import OPEN_STAFF_ENDPOINTS
from tests.conftest import add_meeting, make_user, session_csrf_token, sign_in
from tests.factories import make_submission

# The least role that may use each staff endpoint. A new endpoint fails the completeness test until it is added.
LEAST_ROLE = {
    "accounts.login": None, "accounts.two_factor_code": None,
    "accounts.logout": "viewer", "accounts.account": "viewer", "accounts.two_factor": "viewer",
    "accounts.two_factor_off": "viewer", "accounts.new_recovery_codes": "viewer", "dashboard.dashboard": "viewer",
    "triage.inbox": "staff", "triage.bulk": "staff", "triage.submission": "staff", "triage.update_triage": "staff",
    "triage.add_note": "staff", "triage.add_reply": "staff", "triage.save_translation": "staff",
    "triage.save_redaction": "staff", "triage.mark_duplicate": "staff", "triage.mark_duplicates": "staff",
    "triage.reveal_contact": "staff", "triage.workload": "staff",
    "triage.new_submission": "staff", "triage.export_csv": "staff", "accounts.watch_categories": "staff",
    "mail.failures": "admin", "mail.act": "admin",
    "meetings.index": "viewer", "meetings.summary": "viewer", "meetings.new": "staff", "meetings.edit": "staff",
    "meetings.cancel": "staff", "meetings.report": "staff", "meetings.link_concern": "staff",
    "meetings.unlink_concern": "staff", "meetings.qr": "staff", "meetings.flyer_options": "staff",
    "meetings.flyer_pdf": "staff", "meetings.take_down_report": "staff", "meetings.paper_form": "staff",
    # The walk uses a draft report: viewers reach final reports only (tests/staff/test_reports.py tries both).
    "reports.index": "viewer", "reports.report": "staff", "reports.pdf": "staff", "reports.create": "staff",
    "reports.edit": "staff", "reports.add_recommendation": "staff", "reports.recommendation": "staff",
    "reports.move": "staff", "reports.evidence": "staff", "reports.finalize": "staff", "reports.delete": "staff",
    "reports.new_draft": "staff", "reports.add_evidence": "staff", "reports.bulk_evidence": "staff",
    "reports.choose_evidence_report": "staff",
    # The tracker reads final reports' recommendations (the walk adds one): viewers read it, and decide.
    "tracker.index": "viewer", "tracker.tracking": "viewer", "tracker.save_progress": "staff",
    "tracker.add_milestone": "staff", "tracker.milestone": "staff", "tracker.add_update": "staff",
    "tracker.update_translation": "staff", "tracker.public_text": "staff", "tracker.translation": "staff",
    "accounts.users": "admin", "accounts.edit_user": "admin", "accounts.settings": "admin",
    "accounts.reset_password": "admin", "accounts.reset_two_factor": "admin",
    "accounts.audit_log": "admin", "topics.index": "admin", "topics.new": "admin", "topics.edit": "admin",
    "topics.move": "admin", "topics.set_active": "admin",
    "triage.correct_language": "staff", "triage.ask_translator": "staff",
    "translation.queues": "translator", "translation.language_queue": "translator",
    "translation.translate": "translator", "translation.engine_status": "admin", "translation.retry": "admin",
    "identity.office_settings": "admin", "identity.language_access": "admin", "identity.language_access_csv": "admin",
    "identity.wording_suggestions": "admin", "identity.remove_wording_suggestion": "admin",
    "themes.index": "staff", "themes.create": "staff", "themes.theme": "staff", "themes.edit": "staff",
    "themes.members": "staff", "themes.add": "staff", "themes.merge": "staff", "themes.delete": "staff",
    "themes.set_status": "staff", "themes.assign": "staff", "themes.reply": "staff",
    "themes.suggestion_list": "staff", "themes.decide": "staff", "themes.add_submission": "staff",
    "reports.recommendation_themes": "staff", "reports.add_found_quote": "staff",
}
# Endpoints outside the ranks: the roles that may use them, and only those. The mayor's office's decision on a
# recommendation is the viewers' one write action; staff record progress but never decide for the mayor.
ONLY_ROLES = {"tracker.decide": {"viewer", "admin"}}
RANK = {"anonymous": 0, "viewer": 1, "staff": 2, "admin": 3}
# A translator stands apart from the line above: their own account and the translators' pages, nothing else.
TRANSLATOR_REACHES = {"accounts.logout", "accounts.account", "accounts.two_factor", "accounts.two_factor_off",
                      "accounts.new_recovery_codes",
                      "translation.queues", "translation.language_queue", "translation.translate"}


def may(role: str, endpoint: str) -> bool:
    least = LEAST_ROLE[endpoint]
    if least is None:
        return True
    if role == "translator":
        return endpoint in TRANSLATOR_REACHES
    return RANK[role] >= RANK["staff" if least == "translator" else least]


def staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/staff")]


def test_every_staff_view_names_its_permission_or_is_on_the_short_open_list(app):
    unguarded = [rule.endpoint for rule in staff_rules(app)
                 if rule.endpoint not in OPEN_STAFF_ENDPOINTS
                 and not hasattr(app.view_functions[rule.endpoint], "required_permission")]
    assert unguarded == []
    assert OPEN_STAFF_ENDPOINTS == {"accounts.login", "accounts.two_factor_code"}


def test_the_role_matrix_covers_every_staff_endpoint(app):
    assert {rule.endpoint for rule in staff_rules(app)} == set(LEAST_ROLE) | set(ONLY_ROLES)
    assert not set(LEAST_ROLE) & set(ONLY_ROLES)


def test_viewers_decide_on_recommendations_and_change_nothing_else():
    from portal.accounts.permissions import ROLE_PERMISSIONS, Permission
    from portal.models import Role

    assert ROLE_PERMISSIONS[Role.VIEWER] == {Permission.SIGNED_IN, Permission.VIEW_DASHBOARD,
                                             Permission.READ_REPORTS, Permission.RECORD_DECISIONS}
    assert Permission.RECORD_DECISIONS not in ROLE_PERMISSIONS[Role.STAFF]


def _url(rule, submission_id: int, user_id: int, meeting_id: int = 0, **more_ids: int) -> str:
    ids = {"submission_id": submission_id, "user_id": user_id, "meeting_id": meeting_id, **more_ids}
    url = re.sub(r"<int:(\w+)>", lambda match: str(ids[match.group(1)]), rule.rule)
    return url.replace("<tag>", "ar")  # the language of the walk's submission


def _add_draft_report(app, submission_id: int) -> dict[str, int]:
    """A draft report with one recommendation quoting the submission: the ids its URLs need."""
    from portal.models import Submission
    from portal.reports import outcomes, service as reports

    with app.app_context():
        session = db.session()
        submission = session.get(Submission, submission_id)
        submission.redacted_text = submission.body
        report = reports.create_report(session, title="Draft", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                       actor=None)
        recommendation = reports.add_recommendation(session, report, title="Interpreters", actor=None)
        evidence = reports.add_evidence(session, recommendation, submission, quote=submission.body, actor=None)
        final = reports.create_report(session, title="Final", start=date(2026, 1, 1), end=date(2026, 12, 31),
                                      actor=None)
        tracked = reports.add_recommendation(session, final, title="Police policy", actor=None)
        reports.finalize(session, final, actor=make_writer(session), signed_by="Writer", now=datetime.now(UTC),
                         city_timezone="UTC")
        milestone = outcomes.add_milestone(session, tracked, title="Draft it", due_on=None, actor=None)
        update = outcomes.add_update(session, tracked, happened_on=date(2026, 12, 1), body="Begun.", actor=None)
        session.commit()
        return {"report_id": report.id, "recommendation_id": recommendation.id, "evidence_id": evidence.id,
                "tracked_id": tracked.id, "milestone_id": milestone.id, "update_id": update.id}


def make_writer(session):
    from portal.models import Role, User

    writer = User(email="writer@example.org", password_hash="-", role=Role.STAFF)
    session.add(writer)
    return writer


def _assign_languages(app, user_id: int, tags: list[str]) -> None:
    from portal.accounts import service as accounts
    from portal.models import User

    with app.app_context():
        accounts.set_translator_languages(db.session(), db.session().get(User, user_id), tags, actor=None)
        db.session().commit()


def _add_wording_suggestion(app) -> int:
    from portal.identity.suggestions import record_suggestion

    with app.app_context():
        suggestion = record_suggestion(db.session(), language="so", page="public.home", text="Fiican")
        db.session().commit()
        return suggestion.id


def _add_theme_and_suggestion(app, submission_id: int) -> dict[str, int]:
    """A theme holding the submission, and an open suggestion with it: the ids the themes' URLs need. The walk
    tries themes.delete last, since it deletes the theme the other URLs use."""
    from portal.models import SuggestionKind, ThemeSuggestion, suggestion_member
    from portal.themes import service as themes

    with app.app_context():
        session = db.session()
        theme = themes.create_theme(session, "Police and ICE", actor=None)
        themes.add_members(session, theme, [submission_id], actor=None)
        suggestion = ThemeSuggestion(kind=SuggestionKind.SIMILAR, label="police")
        session.add(suggestion)
        session.flush()
        session.execute(suggestion_member.insert().values(suggestion_id=suggestion.id, submission_id=submission_id))
        session.commit()
        return {"theme_id": theme.id, "suggestion_id": suggestion.id}


@pytest.mark.parametrize("role", ["anonymous", "viewer", "translator", "staff", "admin"])
def test_each_role_reaches_exactly_what_it_may(app, client, role):
    admin_id = make_user(app, "admin", email="boss@example.org")
    submission = make_submission(app, language="ar", body="نص")
    submission_id, category_id = submission.id, submission.category_id
    meeting_id = add_meeting(app)
    report_ids = _add_draft_report(app, submission_id)
    wording_suggestion_id = _add_wording_suggestion(app)
    theme_ids = _add_theme_and_suggestion(app, submission_id)
    if role != "anonymous":
        user_id = make_user(app, role)
        if role == "translator":
            _assign_languages(app, user_id, ["ar"])
        sign_in(client, f"{role}@example.org")
    token = session_csrf_token(client, "/staff/login" if role == "anonymous" else "/staff/account")
    wrong = []
    for rule in sorted(staff_rules(app), key=lambda rule: rule.endpoint == "themes.delete"):
        if rule.endpoint == "accounts.logout":
            continue  # signing out would end the rest of this walk; covered in test_accounts
        least = LEAST_ROLE.get(rule.endpoint, "viewer")
        url = _url(rule, submission_id, admin_id, meeting_id, topic_id=category_id,
                   wording_suggestion_id=wording_suggestion_id, **report_ids, **theme_ids)
        response = (client.get(url) if "GET" in rule.methods
                    else client.post(url, data={"csrf_token": token}))
        allowed = role in ONLY_ROLES[rule.endpoint] if rule.endpoint in ONLY_ROLES else may(role, rule.endpoint)
        if least is None:
            ok = response.status_code in (200, 302)
        elif role == "anonymous":
            ok = response.status_code == 302 and "/staff/login" in response.headers["Location"]
        elif allowed:
            ok = response.status_code in (200, 302)
        else:
            ok = response.status_code == 403
        if not ok:
            wrong.append((rule.endpoint, role, response.status_code))
    assert wrong == []

"""Signing in: passwords, lockout, rate limits, two-factor, session limits, disabling, and the commands."""
from datetime import datetime, timedelta, UTC

import pyotp
import pytest
from sqlalchemy import select

from portal.platform import db
from portal.accounts import sessions
from portal.models import AuditEvent, Role, StaffSession, User
from portal.accounts import service as accounts
from portal.accounts.passwords import password_problem
from tests.conftest import STAFF_PASSWORD, make_user, page, post_form, session_csrf_token, sign_in


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session().scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_sign_in_and_out(app, client):
    make_user(app, "staff")
    response = sign_in(client, "STAFF@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert len(events(app, "sign_in.succeeded")) == 1
    token = session_csrf_token(client, "/staff/account")
    client.post("/staff/logout", data={"csrf_token": token})
    assert client.get("/staff/").headers["Location"].startswith("/staff/login")


def test_a_wrong_password_says_nothing_about_which_part_was_wrong(app, client):
    make_user(app, "staff")
    wrong_password = page(sign_in(client, "staff@example.org", "not the password at all")).select_one(
        "#password-error").get_text()
    unknown_email = page(sign_in(client, "nobody@example.org", "not the password at all")).select_one(
        "#password-error").get_text()
    assert wrong_password == unknown_email
    assert len(events(app, "sign_in.failed")) == 2


def test_the_account_locks_after_repeated_failures(app, client):
    app.config["SIGN_IN_LIMIT"] = "100 per minute"
    make_user(app, "staff")
    for _ in range(app.config["LOCKOUT_ATTEMPTS"]):
        sign_in(client, "staff@example.org", "wrong password, again")
    assert sign_in(client, "staff@example.org").status_code == 200  # the right password, but locked
    assert len(events(app, "user.locked")) == 1
    with app.app_context():
        user = db.session().scalar(select(User))
        user.locked_until = datetime.now(UTC) - timedelta(seconds=1)
        db.session().commit()
    assert sign_in(client, "staff@example.org").status_code == 302


def test_sign_in_attempts_are_rate_limited(app, client):
    app.config["SIGN_IN_LIMIT"] = "3 per minute"
    codes = [sign_in(client, "x@example.org", "whatever password").status_code for _ in range(4)]
    assert codes[-1] == 429


def test_a_new_session_starts_at_sign_in(app, client):
    make_user(app, "staff")
    client.get("/en/concern")
    with client.session_transaction() as before:
        before["receipt"] = {"reference": "ABCDABCDABCD", "kind": "concern"}
    sign_in(client, "staff@example.org")
    with client.session_transaction() as after:
        assert "receipt" not in after and after[sessions.SIGNED_IN_AT]


@pytest.mark.parametrize("key, age", [(sessions.LAST_SEEN, timedelta(minutes=31)),
                                      (sessions.SIGNED_IN_AT, timedelta(hours=13))])
def test_sessions_end_after_inactivity_and_absolutely(app, client, key, age):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    with client.session_transaction() as session:
        session[key] = (datetime.now(UTC) - age).timestamp()
    response = client.get("/staff/")
    assert response.status_code == 302 and "expired=1" in response.headers["Location"]
    assert client.get("/staff/").headers["Location"].startswith("/staff/login")


def test_disabling_a_user_ends_their_sessions_at_once(app, client):
    user_id = make_user(app, "staff")
    sign_in(client, "staff@example.org")
    assert client.get("/staff/").status_code == 200
    with app.app_context():
        accounts.set_active(db.session(), db.session().get(User, user_id), False, actor=None)
        db.session().commit()
    assert client.get("/staff/").headers["Location"].startswith("/staff/login")


def test_passwords_must_be_long_and_not_common():
    assert password_problem("short") is not None
    assert password_problem("password1234") is not None
    assert password_problem("x" * 129) is not None
    assert password_problem(STAFF_PASSWORD) is None


def test_two_factor_enrolment_and_sign_in(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    enrol = page(client.get("/staff/account/two-factor"))
    assert enrol.select_one(".qr svg") is not None  # drawn here, no request to another host
    secret = enrol.select_one("code").get_text()
    post_form(client, "/staff/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    client.post("/staff/logout", data={"csrf_token": session_csrf_token(client, "/staff/account")})

    response = sign_in(client, "staff@example.org")
    assert response.headers["Location"] == "/staff/login/code"
    assert client.get("/staff/").status_code == 302  # not signed in before the code
    assert page(post_form(client, "/staff/login/code", {"code": "000000"})).select_one("#code-error")
    # The enrolment used this step's code: signing in takes the next one (accepted early: clocks drift).
    next_code = pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30))
    response = post_form(client, "/staff/login/code", {"code": next_code})
    assert response.headers["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_an_admin_can_require_two_factor_for_everyone(app, client, admin_client):
    post_form(admin_client, "/staff/admin/settings", {"require_two_factor": "y"})
    assert admin_client.get("/staff/").headers["Location"] == "/staff/account/two-factor"
    assert admin_client.get("/staff/account/two-factor").status_code == 200
    assert events(app, "settings.two_factor_required")


def test_the_settings_page_shows_the_retention_the_server_applies(app, admin_client):
    app.config.update(CONTACT_RETENTION_DAYS=45, ANONYMIZE_AFTER_DAYS=365)
    facts = page(admin_client.get("/staff/admin/settings")).select_one("dl.facts").get_text(" ", strip=True)
    assert "Contact details erased after 45 days" in facts and "Texts anonymized after 365 days" in facts


def test_an_admin_adds_a_user_and_changes_a_role(app, admin_client):
    response = post_form(admin_client, "/staff/admin/users", {
        "email": "new@example.org", "name": "Nadia", "role": "viewer", "password": "blue lantern under mango"})
    assert response.status_code == 302
    with app.app_context():
        user = db.session().scalar(select(User).where(User.email == "new@example.org"))
        user_id, version = user.id, user.session_version
    post_form(admin_client, "/staff/admin/users", {})  # load a token into the session
    token = session_csrf_token(admin_client, "/staff/admin/users")
    admin_client.post(f"/staff/admin/users/{user_id}", data={
        f"user{user_id}-csrf_token": token, f"user{user_id}-role": "staff", f"user{user_id}-active": "y"})
    with app.app_context():
        user = db.session().get(User, user_id)
        assert user.role == Role.STAFF and user.session_version == version + 1
    assert events(app, "user.role_changed")


def test_create_user_reads_the_password_from_standard_input(app, runner):
    result = runner.invoke(args=["create-user", "cli@example.org", "--role", "admin"],
                           input="purple kettle across winter\n")
    assert result.exit_code == 0, result.output
    weak = runner.invoke(args=["create-user", "weak@example.org", "--role", "staff"], input="password\n")
    assert weak.exit_code != 0 and "12 characters" in weak.output
    changed = runner.invoke(args=["set-password", "cli@example.org"], input="another long phrase here\n")
    assert changed.exit_code == 0
    assert sign_in(app.test_client(), "cli@example.org", "another long phrase here").status_code == 302


def test_the_audit_log_cannot_be_changed_by_the_application(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    with app.app_context():
        event = db.session().scalar(select(AuditEvent))
        event.action = "something else"
        with pytest.raises(Exception, match="cannot be changed"):
            db.session().commit()


def test_the_audit_log_is_filtered_by_action(app, admin_client):
    html = page(admin_client.get("/staff/audit?action=sign_in.succeeded"))
    actions = {cell.get_text() for cell in html.select("td code")}
    assert actions == {"sign_in.succeeded"}


def test_viewers_land_on_the_dashboard_and_staff_on_the_inbox(app, client):
    make_user(app, "viewer")
    assert sign_in(client, "viewer@example.org").headers["Location"] == "/staff/dashboard"
    other = app.test_client()
    make_user(app, "staff")
    assert sign_in(other, "staff@example.org").headers["Location"] == "/staff/"


def test_sign_in_never_redirects_to_another_host(app, client):
    make_user(app, "staff")
    client.get("/staff/login?next=//evil.example/staff")
    assert sign_in(client, "staff@example.org").headers["Location"] == "/staff/"


def sign_out(client):
    return client.post("/staff/logout", data={"csrf_token": session_csrf_token(client, "/staff/account")})


def copy_of_session_cookie(app, client):
    """Another browser holding an exact copy of this client's session cookie."""
    name = app.config["SESSION_COOKIE_NAME"]
    thief = app.test_client()
    thief.set_cookie(name, client.get_cookie(name).value)
    return thief


def test_a_copied_cookie_opens_nothing_after_sign_out(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    copy = copy_of_session_cookie(app, client)
    assert copy.get("/staff/").status_code == 200  # the copy works while the session lasts
    sign_out(client)
    assert copy.get("/staff/").headers["Location"].startswith("/staff/login")


def test_signing_out_ends_only_that_browsers_session(app, client):
    make_user(app, "staff")
    other_browser = app.test_client()
    sign_in(client, "staff@example.org")
    sign_in(other_browser, "staff@example.org")
    sign_out(client)
    assert other_browser.get("/staff/").status_code == 200


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, client):
    make_user(app, "staff")
    sign_in(client, "staff@example.org")
    copy = copy_of_session_cookie(app, client)
    response = post_form(client, "/staff/account", {
        "current": STAFF_PASSWORD, "new": "seven green ferries at dawn", "confirm": "seven green ferries at dawn"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert copy.get("/staff/").headers["Location"].startswith("/staff/login")


def test_sessions_of_a_disabled_account_are_deleted_on_the_server(app, client):
    user_id = make_user(app, "staff")
    sign_in(client, "staff@example.org")
    with app.app_context():
        accounts.set_active(db.session(), db.session().get(User, user_id), False, actor=None)
        db.session().commit()
        assert db.session().scalars(select(StaffSession)).all() == []


def with_two_factor(app, email: str) -> pyotp.TOTP:
    secret = accounts.new_totp_secret()
    with app.app_context():
        accounts.find_user(db.session(), email).totp_secret = secret
        db.session().commit()
    return pyotp.TOTP(secret)


def sign_in_with_code(client, code: str):
    sign_in(client, "staff@example.org")
    return post_form(client, "/staff/login/code", {"code": code})


def test_a_two_factor_code_works_once(app, client):
    make_user(app, "staff")
    totp = with_two_factor(app, "staff@example.org")
    now = datetime.now(UTC)
    code = totp.at(now)
    assert sign_in_with_code(client, code).headers["Location"] == "/staff/"
    sign_out(client)
    assert page(sign_in_with_code(client, code)).select_one("#code-error")  # seen by someone looking on
    assert page(post_form(client, "/staff/login/code", {"code": totp.at(now - timedelta(seconds=30))})
                ).select_one("#code-error")  # the step before: older than the one accepted
    response = post_form(client, "/staff/login/code", {"code": totp.at(now + timedelta(seconds=30))})
    assert response.headers["Location"] == "/staff/"


def test_the_audit_log_never_keeps_what_was_typed_for_an_unknown_account(app, client):
    typed = "my-Secret-passphrase-7@example.org"  # a password typed into the email field
    sign_in(client, typed, "whatever password")
    with app.app_context():
        failed = db.session().scalars(select(AuditEvent).where(AuditEvent.action == "sign_in.failed")).one()
        assert failed.details == {"reason": "unknown account"}
        stored = [event.details for event in db.session().scalars(select(AuditEvent))]
    assert "passphrase" not in str(stored).lower()


def test_a_lock_that_ran_out_starts_counting_again(app, client):
    app.config["SIGN_IN_LIMIT"] = "100 per minute"
    make_user(app, "staff")
    for _ in range(app.config["LOCKOUT_ATTEMPTS"]):
        sign_in(client, "staff@example.org", "wrong password, again")
    with app.app_context():
        db.session().scalar(select(User)).locked_until = datetime.now(UTC) - timedelta(seconds=1)
        db.session().commit()
    sign_in(client, "staff@example.org", "one more wrong guess")  # someone keeps trying, once per lock period
    with app.app_context():
        user = db.session().scalar(select(User))
        assert user.failed_sign_ins == 1 and user.locked_until is None
    assert sign_in(client, "staff@example.org").status_code == 302  # the colleague is not locked out


def test_a_code_in_other_digits_is_refused_or_read_but_never_an_error(app, client):
    make_user(app, "staff")
    totp = with_two_factor(app, "staff@example.org")
    code = totp.now()
    full_width = "".join(chr(ord(digit) - ord("0") + ord("０")) for digit in code)
    assert page(sign_in_with_code(client, "١٢٣٤٥٦")).select_one("#code-error")
    assert post_form(client, "/staff/login/code", {"code": full_width}).headers["Location"] == "/staff/"


def enrol_and_keep_codes(client, email: str) -> tuple[pyotp.TOTP, list[str]]:
    """Turns two-factor on as a person does and returns the recovery codes shown, once, on the next page."""
    sign_in(client, email)
    secret = page(client.get("/staff/account/two-factor")).select_one("code").get_text()
    shown = page(post_form(client, "/staff/account/two-factor", {"code": pyotp.TOTP(secret).now()}))
    client.post("/staff/logout", data={"csrf_token": session_csrf_token(client, "/staff/account")})
    return pyotp.TOTP(secret), [code.get_text() for code in shown.select(".recovery-codes code")]


def test_recovery_codes_are_shown_once_stored_hashed_and_each_works_once(app, client):
    make_user(app, "staff")
    _totp, codes = enrol_and_keep_codes(client, "staff@example.org")
    assert len(codes) == 10 and len(set(codes)) == 10
    with app.app_context():
        kept = db.session().scalar(select(User)).recovery_code_hashes
    assert len(kept) == 10 and not any(code.replace("-", "") in " ".join(kept) for code in codes)
    sign_in(client, "staff@example.org")
    typed = codes[3].lower().replace("-", " ")  # as read off paper
    response = post_form(client, "/staff/login/code", {"code": typed})
    inbox = client.get("/staff/")
    assert response.headers["Location"] == "/staff/" and inbox.status_code == 200
    assert "9 codes are left" in page(inbox).get_text()
    assert events(app, "user.recovery_code_used")[0].details["left"] == 9
    client.post("/staff/logout", data={"csrf_token": session_csrf_token(client, "/staff/account")})
    sign_in(client, "staff@example.org")
    assert page(post_form(client, "/staff/login/code", {"code": codes[3]})).select_one("#code-error")  # spent


def test_new_recovery_codes_replace_the_old_ones(app, client):
    make_user(app, "staff")
    totp, old = enrol_and_keep_codes(client, "staff@example.org")
    sign_in_with_code(client, totp.at(datetime.now(UTC) + timedelta(seconds=30)))
    with app.app_context():  # as if a minute had passed: the next code is newer than the one used to sign in
        db.session().scalar(select(User)).last_totp_step = None
        db.session().commit()
    later = totp.now()
    token = session_csrf_token(client, "/staff/account/two-factor")
    new = page(client.post("/staff/account/two-factor/recovery-codes",
                           data={"codes-csrf_token": token, "codes-code": later}))
    fresh = [code.get_text() for code in new.select(".recovery-codes code")]
    assert len(fresh) == 10 and not set(fresh) & set(old)
    with app.app_context():
        user = db.session().scalar(select(User))
        assert not accounts.use_recovery_code(db.session(), user, old[0])
        assert accounts.use_recovery_code(db.session(), user, fresh[0])


def test_an_admin_resets_a_locked_out_colleagues_password_and_two_factor(app, admin_client):
    client = app.test_client()  # the colleague's browser, beside the admin's
    colleague_id = make_user(app, "staff", email="colleague@example.org")
    enrol_and_keep_codes(client, "colleague@example.org")
    with app.app_context():
        colleague = db.session().get(User, colleague_id)
        colleague.locked_until = datetime.now(UTC) + timedelta(minutes=10)
        db.session().commit()
    token = session_csrf_token(admin_client, "/staff/admin/users")
    row = page(admin_client.get("/staff/admin/users")).select_one(f"#user-{colleague_id}")
    assert row.select_one("details summary") and row.select_one("button.button-warning")
    admin_client.post(f"/staff/admin/users/{colleague_id}/two-factor", data={"csrf_token": token})
    admin_client.post(f"/staff/admin/users/{colleague_id}/password", data={
        f"reset{colleague_id}-csrf_token": token, f"reset{colleague_id}-password": "amber kettle over river"})
    with app.app_context():
        colleague = db.session().get(User, colleague_id)
        assert colleague.totp_secret is None and colleague.recovery_code_hashes == []
        assert colleague.must_change_password and colleague.locked_until is None
    assert events(app, "user.two_factor_reset")[0].actor_id != colleague_id
    assert events(app, "user.password_reset")
    # The colleague signs in with it, without a code, and must choose their own password before anything else.
    assert sign_in(client, "colleague@example.org", "amber kettle over river").headers["Location"] == "/staff/"
    assert client.get("/staff/").headers["Location"] == "/staff/account"
    assert "Choose your own password now" in page(client.get("/staff/account")).get_text()
    post_form(client, "/staff/account", {"current": "amber kettle over river", "new": "quiet harbour lamp seven",
                                         "confirm": "quiet harbour lamp seven"})
    assert client.get("/staff/").status_code == 200


def test_an_admin_cannot_reset_their_own_sign_in_from_the_users_page(app, admin_client):
    with app.app_context():
        admin_id = db.session().scalar(select(User.id).where(User.role == Role.ADMIN))
    token = session_csrf_token(admin_client, "/staff/admin/users")
    assert admin_client.post(f"/staff/admin/users/{admin_id}/two-factor", data={"csrf_token": token}).status_code \
        == 404
    assert not page(admin_client.get("/staff/admin/users")).select_one(f"#user-{admin_id} details")


def test_production_requires_two_factor_until_admins_choose_otherwise(app, admin_client):
    app.config["ENV"] = "production"
    assert admin_client.get("/staff/").headers["Location"] == "/staff/account/two-factor"
    assert admin_client.get("/staff/admin/settings").headers["Location"] == "/staff/account/two-factor"
    app.config["ENV"] = "development"
    assert admin_client.get("/staff/").status_code == 200
    assert not page(admin_client.get("/staff/admin/settings")).select_one(
        "input[name=require_two_factor]").has_attr("checked")
    app.config["ENV"] = "production"  # the admins' choice, once made, holds in production too
    with app.test_request_context():
        accounts.set_two_factor_required(db.session(), False, actor=db.session().scalar(select(User)))
        db.session().commit()
    assert admin_client.get("/staff/").status_code == 200

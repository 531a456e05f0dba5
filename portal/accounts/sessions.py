"""Staff sessions: loading the user, sign-in required under /staff/, idle and absolute time limits."""
from __future__ import annotations

from datetime import datetime, timedelta, UTC

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from portal.platform import db
from portal.accounts.permissions import OPEN_STAFF_ENDPOINTS
from portal.platform.extensions import login_manager
from portal.models import User
from portal.accounts import service as accounts

SIGNED_IN_AT, LAST_SEEN = "staff_signed_in_at", "staff_last_seen"
SESSION_TOKEN = "staff_session"  # opens the session's row on the server (accounts.open_session)
# Reachable while two-factor enrolment is required but not done yet.
ENROLMENT_ENDPOINTS = frozenset({"accounts.two_factor", "accounts.logout"})
PASSWORD_CHANGE_ENDPOINTS = frozenset({"accounts.account", "accounts.logout"})


def two_factor_required() -> bool:
    """The admins' setting; until they choose, required in production."""
    return accounts.two_factor_required(db.session(), by_default=current_app.config["ENV"] == "production")


def user_for(session_id: str) -> User | None:
    """The session id is "user id:session version"; a bumped version or a disabled user ends the session."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session().get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The signed-in user, while the session's row on the server exists (signing out deletes it)."""
    user = user_for(session_id)
    if user is None or not accounts.session_is_open(db.session(), user, session.get(SESSION_TOKEN)):
        return None
    return user


def _lifetime() -> timedelta:
    return timedelta(hours=current_app.config["STAFF_SESSION_HOURS"])


def start(user: User, now: datetime) -> None:
    """Signs the user in on this browser, in a new session on the server."""
    session[SESSION_TOKEN] = accounts.open_session(db.session(), user, now, _lifetime())
    login_user(user)
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now.timestamp()


def renew(user: User, now: datetime) -> None:
    """After a password change, which ended every session: this browser carries on in a new one."""
    session[SESSION_TOKEN] = accounts.open_session(db.session(), user, now, _lifetime())
    login_user(user)  # the cookie carries the new session version


def _expired(now: datetime) -> bool:
    config = current_app.config
    signed_in_at, last_seen = session.get(SIGNED_IN_AT, 0), session.get(LAST_SEEN, 0)
    idle = now - datetime.fromtimestamp(last_seen, UTC) > timedelta(minutes=config["STAFF_IDLE_MINUTES"])
    too_old = now - datetime.fromtimestamp(signed_in_at, UTC) > timedelta(
        hours=config["STAFF_SESSION_HOURS"])
    return idle or too_old


def end() -> None:
    """Signs out on the server too: a copy of the cookie opens nothing afterwards."""
    token = session.get(SESSION_TOKEN)
    if token:
        accounts.close_session(db.session(), token)
    logout_user()
    session.clear()


def guard_staff_area():
    """Runs before every request under /staff/: English pages, sign-in required, time limits enforced."""
    if not request.path.startswith("/staff"):
        return None
    g.lang = "en"  # the back office is in English for now; every string is marked for translation
    if request.endpoint in OPEN_STAFF_ENDPOINTS or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path if request.method == "GET" else None))
    now = datetime.now(UTC)
    if _expired(now):
        end()
        return redirect(url_for("accounts.login", expired=1))
    session[LAST_SEEN] = now.timestamp()
    if current_user.must_change_password and request.endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        return redirect(url_for("accounts.account"))
    if (request.endpoint not in ENROLMENT_ENDPOINTS and not current_user.two_factor_enabled
            and two_factor_required()):
        return redirect(url_for("accounts.two_factor"))
    return None


def register(app: Flask) -> None:
    login_manager.init_app(app)
    app.before_request(guard_staff_area)

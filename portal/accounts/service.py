"""Staff accounts: creating them, signing in with lockout, two-factor codes, sessions, disabling."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

import pyotp
from sqlalchemy import CursorResult, delete, func, or_, select, update
from sqlalchemy.orm import Session

from portal.platform.domain import DomainError
from portal.models import Role, Setting, StaffSession, User
from portal.platform.i18n import DEFAULT_TAG, TAGS
from portal.accounts import audit
from portal.accounts.passwords import hash_password, needs_rehash, password_problem, verify_password

REQUIRE_TWO_FACTOR = "require_two_factor"


class AccountError(DomainError):
    pass


@dataclass(frozen=True)
class LockoutPolicy:
    attempts: int
    minutes: int


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(db_session: Session, email: str) -> User | None:
    return db_session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def create_user(db_session: Session, *, email: str, password: str, role: Role, name: str = "",
                actor: User | None = None) -> User:
    email = normalize_email(email)
    if find_user(db_session, email) is not None:
        raise AccountError(f"An account for {email} already exists.")
    problem = password_problem(password, user_inputs=(email, name))
    if problem:
        raise AccountError(problem)
    user = User(email=email, name=name, role=role, password_hash=hash_password(password))
    db_session.add(user)
    db_session.flush()
    audit.record(db_session, "user.created", actor=actor, subject_user=user, role=role.value)
    return user


def set_password(db_session: Session, user: User, password: str, *, actor: User | None) -> None:
    problem = password_problem(password, user_inputs=(user.email, user.name))
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(password)
    user.must_change_password = False
    user.session_version += 1  # other sessions of this account end
    close_all_sessions(db_session, user)
    user.failed_sign_ins, user.locked_until = 0, None
    audit.record(db_session, "user.password_changed", actor=actor, subject_user=user)


def set_translator_languages(db_session: Session, user: User, tags: list[str], *, actor: User | None) -> None:
    """The languages whose submissions a translator may read and translate (English needs no translator)."""
    chosen = [tag for tag in TAGS if tag in tags and tag != DEFAULT_TAG]
    if chosen != list(user.translator_languages or []):
        audit.record(db_session, "user.translator_languages", actor=actor, subject_user=user,
                     old=list(user.translator_languages or []), new=chosen)
        user.translator_languages = chosen


def set_active(db_session: Session, user: User, active: bool, *, actor: User | None) -> None:
    user.active = active
    user.session_version += 1  # a disabled user's sessions end at once
    close_all_sessions(db_session, user)
    audit.record(db_session, "user.enabled" if active else "user.disabled", actor=actor, subject_user=user)


def set_role(db_session: Session, user: User, role: Role, *, actor: User | None) -> None:
    if user.role != role:
        audit.record(db_session, "user.role_changed", actor=actor, subject_user=user,
                     old=user.role.value, new=role.value)
        user.role = role
        user.session_version += 1


def check_password(db_session: Session, email: str, password: str, now: datetime,
                   policy: LockoutPolicy) -> User | None:
    """The user these credentials open, or None; counts failures and locks after too many in a row."""
    user = find_user(db_session, email)
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None:
        # Never what was typed: people type their password into the email field.
        audit.record(db_session, "sign_in.failed", actor=None, reason="unknown account")
        return None
    if is_locked(user, now) or not user.active or not password_ok:
        register_failure(db_session, user, now, policy,
                         reason="locked" if is_locked(user, now) else "inactive" if not user.active else "password")
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def register_failure(db_session: Session, user: User, now: datetime, policy: LockoutPolicy, *, reason: str) -> None:
    """A wrong password or code: count it, and lock the account after too many in a row."""
    if user.locked_until is not None and not is_locked(user, now):
        # The lock has run out: counting starts again, so one guess per lock period cannot keep it locked.
        user.failed_sign_ins, user.locked_until = 0, None
    if not is_locked(user, now):
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= policy.attempts:
            user.locked_until = now + timedelta(minutes=policy.minutes)
            audit.record(db_session, "user.locked", actor=None, subject_user=user)
    audit.record(db_session, "sign_in.failed", actor=None, subject_user=user, reason=reason)


def complete_sign_in(db_session: Session, user: User, now: datetime) -> None:
    user.failed_sign_ins, user.locked_until, user.last_sign_in_at = 0, None, now
    audit.record(db_session, "sign_in.succeeded", actor=user)


def two_factor_required(db_session: Session, *, by_default: bool) -> bool:
    """The admins' setting; until they choose, `by_default` (on in production: portal/accounts/sessions.py)."""
    setting = db_session.get(Setting, REQUIRE_TWO_FACTOR)
    return bool(setting.value.get("on")) if setting else by_default


def set_two_factor_required(db_session: Session, on: bool, *, actor: User) -> None:
    setting = db_session.get(Setting, REQUIRE_TWO_FACTOR)
    if setting is None:
        db_session.add(Setting(key=REQUIRE_TWO_FACTOR, value={"on": on}))
    else:
        setting.value = {"on": on}
    audit.record(db_session, "settings.two_factor_required", actor=actor, on=on)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step, the current one or either neighbour (clocks drift), whose code this is."""
    totp = pyotp.TOTP(secret)
    typed = unicodedata.normalize("NFKC", code).replace(" ", "").encode()  # full-width digits read as digits
    current = totp.timecode(now)
    return next((step for step in (current - 1, current, current + 1)
                 if hmac.compare_digest(totp.generate_otp(step).encode(), typed)), None)


def accept_code(db_session: Session, user: User, code: str, now: datetime, *, secret: str | None = None) -> bool:
    """Whether the code is right for the user's secret (or the one being enrolled) and its step is newer than
    any accepted before; accepting it records its step, so the same code cannot be used a second time."""
    secret = secret or user.totp_secret
    step = _matching_step(secret, code, now) if secret else None
    if step is None:
        return False
    # One UPDATE that only succeeds for a newer step: two requests racing with one code cannot both win.
    claimed = db_session.execute(
        update(User).where(User.id == user.id, or_(User.last_totp_step.is_(None), User.last_totp_step < step))
        .values(last_totp_step=step))
    return cast(CursorResult, claimed).rowcount == 1  # an UPDATE's result (Session.execute is typed as any Result)


def enable_two_factor(db_session: Session, user: User, secret: str) -> list[str]:
    """Turns two-factor on; returns its one-time recovery codes, to show once (only their hashes are kept)."""
    user.totp_secret = secret
    audit.record(db_session, "user.two_factor_enabled", actor=user, subject_user=user)
    return new_recovery_codes(db_session, user)


def disable_two_factor(db_session: Session, user: User, *, actor: User) -> None:
    user.totp_secret = None
    user.recovery_code_hashes = []
    audit.record(db_session, "user.two_factor_disabled", actor=actor, subject_user=user)


RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or copied by hand


def new_recovery_codes(db_session: Session, user: User) -> list[str]:
    """Ten new codes of ten characters (about 49 bits each); the earlier ones stop working."""
    codes = ["".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    user.recovery_code_hashes = [_recovery_hash(code) for code in codes]
    audit.record(db_session, "user.recovery_codes_made", actor=user, subject_user=user)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _recovery_hash(code: str) -> str:
    typed = unicodedata.normalize("NFKC", code).upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(typed.encode()).hexdigest()


def use_recovery_code(db_session: Session, user: User, code: str) -> bool:
    """Whether the code is one of the user's unused recovery codes; using it spends it."""
    hashed = _recovery_hash(code)
    if not any(hmac.compare_digest(hashed, kept) for kept in user.recovery_code_hashes):
        return False
    user.recovery_code_hashes = [kept for kept in user.recovery_code_hashes if kept != hashed]
    audit.record(db_session, "user.recovery_code_used", actor=user, subject_user=user,
                 left=len(user.recovery_code_hashes))
    return True


def reset_password(db_session: Session, user: User, password: str, *, actor: User) -> None:
    """An admin gives a locked-out colleague a first password again; they choose their own at the next sign-in."""
    set_password(db_session, user, password, actor=actor)  # ends their sessions, lifts a lockout
    user.must_change_password = True
    audit.record(db_session, "user.password_reset", actor=actor, subject_user=user)


def reset_two_factor(db_session: Session, user: User, *, actor: User) -> None:
    """For a colleague who lost their phone and codes: two-factor off, sessions ended; where it is required, they
    set it up again at their next sign-in."""
    disable_two_factor(db_session, user, actor=actor)
    user.last_totp_step = None
    close_all_sessions(db_session, user)
    audit.record(db_session, "user.two_factor_reset", actor=actor, subject_user=user)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db_session: Session, user: User, now: datetime, lifetime: timedelta) -> str:
    """A new session for the user; returns the token the browser keeps. Sessions past their lifetime go."""
    db_session.execute(delete(StaffSession).where(StaffSession.started_at < now - lifetime))
    token = secrets.token_urlsafe(32)
    db_session.add(StaffSession(token_hash=_token_hash(token), user_id=user.id, started_at=now))
    return token


def session_is_open(db_session: Session, user: User, token: str | None) -> bool:
    if not token:
        return False
    staff_session = db_session.get(StaffSession, _token_hash(token))
    return staff_session is not None and staff_session.user_id == user.id


def close_session(db_session: Session, token: str) -> None:
    db_session.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))


def close_all_sessions(db_session: Session, user: User) -> None:
    db_session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))

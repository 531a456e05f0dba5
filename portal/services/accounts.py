"""Staff accounts: creating them, signing in with lockout, two-factor codes, disabling."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Role, Setting, User
from portal.services import audit
from portal.services.passwords import hash_password, needs_rehash, password_problem, verify_password

REQUIRE_TWO_FACTOR = "require_two_factor"


class AccountError(ValueError):
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
    user.session_version += 1  # other sessions of this account end
    user.failed_sign_ins, user.locked_until = 0, None
    audit.record(db_session, "user.password_changed", actor=actor, subject_user=user)


def set_active(db_session: Session, user: User, active: bool, *, actor: User | None) -> None:
    user.active = active
    user.session_version += 1  # a disabled user's sessions end at once
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
        audit.record(db_session, "sign_in.failed", actor=None, email=normalize_email(email)[:320])
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
    if not is_locked(user, now):
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= policy.attempts:
            user.locked_until = now + timedelta(minutes=policy.minutes)
            audit.record(db_session, "user.locked", actor=None, subject_user=user)
    audit.record(db_session, "sign_in.failed", actor=None, subject_user=user, reason=reason)


def complete_sign_in(db_session: Session, user: User, now: datetime) -> None:
    user.failed_sign_ins, user.locked_until, user.last_sign_in_at = 0, None, now
    audit.record(db_session, "sign_in.succeeded", actor=user)


def two_factor_required(db_session: Session) -> bool:
    setting = db_session.get(Setting, REQUIRE_TWO_FACTOR)
    return bool(setting and setting.value.get("on"))


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


def code_is_valid(secret: str, code: str) -> bool:
    return pyotp.TOTP(secret).verify(code.replace(" ", ""), valid_window=1)


def enable_two_factor(db_session: Session, user: User, secret: str) -> None:
    user.totp_secret = secret
    audit.record(db_session, "user.two_factor_enabled", actor=user, subject_user=user)


def disable_two_factor(db_session: Session, user: User, *, actor: User) -> None:
    user.totp_secret = None
    audit.record(db_session, "user.two_factor_disabled", actor=actor, subject_user=user)

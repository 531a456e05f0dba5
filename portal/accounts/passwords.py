"""Password hashing (Argon2id, memory-hard) and the rules a new password must meet."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

MIN_LENGTH, MAX_LENGTH = 12, 128
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Compared against when an email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, user_inputs: tuple[str, ...] = ()) -> str | None:
    """Why a password is refused, or None. Common and guessable passwords are refused (zxcvbn score < 3)."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(count)s characters.", count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(count)s characters.", count=MAX_LENGTH)
    from zxcvbn import zxcvbn  # its word lists take ~20 MB: loaded only when someone sets a password

    if zxcvbn(password[:100], user_inputs=list(user_inputs))["score"] < 3:
        return _("This password is too common or too easy to guess. Try a few unrelated words.")
    return None

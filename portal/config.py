"""Defaults; every key can be overridden by an environment variable prefixed PORTAL_."""
from __future__ import annotations

import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    # Unset on purpose: development generates one in the instance folder, production must set it.
    SECRET_KEY: str | None = None
    ENV = "development"  # "production" refuses to start without PORTAL_SECRET_KEY
    DATABASE_URL: str | None = None  # default: SQLite file in the instance folder
    REDIS_URL: str | None = None  # rate-limit counters; in memory when unset
    TIMEZONE = "America/New_York"  # the city's time zone, for meeting times
    # Where residents reach the portal, e.g. "https://portal.example.gov", for QR codes, flyers and calendar files;
    # unset: the host of the request that makes them.
    PUBLIC_URL: str | None = None
    PHONE_REGION = "US"  # how phone numbers without a country code are read
    OFFICE_NAME = "Office for Globalization"
    EMERGENCY_NUMBER = "911"
    DATA_KEY: str | None = None  # Fernet key(s), newest first; development generates one in the instance folder
    CONTACT_RETENTION_DAYS = 90  # contact details are erased this long after a submission is closed
    ANONYMIZE_AFTER_DAYS = 730  # the whole submission is anonymized this long after it is closed
    HSTS_SECONDS: int | None = None  # Strict-Transport-Security max-age; unset: a year in production, else off
    STATUS_LOOKUP_LIMIT = "10 per minute"
    SUBMISSION_LIMIT = "20 per hour"
    MAX_CONTENT_LENGTH = 256 * 1024  # a full form in any script fits several times over
    BODY_MAX_CHARS = 5000
    WTF_CSRF_TIME_LIMIT = 4 * 60 * 60  # people with limited literacy may take their time
    STAFF_IDLE_MINUTES = 30  # a staff session ends after this long without a request
    STAFF_SESSION_HOURS = 12  # and in any case this long after sign-in
    SIGN_IN_LIMIT = "10 per minute"
    LOCKOUT_ATTEMPTS = 5  # failed sign-ins in a row before the account is locked
    LOCKOUT_MINUTES = 15
    INBOX_PAGE_SIZE = 50
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")


def secret_key_from_instance(instance_path: Path) -> str:
    """Read, or create once, the development secret key kept in the instance folder."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_hex(32))
    return key_file.read_text().strip()

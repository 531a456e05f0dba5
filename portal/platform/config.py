"""Defaults; every key can be overridden by an environment variable prefixed PORTAL_."""
from __future__ import annotations

import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Defaults:
    # Unset on purpose: development generates one in the instance folder, production must set it.
    SECRET_KEY: str | None = None
    ENV = "development"  # "production" refuses to start without PORTAL_SECRET_KEY
    DATABASE_URL: str | None = None  # default: SQLite file in the instance folder
    SQLITE_SYNCHRONOUS = "FULL"  # or NORMAL: faster writes, durable against crashes but not power cuts
    REDIS_URL: str | None = None  # rate-limit counters and background jobs (RQ); unset: memory and inline jobs
    TIMEZONE = "America/New_York"  # the city's time zone, for meeting times
    # Where residents reach the portal, e.g. "https://portal.example.gov": every link in mail, QR codes, flyers and
    # calendar files is built on it (portal/platform/links.py). Production refuses to start without it.
    PUBLIC_URL: str | None = None
    PHONE_REGION = "US"  # how phone numbers without a country code are read
    # Which shipped languages residents are offered, comma-separated tags ("en,es,ar"); unset: all of them.
    LANGUAGES: str | None = None
    # The office's English name on a new install; admins then set it, with the city's name, address and
    # interpreter line, per language in the back office (Admin → Office).
    OFFICE_NAME = "Office for Immigrant Affairs"
    CITY_NAME = ""
    EMERGENCY_NUMBER = "911"
    DATA_KEY: str | None = None  # Fernet key(s), newest first; development generates one in the instance folder
    CONTACT_RETENTION_DAYS = 90  # contact details are erased this long after a submission is closed
    ANONYMIZE_AFTER_DAYS = 730  # the whole submission is anonymized this long after it is closed
    HSTS_SECONDS: int | None = None  # Strict-Transport-Security max-age; unset: a year in production, else off
    STATUS_LOOKUP_LIMIT = "10 per minute"
    SUBMISSION_LIMIT = "20 per hour"  # concerns and feedback from one browser session
    # ... and from one address (IPv6: one /64), whatever the sessions: sized for a meeting room on one Wi-Fi.
    SUBMISSION_LIMIT_PER_ADDRESS = "200 per hour"
    RATE_LIMIT_KEY_PREFIX = "portal"  # counters of portals that share one Redis stay apart
    PAGE_CACHE_SECONDS = 60  # resident pages the same for everyone in a language are rendered once a minute
    MAX_CONTENT_LENGTH = 256 * 1024  # a full form in any script fits several times over
    BODY_MAX_CHARS = 5000
    WTF_CSRF_TIME_LIMIT = 4 * 60 * 60  # people with limited literacy may take their time
    STAFF_IDLE_MINUTES = 30  # a staff session ends after this long without a request
    STAFF_SESSION_HOURS = 12  # and in any case this long after sign-in
    SIGN_IN_LIMIT = "10 per minute"
    LOCKOUT_ATTEMPTS = 5  # failed sign-ins in a row before the account is locked
    LOCKOUT_MINUTES = 15
    INBOX_PAGE_SIZE = 50
    # Email (portal/platform/mail.py). Without a server: development writes each message to the log instead,
    # production sends nothing (and says so in the log).
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True  # STARTTLS on MAIL_PORT
    MAIL_USE_SSL = False  # TLS from the first byte instead (usually port 465)
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER: str | None = None  # "Office <portal@city.gov>"; unset: OFFICE_NAME <no-reply@the public host>
    MAIL_REPLY_TO: str | None = None
    MAIL_TIMEOUT = 10  # seconds for the SMTP server to answer, on the worker
    # Without Redis, mail goes from the web server's process after the response: a short wait, and after a server
    # did not answer, this long without trying inline (those messages are on the admins' failures page).
    MAIL_INLINE_TIMEOUT = 3
    MAIL_INLINE_PAUSE_SECONDS = 60
    MAIL_RETRY_INTERVALS = [60, 300, 1800, 7200]  # on the worker: a failed send is tried again after each of these
    # Machine translation (portal/platform/machine_translation.py): a LibreTranslate-compatible engine on the city's
    # own server. Unset: nothing a resident wrote is sent anywhere.
    TRANSLATION_URL: str | None = None
    TRANSLATION_API_KEY: str | None = None
    TRANSLATION_TIMEOUT = 20  # seconds for the engine to answer one submission
    TRANSLATION_RETRY_INTERVALS = [60, 600]  # on the worker: a failed translation is tried again after each of these
    JOB_INLINE_RETRY_SECONDS = 1  # without Redis: a failed job is tried once more after this long
    JOB_QUEUE = "portal"  # the RQ queue that web servers fill and workers empty
    # Without Redis, a report's PDF is rendered inside the request only up to this many characters of text: a few
    # seconds on a quiet core, under gunicorn's 30 s on a busy one (bench/README.md); past it the page says how to
    # get it (README, "Reports").
    REPORT_PDF_INLINE_MAX_CHARS = 100_000
    REPORT_PDF_REFRESH_SECONDS = 3  # how often the "being prepared" page asks again
    # How many proxies (nginx, a load balancer) stand in front and set X-Forwarded-For/-Proto/-Host; 0: none.
    # Behind nginx set 1, or every resident shares nginx's address and so one rate limit.
    PROXY_HOPS = 0
    # The proxy's addresses or networks, comma-separated ("*": any): X-Forwarded-* are believed only from them.
    # gunicorn.conf.py reads the same PORTAL_FORWARDED_ALLOW_IPS.
    FORWARDED_ALLOW_IPS = "127.0.0.1"
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

"""A second app on the test database with other settings (PORTAL_LANGUAGES, PORTAL_OFFICE_NAME...), which some are
read only at start-up; its connections are closed afterwards, as the `app` fixture closes its own."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from portal import create_app
from portal.platform import db
from tests.conftest import CheckedClient

SHARED = ("TESTING", "DATABASE_URL", "SECRET_KEY", "DATA_KEY")


@contextmanager
def configured_app(app, **settings) -> Iterator:
    other = create_app({**{key: app.config[key] for key in SHARED}, **settings})
    other.test_client_class = CheckedClient
    try:
        yield other
    finally:
        with other.app_context():
            db.engine().dispose()

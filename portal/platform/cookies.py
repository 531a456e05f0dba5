"""The signed session cookie (a resident's receipt, staff sign-in): Flask's own, with its signer made once.

Flask builds a new signing serializer each time it reads or writes the cookie, twice a request, and building
one runs its JSON serializer once to learn what it returns. The cookie's format, salt, key derivation and digest
are Flask's, so cookies signed before a restart still open after it.
"""
from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionCookies(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._signers: dict[tuple, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._signers:  # a new key (tests change it) gets its own
            self._signers[keys] = super().get_signing_serializer(app)
        return self._signers[keys]


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()

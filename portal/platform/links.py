"""Absolute links to the portal, for what leaves the page: email, QR codes, flyers, calendar files.

They are built on PORTAL_PUBLIC_URL, never on the request's Host or X-Forwarded-Host, which are whatever the
sender typed: a concern sent with `Host: evil.example` must not mail a link to evil.example. Production refuses
to start without it. In development without it, pages (QR codes, flyers, calendar files) use the host they were
asked on, so a phone on the office network can follow them; mail never does, and links to DEVELOPMENT_URL.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request

DEVELOPMENT_URL = "http://localhost:5000"  # `flask run`'s address


def check_public_url(config: dict[str, Any]) -> None:
    """At start-up: production needs PORTAL_PUBLIC_URL, and whenever it is set it must be an absolute http(s) URL."""
    configured = config.get("PUBLIC_URL")
    if not configured:
        if config["ENV"] == "production":
            raise RuntimeError("PORTAL_PUBLIC_URL must be set in production, e.g. https://portal.example.gov: "
                               "links in email, QR codes, flyers and calendar files are built on it.")
        return
    parts = urlsplit(configured)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment:
        raise RuntimeError(f"PORTAL_PUBLIC_URL must be an address such as https://portal.example.gov, "
                           f"not {configured!r}.")


def public_base(*, for_mail: bool = False) -> str:
    """PORTAL_PUBLIC_URL without a trailing slash; unset (development only): see the module's docstring."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    if not for_mail and has_request_context():
        return request.host_url.rstrip("/")
    return DEVELOPMENT_URL


def public_host() -> str:
    return urlsplit(public_base()).hostname or "localhost"


def public_url(endpoint: str, *, for_mail: bool = False, **values) -> str:
    """The absolute URL of `endpoint`, built from the URL map alone, so a job on the worker can build it too."""
    parts = urlsplit(public_base(for_mail=for_mail))
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme)
    return adapter.build(endpoint, values, force_external=True)


def mail_url(endpoint: str, **values) -> str:
    return public_url(endpoint, for_mail=True, **values)


def staff_path_or(target: str | None, fallback: str) -> str:
    """`target` when it is a path in the back office, else `fallback`: a return address that came with a request
    (?next=, a form's hidden field) never leads to another host, as an open redirect would help phishing."""
    if target and target.startswith("/staff") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return fallback


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def public_url_problem() -> str | None:
    """Why links printed on paper would not reach residents, or None: unset, or a name only this machine knows."""
    configured = current_app.config.get("PUBLIC_URL")
    if not configured:
        return "unset"
    host = urlsplit(configured).hostname or ""
    return "local" if host in LOCAL_HOSTS or host.startswith("127.") or host.endswith(".localhost") else None

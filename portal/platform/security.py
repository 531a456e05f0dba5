"""Security headers, set in one place for every response."""
from __future__ import annotations

from flask import Flask, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
# "same-origin": a link or request to any other site carries no Referer, as with "no-referrer"; the portal's own
# forms send their own address back to the portal, which Flask-WTF's strict HTTPS check (WTF_CSRF_SSL_STRICT, kept
# on) compares with the host so a form posted from another HTTPS site is refused. "no-referrer" made every HTTPS POST
# fail that check. The portal learns nothing new: the address is its own page, and no log records it.
REFERRER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def register(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = REFERRER_POLICY
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        if current_app.config["HSTS_SECONDS"]:
            response.headers["Strict-Transport-Security"] = f"max-age={current_app.config['HSTS_SECONDS']}"
        if request.endpoint != "static":
            # Forms, receipts and status answers must not linger in a shared phone's cache.
            response.headers["Cache-Control"] = "no-store"
        return response

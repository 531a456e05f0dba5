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
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def register(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        if current_app.config["HSTS_SECONDS"]:
            response.headers["Strict-Transport-Security"] = f"max-age={current_app.config['HSTS_SECONDS']}"
        if request.endpoint != "static":
            # Forms, receipts and status answers must not linger in a shared phone's cache.
            response.headers["Cache-Control"] = "no-store"
        return response

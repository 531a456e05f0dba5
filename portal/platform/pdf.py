"""PDF from HTML with WeasyPrint: bundled fonts only, and no resource from anywhere but our own static folder.

Templates link static/css/pdf.css, whose @font-face rules load the Noto fonts in static/fonts (OFL), so a
PDF looks the same on every machine whatever fonts the system has.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.platform.config import ROOT

STATIC = ROOT / "static"
BASE_URL = STATIC.as_uri() + "/"  # relative URLs in PDF templates resolve inside static/


@cache
def _fetcher_class():
    # WeasyPrint (with Pango) is imported on the first PDF only: a worker that never renders one stays ~25 MB
    # smaller.
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Fetches file: URLs inside static/ and refuses everything else: no network, no other files."""

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"PDF resources come only from static files, not {parts.scheme or 'relative'} URLs")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_relative_to(STATIC.resolve()):
                raise ValueError("PDF resources come only from the static folder")
            return super().fetch(path.as_uri(), headers)

    return StaticOnlyFetcher


def static_only_fetcher():
    return _fetcher_class()()


def render_document(html: str):
    """The laid-out WeasyPrint document, for callers that look at its pages before writing it."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher()).render()


def render_pdf(html: str, **options) -> bytes:
    """A tagged PDF (PDF/UA-1) of the HTML; `options` go to WeasyPrint's write_pdf."""
    return render_document(html).write_pdf(pdf_variant="pdf/ua-1", **options)


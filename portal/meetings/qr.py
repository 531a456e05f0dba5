"""The links residents open from paper (QR codes, flyers), and the QR codes themselves; portal/platform/links.py builds
the links on PORTAL_PUBLIC_URL.

QR codes are drawn here with segno, never fetched from a service: a resident's scan tells no one else anything.
"""
from __future__ import annotations

import io
import segno
from markupsafe import Markup

from portal.platform.links import public_url
from portal.models import Meeting

ERROR_CORRECTION = "m"  # survives a crease or a smudge on a printed flyer; still a small symbol for these URLs


def meeting_url(meeting: Meeting, tag: str) -> str:
    """The meeting's page in the language `tag` (time, place, interpreters, calendar file), as an absolute URL."""
    return public_url("public.meeting", lang=tag, meeting_id=meeting.id)


def feedback_url(meeting: Meeting, tag: str) -> str:
    """The meeting's feedback page in the language `tag`, as an absolute URL."""
    return public_url("public.meeting_feedback", lang=tag, meeting_id=meeting.id)


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def qr_svg_inline(url: str, *, title: str, border: int = 4) -> Markup:
    """For HTML and PDF pages: sized by CSS (viewBox only), with a quiet zone of `border` modules."""
    return Markup(_code(url).svg_inline(scale=1, border=border, omitsize=True, title=title, svgclass="qr-code"))


def qr_svg_document(url: str, *, title: str, scale: int = 8) -> bytes:
    """A standalone SVG file."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="svg", scale=scale, border=4, title=title)
    return buffer.getvalue()


def qr_png(url: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()

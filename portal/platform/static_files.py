"""Static files under fingerprinted names, kept by browsers for a year without asking again.

`url_for("static", filename="css/portal.css")` gives `/static/css/portal.<digest>.css`, the digest being the first
12 hex digits of the file's SHA-256. A new version of a file has a new name, so a browser may keep each name for a
year and never revalidate it (`Cache-Control: public, max-age=31536000, immutable`): on 2G a page costs no extra
round trip for its stylesheet, icon or fonts. Files are served from disk under their plain names; a name whose
digest is not the file's current one (a page from before an upgrade) still gets the file, but only with
`no-cache`, so a browser never keeps new content under an old name for a year. Pages keep their own caching
(`no-store`, portal/platform/security.py).

Stylesheets that point at other static files (static/css/fonts.css at the web fonts) write fingerprinted names
themselves: `python -m portal.platform.webfonts` uses `fingerprinted_name` when it writes that file.
"""
from __future__ import annotations

import hashlib
import io
import re
import threading
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, current_app, send_file
from werkzeug.security import safe_join

EXTENSION = "portal.static_files"
YEAR_SECONDS = 365 * 24 * 3600
_FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<suffix>\.[A-Za-z0-9]+)$")


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def fingerprinted_name(filename: str, digest: str) -> str:
    """css/portal.css with digest 0123456789ab -> css/portal.0123456789ab.css"""
    folder, _, name = filename.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not stem:
        raise ValueError(f"a static file needs a suffix to carry a fingerprint: {filename}")
    return f"{folder}/{stem}.{digest}.{suffix}" if folder else f"{stem}.{digest}.{suffix}"


def plain_name(filename: str) -> tuple[str, str | None]:
    """The file a URL names, and the digest it carries (None for a plain name)."""
    match = _FINGERPRINTED.match(filename)
    if not match:
        return filename, None
    return match["stem"] + match["suffix"], match["digest"]


class StaticFiles:
    """The digest of each static file, read once and again only when the file changes (size or time)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, tuple[tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def digest(self, filename: str) -> str | None:
        path = self.folder / filename
        try:
            stat = path.stat()
        except OSError:
            return None
        version = (stat.st_mtime_ns, stat.st_size)
        known = self._digests.get(filename)
        if known and known[0] == version:
            return known[1]
        digest = digest_of(path.read_bytes())
        with self._lock:
            self._digests[filename] = (version, digest)
        return digest

    def url_name(self, filename: str) -> str:
        digest = self.digest(filename)
        return fingerprinted_name(filename, digest) if digest else filename

    def send(self, filename: str) -> Response:
        name, digest = plain_name(filename)
        current = digest is not None and digest == self.digest(name)
        path = safe_join(str(self.folder), name)
        if path is None or not Path(path).is_file():
            abort(404)
        # Sent from memory (these files are a few KB): a download the browser drops half-way, as it does a font when
        # the page moves on, leaves no open file behind. max_age None: Flask sends "no-cache", so a browser asks
        # again (and gets a 304 while the file is the same).
        data = Path(path).read_bytes()
        response = send_file(io.BytesIO(data), download_name=name, as_attachment=False, conditional=True,
                             etag=digest_of(data), last_modified=Path(path).stat().st_mtime,
                             max_age=YEAR_SECONDS if current else None)
        if current:
            response.cache_control.immutable = True
        return response


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = StaticFiles(Path(str(app.static_folder)))

    @app.url_defaults
    def fingerprint_static_urls(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = current_app.extensions[EXTENSION].url_name(values["filename"])


def send_static_file(filename: str) -> Response:
    files: StaticFiles = current_app.extensions[EXTENSION]
    return files.send(filename)

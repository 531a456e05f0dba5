"""Static files under fingerprinted names, cached for a year; pages keep no-store."""
import re
from pathlib import Path

import pytest

from portal.platform.static_files import digest_of, fingerprinted_name, plain_name
from tests.conftest import page

IMMUTABLE = "public, max-age=31536000, immutable"


def test_fingerprinted_names_go_both_ways():
    assert fingerprinted_name("css/portal.css", "0123456789ab") == "css/portal.0123456789ab.css"
    assert fingerprinted_name("fonts/web/a.min.woff2", "0123456789ab") == "fonts/web/a.min.0123456789ab.woff2"
    assert plain_name("fonts/web/a.min.0123456789ab.woff2") == ("fonts/web/a.min.woff2", "0123456789ab")
    assert plain_name("css/portal.css") == ("css/portal.css", None)


@pytest.mark.parametrize("path", ["/ar/concern", "/staff/login"])
def test_pages_link_static_files_by_their_content_and_browsers_keep_them_a_year(app, client, path):
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store"
    links = [element.get("href") for element in page(response).select("link[href^='/static/']")]
    assert len(links) >= 3  # the stylesheets (fonts.css among them) and the icon
    for link in links:
        name = link.removeprefix("/static/")
        plain, digest = plain_name(name)
        assert digest == digest_of(Path(app.static_folder, plain).read_bytes())
        static = client.get(link)
        assert static.status_code == 200
        assert static.headers["Cache-Control"] == IMMUTABLE
        assert "Set-Cookie" not in static.headers


def test_a_changed_file_gets_a_new_name(app, client, tmp_path):
    from portal.platform import static_files

    app.extensions[static_files.EXTENSION] = static_files.StaticFiles(tmp_path)
    (tmp_path / "site.css").write_text("a { color: red }")
    with app.test_request_context():
        from flask import url_for

        first = url_for("static", filename="site.css")
        (tmp_path / "site.css").write_text("a { color: blue; }")
        second = url_for("static", filename="site.css")
    assert first != second and re.fullmatch(r"/static/site\.[0-9a-f]{12}\.css", second)
    # A page from before the change asks for the old name: it gets the file, but is not told to keep it.
    old = client.get(first)
    assert old.get_data(as_text=True) == "a { color: blue; }"
    assert old.headers["Cache-Control"] == "no-cache"
    assert client.get(second).headers["Cache-Control"] == IMMUTABLE
    assert client.get("/static/site.css").headers["Cache-Control"] == "no-cache"
    assert client.get("/static/nothing.0123456789ab.css").status_code == 404

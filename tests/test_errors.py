"""Every error page a resident can meet is translated and reveals nothing internal."""
import pytest
from flask_babel import force_locale

from portal.platform.errors import ERROR_TEXTS
from tests.conftest import page


def expect_translated(app, response, code: int, lang: str) -> None:
    assert response.status_code == code
    html = page(response)
    with app.test_request_context(), force_locale(lang.replace("-", "_")):
        title = str(ERROR_TEXTS[code][0])  # a lazy string, read in that language
    assert html.find("h1").get_text() == title
    assert html.find("html")["lang"] == lang
    text = response.get_data(as_text=True)
    for leak in ("Traceback", "werkzeug", "sqlalchemy", "File \"", "RuntimeError"):
        assert leak not in text


@pytest.mark.parametrize("lang", ["ar", "ne", "uk"])
def test_400_405_404_500_are_translated(app, client, lang):
    @app.get("/boom")
    def boom():
        raise RuntimeError("internal detail that must not show")

    headers = {"Accept-Language": lang}
    expect_translated(app, client.post(f"/{lang}/sent/forget", headers=headers), 400, lang)  # no CSRF token
    expect_translated(app, client.get(f"/{lang}/sent/forget", headers=headers), 405, lang)
    expect_translated(app, client.get(f"/{lang}/nowhere", headers=headers), 404, lang)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    expect_translated(app, client.get("/boom", headers=headers), 500, lang)


def test_403_is_translated_for_residents_too(app, client):
    @app.get("/forbidden")
    def forbidden():
        from flask import abort

        abort(403)

    expect_translated(app, client.get("/forbidden", headers={"Accept-Language": "so"}), 403, "so")

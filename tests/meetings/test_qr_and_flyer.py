"""QR codes decoded by a real decoder (zbarimg, Debian's zbar-tools) and the printable flyer read back with poppler."""
import re
from datetime import timedelta
import subprocess

import pytest
from flask_babel import force_locale

from portal.platform import db
from portal.platform.i18n import BY_TAG
from portal.models import Meeting
from portal.meetings import meeting_words
from portal.platform.pdf import render_pdf
from portal.meetings.qr import feedback_url, qr_png
from tests.conftest import add_meeting, page

FLYER_LANGUAGES = ["en", "ar", "ne", "fa-AF", "so", "es"]
PUBLIC_URL = "https://portal.example.gov"


def zbar(image_path) -> list[str]:
    """Every QR code zbarimg finds in the image, decoded."""
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image_path)],
                            capture_output=True, text=True, check=True)
    return result.stdout.split()


def pdf_pages_as_png(pdf: bytes, tmp_path, resolution: int = 150) -> list:
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(tmp_path / "doc.pdf"), str(tmp_path / "page")],
                   check=True)
    return sorted(tmp_path.glob("page*.png"))


def poppler(tool: str, pdf: bytes, tmp_path, *options: str) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    arguments = [tool, *options, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(arguments, capture_output=True, text=True, check=True).stdout


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def one_line(text: str) -> str:
    """Words in reading order: poppler marks right-to-left runs with bidi controls and may put a sentence's final
    full stop before it, so those and sentence punctuation are left out; line breaks become spaces."""
    text = text.translate(BIDI_CONTROLS)
    # Devanagari: a reph (र् written above the next consonant) comes out of poppler after that consonant, which it
    # repeats: "गर्नुहोस्" is extracted as "गनर्नुहोस्". Put it back where it is typed.
    text = re.sub(r"([क-ह])र्\1", r"र्\1", text)
    return " ".join(re.sub(r"[.,،؟?!।]", " ", text).split())


@pytest.fixture
def public_app(app):
    app.config["PUBLIC_URL"] = PUBLIC_URL
    return app


@pytest.mark.parametrize("tag", ["ar", "ne", "fa-AF", "en"])
def test_a_qr_code_made_by_segno_decodes_to_the_absolute_feedback_url_in_its_language(public_app, tmp_path, tag):
    meeting_id = add_meeting(public_app)
    with public_app.test_request_context("/"):
        url = feedback_url(db.session().get(Meeting, meeting_id), tag)
        (tmp_path / "code.png").write_bytes(qr_png(url))
    assert url == f"{PUBLIC_URL}/{tag}/meetings/{meeting_id}/feedback"
    assert zbar(tmp_path / "code.png") == [url]


def test_without_a_public_url_the_request_host_is_used(app, tmp_path):
    meeting_id = add_meeting(app)
    with app.test_request_context("/", base_url="http://city.example:8080/"):
        url = feedback_url(db.session().get(Meeting, meeting_id), "so")
        (tmp_path / "code.png").write_bytes(qr_png(url))
    assert zbar(tmp_path / "code.png") == [f"http://city.example:8080/so/meetings/{meeting_id}/feedback"]


def test_the_qr_svg_staff_download_decodes_to_the_chosen_language(public_app, staff_client, tmp_path):
    meeting_id = add_meeting(public_app)
    response = staff_client.get(f"/staff/meetings/{meeting_id}/qr.svg?lang=ps")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "<script" not in svg and "href" not in svg  # made locally, nothing linked or run
    # Draw the served SVG through WeasyPrint and poppler, then decode the picture.
    svg_element = svg[svg.index("<svg"):]
    pdf = render_pdf(f'<!doctype html><html lang="en"><head><title>QR</title></head><body>{svg_element}</body></html>')
    [png] = pdf_pages_as_png(pdf, tmp_path)
    assert zbar(png) == [f"{PUBLIC_URL}/ps/meetings/{meeting_id}/feedback"]
    assert staff_client.get(f"/staff/meetings/{meeting_id}/qr.svg?lang=xx").status_code == 404


def test_the_meeting_page_shows_the_qr_code_for_the_chosen_language(app, staff_client):
    meeting_id = add_meeting(app)
    html = page(staff_client.get(f"/staff/meetings/{meeting_id}?qr=ar"))
    image = html.select_one(".qr img")
    assert image["src"] == f"/staff/meetings/{meeting_id}/qr.svg?lang=ar" and "العربية" not in image["alt"]
    assert "Arabic (ar)" in image["alt"]


@pytest.fixture
def six_language_flyer(public_app, staff_client):
    meeting_id = add_meeting(public_app, title={"en": "Interpreters at city offices",
                                                "ar": "المترجمون في مكاتب المدينة",
                                                "ne": "सहरका कार्यालयमा दोभाषे"})
    query = "&".join(f"languages={tag}" for tag in FLYER_LANGUAGES)
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?{query}&paper=a4")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return meeting_id, response.data


def expected_lines(app) -> dict[str, str]:
    lines = {}
    with app.test_request_context("/"):
        for tag in FLYER_LANGUAGES:
            with force_locale(BY_TAG[tag].locale):
                lines[tag] = meeting_words.invitation()
    return lines


def test_the_flyer_holds_each_languages_invitation_in_its_own_script(six_language_flyer, public_app, tmp_path):
    _meeting_id, pdf = six_language_flyer
    lines = expected_lines(public_app)
    assert len(set(lines.values())) == 6, "each language has its own translation"
    assert "स्क्यान" in lines["ne"] and "امسح" in lines["ar"]
    text = one_line(poppler("pdftotext", pdf, tmp_path))
    for tag, line in lines.items():
        assert one_line(line) in text, (tag, line)
    assert "المترجمون في مكاتب المدينة" in text
    # poppler also moves Devanagari vowel signs written before their consonant (ि), so only whole words without one
    # are looked for in the Nepali title. The rendering itself is right: pdftoppm pictures were checked by eye.
    assert "सहरका" in text and "दोभाषे" in text
    info = poppler("pdfinfo", pdf, tmp_path)
    assert re.search(r"Pages:\s+1\n", info) and "595.276 x 841.89 pts (A4)" in info


def test_the_flyer_embeds_only_its_bundled_fonts(six_language_flyer, tmp_path):
    _meeting_id, pdf = six_language_flyer
    fonts = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert {"Portal-Sans-Bold", "Portal-Arabic-Bold", "Portal-Devanagari-Bold", "Portal-Arabic",
            "Portal-Devanagari"} <= names
    assert all(name.startswith("Portal-") for name in names), names
    assert fonts and all(" yes " in line for line in fonts), "every font must be embedded"


def test_each_panel_of_the_flyer_has_a_code_for_its_own_language(six_language_flyer, tmp_path):
    meeting_id, pdf = six_language_flyer
    [png] = pdf_pages_as_png(pdf, tmp_path)
    assert sorted(zbar(png)) == sorted(f"{PUBLIC_URL}/{tag}/meetings/{meeting_id}/feedback"
                                       for tag in FLYER_LANGUAGES)


def dark_blocks(pgm: bytes, reach: int = 4) -> list[tuple[int, int]]:
    """(width, height) in pixels of each group of dark pixels lying within `reach` pixels of one another.

    A QR code's modules are closer than that, and its quiet zone keeps it apart from text, so each code is one
    group; letters and words make small ones.
    """
    header, size, _maximum, pixels = pgm.split(b"\n", 3)
    assert header == b"P5"
    width, height = map(int, size.split())
    dark = {(index % width, index // width) for index, value in enumerate(pixels) if value < 100}
    blocks = []
    while dark:
        stack = [dark.pop()]
        xs, ys = [stack[0][0]], [stack[0][1]]
        while stack:
            x, y = stack.pop()
            for dx in range(-reach, reach + 1):
                for dy in range(-reach, reach + 1):
                    if (x + dx, y + dy) in dark:
                        dark.remove((x + dx, y + dy))
                        stack.append((x + dx, y + dy))
                        xs.append(x + dx)
                        ys.append(y + dy)
        blocks.append((max(xs) - min(xs) + 1, max(ys) - min(ys) + 1))
    return blocks


def test_the_codes_on_the_flyer_are_at_least_4_cm_wide(six_language_flyer, tmp_path):
    _meeting_id, pdf = six_language_flyer
    (tmp_path / "flyer.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-gray", "-r", "60", "-singlefile", str(tmp_path / "flyer.pdf"),
                    str(tmp_path / "flyer")], check=True)
    blocks = dark_blocks((tmp_path / "flyer.pgm").read_bytes())
    four_cm = 4 / 2.54 * 60  # 94.5 pixels at 60 dpi
    codes = [(width, height) for width, height in blocks if width > 60 and abs(width - height) <= 2]
    assert len(codes) == 6, blocks
    assert all(width >= four_cm for width, _height in codes), codes


def test_letter_paper_and_the_default_languages(public_app, staff_client, tmp_path):
    meeting_id = add_meeting(public_app, interpreted_languages=["es", "ar"])
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?paper=letter")
    info = poppler("pdfinfo", response.data, tmp_path)
    assert "612 x 792 pts (letter)" in info and re.search(r"Pages:\s+1\n", info)
    [png] = pdf_pages_as_png(response.data, tmp_path)
    assert sorted(zbar(png)) == sorted(f"{PUBLIC_URL}/{tag}/meetings/{meeting_id}/feedback"
                                       for tag in ("en", "es", "ar"))
    # The title falls back to English where the meeting has no translation.
    text = poppler("pdftotext", response.data, tmp_path)
    assert "Meeting with immigrant leaders" in text and "Reunión con líderes inmigrantes" in text


def test_long_titles_in_six_scripts_still_fit_one_letter_page(public_app, staff_client, tmp_path):
    long_title = {tag: (text + " ") * 8 for tag, text in {
        "en": "Interpreters at city offices, schools and clinics", "ar": "المترجمون في مكاتب المدينة والمدارس",
        "ne": "सहरका कार्यालय र विद्यालयमा दोभाषे", "fa-AF": "ترجمان در دفاتر شهر و مکاتب",
        "so": "Turjubaannada xafiisyada magaalada", "es": "Intérpretes en oficinas y escuelas"}.items()}
    meeting_id = add_meeting(public_app, title={tag: text[:200] for tag, text in long_title.items()},
                             place="Community Hall, second floor, room 204, 2215 Preston Glen Road " * 2)
    query = "&".join(f"languages={tag}" for tag in FLYER_LANGUAGES)
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?{query}&paper=letter")
    assert re.search(r"Pages:\s+1\n", poppler("pdfinfo", response.data, tmp_path))
    text = one_line(poppler("pdftotext", response.data, tmp_path))
    for tag, line in expected_lines(public_app).items():
        assert one_line(line) in text, tag


def test_more_than_six_languages_or_none_are_refused_with_a_message(app, staff_client):
    meeting_id = add_meeting(app)
    query = "&".join(f"languages={tag}" for tag in ["en", "es", "ar", "so", "sw", "rw", "ne"])
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?{query}")
    assert response.status_code == 400
    html = page(response)
    assert html.select_one(".error-summary a")["href"] == "#languages-0"
    assert "at most six" in html.select_one("#languages-error").get_text()
    assert page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?languages=")).select_one("#languages-error")
    options = page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer"))
    assert [box["value"] for box in options.select("input[name=languages][checked]")] == ["en", "es", "ar", "so"]
    assert options.select_one("input[name=paper][value=letter]").has_attr("checked")  # a US city (PHONE_REGION)
    app.config["PHONE_REGION"] = "KE"
    options = page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer"))
    assert options.select_one("input[name=paper][value=a4]").has_attr("checked")


def test_a_flyer_in_the_newer_communities_languages_sets_their_scripts(public_app, staff_client, tmp_path):
    new_languages = ("rn", "my", "ht", "ti")
    meeting_id = add_meeting(public_app, title={"en": "Interpreters at city offices", "ti": "ተርጐምቲ ኣብ ቤት ጽሕፈት ከተማ"})
    query = "&".join(f"languages={tag}" for tag in new_languages)
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?{query}&paper=a4")
    assert response.status_code == 200
    text = one_line(poppler("pdftotext", response.data, tmp_path))
    with public_app.test_request_context("/"):
        for tag in ("rn", "ht", "ti"):
            with force_locale(BY_TAG[tag].locale):
                assert one_line(meeting_words.invitation()) in text, tag
    assert "ተርጐምቲ ኣብ ቤት ጽሕፈት ከተማ" in text
    fonts = poppler("pdffonts", response.data, tmp_path)
    assert "Portal-Myanmar" in fonts and "Portal-Ethiopic" in fonts


def test_before_the_meeting_the_flyer_invites_people_with_its_interpreted_languages(public_app, staff_client,
                                                                                     tmp_path):
    meeting_id = add_meeting(public_app, starts_in=timedelta(days=10), interpreted_languages=["so", "fa-AF"],
                             title={"en": "Bus routes", "ar": "خطوط الحافلات"})
    options = page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer"))
    assert options.select_one("input[name=kind][value=invitation]").has_attr("checked")
    assert "No title yet in: es, so" in options.get_text(" ")
    response = staff_client.get(f"/staff/meetings/{meeting_id}/flyer.pdf?languages=en&languages=so&languages=ar")
    text = one_line(poppler("pdftotext", response.data, tmp_path))
    with public_app.test_request_context("/"):
        for tag in ("en", "so", "ar"):
            with force_locale(BY_TAG[tag].locale):
                invitation = one_line(meeting_words.come_to_the_meeting())
                # poppler gives right-to-left lines that wrap in their visual order: every word, not the sentence
                assert invitation in text if tag != "ar" else set(invitation.split()) <= set(text.split()), tag
                assert one_line(meeting_words.invitation()) not in text, tag
        with force_locale("so"):
            assert one_line(meeting_words.community_meeting()) in text  # no Somali title: a Somali heading
            assert one_line(f"{meeting_words.interpreters_for()}: Soomaali") in text
    # The codes open the meeting's page (time, place, calendar), not yet its feedback form.
    assert f"/so/meetings/{meeting_id}" in text and f"/so/meetings/{meeting_id}/feedback" not in text


def test_staff_are_warned_when_the_codes_would_point_to_this_computer(app, staff_client):
    meeting_id = add_meeting(app)
    app.config["PUBLIC_URL"] = "http://127.0.0.1:8000"
    warning = page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer")).select_one("[role=alert]")
    assert warning and "only this computer knows" in warning.get_text()
    app.config["PUBLIC_URL"] = None
    assert "is not set" in page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer")).select_one(
        "[role=alert]").get_text()
    app.config["PUBLIC_URL"] = "https://portal.example.gov"
    assert not page(staff_client.get(f"/staff/meetings/{meeting_id}/flyer")).select_one("[role=alert]")

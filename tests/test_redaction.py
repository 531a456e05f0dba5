"""The redaction highlighter: the same segments as the first (quadratic) version, in linear time."""
import re

from hypothesis import given, settings, strategies as st

from portal.submissions.redaction import Segment, highlight

# The first version, kept as the reference: correct, but quadratic on crafted text.
_REFERENCE_PATTERNS = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{5,}\d(?!\w)")),
    ("number", re.compile(r"(?<!\w)\d{5,}(?!\w)")),
)


def reference_highlight(text: str) -> list[Segment]:
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _REFERENCE_PATTERNS:
        for match in pattern.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end, _kind in spans):
                spans.append((match.start(), match.end(), kind))
    segments, position = [], 0
    for start, end, kind in sorted(spans):
        if start > position:
            segments.append(Segment(text[position:start], None))
        segments.append(Segment(text[start:end], kind))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:], None))
    return segments


# What residents write, squeezed into the characters that emails, phone numbers and numbers are made of, so
# that matches, near misses and neighbours touching each other all come up often.
pieces = st.one_of(
    st.text(alphabet="ab1٣۴ .@+-()_\n", max_size=12),
    st.sampled_from(["amina.y@example.org", "+1 (203) 555-0147", "0712 345 678", "1234567", "١٢٣٤٥٦٧٨", "a@b.c",
                     "x@y", ".+", "@a.b.c", "Call me", "أنا من حلب", "2024"]),
)
resident_texts = st.lists(pieces, max_size=25).map("".join)


@settings(max_examples=500, deadline=None)
@given(resident_texts)
def test_the_segments_are_those_of_the_first_version(text):
    assert highlight(text) == reference_highlight(text)


def test_the_segments_put_back_together_are_the_text():
    text = "Write to amina.y@example.org or call +1 (203) 555-0147; case 48213; a.b.c.d@e-f.gh.+x@y.zz"
    segments = highlight(text)
    assert "".join(segment.text for segment in segments) == text
    assert [(segment.kind, segment.text) for segment in segments if segment.kind] == [
        ("email", "amina.y@example.org"), ("phone", "+1 (203) 555-0147"), ("number", "48213"),
        ("email", "a.b.c.d@e-f.gh"), ("email", ".+x@y.zz")]


def test_crafted_texts_get_the_same_segments():
    """Texts made to be slow for the first version: one long run without an "@", runs of email-like and
    phone-like characters, and hundreds of emails and numbers (bench/redaction.py times them)."""
    crafted = ["a" * 5000, "a." * 2500, "1-" * 2499 + "1a", "a@b.cd " * 714, "12345 a " * 625,
               ("a" * 50 + "@") * 98, "x+" * 2500 + "@example.org"]
    for text in crafted:
        assert highlight(text) == reference_highlight(text)


def test_a_first_redaction_masks_emails_phone_numbers_and_long_numbers_and_keeps_the_rest():
    from portal.submissions.redaction import masked

    text = "اسمي ليلى. اتصلوا على +1 (502) 555-0199 أو laila@example.org، رقم الملف ٤٥٦٧٨ في شارع 12"
    assert masked(text) == "اسمي ليلى. اتصلوا على [phone] أو [email]، رقم الملف [number] في شارع 12"
    assert masked("Nothing to hide here.") == "Nothing to hide here."

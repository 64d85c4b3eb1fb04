"""The narrative builder: whatever text goes in comes out as text, in valid FHIR XHTML."""

from shared.narrative import bullets, narrative, paragraph, table
from tests.support.narrative import checked_narrative

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \x00\x1b\ufffe'


def test_text_is_escaped_and_the_div_is_valid_fhir_xhtml():
    text = narrative(paragraph(HOSTILE, label="a <b> label"), bullets([HOSTILE, "plain"]),
                     table(["<th>", "n"], [[HOSTILE, 3]]))
    assert text["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
    words = checked_narrative({"text": text})  # no <script>, no onerror: they stayed text
    assert '<script>alert("x")</script> & <img src=x onerror=alert(1)>' in words
    assert "a <b> label:" in words and "<th>" in words
    assert "\x00" not in text["div"] and "\x1b" not in text["div"]

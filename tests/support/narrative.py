"""Checks a FHIR R4 narrative as the specification states it (Narrative, txt-1 and txt-2), with
a real XML parser: one XHTML div, basic HTML elements only, no event or script attributes, some
text. Returns the text a person reads, whitespace collapsed."""

import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
# FHIR R4 Narrative: the XHTML elements a narrative may hold (no script, form, input, iframe,
# object, applet, base, link, meta, head, html, body, title, frame...).
ALLOWED = {"a", "abbr", "acronym", "b", "big", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
           "dd", "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd",
           "li", "ol", "p", "pre", "q", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody",
           "td", "tfoot", "th", "thead", "tr", "tt", "ul", "var"}
ALLOWED_ATTRIBUTES = {"abbr", "accesskey", "align", "alt", "axis", "bgcolor", "border", "cellhalign", "cellpadding",
                      "cellspacing", "cellvalign", "char", "charoff", "charset", "cite", "class", "colspan",
                      "compact", "coords", "dir", "frame", "headers", "height", "href", "hreflang", "hspace", "id",
                      "lang", "longdesc", "name", "nowrap", "rel", "rev", "rowspan", "rules", "scope", "shape",
                      "span", "src", "start", "style", "summary", "tabindex", "title", "type", "valign", "value",
                      "vspace", "width"}


def checked_narrative(resource: dict) -> str:
    text = resource["text"]
    assert text["status"] == "generated"
    root = ET.fromstring(text["div"])  # well-formed XML, or this raises
    assert root.tag == f"{XHTML}div", root.tag
    for element in root.iter():
        assert element.tag.startswith(XHTML), f"{element.tag} is not XHTML"
        assert element.tag.removeprefix(XHTML) in ALLOWED, f"<{element.tag}> is not allowed in a narrative"
        for attribute in element.attrib:
            assert attribute in ALLOWED_ATTRIBUTES, f"attribute {attribute} is not allowed in a narrative"
    words = " ".join("".join(root.itertext()).split())
    assert words, "a narrative must have some text (txt-2)"
    return words

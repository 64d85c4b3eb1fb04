"""FHIR narratives (Resource.text) for people: small XHTML fragments built from escaped text.

FHIR R4 Narrative: `div` is one XHTML `div` in the http://www.w3.org/1999/xhtml namespace, of
basic HTML only (no scripts, forms, event attributes: txt-1) and with some text in it (txt-2).
Every piece here takes plain text and escapes it on the way in; the pieces are `Markup`, which
only these functions make, so a value from a resource can never become markup.
"""

import re
from html import escape

XHTML = "http://www.w3.org/1999/xhtml"
# Characters XML 1.0 cannot hold at all (control characters other than tab, newline, return;
# lone surrogates; U+FFFE, U+FFFF): a narrative with one would not parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Markup(str):
    """XHTML made by this module (escaped text inside known elements)."""


def text(value: object) -> Markup:
    return Markup(escape(_NOT_XML.sub("", str(value)), quote=False))  # no attributes are made


def paragraph(body: str, label: str | None = None) -> Markup:
    """<p>, the label in bold ("Typing: ...")."""
    prefix = f"<b>{text(label)}:</b> " if label else ""
    return Markup(f"<p>{prefix}{text(body)}</p>")


def bullets(items: list[str]) -> Markup:
    return Markup("<ul>" + "".join(f"<li>{text(item)}</li>" for item in items) + "</ul>")


def table(header: list[str], rows: list[list[object]]) -> Markup:
    head = "".join(f"<th>{text(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def narrative(*blocks: Markup) -> dict[str, str]:
    """Resource.text: generated from the resource's own content."""
    return {"status": "generated", "div": f'<div xmlns="{XHTML}">{"".join(blocks)}</div>'}

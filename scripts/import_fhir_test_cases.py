"""Select the official FHIR validator test cases intake can be measured on, and copy them into
tests/data/fhir-test-cases/ (decision Intake 26; tests/intake/test_official_cases.py runs them).

Source: the repository FHIR/fhir-test-cases (its validator/manifest.json and the reference
validator's expected outcomes, validator/outcomes/java/). Given a clone (or a bare git directory)
and a commit:

    git clone https://github.com/FHIR/fhir-test-cases && \
        .venv/bin/python scripts/import_fhir_test_cases.py fhir-test-cases/.git HEAD

Every R4 case of the manifest is listed in selection.json: selected, or skipped with the first
reason that applies (the rule is `skip_reason` below, nothing is picked by hand). Only the selected
cases' files and expected outcomes are copied.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "fhir-test-cases"
REPOSITORY = "https://github.com/FHIR/fhir-test-cases"
R4 = ("4.0", "4.0.1")
# What POST [type]/$validate takes (AuditEvents are written by the server only).
VALIDATED_TYPES = frozenset(SUPPORTED_TYPES) - READ_ONLY_TYPES | {"Bundle"}
# Manifest keys that describe a case or other validators' outcomes; any other key is a validator
# option (a profile, supporting definitions, packages, an IG's settings) the base check has not.
NEUTRAL_KEYS = frozenset({"name", "file", "version", "module", "java", "firely-sdk-current", "firely-sdk-wip",
                          "brianpos", "dotnet-brianpos", "description", "explanation", "documentation", "comment"})
# Modules whose cases test what lies outside one resource checked against the base specification.
MODULES = {
    "tx": "tests terminology (needs a terminology server)",
    "tx-advanced": "tests terminology (needs a terminology server)",
    # The reference validator resolves each extension's definition (the hl7.fhir.uv.extensions
    # package, or the URL); intake, like HAPI's server by default, accepts extensions it has none of.
    "extensions": "judges extensions by their definitions (the hl7.fhir.uv.extensions package)",
    "dsig": "tests digital signatures (verification needs certificates)",
}
TX_SERVER = "http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-server"
CORE_PROFILE = "http://hl7.org/fhir/StructureDefinition/"
_RESOURCE_TYPE = re.compile(r'"?resourceType"?\s*:\s*"([A-Za-z]+)"')


class Source:
    def __init__(self, git_dir: str, commit: str) -> None:
        self.git_dir = git_dir
        self.commit = subprocess.run(["git", "--git-dir", git_dir, "rev-parse", commit], check=True,
                                     capture_output=True, text=True).stdout.strip()

    def read(self, path: str) -> bytes | None:
        found = subprocess.run(["git", "--git-dir", self.git_dir, "show", f"{self.commit}:{path}"],
                               capture_output=True)
        return found.stdout if found.returncode == 0 else None


def root_type(text: bytes) -> tuple[str | None, dict | None]:
    """The case's resource type and parsed JSON; for a file that is not JSON (the cases about bad
    JSON), the first resourceType its text names: the endpoint a client would post it to."""
    try:
        resource = json.loads(text)
    except ValueError:
        match = _RESOURCE_TYPE.search(text.decode("utf-8", "replace"))
        return (match[1] if match else None), None
    return (resource.get("resourceType") if isinstance(resource, dict) else None), resource


def _profiles(node: object, resource_type: str | None = None) -> list[str]:
    """Profiles declared in meta.profile anywhere (the reference validator checks against them),
    except a resource's own core definition."""
    found: list[str] = []
    if isinstance(node, dict):
        own = CORE_PROFILE + str(node.get("resourceType"))
        meta = node.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("profile"), list):
            found += [p for p in meta["profile"] if isinstance(p, str) and p.split("|")[0] != own]
        for value in node.values():
            found += _profiles(value)
    elif isinstance(node, list):
        for value in node:
            found += _profiles(value)
    return found


def skip_reason(case: dict, text: bytes | None, outcome: dict | None) -> str | None:
    """Why a case cannot measure intake's validation, or None: the selection rule."""
    if case.get("use-test") is False:
        return "disabled in the manifest (use-test: false)"
    if text is None:
        return "the case's file is not in the repository"
    if not case["file"].endswith(".json"):
        return "not JSON: intake reads FHIR JSON only"
    resource_type, resource = root_type(text)
    if resource_type not in VALIDATED_TYPES:
        return f"a {resource_type}: intake validates only {', '.join(sorted(VALIDATED_TYPES))}"
    options = sorted(set(case) - NEUTRAL_KEYS)
    if options:
        return f"needs validator options: {', '.join(options)}"
    if case.get("module") in MODULES:
        return f"module {case['module']}: {MODULES[case['module']]}"
    if outcome is None:
        return "no expected outcome of the reference validator"
    if any(ext.get("url") == TX_SERVER for issue in outcome.get("issue", []) if _is_error(issue)
           for ext in issue.get("extension", [])):
        return "an expected error comes from a terminology server"
    if resource is not None:
        profiles = _profiles(resource)
        if profiles:
            return f"declares profiles the reference validator checks against: {', '.join(sorted(set(profiles)))}"
        if resource_type == "Bundle":
            others = sorted({str((e.get("resource") or {}).get("resourceType")) for e in resource.get("entry", [])
                             if isinstance(e, dict)} - VALIDATED_TYPES)
            if others:
                return f"holds entries intake does not validate: {', '.join(others)}"
    return None


def _is_error(issue: dict) -> bool:
    return issue.get("severity") in ("error", "fatal")


def expected_outcome(source: Source, case: dict) -> tuple[str, bytes | None]:
    """The reference validator's outcome file for a case. The runner writes them as
    `R4.<name>-base.json` (the base check; `-profile` for a profile's); a few manifest entries
    name the file without its `-base`, which is then the one meant."""
    name = case.get("java")
    if not isinstance(name, str):
        return "", None
    for candidate in (name, name.removesuffix(".json") + "-base.json"):
        found = source.read(f"validator/outcomes/{candidate}")
        if found is not None:
            return candidate, found
    return name, None


def main(git_dir: str, commit: str) -> None:
    source = Source(git_dir, commit)
    manifest = json.loads(source.read("validator/manifest.json") or b"{}")
    if OUT.exists():
        for old in ("cases", "outcomes"):
            shutil.rmtree(OUT / old, ignore_errors=True)
    cases = []
    for case in manifest["test-cases"]:
        if case.get("version") not in R4:
            continue
        text = source.read(f"validator/{case['file']}")
        outcome_name, raw_outcome = expected_outcome(source, case)
        outcome = json.loads(raw_outcome) if raw_outcome else None
        reason = skip_reason(case, text, outcome)
        entry = {"name": case["name"], "file": case["file"], "module": case.get("module")}
        if reason is not None:
            cases.append({**entry, "skip": reason})
            continue
        assert text is not None and outcome is not None and raw_outcome is not None
        resource_type, _ = root_type(text)
        entry.update(type=resource_type, outcome=outcome_name)
        if "errorCount" in case:
            entry["errorCount"] = case["errorCount"]
        for folder, name, content in (("cases", case["file"], text), ("outcomes", outcome_name, raw_outcome)):
            target = OUT / folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        cases.append(entry)
    selection = {
        "source": {"repository": REPOSITORY, "commit": source.commit, "manifest": "validator/manifest.json"},
        "rule": "scripts/import_fhir_test_cases.py (skip_reason)",
        "selected": sum("skip" not in c for c in cases),
        "cases": cases,
    }
    (OUT / "selection.json").write_text(json.dumps(selection, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    licence = source.read("LICENSE.txt")
    if licence is not None:
        (OUT / "LICENSE-fhir-test-cases.txt").write_bytes(licence)
    print(f"{selection['selected']} of {len(cases)} R4 cases selected")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "HEAD")

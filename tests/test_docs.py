"""docs/architecture.md and docs/vocabulary.md say what the code does: the fixed modules, ports and
endpoints against the OpenAPI documents, intake's layout against its folders, every code of the
project's CodeSystems (and the lab codes the classifier reads) against the vocabulary, and every
path either page names against the repository."""

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from services.classifier.codesystems import CODESYSTEM_NAMES, render_codesystem
from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES
from tests.deploy.expected import PORTS

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text()
VOCABULARY = (ROOT / "docs" / "vocabulary.md").read_text()
SERVICES = ("intake", "classifier", "imaging")
LOINC = re.compile(r"^\d{1,6}-\d$")
ENDPOINT = re.compile(r"^(GET|POST|PUT|DELETE|PATCH) (/\S*)$")


def sections(text: str, level: str) -> dict[str, str]:
    """Heading -> its text, for the headings of one level ('##' or '###')."""
    parts = re.split(rf"^{level} (.+)$", text, flags=re.M)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def table_rows(text: str) -> list[list[str]]:
    """The body rows of every table in `text` (not the header rows, not the separators)."""
    lines = text.splitlines()
    rows = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line) or re.match(r"^\|[-| ]+\|$", following):
            continue
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


# ---- vocabulary.md -----------------------------------------------------------------------------

def codes_on_the_page() -> tuple[dict[str, set[str]], set[str]]:
    """The codes the tables list per CodeSystem (a section's CodeSystem is the one its heading
    names), and the LOINC codes they list."""
    found: dict[str, set[str]] = {name: set() for name in CODESYSTEM_NAMES}
    loinc: set[str] = set()
    for heading, body in sections(VOCABULARY, "###").items():
        named = [name for name in ticked(heading) if name in CODESYSTEM_NAMES]
        assert len(named) <= 1, heading
        for row in table_rows(body):
            for code in ticked(row[0]):
                if LOINC.match(code):
                    loinc.add(code)
                else:
                    assert named, f"`{code}` is listed under '{heading}', which names no CodeSystem"
                    found[named[0]].add(code)
    return found, loinc


def codesystem(name: str) -> list[dict]:
    return render_codesystem(name, "http://calcinosis.example.org/fhir")["concept"]


@pytest.mark.parametrize("name", CODESYSTEM_NAMES)
def test_the_vocabulary_lists_every_code_of_each_codesystem_and_no_other(name):
    listed = codes_on_the_page()[0][name]
    published = {c["code"] for c in codesystem(name)}
    assert sorted(published - listed) == [], f"in {name}, not on docs/vocabulary.md"
    assert sorted(listed - published) == [], f"on docs/vocabulary.md, not in {name}"


def lab_codes() -> tuple[set[str], set[str]]:
    """(LOINC codes, local codes) of the analytes the classifier reads (knowledge/labs.yaml)."""
    analytes = yaml.safe_load((ROOT / "services/classifier/knowledge/labs.yaml").read_text())["analytes"]
    codes = [c for analyte in analytes.values() for c in analyte["codes"]]
    return ({c["code"] for c in codes if c["system"] == "http://loinc.org"},
            {c["code"] for c in codes if c["system"] == "local-finding"})


def test_the_vocabulary_lists_the_lab_codes_the_classifier_reads():
    loinc, local = lab_codes()
    listed_loinc = codes_on_the_page()[1]
    labs = next(body for heading, body in sections(VOCABULARY, "###").items() if heading.startswith("Laboratory"))
    listed_local = {code for row in table_rows(labs) for code in ticked(row[0]) if not LOINC.match(code)}
    assert listed_loinc == loinc
    assert listed_local == local


def test_each_grouping_code_on_the_page_is_its_diagnosis_parent():
    parents = {c["code"]: next((p["valueCode"] for p in c.get("property", []) if p["code"] == "parent"), None)
               for c in codesystem("calcinosis-diagnosis")}
    body = next(body for heading, body in sections(VOCABULARY, "###").items() if "`calcinosis-diagnosis`" in heading)
    listed = {ticked(row[0])[0]: (ticked(row[2]) or [None])[0] for row in table_rows(body)}
    assert listed == parents
    assert sum(1 for p in parents.values() if p) >= 6  # the dual coding is there to check


def test_the_snomed_ct_codes_of_the_sites_are_those_imaging_sends():
    sites = json.loads((ROOT / "services/imaging/body_sites.json").read_text())["sites"]
    body = next(body for heading, body in sections(VOCABULARY, "###").items() if "`calcinosis-site`" in heading)
    listed = {ticked(row[0])[0]: ticked(row[2])[0] for row in table_rows(body) if ticked(row[2])}
    assert listed == {site: entry["code"] for site, entry in sites.items()}


# ---- architecture.md ---------------------------------------------------------------------------

SERVICE_SECTION = sections(ARCHITECTURE, "##")["Services, modules, ports and endpoints"]


def test_the_fixed_modules_and_ports():
    rows = {row[0]: row for row in table_rows(SERVICE_SECTION)}
    assert set(rows) == set(SERVICES)
    for service in SERVICES:
        module, port = ticked(rows[service][1])[0], int(rows[service][2])
        assert module == f"services.{service}.main:app" and port == PORTS[service]
        tree = ast.parse((ROOT / "services" / service / "main.py").read_text())
        assert any(isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "app" for t in node.targets)
                   for node in tree.body), f"{module} defines no app"


def normalized(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def listed_endpoints(service: str) -> set[tuple[str, str]]:
    common = SERVICE_SECTION.split("\n### ")[0]
    text = common + sections(SERVICE_SECTION, "###")[service]
    return {(m[1], m[2]) for token in ticked(text) if (m := ENDPOINT.match(token)) and m[2] != "/openapi.json"}


def served_endpoints(service: str) -> set[tuple[str, str]]:
    document = json.loads((ROOT / "openapi" / f"{service}.json").read_text())
    return {(method.upper(), normalized(path)) for path, operations in document["paths"].items()
            for method in operations}


def expanded(method: str, path: str) -> set[tuple[str, str]]:
    """Intake's `{type}` endpoints, for each type that has them (AuditEvent: the reads only)."""
    if "{type}" not in path:
        return {(method, normalized(path))}
    reads = method == "GET" or path.endswith("/_search")
    return {(method, normalized(path.replace("{type}", t))) for t in SUPPORTED_TYPES
            if reads or t not in READ_ONLY_TYPES}


@pytest.mark.parametrize("service", SERVICES)
def test_every_endpoint_on_the_page_is_served_and_every_one_served_is_on_the_page(service):
    listed = set().union(*(expanded(m, p) for m, p in listed_endpoints(service)))
    served = served_endpoints(service)
    assert sorted(listed - served) == [], "on docs/architecture.md, not in openapi/"
    assert sorted(served - listed) == [], "in openapi/, not on docs/architecture.md"


def test_the_layout_of_intake_on_the_page_is_that_of_its_folders():
    block = sections(ARCHITECTURE, "##")["Intake's layers"].split("```")[1]
    stack: list[str] = []
    listed = set()
    for line in block.splitlines():
        if not line.strip() or line.strip() == "services/intake/":
            continue
        depth = (len(line) - len(line.lstrip())) // 2 - 1
        name = line.split()[0].rstrip(",")
        stack = stack[:depth]
        if name.endswith("/"):
            stack.append(name.rstrip("/"))
        elif name.endswith(".py"):
            listed.add("/".join([*stack, name]))
    intake = ROOT / "services" / "intake"
    files = {str(p.relative_to(intake)) for p in intake.rglob("*.py")
             if p.name != "__init__.py" and "migrations" not in p.parts}
    assert sorted(files - listed) == [], "modules missing from docs/architecture.md"
    assert sorted(listed - files) == [], "docs/architecture.md names modules that do not exist"


@pytest.mark.parametrize("page", ["architecture.md", "vocabulary.md", "domain.md"])
def test_every_path_the_page_names_exists(page):
    text = (ROOT / "docs" / page).read_text()
    paths = {m.rstrip(".,;:)") for m in re.findall(r"(?<![\w/-])(?:services|shared|docs|tests|deploy|scripts|bench|"
                                                       r"openapi)/[\w./-]*", text)}
    missing = [p for p in sorted(paths) if not (ROOT / p).exists()]
    assert missing == []
    assert len(paths) >= 3  # the check has something to check


# ---- domain.md ---------------------------------------------------------------------------------
# The knowledge files, the tests and the docs cite the clinical summary by section number
# ("expert estimate after domain.md 3: hip 69%", "docs/domain.md section 5", "domain.md 3 and 7")
# and its sub-sections by their heading in quotes.

DOMAIN_PATH = ROOT / "docs" / "domain.md"
DOMAIN = DOMAIN_PATH.read_text()
SECTION_CITATION = re.compile(r"domain\.md(?: section)? (\d+(?:(?:, | and | or )\d+)*)")
HEADING_CITATION = re.compile(r'domain\.md,? "([^"]+)"')
SOURCE_CITATION = re.compile(r"(?<!`)\[([a-z][a-z0-9-]*(?:;\s+[a-z][a-z0-9-]*)*)\](?![(`])")
CITING_SUFFIXES = {".py", ".yaml", ".yml", ".md", ".json", ".txt", ".sh"}


def citing_files() -> list[Path]:
    """Every text file of services/, tests/ and docs/ (and the README) but the summary and this test."""
    files = [ROOT / "README.md"]
    for folder in ("services", "tests", "docs"):
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in CITING_SUFFIXES and p.is_file()
                  and "__pycache__" not in p.parts]
    return sorted(set(files) - {DOMAIN_PATH, Path(__file__).resolve()})


def domain_sections() -> list[int]:
    return [int(n) for n in re.findall(r"^## (\d+)\. \S", DOMAIN, flags=re.MULTILINE)]


def test_the_domain_summary_numbers_its_sections_in_order():
    assert domain_sections() == list(range(1, len(domain_sections()) + 1))
    assert len(domain_sections()) >= 8


def test_every_cited_domain_section_exists():
    sections = set(domain_sections())
    cited: dict[int, set[str]] = {}
    for path in citing_files():
        for match in SECTION_CITATION.finditer(path.read_text(errors="replace")):
            for number in re.findall(r"\d+", match.group(1)):
                cited.setdefault(int(number), set()).add(str(path.relative_to(ROOT)))
    missing = {n: sorted(where)[:3] for n, where in cited.items() if n not in sections}
    assert missing == {}, "sections cited but not headings of docs/domain.md"
    assert {2, 3, 4, 5, 6, 7} <= set(cited)  # the check has something to check


def test_every_cited_domain_heading_exists():
    headings = [h.strip() for h in re.findall(r"^#{2,4} (.+)$", DOMAIN, flags=re.MULTILINE)]
    cited = {(m.group(1), str(path.relative_to(ROOT))) for path in citing_files()
             for m in HEADING_CITATION.finditer(path.read_text(errors="replace"))}
    missing = sorted((name, where) for name, where in cited if not any(h.startswith(name) for h in headings))
    assert missing == []
    assert cited  # tests/imaging/phantom.py and tests/data/ct/SOURCE.md cite one


def test_the_domain_summary_cites_only_listed_sources_and_lists_only_cited_ones():
    body, sources = DOMAIN.split("\n## Sources\n", 1)
    listed = re.findall(r"^- `([a-z][a-z0-9-]*)` — \S", sources, flags=re.MULTILINE)
    cited = {key for m in SOURCE_CITATION.finditer(body) for key in re.split(r";\s+", m.group(1))}
    assert len(listed) == len(set(listed)), "a source is listed twice"
    assert sorted(cited - set(listed)) == [], "cited in docs/domain.md, not in its Sources"
    assert sorted(set(listed) - cited) == [], "in the Sources of docs/domain.md, never cited"

"""Generate a Python SDK from each checked-in OpenAPI document with openapi-python-client.

    .venv/bin/python scripts/generate_clients.py                 # into build/clients
    .venv/bin/python scripts/generate_clients.py --out /tmp/sdk  # anywhere else

Writes the importable packages calcinosis_intake_client, calcinosis_classifier_client and
calcinosis_imaging_client under the output folder (put it on sys.path / PYTHONPATH to use them).

Fails (exit status 1) when the generator reports any error or warning (one that drops an
operation, a response or a body included), when a generated module does not import, or when an
operationId of a document has no generated function or a documented status code no parsing.
"""

import argparse
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ["intake", "classifier", "imaging"]
DEFAULT_OUT = ROOT / "build" / "clients"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
# How a generated endpoint module names its request: "method": "get", "url": "/fhir/Patient/{id}"
_REQUEST = re.compile(r'"method":\s*"(\w+)",\s*"url":\s*f?"([^"]*)"')

# openapi-python-client 0.29 gives an endpoint whose body has several media types
# (POST /analyses: multipart upload or a JSON DICOMweb reference) a `body: A | B | Unset = UNSET`
# argument even when the body is required, without importing Unset: the module fails to import
# (upstream issue 1451). The fix: say Unset only when some body is optional. Applied to a copy
# of the template passed as --custom-template-path; skipped once upstream has changed the line.
_MACROS = "endpoint_macros.py.jinja"
_BUGGY = ("{% set body_required = body_required and body.prop.required %}",
          "{% if not body_required %} | Unset = UNSET{% endif %}")
_FIXED = ("", '{% if endpoint.bodies | rejectattr("prop.required") | list %} | Unset = UNSET{% endif %}')


def package_name(service: str) -> str:
    return f"calcinosis_{service}_client"


def _custom_templates(folder: Path) -> Path | None:
    import openapi_python_client

    text = (Path(openapi_python_client.__file__).parent / "templates" / _MACROS).read_text()
    found = [text.count(snippet) for snippet in _BUGGY]
    if found == [0, 0]:
        return None
    if found != [1, 1]:
        raise SystemExit(f"{_MACROS} of this openapi-python-client differs from the one patched here: {found}")
    for buggy, fixed in zip(_BUGGY, _FIXED, strict=True):
        text = text.replace(buggy, fixed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _MACROS).write_text(text)
    return folder


def _tool_path() -> str:
    """PATH with the folder holding ruff (a dependency of the generator, run by its post hooks)."""
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    try:
        from ruff.__main__ import find_ruff_bin

        folders.insert(0, str(Path(find_ruff_bin()).parent))
    except (ImportError, FileNotFoundError):
        pass
    return os.pathsep.join([*folders, os.environ.get("PATH", "")])


def generate(service: str, out: Path, work: Path, templates: Path | None) -> None:
    document = ROOT / "openapi" / f"{service}.json"
    config = work / f"{service}-config.json"
    config.write_text(json.dumps({
        "project_name_override": f"calcinosis-{service}-client",
        "package_name_override": package_name(service),
    }))  # names only: the documents need no other setting (tests/sdk/test_default_settings.py)
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(document),
               "--config", str(config), "--meta", "none", "--output-path", str(out / package_name(service)),
               "--overwrite", "--fail-on-warning"]
    if templates:
        command += ["--custom-template-path", str(templates)]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True,
                            env={**os.environ, "PATH": _tool_path(), "NO_COLOR": "1"})
    output = (result.stdout + result.stderr).strip()
    # --fail-on-warning makes warnings fail; the text check guards against a generator that
    # prints a warning and still exits 0 (it prints only "Generating <folder>" when all is well).
    said = "\n".join(line for line in output.splitlines() if not line.startswith("Generating "))
    if result.returncode != 0 or re.search(r"\b(warning|error)", said, re.IGNORECASE):
        raise SystemExit(f"openapi-python-client failed on {document.relative_to(ROOT)} "
                         f"(exit status {result.returncode}):\n{output}")


def check(service: str, out: Path) -> list[str]:
    """Problems: an operation without a generated function, a module that does not import,
    a documented status code the function does not parse."""
    document = json.loads((ROOT / "openapi" / f"{service}.json").read_text())
    package = out / package_name(service)
    generated: dict[tuple[str, str], list[Path]] = {}
    for path in sorted((package / "api").rglob("*.py")):
        for method, url in _REQUEST.findall(path.read_text()):
            generated.setdefault((method, url), []).append(path)
    problems = []
    sys.path.insert(0, str(out))
    try:
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                if method not in METHODS:
                    continue
                found = generated.get((method, path), [])
                if len(found) != 1:
                    problems.append(f"{method.upper()} {path} ({operation['operationId']}): "
                                    f"{len(found)} generated modules")
                    continue
                dotted = ".".join(found[0].relative_to(out).with_suffix("").parts)
                try:
                    module = importlib.import_module(dotted)
                except Exception as exc:
                    problems.append(f"{dotted}: does not import: {exc!r}")
                    continue
                # sync()/asyncio() (the parsed body alone) exist only where the body has a type
                for function in ("sync_detailed", "asyncio_detailed"):
                    if not callable(getattr(module, function, None)):
                        problems.append(f"{dotted}: no {function}()")
                source = found[0].read_text()
                for status in operation.get("responses", {}):
                    if status.isdigit() and f"response.status_code == {status}" not in source:
                        problems.append(f"{dotted}: response {status} is not parsed")
    finally:
        sys.path.remove(str(out))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory(prefix="generate-clients-") as tmp:
        work = Path(tmp)
        templates = _custom_templates(work / "templates")
        for service in SERVICES:
            shutil.rmtree(out / package_name(service), ignore_errors=True)
            generate(service, out, work, templates)
            problems += check(service, out)
    if problems:
        print("generated clients are incomplete:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    for service in SERVICES:
        print(f"wrote {out / package_name(service)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

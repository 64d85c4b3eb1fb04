"""openapi-python-client with its DEFAULT settings (no configuration file, no custom templates)
makes a complete imaging client from openapi/imaging.json, with the README's command: no
operation or response dropped, the lesion mask downloaded through the generated function (the
generator keeps only responses whose media type it knows), and the mask still served with its
true media type over HTTP."""

import gzip
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import nibabel
import numpy as np
import pytest

from tests.imaging.fixtures import write_lesion_nifti
from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "imaging_client"  # the README's --output-path build/imaging_client


def readme_command() -> list[str]:
    """The generate command of the README's SDK section, as written there."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Python SDKs", 1)[1].split("\n## ", 1)[0]
    [line] = [line for line in section.splitlines() if "openapi-python-client generate" in line]
    return line.split("openapi-python-client ", 1)[1].split()


@pytest.fixture(scope="module")
def default_client(tmp_path_factory):
    out = tmp_path_factory.mktemp("default-sdk")
    args = readme_command()
    assert "--config" not in args and "--custom-template-path" not in args  # the defaults, nothing else
    args = [a.replace("build/", f"{out}/") for a in args]
    # PATH: the generator runs ruff (its dependency) on what it wrote, as the activated .venv would.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "openapi_python_client", *args, "--fail-on-warning"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower() and "omitted" not in output.lower(), output
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_every_documented_response_is_parsed(default_client):
    """Each operation's generated module parses each status code the document names: the mask's
    200 above all, which the generator dropped while it was only application/dicom or gzip."""
    document = json.loads((ROOT / "openapi" / "imaging.json").read_text())
    package = Path(default_client.__file__).parent
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            found = [p for p in (package / "api").rglob("*.py")
                     if f'"method": "{method}"' in p.read_text() and f'"{path}"' in p.read_text()]
            assert len(found) == 1, (method, path, found)
            source = found[0].read_text()
            for status in operation["responses"]:
                assert f"response.status_code == {status}" in source, (operation["operationId"], status)


@pytest.fixture(scope="module")
def imaging_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imaging")
    env = {"DATA_DIR": str(folder), "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'imaging.sqlite3'}"}
    with uvicorn_service("imaging", env, folder / "imaging.log") as url:
        yield url


def test_the_readme_example_downloads_the_mask(default_client, imaging_url, tmp_path):
    """The README's example, run as written (its base URL and file replaced), then the mask checked:
    a NIfTI label map of the CT's shape with one label per lesion of the report."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Python SDKs", 1)[1].split("\n## ", 1)[0]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    scan = write_lesion_nifti(tmp_path / "lesions.nii.gz")
    example = example.replace("http://localhost:8003", imaging_url).replace("tests/data/ct/example_ct.nii.gz", str(scan))
    example = example.replace('"lesions.nii.gz"', repr(str(tmp_path / "mask.nii.gz")))
    namespace: dict = {}
    started = time.monotonic()
    exec(compile(example, "README.md (Python SDKs)", "exec"), namespace)
    assert time.monotonic() - started < 240
    state = namespace["state"]
    lesions = [e for e in state.report.to_dict()["entry"] if e["resource"]["resourceType"] == "Observation"]
    assert len(lesions) >= 1
    labels = nibabel.load(tmp_path / "mask.nii.gz").get_fdata()
    assert labels.shape == nibabel.load(scan).shape
    assert sorted(int(v) for v in np.unique(labels) if v) == list(range(1, len(lesions) + 1))


def test_the_mask_keeps_its_media_type_over_http(default_client, imaging_url, tmp_path):
    """The generated client reads the body whatever the media type; the service still says what
    the bytes are (application/gzip for NIfTI), and application/octet-stream only when asked."""
    import httpx

    scan = write_lesion_nifti(tmp_path / "lesions.nii.gz")
    with scan.open("rb") as f:
        accepted = httpx.post(f"{imaging_url}/analyses", files={"file": ("ct.nii.gz", f, "application/gzip")})
    assert accepted.status_code == 202
    location = accepted.headers["location"]
    deadline = time.monotonic() + 240
    while (state := httpx.get(f"{imaging_url}{location}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.5)
    assert state["status"] == "done" and state["mask"]
    plain = httpx.get(f"{imaging_url}{state['mask']}")
    assert plain.headers["content-type"] == "application/gzip"
    assert gzip.decompress(plain.content)[:4] in (b"\x5c\x01\x00\x00", b"\x00\x00\x01\x5c")  # NIfTI-1 header size
    generic = httpx.get(f"{imaging_url}{state['mask']}", headers={"Accept": "application/octet-stream"})
    assert generic.headers["content-type"] == "application/octet-stream" and generic.content == plain.content
    both = httpx.get(f"{imaging_url}{state['mask']}", headers={"Accept": "application/gzip, application/octet-stream;q=0.5"})
    assert both.headers["content-type"] == "application/gzip"

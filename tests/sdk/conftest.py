"""The SDKs generated from openapi/*.json (scripts/generate_clients.py), and the three services
running for real as uvicorn processes on SQLite, for the generated clients to talk to."""

import importlib
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("intake", "classifier", "imaging")


@pytest.fixture(scope="session")
def sdk_dir(tmp_path_factory) -> Path:
    """The generator run once, as CI would run it, into a fresh folder."""
    out = tmp_path_factory.mktemp("sdk")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_clients.py"), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"scripts/generate_clients.py failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return out


@pytest.fixture(scope="session")
def sdk(sdk_dir):
    """The three generated packages: sdk.intake, sdk.classifier, sdk.imaging."""
    sys.path.insert(0, str(sdk_dir))
    try:
        yield SimpleNamespace(**{s: importlib.import_module(f"calcinosis_{s}_client") for s in SERVICES})
    finally:
        sys.path.remove(str(sdk_dir))
        for name in [m for m in sys.modules if m.split(".")[0] in {f"calcinosis_{s}_client" for s in SERVICES}]:
            del sys.modules[name]


def _env(folder: Path, service: str, **extra: str) -> dict[str, str]:
    return {"DATA_DIR": str(folder), "DATABASE_URL": f"sqlite+aiosqlite:///{folder / f'{service}.sqlite3'}",
            "VALIDATION_WORKERS": "0", **extra}


@pytest.fixture(scope="session")
def services_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("services")


@pytest.fixture(scope="session")
def intake_url(services_dir) -> str:
    with uvicorn_service("intake", _env(services_dir, "intake"), services_dir / "intake.log") as url:
        yield url


@pytest.fixture(scope="session")
def classifier_url(services_dir, intake_url) -> str:
    env = _env(services_dir, "classifier", INTAKE_URL=f"{intake_url}/fhir")
    with uvicorn_service("classifier", env, services_dir / "classifier.log") as url:
        yield url


@pytest.fixture(scope="session")
def imaging_url(services_dir, intake_url) -> str:
    env = _env(services_dir, "imaging", INTAKE_URL=f"{intake_url}/fhir")
    with uvicorn_service("imaging", env, services_dir / "imaging.log") as url:
        yield url


def _client(module, url: str):
    return module.Client(base_url=url, raise_on_unexpected_status=True, timeout=httpx.Timeout(60))


@pytest.fixture
def intake(sdk, intake_url):
    with _client(sdk.intake, intake_url) as client:
        yield client


@pytest.fixture
def classifier(sdk, classifier_url):
    with _client(sdk.classifier, classifier_url) as client:
        yield client


@pytest.fixture
def imaging(sdk, imaging_url):
    with _client(sdk.imaging, imaging_url) as client:
        yield client

"""Every shortcut the Makefile declares has a recipe, and `make clients` runs the SDK generator the
SDK tests run (tests/sdk/conftest.py)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
TARGETS = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M).group(1).split()

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.mark.parametrize("target", TARGETS)
def test_every_declared_target_has_a_recipe(target):
    dry = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert dry.returncode == 0, dry.stderr
    assert "Nothing to be done" not in dry.stdout and dry.stdout.strip(), f"make {target} does nothing"


def test_make_clients_runs_the_generator():
    dry = subprocess.run(["make", "-n", "clients"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert ".venv/bin/python scripts/generate_clients.py" in dry.stdout

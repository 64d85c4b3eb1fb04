"""scripts/bootstrap.sh says what it is doing while it installs (it was silent for about 70 s), on a
throw-away copy: the script itself, and a small project with one dependency in place of ours
(installed from PyPI as the real set-up is)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "bootstrap-probe"
version = "0.1.0"
dependencies = ["six"]

[project.optional-dependencies]
test = []

[tool.setuptools]
py-modules = []
"""
LOCK = """six==1.17.0 \\
    --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274 \\
    --hash=sha256:ff70335d468e7eb6ec65b95b99d3a2836546063f63acc5171de367e834932a81
"""


def test_bootstrap_reports_progress_then_is_quiet_when_current(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", tmp_path / "scripts" / "bootstrap.sh")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "requirements.lock").write_text(LOCK)
    env = {"PATH": "/usr/bin:/bin", "PYTHON": sys.base_prefix + "/bin/python3", "HOME": str(tmp_path)}
    first = subprocess.run(["bash", "scripts/bootstrap.sh"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=600, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "==> creating .venv"
    assert lines[1].startswith("==> installing the project and its locked dependencies")
    assert any(line.strip().startswith("Collecting six") for line in lines), lines
    assert any(line.strip().startswith("Successfully installed") and "six" in line for line in lines), lines
    assert lines[-1].startswith("==> .venv ready (") and lines[-1].endswith(" s)")
    assert all(len(line) <= 120 for line in lines)

    again = subprocess.run(["bash", "scripts/bootstrap.sh"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=120, env=env)
    assert again.returncode == 0 and again.stdout == ""

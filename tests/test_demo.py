"""`make demo` works as written: the sample patient and CT through the three running services."""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parent.parent


def test_demo_runs_through_the_system(tmp_path):
    env = {"DATA_DIR": str(tmp_path), "VALIDATION_WORKERS": "0"}
    with uvicorn_service("intake", env, tmp_path / "intake.log") as intake, \
            uvicorn_service("imaging", {**env, "INTAKE_URL": f"{intake}/fhir"}, tmp_path / "imaging.log") as imaging, \
            uvicorn_service("classifier", {**env, "INTAKE_URL": f"{intake}/fhir"}, tmp_path / "classifier.log") as classifier:
        urls = {"INTAKE_URL": f"{intake}/fhir", "IMAGING_URL": imaging, "CLASSIFIER_URL": classifier}
        result = subprocess.run([sys.executable, "scripts/demo.py"], cwd=ROOT, env={**os.environ, **urls},
                                capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "stored 8 resources" in out and "DiagnosticReport/" in out and "key images: " in out
    assert "RiskAssessment/" in out and "differential diagnosis" in out and "%" in out
    # progress: every step and every line of the analysis's wait says how long the demo has run
    steps = [line for line in out.splitlines() if line.startswith("==> ")]
    assert len(steps) >= 5 and all(re.match(r"==> \[ *\d+ s\] ", line) for line in steps), steps
    assert steps[-1].endswith("Done")
    assert re.search(r"^    \[ *\d+ s\] (queued|running|done)", out, re.M)

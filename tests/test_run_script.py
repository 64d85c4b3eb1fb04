"""scripts/run.sh: busy ports are refused up front, with a message that says which and what to do;
the ports and host come from INTAKE_PORT, CLASSIFIER_PORT, IMAGING_PORT and HOST."""

import hashlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port

ROOT = Path(__file__).resolve().parent.parent


def run_sh(env: dict[str, str], data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "DATA_DIR": str(data_dir), **env}, start_new_session=True)


def test_a_busy_port_is_refused_before_anything_starts(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        busy = holder.getsockname()[1]
        ports = {"INTAKE_PORT": str(free_port()), "CLASSIFIER_PORT": str(busy), "IMAGING_PORT": str(free_port())}
        process = run_sh({**ports, "HOST": "127.0.0.1"}, tmp_path)
        try:
            stdout, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 1
    assert f"port {busy} on 127.0.0.1, for classifier, is already in use" in stderr
    assert "nothing was started" in stderr and "CLASSIFIER_PORT" in stderr
    assert "listening" not in stdout
    assert "installing" not in stdout + stderr  # refused before the set-up, not after it
    assert not (tmp_path / "intake.sqlite3").exists()


def _bootstrapped() -> bool:
    """run.sh's set-up would do nothing: .venv holds the install of this pyproject.toml (as CI's does,
    test.sh having made it); elsewhere the test would install the project, so it is skipped."""
    # the stamp of scripts/bootstrap.sh: the lock and pyproject.toml, in that order
    stamp = hashlib.sha256((ROOT / "requirements.lock").read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return (ROOT / ".venv" / f".installed-{stamp}").exists()


@pytest.mark.skipif(not _bootstrapped(), reason=".venv at the repository root is missing or stale (scripts/bootstrap.sh)")
def test_the_services_start_on_the_ports_asked_for_and_find_each_other(tmp_path):
    ports = {"INTAKE_PORT": free_port(), "CLASSIFIER_PORT": free_port(), "IMAGING_PORT": free_port()}
    process = run_sh({k: str(v) for k, v in ports.items()}, tmp_path)
    try:
        lines = []
        deadline = time.monotonic() + 120
        while len([line for line in lines if "listening" in line]) < 3:
            assert time.monotonic() < deadline and process.poll() is None, (lines, process.stderr.read())
            lines.append(process.stdout.readline())
        for service, port in zip(("intake", "classifier", "imaging"), ports.values(), strict=True):
            assert f"==> {service} listening on http://127.0.0.1:{port} " in "".join(lines)
            assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
        # the classifier reads the intake on the port chosen here, not on 8001
        patient = {"resourceType": "Patient", "id": "run-sh", "gender": "female", "birthDate": "2008-04-17"}
        intake = f"http://127.0.0.1:{ports['INTAKE_PORT']}"
        assert httpx.put(f"{intake}/fhir/Patient/run-sh", json=patient).status_code == 201
        classified = httpx.post(f"http://127.0.0.1:{ports['CLASSIFIER_PORT']}/classify/Patient/run-sh", timeout=60)
        assert classified.status_code == 200, classified.text
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)

"""Services run for real as uvicorn processes, the way they are deployed."""

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[2]
# Services started for tests and benchmarks run without authorization unless the caller's
# environment or `env` says otherwise (tests/test_authorization.py does).
DEVELOPMENT = {"AUTH_MODE": "development"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log_path: Path, seconds: float = 60) -> None:
    """Until `url`/healthz answers 200; fails with the process's log if it exits or never does."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy:\n{log_path.read_text()}")
        time.sleep(0.1)


@contextmanager
def uvicorn_service(service: str, env: dict[str, str], log_path: Path, port: int | None = None):
    """A service (`services.SERVICE.main:app`) run under uvicorn until the block ends; yields its URL."""
    with uvicorn_process(service, env, log_path, port) as (_, url):
        yield url


@contextmanager
def uvicorn_process(service: str, env: dict[str, str], log_path: Path, port: int | None = None):
    """uvicorn_service, yielding the process beside the URL (the benchmarks read its CPU)."""
    port = port or free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", f"services.{service}.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log"],
            cwd=ROOT, env={**DEVELOPMENT, **os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log_path)
        yield process, url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def stop(process: subprocess.Popen, seconds: float = 10) -> None:
    """SIGTERM, then SIGKILL when it is still there after `seconds`."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def python_process(args: list[str], env: dict[str, str], log_path: Path, stop_seconds: float = 10):
    """Any process of the project run as `python ARGS` (e.g. ["-m", "services.imaging.worker"]) from
    the repository root, its output in log_path; yields the Popen and stops it at the end."""
    with open(log_path, "ab") as log:
        process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**DEVELOPMENT, **os.environ, **env},
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        stop(process, stop_seconds)


@contextmanager
def served_in_thread(app, port: int, what: str):
    """An ASGI app served by uvicorn on loopback in a thread of the test process (a small stand-in
    server: an authorization server, a stranger's host), until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.02)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(5)

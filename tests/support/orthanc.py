"""A throw-away Orthanc server with its DICOMweb plugin (Debian packages orthanc, orthanc-dicomweb)."""

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.processes import free_port

PLUGIN_DIRS = [Path("/usr/share/orthanc/plugins"), Path("/usr/lib/orthanc/plugins")]


def find_orthanc() -> tuple[str, Path] | None:
    binary = shutil.which("Orthanc")
    plugin = next((d / "libOrthancDicomWeb.so" for d in PLUGIN_DIRS if (d / "libOrthancDicomWeb.so").exists()), None)
    return (binary, plugin) if binary and plugin else None


@dataclass
class OrthancServer:
    process: subprocess.Popen
    root: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def dicomweb_url(self) -> str:
        return f"{self.url}/dicom-web"

    def store(self, dicom: bytes) -> dict:
        response = httpx.post(f"{self.url}/instances", content=dicom, headers={"Content-Type": "application/dicom"},
                              timeout=30)
        response.raise_for_status()
        return response.json()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_orthanc() -> OrthancServer:
    found = find_orthanc()
    if found is None:
        raise FileNotFoundError("Orthanc or its DICOMweb plugin is not installed (apt-get install orthanc orthanc-dicomweb)")
    binary, plugin = found
    root = Path(tempfile.mkdtemp(prefix="orthanc-test-"))
    port = free_port()
    config = {
        "Name": "calcinosis-test", "StorageDirectory": str(root / "db"), "IndexDirectory": str(root / "db"),
        "HttpPort": port, "DicomPort": free_port(), "RemoteAccessAllowed": False, "AuthenticationEnabled": False,
        "Plugins": [str(plugin)], "DicomWeb": {"Enable": True, "Root": "/dicom-web/"}, "StableAge": 1,
    }
    (root / "orthanc.json").write_text(json.dumps(config))
    log = open(root / "orthanc.log", "wb")
    process = subprocess.Popen([binary, str(root / "orthanc.json")], stdout=log, stderr=subprocess.STDOUT)
    server = OrthancServer(process, root, port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Orthanc exited: {(root / 'orthanc.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"{server.dicomweb_url}/studies", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError("Orthanc did not answer in time")

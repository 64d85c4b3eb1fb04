"""DICOMweb retrieval is no request-forgery tool (issue 15, findings 3 and 4): only configured
servers, their addresses checked and connected to, no redirects, one deadline, one message for
every network failure; a slow server holds no analysis slot. Real servers throughout: Orthanc,
and small HTTP servers on loopback threads (a redirector, a silent one, one that dribbles)."""

import asyncio
import io
import socket
import threading
import time
from contextlib import AsyncExitStack, contextmanager

import httpx
import pytest

from services.imaging.dicomweb import DicomWeb, DicomWebPolicy, NotAllowed
from services.imaging.jobs import JobFailed
from services.imaging.main import create_app
from shared.settings import Settings
from tests.imaging.fixtures import NIFTI, series_with_uids
from tests.support.processes import free_port

# ---- small real servers ---------------------------------------------------------------------

@contextmanager
def tcp_server(handle):
    """A server on a loopback port; `handle(connection)` runs in a thread per connection."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_guarded, args=(handle, connection, stop), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()


def _guarded(handle, connection: socket.socket, stop: threading.Event) -> None:
    with connection:
        try:
            connection.recv(65536)  # the request (small: a GET)
            handle(connection, stop)
        except OSError:
            pass


def redirect_to(location: str):
    def handle(connection: socket.socket, stop: threading.Event) -> None:
        connection.sendall(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode())
    return handle


def silent(connection: socket.socket, stop: threading.Event) -> None:
    stop.wait(60)  # accepts, reads the request, never answers


def dribbling(connection: socket.socket, stop: threading.Event) -> None:
    """A 200 with a multipart/related body that never ends: one byte every half second."""
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: multipart/related; type=\"application/dicom\"; "
                       b"boundary=b\r\nConnection: close\r\n\r\n--b\r\nContent-Type: application/dicom\r\n\r\n")
    while not stop.wait(0.5):
        connection.sendall(b"\x00")


def store_series(orthanc_server) -> tuple[str, str]:
    datasets = series_with_uids()
    for ds in datasets:
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        orthanc_server.store(buffer.getvalue())
    return datasets[0].StudyInstanceUID, datasets[0].SeriesInstanceUID


def reference(url: str, study: str = "1.2.3", series: str = "1.2.3.4") -> dict:
    return {"dicomweb": {"url": url, "studyInstanceUid": study, "seriesInstanceUid": series}}


@pytest.fixture
async def make_imaging(tmp_path):
    """Starts imaging services (ASGI, in this process) with the settings a test names."""
    async with AsyncExitStack() as stack:
        async def start(**settings) -> httpx.AsyncClient:
            folder = tmp_path / f"imaging-{len(stack._exit_callbacks)}"
            app = create_app(Settings(data_dir=folder, database_url=f"sqlite+aiosqlite:///{tmp_path}/{folder.name}.db",
                                      **settings))
            await stack.enter_async_context(app.router.lifespan_context(app))
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            return await stack.enter_async_context(
                httpx.AsyncClient(transport=transport, base_url="http://imaging.test", timeout=60))

        yield start


async def state_when(client: httpx.AsyncClient, location: str, done, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = (await client.get(location)).json()
        if done(state):
            return state
        await asyncio.sleep(0.1)
    raise AssertionError(f"not reached in {seconds} s: {state}")


def finished(state: dict) -> bool:
    return state["status"] in ("done", "failed")


# ---- the allow-list, at submission --------------------------------------------------------

@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/dicom-web",            # loopback, not listed
    "http://2130706433:8042/dicom-web",          # 127.0.0.1 as one number
    "http://[::1]:8042/dicom-web",               # IPv6 loopback
    "http://169.254.169.254/latest/meta-data",   # cloud metadata
    "http://pacs.example.org:8042/dicom-web/../tools/execute-script",  # out of the listed path
    "http://pacs.example.org:8042/dicom-webx",   # a sibling path, not under it
    "https://pacs.example.org:8042/dicom-web",   # another scheme
    "http://user:pw@pacs.example.org:8042/dicom-web",
])
async def test_a_url_not_allowed_is_refused_at_submission_and_nothing_is_stored(make_imaging, url):
    imaging = await make_imaging(dicomweb_allowed_urls=["http://pacs.example.org:8042/dicom-web"])
    response = await imaging.post("/analyses", json=reference(url))
    assert response.status_code == 422, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome" and "DICOMWEB_ALLOWED_URLS" in response.text or \
        "dicomweb.url" in response.text
    assert 'imaging_analyses{state="queued"} 0.0' in (await imaging.get("/metrics")).text


async def test_without_configured_servers_no_dicomweb_url_is_accepted(make_imaging):
    imaging = await make_imaging()
    response = await imaging.post("/analyses", json=reference("http://pacs.example.org/dicom-web"))
    assert response.status_code == 422 and response.json()["resourceType"] == "OperationOutcome"
    allowed = await make_imaging(dicomweb_allowed_urls=["http://pacs.example.org/dicom-web/"])
    response = await allowed.post("/analyses", json=reference("http://PACS.example.org:80/dicom-web/"))
    assert response.status_code == 202, response.text  # the same server, spelled otherwise


def test_addresses_behind_a_listed_name_are_checked():
    import ipaddress

    from services.imaging.dicomweb import Origin

    policy = DicomWebPolicy(["http://pacs.example.org/dicom-web", "http://127.0.0.1:8042/dicom-web"], ["10.1.0.0/16"])
    pacs, local = Origin.parse("http://pacs.example.org/dicom-web"), Origin.parse("http://127.0.0.1:8042/dicom-web")
    for address, allowed in [("93.184.216.34", True), ("127.0.0.1", False), ("10.0.0.5", False), ("10.1.2.3", True),
                             ("169.254.169.254", False), ("192.168.1.1", False), ("::1", False), ("fe80::1", False),
                             ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False)]:
        assert policy.address_allowed(pacs, ipaddress.ip_address(address)) is allowed, address
    assert policy.address_allowed(local, ipaddress.ip_address("127.0.0.1"))  # the list names this address
    assert not policy.address_allowed(local, ipaddress.ip_address("127.0.0.2"))
    with pytest.raises(NotAllowed):
        policy.check("http://127.0.0.1:8043/dicom-web")


# ---- retrieval ----------------------------------------------------------------------------

def dicomweb(tmp_path, urls: list[str], networks: list[str] | None = None, deadline: float = 10) -> DicomWeb:
    return DicomWeb(Settings(data_dir=tmp_path, dicomweb_allowed_urls=urls, dicomweb_allowed_networks=networks or [],
                             dicomweb_deadline_seconds=deadline))


async def test_a_listed_name_resolving_to_loopback_needs_its_network_listed(orthanc_server, tmp_path):
    """The host is resolved and its address checked before connecting; the connection goes to that
    address, with the name in the Host header (what a DNS rebinding cannot change)."""
    study, series = store_series(orthanc_server)
    by_name = f"http://localhost:{orthanc_server.port}/dicom-web"
    with pytest.raises(JobFailed, match="could not be retrieved"):
        await dicomweb(tmp_path, [by_name]).retrieve(by_name, study, series, tmp_path / "refused")
    paths = await dicomweb(tmp_path, [by_name], ["127.0.0.0/8"]).retrieve(by_name, study, series, tmp_path / "ok")
    assert len(paths) == 20


async def test_redirects_are_not_followed(orthanc_server, tmp_path):
    study, series = store_series(orthanc_server)
    target = f"{orthanc_server.dicomweb_url}/studies/{study}/series/{series}"
    with tcp_server(redirect_to(target)) as port:
        redirector = f"http://127.0.0.1:{port}/dicom-web"
        with pytest.raises(JobFailed, match="answered 302"):
            await dicomweb(tmp_path, [redirector]).retrieve(redirector, study, series, tmp_path / "series")
    assert not list((tmp_path / "series").glob("*.dcm"))


async def test_network_failures_all_read_the_same(tmp_path):
    """Refused (a closed port), silent (open, never answers), not allowed (a loopback name): the
    caller cannot tell them apart, so cannot map the network through the service."""
    closed = f"http://127.0.0.1:{free_port()}/dicom-web"
    named = f"http://localhost:{free_port()}/dicom-web"
    reasons = []
    with tcp_server(silent) as port:
        quiet = f"http://127.0.0.1:{port}/dicom-web"
        service = dicomweb(tmp_path, [closed, quiet, named], deadline=2)
        for url in (closed, quiet, named):
            started = time.monotonic()
            with pytest.raises(JobFailed) as failure:
                await service.retrieve(url, "1.2.3", "1.2.3.4", tmp_path / "series")
            assert time.monotonic() - started < 6
            reasons.append(str(failure.value))
    assert len(set(reasons)) == 1, reasons
    assert "could not be retrieved" in reasons[0] and "127.0.0.1" not in reasons[0] and "localhost" not in reasons[0]


async def test_a_dribbling_server_meets_one_deadline_and_holds_no_analysis_slot(make_imaging):
    """A server that sends a byte every half second never trips a per-read timeout; the whole
    retrieval has one deadline, and an upload submitted behind it is analysed meanwhile."""
    deadline = 8
    with tcp_server(dribbling) as port:
        slow = f"http://127.0.0.1:{port}/dicom-web"
        imaging = await make_imaging(dicomweb_allowed_urls=[slow], dicomweb_deadline_seconds=deadline,
                                     imaging_concurrency=1, http_timeout_seconds=30)
        submitted = time.monotonic()
        stuck = (await imaging.post("/analyses", json=reference(slow))).headers["location"]
        await state_when(imaging, stuck, lambda s: s["stage"] == "retrieving")
        upload = await imaging.post("/analyses", files={"file": ("ct.nii.gz", NIFTI.read_bytes())})
        assert upload.status_code == 202
        # the upload runs while the slow retrieval still waits: it did not queue behind it
        both = await state_when(imaging, upload.headers["location"], lambda s: s["status"] != "queued"
                                and s["stage"] not in ("starting", "waiting"), seconds=deadline)
        assert both["status"] in ("running", "done")
        assert (await imaging.get(stuck)).json()["stage"] == "retrieving"
        failed = await state_when(imaging, stuck, finished, seconds=deadline + 10)
        assert failed["status"] == "failed" and "could not be retrieved" in failed["outcome"]["issue"][0]["diagnostics"]
        assert time.monotonic() - submitted < deadline + 6
        assert (await state_when(imaging, upload.headers["location"], finished, seconds=120))["status"] == "done"

"""Uploads that expand (issue 15, findings 7 and 8): a zip bomb, Deflated DICOM bombs, headers
that declare more frames than the service analyses. Each is refused from what it declares or
within a bounded expansion, off the event loop: the service keeps answering meanwhile."""

import asyncio
import struct
import time
import zipfile
import zlib
from pathlib import Path

import httpx
import pydicom
import pytest
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset, write_file_meta_info
from pydicom.uid import DeflatedExplicitVRLittleEndian, generate_uid

from services.imaging.main import create_app
from shared.settings import Settings
from tests.imaging.fixtures import SERIES, series_with_uids
from tests.support.asgi import asgi_client

MiB = 1 << 20


@pytest.fixture
async def imaging(tmp_path):
    """The imaging service with its default limits (2 GiB uploads, 512 x 512 x 2048 voxels)."""
    app = create_app(Settings(data_dir=tmp_path, database_url=f"sqlite+aiosqlite:///{tmp_path / 'imaging.sqlite3'}"))
    async with asgi_client(app, "http://imaging.test", timeout=120) as client:
        yield client


def leftovers(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "imaging").rglob("*") if p.is_file()]


async def while_polling_healthz(client: httpx.AsyncClient, request) -> tuple[httpx.Response, float]:
    """The response to `request`, and the slowest /healthz answer while it was being handled."""
    task = asyncio.create_task(request)
    slowest = 0.0
    while not task.done():
        started = time.monotonic()
        assert (await client.get("/healthz")).status_code == 200
        slowest = max(slowest, time.monotonic() - started)
        await asyncio.sleep(0.02)
    return await task, slowest


async def test_a_zip_bomb_is_refused_before_it_is_extracted(imaging, tmp_path):
    """A 300 KB zip holding a 300 MiB member: refused from its declared ratio, nothing extracted."""
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf, zf.open("0001.dcm", "w") as member:
        zero = bytes(MiB)
        for _ in range(300):
            member.write(zero)
    assert bomb.stat().st_size < 400_000
    response, slowest = await while_polling_healthz(
        imaging, imaging.post("/analyses", files={"file": ("series.zip", bomb.read_bytes(), "application/zip")}))
    assert response.status_code == 413, response.text
    outcome = response.json()
    assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"][0]["code"] == "too-costly"
    assert "decompression bomb" in outcome["issue"][0]["diagnostics"]
    assert leftovers(tmp_path) == []  # the upload and anything extracted are gone
    assert slowest < 1.0


async def test_a_zip_that_declares_a_modest_ratio_is_still_counted(tmp_path):
    """Declared sizes can lie: the bytes extracted are counted against the ratio as well."""
    from services.imaging.uploads import UploadLimits, extract_zip
    from shared.errors import FHIRError

    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("0001.dcm", bytes(20 * MiB))
    data = bytearray(archive.read_bytes())
    # Declare 2 MiB in the local header and the central directory: a ratio of about 100.
    declared = struct.pack("<I", 2 * MiB)
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 22:local + 26] = declared
    data[central + 24:central + 28] = declared
    archive.write_bytes(bytes(data))
    limits = UploadLimits(max_files=10, max_total_bytes=100 * MiB, max_zip_members=10,
                          max_zip_expanded_bytes=400 * MiB, max_voxels=10**9, max_compression_ratio=100)
    with pytest.raises(FHIRError) as refused:
        extract_zip(archive, tmp_path / "out", limits)
    assert refused.value.status in (400, 413)
    assert sum(p.stat().st_size for p in (tmp_path / "out").glob("*")) <= limits.expansion_budget(len(data))


def deflated_dicom(path: Path, frames: int, rows: int = 512, columns: int = 512) -> Path:
    """A Deflated Explicit VR Little Endian CT file of `frames` frames of zeros, written as a
    stream (the test never holds the inflated bytes)."""
    ds = pydicom.dcmread(SERIES[0])
    del ds.PixelData
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.NumberOfFrames, ds.Rows, ds.Columns = frames, rows, columns
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    head = DicomBytesIO()
    head.write(b"\0" * 128 + b"DICM")
    write_file_meta_info(head, ds.file_meta, enforce_standard=True)
    body = DicomBytesIO()
    body.is_little_endian, body.is_implicit_VR = True, False
    write_dataset(body, ds)
    size = frames * rows * columns * 2
    deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    with open(path, "wb") as out:
        out.write(head.getvalue())
        out.write(deflate.compress(body.getvalue() + struct.pack("<HH2sHI", 0x7FE0, 0x0010, b"OW", 0, size)))
        zero = bytes(MiB)
        for start in range(0, size, MiB):
            out.write(deflate.compress(zero[:min(MiB, size - start)]))
        out.write(deflate.flush())
    return path


async def test_deflated_dicom_bombs_are_refused_within_a_bounded_inflation(imaging, tmp_path):
    """Two files of about 200 KB, each inflating to 384 frames of 512 x 512 (200 MB): the
    inflation stops at the ratio, in a worker thread; /healthz keeps answering."""
    files = [deflated_dicom(tmp_path / f"{n}.dcm", 384) for n in range(2)]
    assert all(f.stat().st_size < 400_000 for f in files)
    parts = [("file", (f.name, f.read_bytes(), "application/dicom")) for f in files]
    response, slowest = await while_polling_healthz(imaging, imaging.post("/analyses", files=parts))
    assert response.status_code == 413, response.text
    outcome = response.json()
    assert outcome["issue"][0]["code"] == "too-costly" and "decompression bomb" in outcome["issue"][0]["diagnostics"]
    assert leftovers(tmp_path) == []
    assert slowest < 1.0


async def test_a_deflated_series_within_the_ratio_is_accepted(imaging, tmp_path):
    """Deflated is a legitimate transfer syntax: a real series sent so is analysed."""
    folder = tmp_path / "deflated"
    folder.mkdir()
    parts = []
    for n, ds in enumerate(series_with_uids()):
        ds.decompress()
        path = folder / f"{n:03d}.dcm"
        ds.save_as(path, implicit_vr=False, little_endian=True, enforce_file_format=True)
        deflated = pydicom.dcmread(path)
        deflated.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
        deflated.save_as(path, enforce_file_format=True)
        parts.append(("file", (path.name, path.read_bytes(), "application/dicom")))
    response = await imaging.post("/analyses", files=parts)
    assert response.status_code == 202, response.text


async def test_frames_count_towards_the_voxel_limit_before_anything_is_decoded(imaging):
    """Three single-slice files that declare 10,000 frames each: 7.9 billion voxels declared."""
    parts = []
    for n, ds in enumerate(series_with_uids()[:3]):
        ds.NumberOfFrames = 10_000
        buffer = DicomBytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        parts.append(("file", (f"{n}.dcm", buffer.getvalue(), "application/dicom")))
    response = await imaging.post("/analyses", files=parts)
    assert response.status_code == 422, response.text
    issue = response.json()["issue"][0]
    assert issue["code"] == "too-costly" and "7,864,320,000 voxels" in issue["diagnostics"]

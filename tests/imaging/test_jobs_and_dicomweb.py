"""Analysis jobs are durable (in SQLite or PostgreSQL); series come from a real Orthanc over DICOMweb."""

import pydicom
import pytest

from services.imaging.dicomweb import retrieve_series
from services.imaging.jobs import JobFailed, JobStore
from services.imaging.models import MIGRATIONS
from shared.database import Database
from tests.imaging.fixtures import series_with_uids


@pytest.fixture
async def jobs(database_url):
    db = Database(database_url)
    await db.migrate(MIGRATIONS)
    yield JobStore(db)
    await db.close()


async def test_a_job_survives_its_process(jobs, database_url):
    first = await jobs.create("nifti", {"files": ["00000.nii.gz"]}, "ImagingStudy/1")
    second = await jobs.create("dicom", {"files": ["00000.dcm", "00001.dcm"]}, None)
    claimed = await jobs.claim_next()
    assert claimed.id == first.id and claimed.state == "running" and claimed.attempts == 1
    await jobs.progress(first.id, "segmenting", 40)
    assert (await jobs.get(first.id)).percent == 40

    # The process stops here. A new one, on the same database, finds the job again.
    restarted = JobStore(Database(database_url))
    assert await restarted.requeue_interrupted() == 1
    again = await restarted.claim_next()
    assert again.id == first.id and again.attempts == 2 and again.percent == 0
    await restarted.finish(first.id, {"resourceType": "Bundle", "type": "collection"}, "application/gzip")
    assert (await restarted.claim_next()).id == second.id
    await restarted.fail(second.id, "The series holds a single slice")
    done, failed = await restarted.get(first.id), await restarted.get(second.id)
    assert done.state == "done" and done.report["type"] == "collection" and done.percent == 100
    assert failed.state == "failed" and "single slice" in failed.reason
    assert await restarted.claim_next() is None
    await restarted.db.close()


async def test_a_job_is_claimed_once(jobs):
    await jobs.create("nifti", {"files": ["x.nii"]}, None)
    import asyncio
    claims = await asyncio.gather(*(jobs.claim_next() for _ in range(4)))
    assert len([c for c in claims if c is not None]) == 1


def test_series_retrieved_from_orthanc_over_dicomweb(orthanc_server, tmp_path):
    datasets = series_with_uids()
    for ds in datasets:
        from io import BytesIO
        buffer = BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        orthanc_server.store(buffer.getvalue())
    study, series = datasets[0].StudyInstanceUID, datasets[0].SeriesInstanceUID
    paths = retrieve_series(orthanc_server.dicomweb_url, study, series, tmp_path / "series", max_files=100,
                            timeout_seconds=30)
    assert len(paths) == 20
    retrieved = pydicom.dcmread(paths[0])
    assert retrieved.SeriesInstanceUID == series and retrieved.pixel_array.shape == (512, 512)
    with pytest.raises(JobFailed, match="more than 5"):
        retrieve_series(orthanc_server.dicomweb_url, study, series, tmp_path / "few", max_files=5, timeout_seconds=30)
    with pytest.raises(JobFailed, match="answered 404|no instance"):
        retrieve_series(orthanc_server.dicomweb_url, study, "1.2.3.999", tmp_path / "none", max_files=5,
                        timeout_seconds=30)
    with pytest.raises(JobFailed, match="could not be reached"):
        retrieve_series("http://127.0.0.1:9/dicom-web", study, series, tmp_path / "down", max_files=5,
                        timeout_seconds=5)

"""Analysis jobs are durable (in SQLite or PostgreSQL) and submitted at most once per Idempotency-Key;
series come from a real Orthanc over DICOMweb."""

import asyncio

import httpx
import pydicom
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from services.imaging.dicomweb import DicomWeb
from services.imaging.jobs import JobFailed, JobStore
from services.imaging.models import MIGRATIONS, ImagingModel
from shared.database import Database
from shared.settings import Settings
from tests.imaging.fixtures import NIFTI, series_with_uids
from tests.support.processes import uvicorn_service


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


async def test_the_runner_stops_when_told_just_as_it_is_woken(jobs):
    """A service stopped right after a submission (SIGTERM as a job arrives) must stop: with
    asyncio.wait_for, Python 3.11 lost the cancellation and the runner polled on for ever."""
    from services.imaging.jobs import JobRunner

    async def work(job, progress):
        raise AssertionError("no job is queued")

    class Watched:
        """The job store, saying when the runner found nothing to do."""

        def __init__(self, store) -> None:
            self.store, self.found_nothing = store, asyncio.Event()

        def __getattr__(self, name: str):
            return getattr(self.store, name)

        async def claim_next(self):
            job = await self.store.claim_next()
            if job is None:
                self.found_nothing.set()
            return job

    watched = Watched(jobs)
    runner = JobRunner(watched, work, 1, poll_seconds=60)
    await runner.start()
    # The runner found nothing; from there it goes on to wait to be woken without awaiting
    # anything else, so it is waiting by the time this test runs again.
    await asyncio.wait_for(watched.found_nothing.wait(), 10)
    runner.notify()
    await asyncio.wait_for(runner.stop(), 10)


async def test_series_retrieved_from_orthanc_over_dicomweb(orthanc_server, tmp_path):
    datasets = series_with_uids()
    for ds in datasets:
        from io import BytesIO
        buffer = BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        orthanc_server.store(buffer.getvalue())
    study, series = datasets[0].StudyInstanceUID, datasets[0].SeriesInstanceUID
    down = "http://127.0.0.1:9/dicom-web"

    def dicomweb(max_files: int) -> DicomWeb:
        return DicomWeb(Settings(data_dir=tmp_path, imaging_max_files=max_files, dicomweb_deadline_seconds=10,
                                 dicomweb_allowed_urls=[orthanc_server.dicomweb_url, down]))

    paths = await dicomweb(100).retrieve(orthanc_server.dicomweb_url, study, series, tmp_path / "series")
    assert len(paths) == 20
    retrieved = pydicom.dcmread(paths[0])
    assert retrieved.SeriesInstanceUID == series and retrieved.pixel_array.shape == (512, 512)
    with pytest.raises(JobFailed, match="more than 5"):
        await dicomweb(5).retrieve(orthanc_server.dicomweb_url, study, series, tmp_path / "few")
    with pytest.raises(JobFailed, match="answered 404|no instance"):
        await dicomweb(5).retrieve(orthanc_server.dicomweb_url, study, "1.2.3.999", tmp_path / "none")
    with pytest.raises(JobFailed, match="could not be retrieved"):
        await dicomweb(5).retrieve(down, study, series, tmp_path / "down")


async def test_migrations_produce_exactly_the_model_schema(database_url):
    db = Database(database_url)
    try:
        await db.migrate(MIGRATIONS, "0001")
        async with db.engine.begin() as conn:  # a job stored before the upgrade
            await conn.execute(text(
                "INSERT INTO analyses (id, state, percent, input_kind, source, attempts, created_ms, updated_ms) "
                "VALUES ('old', 'done', 100, 'nifti', '{}', 1, 0, 0)"))
        await db.migrate(MIGRATIONS)
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"include_object": lambda o, n, t, r, c: t != "table" or
                                                       n in ImagingModel.metadata.tables}),
                ImagingModel.metadata))
            row = (await conn.execute(text("SELECT delivery_attempts, delivery_state FROM analyses"))).one()
        assert diff == []
        assert tuple(row) == (0, None)
    finally:
        await db.close()


async def test_an_idempotency_key_is_unique_in_the_store(jobs):
    source = {"dicomweb": {"url": "http://pacs/dicom-web"}, "subject": None}
    results = await asyncio.gather(*(jobs.create_once("k1", "digest", "dicomweb", source, None) for _ in range(6)))
    assert len({job.id for job, _ in results}) == 1
    assert sum(created for _, created in results) == 1


# ---- Idempotency-Key over HTTP, against the imaging service as a process ------------------------

@pytest.fixture
def imaging_url(database_url, tmp_path):
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": database_url,
           "DICOMWEB_ALLOWED_URLS": '["http://127.0.0.1:9/dicom-web"]'}
    with uvicorn_service("imaging", env, tmp_path / "imaging.log") as url:
        yield url


def reference(series: str = "1.2.3.4.5", url: str = "http://127.0.0.1:9/dicom-web") -> dict:
    return {"dicomweb": {"url": url, "studyInstanceUid": "1.2.3.4", "seriesInstanceUid": series},
            "imagingStudy": "ImagingStudy/st1", "subject": "Patient/p1"}


async def test_the_same_idempotency_key_gives_the_same_analysis(imaging_url):
    async with httpx.AsyncClient(base_url=imaging_url, timeout=30) as client:
        key = {"Idempotency-Key": "1.2.3.4/1.2.3.4.5"}
        first = await client.post("/analyses", json=reference(), headers=key)
        assert first.status_code == 202, first.text
        assert "idempotent-replayed" not in first.headers
        location = first.headers["location"]
        # the same request again, also with the members in another order and other spacing
        body = '{ "subject":"Patient/p1", "imagingStudy": "ImagingStudy/st1", "dicomweb": {"seriesInstanceUid": ' \
               '"1.2.3.4.5", "studyInstanceUid": "1.2.3.4", "url": "http://127.0.0.1:9/dicom-web"} }'
        for again in (await client.post("/analyses", json=reference(), headers=key),
                      await client.post("/analyses", content=body,
                                        headers={**key, "Content-Type": "application/json"}),
                      await client.post("/analyses", json=reference(), headers={"Idempotency-Key": '"1.2.3.4/1.2.3.4.5"'})):
            assert again.status_code == 202, again.text
            assert again.headers["location"] == location and again.headers["idempotent-replayed"] == "true"
            assert again.json()["id"] == first.json()["id"]
        state = (await client.get(location)).json()
        assert state["idempotencyKey"] == "1.2.3.4/1.2.3.4.5" and state["subject"] == "Patient/p1"

        # a different request under a used key is refused, and creates nothing
        other = await client.post("/analyses", json=reference(series="1.2.3.4.6"), headers=key)
        assert other.status_code == 422 and other.json()["resourceType"] == "OperationOutcome"
        assert "different request" in other.text

        # many at once with a new key: one analysis
        key = {"Idempotency-Key": "1.2.3.4/1.2.3.4.7"}
        answers = await asyncio.gather(*(client.post("/analyses", json=reference(series="1.2.3.4.7"), headers=key)
                                         for _ in range(8)))
        assert {a.status_code for a in answers} == {202}
        assert len({a.headers["location"] for a in answers}) == 1
        assert sum("idempotent-replayed" not in a.headers for a in answers) == 1

        # without a key every request is a new analysis
        plain = [await client.post("/analyses", json=reference()) for _ in range(2)]
        assert plain[0].headers["location"] != plain[1].headers["location"] != location


@pytest.mark.parametrize("headers,kwargs,fragment", [
    ({"Idempotency-Key": "x" * 256}, {"json": reference()}, "1 to 255"),
    ({"Idempotency-Key": "a key"}, {"json": reference()}, "visible ASCII"),
    ({"Idempotency-Key": "k"}, {"files": {"file": ("ct.nii.gz", NIFTI.read_bytes())}}, "DICOMweb references"),
])
async def test_unusable_idempotency_keys_are_refused(imaging_url, headers, kwargs, fragment):
    async with httpx.AsyncClient(base_url=imaging_url, timeout=30) as client:
        response = await client.post("/analyses", headers=headers, **kwargs)
        assert response.status_code == 400 and fragment in response.text, response.text


async def test_a_failed_analysis_tells_the_caller_its_reason_and_only_the_operator_an_unexpected_error(jobs, caplog):
    """A JobFailed's message is the job's reason, for the caller; any other error is logged with its traceback by the
    module that ran the work, and the job says only that it failed unexpectedly (JobRunner here; the procrastinate
    worker's retrieval and analysis fail through the same JobStore.fail_raised)."""
    import logging

    from services.imaging.jobs import UNEXPECTED_FAILURE, JobRunner

    refused = await jobs.create("nifti", {"files": ["one.nii"]}, None)
    broken = await jobs.create("nifti", {"files": ["two.nii"]}, None)

    async def work(job, progress):
        if job.id == refused.id:
            raise JobFailed("The series holds a single slice")
        raise RuntimeError("a bug, with a path: /data/secret/two.nii")

    runner = JobRunner(jobs, work, 1, poll_seconds=0.05)
    with caplog.at_level(logging.ERROR, logger="services.imaging.jobs"):
        await runner.start()
        for _ in range(200):
            if {(await jobs.get(job.id)).state for job in (refused, broken)} == {"failed"}:
                break
            await asyncio.sleep(0.05)
        await runner.stop()
    assert (await jobs.get(refused.id)).reason == "The series holds a single slice"
    assert (await jobs.get(broken.id)).reason == UNEXPECTED_FAILURE
    [record] = [r for r in caplog.records if r.name == "services.imaging.jobs" and r.levelno == logging.ERROR]
    assert record.getMessage() == "analysis failed unexpectedly" and record.job == broken.id
    assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)

"""The imaging service: CT calcification analysis from DICOM, DICOMweb and NIfTI, reported as FHIR.

Where analyses run (JOB_BACKEND, services/imaging/engines.py): `local`, in this process (the
embedded default), or `procrastinate`, in `python -m services.imaging.worker` processes sharing the
PostgreSQL queue (services/imaging/worker.py); this process then only enqueues them.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.imaging.api import build_audit_router, build_router
from services.imaging.audit import AuditMiddleware, AuditTrail
from services.imaging.dicomweb import DicomWebPolicy
from services.imaging.engines import create_engine
from services.imaging.jobs import JobStore
from services.imaging.metrics import install_job_metrics
from services.imaging.schemas import AnalysisRequest
from services.imaging.uploads import UploadLimits
from services.imaging.views.routes import build_router as build_view_router
from services.imaging.worker import prepare_database
from shared.app import create_service_app
from shared.database import Database
from shared.fhir_openapi import install_fhir_schemas
from shared.logging import configure_logging
from shared.pages import ASSETS, mount_assets
from shared.settings import Settings, get_settings

VERSION = "0.1.0"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    db = Database(settings.database_url_for("imaging"))
    jobs = JobStore(db)
    jobs_dir = settings.data_dir / "imaging"
    engine = create_engine(settings, jobs, jobs_dir)
    trail = AuditTrail(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("imaging", settings.log_level, settings.log_json)
        await prepare_database(db, settings)
        jobs_dir.mkdir(parents=True, exist_ok=True)
        await engine.start()
        yield
        await engine.stop()
        await db.close()

    app = create_service_app(
        service="imaging", title="Calcinosis imaging", version=VERSION,
        description="Finds and measures soft-tissue calcified lesions (tumoral calcinosis) in CT from DICOM, "
        "DICOMweb or NIfTI and reports them as a FHIR DiagnosticReport with one Observation per lesion.",
        lifespan=lifespan, readiness={"database": db.ping},
        openapi_tags=[{"name": "Analyses"}, {"name": "Audit"}, {"name": "Clinician's pages"}, {"name": "operations"}],
        settings=settings, middleware=[(AuditMiddleware, {"trail": trail})],
    )
    app.state.settings = settings
    install_job_metrics(app.state.metrics, db)
    app.state.jobs = jobs
    app.state.audit_trail = trail
    app.state.jobs_dir = jobs_dir
    app.state.engine = engine
    app.state.dicomweb_policy = DicomWebPolicy.from_settings(settings)
    app.state.upload_limits = UploadLimits(
        max_files=settings.imaging_max_files, max_total_bytes=settings.imaging_max_upload_bytes,
        max_zip_members=settings.imaging_max_files, max_zip_expanded_bytes=settings.imaging_max_upload_bytes * 4,
        max_voxels=settings.imaging_max_voxels, max_compression_ratio=settings.imaging_max_compression_ratio,
    )
    app.include_router(build_router())
    app.include_router(build_audit_router())
    app.include_router(build_view_router())
    mount_assets(app, ASSETS)
    install_fhir_schemas(app, ["Bundle", "OperationOutcome"], models=(AnalysisRequest,))
    return app


app = create_app()

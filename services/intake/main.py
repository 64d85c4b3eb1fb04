"""The intake service: a FHIR R4 server for Patient, Observation, ImagingStudy, DiagnosticReport and RiskAssessment."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI

from services.intake.fhir.model_validation_pool import ModelValidationPool
from services.intake.fhir.r4 import definitions as r4_definitions
from services.intake.fhir.registry import SUPPORTED_TYPES
from services.intake.interactions import Interactions
from services.intake.outbox.relay import OutboxRelay
from services.intake.rest.audit import AuditMiddleware
from services.intake.rest.negotiation import NegotiationMiddleware
from services.intake.rest.routes import build_router
from shared.app import create_service_app
from shared.database import Database
from shared.fhir_openapi import install_fhir_schemas
from shared.logging import configure_logging
from shared.public_url import check_public_base
from shared.settings import Settings, get_settings

VERSION = "0.1.0"
MIGRATIONS = Path(__file__).parent / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_public_base(settings)  # links are never built from a request's Host header in smart mode
    db = Database(settings.database_url_for("intake"))
    interactions = Interactions(db, settings)
    validation_pool = ModelValidationPool(settings.validation_workers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("intake", settings.log_level, settings.log_json)
        await db.migrate(MIGRATIONS)
        r4_definitions()  # the R4 layer's definitions and FHIRPath expressions, compiled once, now
        validation_pool.start()
        await relay.start()
        yield
        await relay.stop()
        validation_pool.close()
        await interactions.statistics.close()
        await interactions.counts.close()
        await db.close()

    app = create_service_app(
        settings=settings,
        middleware=[(AuditMiddleware, {"interactions": interactions}), (NegotiationMiddleware, {})],
        service="intake", title="Calcinosis intake FHIR server", version=VERSION,
        description="FHIR R4 server (JSON) for Patient, Observation, ImagingStudy, DiagnosticReport and RiskAssessment: "
        "create, read, vread, update, delete, history, search, transaction and batch Bundles, $validate.",
        lifespan=lifespan, readiness={"database": db.ping},
        openapi_tags=[{"name": "System"}, *({"name": t} for t in SUPPORTED_TYPES), {"name": "operations"}],
    )
    app.state.settings = settings
    app.state.db = db
    app.state.interactions = interactions
    app.state.validation_pool = validation_pool
    relay = OutboxRelay(db, settings, app.state.metrics.registry)
    app.state.metrics.refreshers.append(relay.refresh_backlog)
    app.state.outbox = relay
    app.state.started = datetime.now(UTC)
    app.include_router(build_router())
    install_fhir_schemas(app, [*SUPPORTED_TYPES, "Bundle", "OperationOutcome", "CapabilityStatement"])
    return app


app = create_app()

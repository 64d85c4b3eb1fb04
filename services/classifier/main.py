"""The classifier service: calcinosis typing and differential diagnosis, over HTTP and CDS Hooks."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from services.classifier.api import build_router
from services.classifier.cds_hooks import HookRequest
from services.classifier.knowledge import knowledge
from services.classifier.views.routes import build_router as build_view_router
from shared.app import create_service_app
from shared.auth import Authorizer
from shared.fhir_openapi import install_fhir_schemas
from shared.http_client import create_http_client
from shared.logging import configure_logging
from shared.pages import ASSETS, mount_assets
from shared.public_url import check_public_base
from shared.settings import Settings, get_settings

VERSION = "0.1.0"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_public_base(settings)  # card links are never built from a request's Host header in smart mode

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging("classifier", settings.log_level, settings.log_json)
        knowledge()  # load and validate the knowledge files now: a broken file stops the start
        async with create_http_client(settings, settings.intake_url.rstrip("/") + "/") as intake:
            app.state.intake = intake
            yield

    async def intake_reachable() -> None:
        response = await app.state.intake.get("metadata")
        response.raise_for_status()

    app = create_service_app(
        settings=settings,
        service="classifier", title="Calcinosis classifier", version=VERSION,
        description="Tumoral calcinosis typing (Smack), calcinosis mechanism and a ranked, explained differential "
        "diagnosis over 43 entities and an open-world outcome, as FHIR resources and as CDS Hooks cards.",
        lifespan=lifespan, readiness={"intake": intake_reachable},
        openapi_tags=[{"name": "Classification"}, {"name": "CDS Hooks"}, {"name": "Terminology"}, {"name": "Clinician's pages"},
                      {"name": "operations"}],
    )
    app.state.settings = settings
    # CDS Hooks client JWTs: of the EHRs in CDS_CLIENTS, no scopes, each used once (CDS Hooks 2.0).
    app.state.cds_auth = Authorizer(settings, require_scope=False, issuers=settings.cds_clients or None,
                                    single_use=True)
    app.include_router(build_router())
    app.include_router(build_view_router())
    mount_assets(app, ASSETS)
    # CDS Hooks: browser-based CDS clients call from the EHR's origin and send a preflight first.
    app.add_middleware(CORSMiddleware, allow_origins=settings.cds_allowed_origins, allow_credentials=False,
                       allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["Authorization", "Content-Type"],
                       max_age=600)
    install_fhir_schemas(app, ["Bundle", "OperationOutcome", "CodeSystem"], models=(HookRequest,))
    return app


app = create_app()

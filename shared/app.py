"""The app factory every service builds on: errors, logging, metrics, health, authorization."""

import logging
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI

from shared.auth import Authorizer
from shared.collector import tune_garbage_collector
from shared.errors import install_error_handlers
from shared.fhir_json import PrettyJSONMiddleware
from shared.observability import Metrics, ReadinessCheck, RequestContextMiddleware, health_router
from shared.settings import Settings, get_settings

log = logging.getLogger(__name__)

DEVELOPMENT_BANNER = (
    "AUTHORIZATION IS OFF (AUTH_MODE=development): every request is served without a token. "
    "For a developer's machine only; set AUTH_MODE=smart with AUTH_ISSUERS and AUTH_AUDIENCE anywhere else."
)


def create_service_app(
    *,
    service: str,
    title: str,
    description: str,
    version: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
    readiness: dict[str, ReadinessCheck],
    openapi_tags: list[dict] | None = None,
    settings: Settings | None = None,
    middleware: Sequence[tuple[Callable[..., Any], dict[str, Any]]] = (),
) -> FastAPI:
    """`middleware`: (class, kwargs) pairs run inside the request context (request id, metrics)."""
    settings = settings or get_settings()
    auth = Authorizer(settings)  # refuses to build an app that would trust no one

    @asynccontextmanager
    async def lifespan_with_banner(app: FastAPI) -> AsyncIterator[None]:
        async with lifespan(app):
            tune_garbage_collector()
            if auth.development:
                log.warning(DEVELOPMENT_BANNER)
                print(f"\n*** {service}: {DEVELOPMENT_BANNER} ***\n", file=sys.stderr, flush=True)
            yield

    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan_with_banner,
                  openapi_tags=openapi_tags)
    metrics = Metrics(service)
    app.state.metrics = metrics
    app.state.auth = auth
    install_error_handlers(app)
    for cls, kwargs in middleware:
        app.add_middleware(cls, **kwargs)
    app.add_middleware(PrettyJSONMiddleware)  # _pretty=true, on every service's JSON
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    app.include_router(health_router(metrics, readiness))
    return app

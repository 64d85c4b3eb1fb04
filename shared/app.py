"""The app factory every service builds on: errors, logging, metrics, health."""

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI

from shared.errors import install_error_handlers
from shared.observability import Metrics, ReadinessCheck, RequestContextMiddleware, health_router


def create_service_app(
    *,
    service: str,
    title: str,
    description: str,
    version: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
    readiness: dict[str, ReadinessCheck],
    openapi_tags: list[dict] | None = None,
) -> FastAPI:
    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan,
                  openapi_tags=openapi_tags)
    metrics = Metrics(service)
    app.state.metrics = metrics
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    app.include_router(health_router(metrics, readiness))
    return app

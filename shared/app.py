"""The app factory every service builds on: errors, logging, metrics, health, authorization."""

import logging
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
    swagger_ui_default_parameters,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

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

    # FastAPI's own /docs and /redoc load their scripts from a CDN: blank pages where the internet is out
    # of reach (hospital networks). install_docs serves the same pages from files installed with the project.
    app = FastAPI(title=title, description=description, version=version, lifespan=lifespan_with_banner,
                  openapi_tags=openapi_tags, docs_url=None, redoc_url=None)
    install_docs(app)
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


DOCS_ASSETS_URL = "/docs/assets"
# Swagger UI 5 and ReDoc 2 as the fastapi-offline package ships them (MIT; the bundles keep their own
# Apache-2.0 and MIT notices). Only its files are used.
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
# No call home: the online validator badge would fetch an image from validator.swagger.io.
SWAGGER_UI_PARAMETERS = {**swagger_ui_default_parameters, "validatorUrl": None}
# And the browser holds the pages to it: ReDoc shows a logo from cdn.redoc.ly whatever its options say.
# (The pages themselves are inline scripts and inline styles, as FastAPI writes them; ReDoc searches in
# a blob: worker.)
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")


def _docs_page(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = DOCS_CSP
    return page


def install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc (ReDoc) with every script, style sheet, font and icon served by
    the service itself, so that they work with no internet access."""
    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    oauth2_redirect = "/docs/oauth2-redirect"

    def root(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request)
        return _docs_page(get_swagger_ui_html(
            openapi_url=f"{base}{app.openapi_url}", title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{base}{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}{DOCS_ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{base}{DOCS_ASSETS_URL}/favicon.png",
            oauth2_redirect_url=f"{base}{oauth2_redirect}", swagger_ui_parameters=SWAGGER_UI_PARAMETERS))

    @app.get(oauth2_redirect, include_in_schema=False)
    async def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        base = root(request)
        return _docs_page(get_redoc_html(
            openapi_url=f"{base}{app.openapi_url}", title=f"{app.title} - ReDoc",
            redoc_js_url=f"{base}{DOCS_ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{base}{DOCS_ASSETS_URL}/favicon.png", with_google_fonts=False))

"""Server-rendered pages of the services (the clinician's views): Jinja2 templates from a
service's own folder, assets served by the service itself, and headers that keep the page to its
own origin (no CDN, no inline script, no referrer leaking a patient's URL)."""

from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse, Response

ASSETS_PATH = "/assets"
ASSETS = Path(__file__).parent / "assets"  # one style sheet and the viewer's script, for every service
# Everything from this origin only; images may also be data: URLs. No inline script or style.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'")
# (Cache-Control: no-store and nosniff come with every response: shared/observability.py.)
PAGE_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Referrer-Policy": "no-referrer"}


def templates(folder: Path) -> Jinja2Templates:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                     undefined=jinja2.StrictUndefined)  # a misspelt name fails, not blank
    return Jinja2Templates(env=environment)


def page(renderer: Jinja2Templates, request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    response = renderer.TemplateResponse(request, name, context)
    response.headers.update(PAGE_HEADERS)
    return response


def image(content: bytes, media_type: str = "image/png") -> Response:
    return Response(content, media_type=media_type, headers=PAGE_HEADERS)


def mount_assets(app: FastAPI, folder: Path) -> None:
    """The pages' style sheet and script, at ASSETS_PATH (no patient data: no authorization)."""
    app.mount(ASSETS_PATH, StaticFiles(directory=str(folder)), name="assets")

"""/docs (Swagger UI) and /redoc (ReDoc) of the three services, in a real browser, with the internet
out of reach (as on a hospital network): every request the pages make must go to the service
itself (any other is recorded and refused), and the pages must actually render every operation
of the service's OpenAPI document."""

import json
from pathlib import Path

import pytest

from tests.conftest import _required
from tests.support.browser import chromium
from tests.support.processes import uvicorn_service

ROOT = Path(__file__).resolve().parent
SERVICES = ("intake", "classifier", "imaging")
METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def browser():
    context = chromium()
    yield _required("Chromium", context.__enter__)
    context.__exit__(None, None, None)


@pytest.fixture(scope="module", params=SERVICES)
def service(request, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp(request.param)
    env = {"DATA_DIR": str(folder), "DATABASE_URL": f"sqlite+aiosqlite:///{folder / 'db.sqlite3'}",
           "VALIDATION_WORKERS": "0"}
    with uvicorn_service(request.param, env, folder / "service.log") as url:
        yield url


def operations(service_url: str) -> int:
    import httpx

    document = httpx.get(f"{service_url}/openapi.json").json()
    return sum(1 for ops in document["paths"].values() for method in ops if method in METHODS)


def offline_page(browser, service_url: str):
    """A page whose requests to anywhere but the service are refused and recorded."""
    page = browser.new_page()
    elsewhere: list[str] = []

    def route(route):
        if route.request.url.startswith(f"{service_url}/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", route)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, elsewhere, errors


def test_swagger_ui_renders_every_operation_offline(browser, service):
    page, elsewhere, errors = offline_page(browser, service)
    try:
        response = page.goto(f"{service}/docs", wait_until="networkidle")
        assert response.status == 200
        expected = operations(service)
        # A locator waits without evaluating a string in the page: the pages' CSP forbids eval, and
        # wait_for_function's polling (when rendering takes longer than its first check) needs it.
        page.locator(".opblock").nth(expected - 1).wait_for(state="attached", timeout=30_000)
        assert page.locator(".opblock").count() == expected
        assert page.locator(".info .title").inner_text().strip()
        assert page.locator(".opblock-summary-path").first.inner_text().startswith("/")
        assert page.locator("section.models").count() == 1  # the schemas section too
    finally:
        page.close()
    assert elsewhere == [], f"requests that left the machine: {elsewhere}"
    assert errors == []


def test_redoc_renders_every_operation_offline(browser, service):
    page, elsewhere, errors = offline_page(browser, service)
    try:
        response = page.goto(f"{service}/redoc", wait_until="networkidle")
        assert response.status == 200
        expected = operations(service)
        selector = "[data-section-id*='/operation/']"
        page.locator(selector).nth(expected - 1).wait_for(state="attached", timeout=60_000)  # (no eval: above)
        assert page.locator(selector).count() == expected
        assert "Something went wrong" not in page.content()
    finally:
        page.close()
    assert elsewhere == [], f"requests that left the machine: {elsewhere}"
    assert errors == []


def test_the_docs_assets_are_the_services_own(service):
    """The pages name no URL outside the service (the browser tests above prove it loads; this says
    why, and fails fast and readably when a CDN URL comes back)."""
    import httpx

    for page in ("/docs", "/redoc"):
        html = httpx.get(f"{service}{page}").text
        assert "cdn.jsdelivr.net" not in html and "fonts.googleapis.com" not in html and "tiangolo.com" not in html
        for asset in ("/docs/assets/favicon.png",):
            assert asset in html
        for script in [s for s in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js") if s in html]:
            assert httpx.get(f"{service}/docs/assets/{script}").status_code == 200
    assert json.loads(httpx.get(f"{service}/openapi.json").text)["paths"]

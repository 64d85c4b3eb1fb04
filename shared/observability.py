"""Request ids, access logs and Prometheus metrics for every request, plus the
`/healthz`, `/readyz` and `/metrics` endpoints every service offers."""

import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import request_id_var

log = logging.getLogger("access")

_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def incoming_request_id(headers: dict[str, str]) -> str:
    """X-Request-ID when the caller sent a sane one, else the W3C trace id, else a new id."""
    given = headers.get("x-request-id", "")
    if _SAFE_ID.match(given):
        return given
    match = _TRACEPARENT.match(headers.get("traceparent", "").strip().lower())
    return match.group(1) if match else uuid.uuid4().hex


class Metrics:
    def __init__(self, service: str) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests_total", "HTTP requests served", ["service", "method", "route", "status"],
            registry=self.registry,
        )
        self.errors = Counter(
            "http_errors_total", "HTTP requests answered with a 5xx status", ["service", "route"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "Time to answer a request", ["service", "method", "route"],
            registry=self.registry,
        )
        self.service = service
        # Gauges read from the database just before each scrape (job states, backlogs): a
        # scrape is rare next to the requests, and the figures are then exact and current.
        self.refreshers: list[Callable[[], Awaitable[None]]] = []


# On every response of every service: answers carry patient data, which no cache (a proxy, the
# browser's disk) may keep, and which a browser must not sniff into something executable.
SECURITY_HEADERS = ((b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff"))


class RequestContextMiddleware:
    """Pure ASGI so that it wraps streaming bodies and error handlers alike."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = incoming_request_id(headers)
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message.setdefault("headers", [])
                headers.append((b"x-request-id", request_id.encode()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            m = self.metrics
            m.requests.labels(m.service, scope["method"], route, str(status)).inc()
            m.latency.labels(m.service, scope["method"], route).observe(elapsed)
            if status >= 500:
                m.errors.labels(m.service, route).inc()
            log.info(
                "request",
                extra={"method": scope["method"], "route": route, "status": status,
                       "duration_ms": round(elapsed * 1000, 2)},
            )
            request_id_var.reset(token)


ReadinessCheck = Callable[[], Awaitable[None]]


def health_router(metrics: Metrics, readiness: dict[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", operation_id="healthz", summary="Liveness: the process is up")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz", operation_id="readyz", summary="Readiness: every dependency is reachable",
        responses={503: {"description": "A dependency is not reachable"}},
    )
    async def readyz() -> Response:
        checks: dict[str, str] = {}
        for name, check in readiness.items():
            try:
                await check()
                checks[name] = "ok"
            except Exception as exc:  # a readiness probe reports, it does not raise
                checks[name] = f"unavailable: {type(exc).__name__}"
        ready = all(v == "ok" for v in checks.values())
        return JSONResponse({"status": "ready" if ready else "unavailable", "checks": checks},
                            status_code=200 if ready else 503)

    @router.get(
        "/metrics", operation_id="metrics", summary="Prometheus metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    )
    async def metrics_endpoint(_: Request) -> Response:
        for refresh in metrics.refreshers:
            try:
                await refresh()
            except Exception as exc:  # the other metrics are still worth answering
                log.warning("a metrics refresh failed: %s", type(exc).__name__)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router

"""The one way services call each other: httpx with timeouts and the request id passed on."""

import re
import secrets

import httpx

from shared.auth import service_credentials
from shared.logging import request_id_var
from shared.settings import Settings

_TRACE_ID = re.compile(r"^(?!0{32})[0-9a-f]{32}$")


async def _propagate_request_id(request: httpx.Request) -> None:
    request_id = request_id_var.get()
    if request_id != "-":
        request.headers.setdefault("X-Request-ID", request_id)
        if _TRACE_ID.match(request_id):  # a W3C trace id (or one shaped like it): a child span of it
            request.headers.setdefault("traceparent", f"00-{request_id}-{secrets.token_hex(8)}-01")


def create_http_client(settings: Settings, base_url: str, headers: dict[str, str] | None = None,
                       as_service: bool = True, **kwargs) -> httpx.AsyncClient:
    """A client for another service. as_service: calls carry this service's own token (none in
    development mode); False for servers that take someone else's (a CDS client's EHR server)."""
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(settings.http_timeout_seconds),
        headers={"Accept": "application/fhir+json", **(headers or {})},
        event_hooks={"request": [_propagate_request_id]},
        auth=service_credentials(settings) if as_service else None,
        **kwargs,
    )

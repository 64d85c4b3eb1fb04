"""The one way services call each other: httpx with timeouts and the request id passed on."""

import httpx

from shared.logging import request_id_var
from shared.settings import Settings


async def _propagate_request_id(request: httpx.Request) -> None:
    request_id = request_id_var.get()
    if request_id != "-":
        request.headers.setdefault("X-Request-ID", request_id)


def create_http_client(settings: Settings, base_url: str, headers: dict[str, str] | None = None,
                       **kwargs) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(settings.http_timeout_seconds),
        headers={"Accept": "application/fhir+json", **(headers or {})},
        event_hooks={"request": [_propagate_request_id]},
        **kwargs,
    )

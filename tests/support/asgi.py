"""A service app run in the test's own event loop, its lifespan started, behind an httpx client."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx


@asynccontextmanager
async def asgi_client(app: Any, base_url: str, timeout: float = 5.0, **transport: Any) -> AsyncIterator[httpx.AsyncClient]:
    """`transport`: more httpx.ASGITransport arguments (client=(address, port), ...). Exceptions the
    app does not answer come back as its 500, as a server would send them."""
    async with app.router.lifespan_context(app):
        asgi = httpx.ASGITransport(app=app, raise_app_exceptions=False, **transport)
        async with httpx.AsyncClient(transport=asgi, base_url=base_url, timeout=timeout) as client:
            yield client

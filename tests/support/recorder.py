"""An HTTP server on loopback that records every request it gets (method, path, headers) and
answers each with an empty FHIR searchset: the stranger's host a leaked token would reach."""

import threading
import time
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.processes import free_port


class Recorder:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests: list[dict] = []

    async def _record(self, request: Request) -> JSONResponse:
        self.requests.append({"method": request.method, "path": request.url.path, "headers": dict(request.headers)})
        return JSONResponse({"resourceType": "Bundle", "type": "searchset", "entry": []},
                            media_type="application/fhir+json")

    @contextmanager
    def serving(self):
        app = Starlette(routes=[Route("/{path:path}", self._record, methods=["GET", "POST"])])
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the recorder did not start")
            time.sleep(0.02)
        try:
            yield self
        finally:
            server.should_exit = True
            thread.join(5)

"""An HTTP server on loopback that records every request it gets (method, path, headers) and
answers each with an empty FHIR searchset: the stranger's host a leaked token would reach."""

from contextlib import contextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.processes import free_port, served_in_thread


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
        with served_in_thread(app, self.port, "the recorder"):
            yield self

"""Calls between services carry the caller's request id (X-Request-ID and W3C traceparent)."""

import httpx

from services.classifier.main import create_app
from shared.http_client import create_http_client
from shared.logging import request_id_var
from shared.settings import Settings


async def test_request_id_and_trace_travel_to_the_called_service(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    token = request_id_var.set(trace_id)
    try:
        async with create_http_client(Settings(), "http://classifier.test",
                                      transport=httpx.ASGITransport(app=app)) as client:
            response = await client.get("/healthz")
    finally:
        request_id_var.reset(token)
    assert response.headers["X-Request-ID"] == trace_id  # the called service logs under the same id
    version, sent_trace, parent_span, flags = response.request.headers["traceparent"].split("-")
    assert (version, sent_trace, flags) == ("00", trace_id, "01") and len(parent_span) == 16


async def test_an_id_that_is_no_trace_id_travels_alone(tmp_path):
    token = request_id_var.set("ehr-batch-17")
    try:
        async with create_http_client(Settings(), "http://classifier.test",
                                      transport=httpx.ASGITransport(app=create_app(Settings(data_dir=tmp_path)))) as client:
            response = await client.get("/healthz")
    finally:
        request_id_var.reset(token)
    assert response.headers["X-Request-ID"] == "ehr-batch-17" and "traceparent" not in response.request.headers

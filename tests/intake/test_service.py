"""What every service offers: errors as OperationOutcome, health, metrics, request ids, metadata."""

import json
import logging

from fastapi import APIRouter

from services.intake.fhir.registry import SUPPORTED_TYPES, search_parameters


async def test_unknown_path_and_wrong_method_are_operation_outcomes(intake):
    missing = await intake.get("/fhir/Medication/1")
    assert missing.status_code == 404 and missing.json()["resourceType"] == "OperationOutcome"
    wrong = await intake.patch("/fhir/Patient", content=b"{}")  # PATCH is an instance interaction
    assert wrong.status_code == 405 and wrong.json()["issue"][0]["code"] == "not-supported"


async def test_health_readiness_and_metrics(intake):
    assert (await intake.get("/healthz")).json() == {"status": "ok"}
    ready = await intake.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"
    await intake.get("/fhir/Patient")
    metrics = (await intake.get("/metrics")).text
    assert 'http_requests_total{method="GET",route="/fhir/Patient",service="intake",status="200"} 1.0' in metrics


async def test_request_id_is_echoed_or_made(intake):
    given = await intake.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    traced = await intake.get("/healthz", headers={"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    assert traced.headers["x-request-id"] == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert len((await intake.get("/healthz")).headers["x-request-id"]) == 32


async def test_unhandled_errors_log_the_request_id_and_leak_nothing(settings, caplog):
    import httpx

    from services.intake.main import create_app

    app = create_app(settings)
    router = APIRouter()

    @router.get("/boom")
    async def boom():
        raise RuntimeError("secret internal detail")

    app.include_router(router)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            with caplog.at_level(logging.ERROR):
                response = await client.get("/boom", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    text = response.text
    assert "secret" not in text and "Traceback" not in text and "req-42" in text
    assert response.json()["resourceType"] == "OperationOutcome"
    record = next(r for r in caplog.records if r.getMessage() == "unhandled error")
    assert record.request_id == "req-42" and record.exc_info


async def test_capability_statement_lists_exactly_what_is_served(intake):
    statement = (await intake.get("/fhir/metadata")).json()
    assert statement["resourceType"] == "CapabilityStatement" and statement["fhirVersion"] == "4.0.1"
    rest = statement["rest"][0]
    assert [r["type"] for r in rest["resource"]] == [*SUPPORTED_TYPES, "Bundle"]
    bundle = rest["resource"].pop()
    assert bundle["operation"][0]["name"] == "validate" and "interaction" not in bundle  # Bundle/$validate only
    for resource in rest["resource"]:
        names = {p["name"] for p in resource["searchParam"]}
        assert names == set(search_parameters()[resource["type"]])
        # Every advertised parameter is accepted by the server.
        for name in names:
            probe = {"token": "x", "string": "x", "date": "2020", "reference": "Patient/x", "quantity": "1"}
            kind = next(p["type"] for p in resource["searchParam"] if p["name"] == name)
            response = await intake.get(f"/fhir/{resource['type']}", params={name: probe[kind]})
            assert response.status_code == 200, (resource["type"], name, response.text)
        # _include follows exactly the references marked includable in definitions/search_parameters.json.
        includable = sorted(f"{resource['type']}:{name}" for name, p in search_parameters()[resource["type"]].items()
                            if p.includable)
        assert resource.get("searchInclude", []) == includable
        assert all(search_parameters()[resource["type"]][i.split(":")[1]].type == "reference" for i in includable)
        for include in includable:
            response = await intake.get(f"/fhir/{resource['type']}", params={"_include": include})
            assert response.status_code == 200, (include, response.text)
    assert {i["code"] for i in rest["interaction"]} == {"transaction", "batch", "history-system"}
    from fhir.resources.R4B.capabilitystatement import CapabilityStatement
    CapabilityStatement.model_validate(statement)


def test_json_log_lines_carry_the_request_id(capsys):
    from shared.logging import JSONFormatter, request_id_var

    formatter = JSONFormatter("intake")
    token = request_id_var.set("rid-1")
    try:
        line = formatter.format(logging.makeLogRecord({"msg": "hello", "levelname": "INFO", "name": "t"}))
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["request_id"] == "rid-1" and entry["service"] == "intake" and entry["message"] == "hello"

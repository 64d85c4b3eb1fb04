"""OpenAPI pieces for FHIR endpoints: FHIR JSON bodies as typed component schemas.

FastAPI cannot infer these because FHIR endpoints read raw bodies (to answer bad
JSON, wrong media types and oversized bodies with an OperationOutcome), so routes
declare them here and `install_fhir_schemas` adds the component schemas, derived
from the fhir.resources R4B models, to the generated document.
"""

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fhir.resources.R4B import get_fhir_model_class
from pydantic import BaseModel

from shared.fhir_json import FHIR_JSON

_MODEL_ONLY_KEYS = {"element_property", "summary_element_property", "element_required", "enum_values",
                    "one_of_many", "one_of_many_required", "enum_reference_types", "title", "default"}

ERROR_STATUSES = {
    400: "Bad request: the request or its resource cannot be parsed or is invalid",
    401: "Unauthorized: no valid bearer token (see the WWW-Authenticate header)",
    403: "Forbidden: the token's scopes do not allow this interaction",
    404: "Not found",
    410: "Gone: the resource was deleted",
    412: "Precondition failed: version conflict or a conditional request matching several resources",
    413: "Payload too large",
    415: "Unsupported media type: send application/fhir+json",
    422: "Unprocessable: the resource breaks a FHIR rule or refers to a resource that does not exist",
    409: "Conflict: the resource is referenced by others or changed concurrently",
    405: "Method not allowed",
    500: "Internal error (the OperationOutcome names the request id to quote)",
    502: "A service this one depends on failed or could not be reached",
}


def ref(resource_type: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{resource_type}"}


def fhir_content(resource_type: str) -> dict[str, Any]:
    return {FHIR_JSON: {"schema": ref(resource_type)}, "application/json": {"schema": ref(resource_type)}}


def fhir_body(resource_type: str, description: str, examples: dict[str, Any] | None = None) -> dict[str, Any]:
    """One request media type only: SDK generators turn several into a union of identical
    types (openapi-python-client then sends the last one declared). application/json and
    application/json+fhir are accepted as well (docs/decisions.md), as the description says.
    examples: name -> {"summary": ..., "value": ...} (OpenAPI Example objects), shown by /docs."""
    media: dict[str, Any] = {"schema": ref(resource_type)}
    if examples:
        media["examples"] = examples
    return {"requestBody": {"required": True, "content": {FHIR_JSON: media},
                            "description": f"{description} (sent as {FHIR_JSON}; application/json "
                                           "is accepted too)"}}


def load_examples(path: Path) -> dict[str, Any]:
    """A service's OpenAPI examples, kept as data beside its routes (knowledge in data files)."""
    return json.loads(path.read_text())


def fhir_responses(success: dict[int, tuple[str, str | None]], errors: tuple[int, ...]) -> dict[int | str, Any]:
    """success: status -> (description, resource type or None for no body)."""
    responses: dict[int | str, Any] = {}
    for status, (description, resource_type) in success.items():
        responses[status] = {"description": description}
        if resource_type:
            responses[status]["content"] = fhir_content(resource_type)
    for status in errors:
        responses[status] = {"description": ERROR_STATUSES[status], "content": fhir_content("OperationOutcome")}
    return responses


# FHIR date, dateTime, instant and time may be partial ("2024", "2024-03-01") and keep their
# precision; as OpenAPI formats, SDK generators parse them into date/datetime objects and write
# them back changed ("2024-03-01" becomes "2024-03-01T00:00:00"), so they are left plain strings.
_FHIR_TIME_FORMATS = {"date", "date-time", "time"}


def _clean(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _clean(v) for k, v in schema.items() if k not in _MODEL_ONLY_KEYS
                and not (k == "format" and isinstance(v, str) and v in _FHIR_TIME_FORMATS)}
    if isinstance(schema, list):
        return [_clean(v) for v in schema]
    return schema


def resource_schema(resource_type: str) -> dict[str, Any]:
    raw = get_fhir_model_class(resource_type).model_json_schema()
    properties = {k: _clean(v) for k, v in raw.get("properties", {}).items() if k != "fhir_comments"}
    return {
        "type": "object",
        "description": f"A FHIR R4 {resource_type} resource (http://hl7.org/fhir/R4/{resource_type.lower()}.html)",
        "properties": {"resourceType": {"type": "string", "const": resource_type}, **properties},
        "required": ["resourceType", *[r for r in raw.get("required", []) if r != "fhir_comments"]],
    }


def _replace_fastapi_defaults(document: dict[str, Any]) -> None:
    """FastAPI documents a 200 'Successful Response' and a 422 HTTPValidationError on every
    route; these FHIR routes answer other success codes, and bad parameters with a 400
    OperationOutcome (shared.errors), so the document says that instead."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            default_422 = responses.get("422", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if default_422.get("$ref", "").endswith("/HTTPValidationError"):
                del responses["422"]
                responses.setdefault("400", {"description": ERROR_STATUSES[400],
                                             "content": fhir_content("OperationOutcome")})
            if responses.get("200", {}).get("description") == "Successful Response" and any(
                code.startswith("2") and code != "200" for code in responses
            ):
                del responses["200"]
    schemas = document.get("components", {}).get("schemas", {})
    if not any("HTTPValidationError" in str(op) for op in document.get("paths", {}).values()):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)


def install_fhir_schemas(app: FastAPI, resource_types: list[str], models: tuple[type[BaseModel], ...] = ()) -> None:
    """Add the FHIR resource schemas, and pydantic models that routes reference by hand
    (bodies read raw for precise errors), to the generated document."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(title=app.title, version=app.version, description=app.description,
                               routes=app.routes, tags=app.openapi_tags)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for resource_type in resource_types:
            schemas[resource_type] = resource_schema(resource_type)
        for model in models:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema
        _replace_fastapi_defaults(document)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend its document

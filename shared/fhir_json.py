"""FHIR JSON on the wire: the media type, request body parsing, responses."""

import json
from typing import Any

from starlette.responses import Response

FHIR_JSON = "application/fhir+json"
ACCEPTED_CONTENT_TYPES = frozenset({FHIR_JSON, "application/json", "application/json+fhir"})


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fhir_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=dumps(body) if body is not None else b"",
        status_code=status,
        headers=headers,
        media_type=f"{FHIR_JSON}; charset=utf-8" if body is not None else None,
    )

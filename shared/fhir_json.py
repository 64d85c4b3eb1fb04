"""FHIR JSON on the wire: the media type, request body parsing, responses."""

from typing import Any

import orjson
from starlette.responses import Response

FHIR_JSON = "application/fhir+json"
ACCEPTED_CONTENT_TYPES = frozenset({FHIR_JSON, "application/json", "application/json+fhir"})


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj)


def loads(data: bytes | str) -> Any:
    """Parse JSON; raises json.JSONDecodeError (orjson's subclasses it), also for bad UTF-8."""
    return orjson.loads(data)


def dumps_text(obj: Any) -> str:
    """For the database driver, which binds JSON columns as text."""
    return orjson.dumps(obj).decode()


def fhir_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=dumps(body) if body is not None else b"",
        status_code=status,
        headers=headers,
        media_type=f"{FHIR_JSON}; charset=utf-8" if body is not None else None,
    )

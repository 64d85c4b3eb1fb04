"""Reading a FHIR JSON request body: media type, size limit, syntax."""

import json
from typing import Any

from fastapi import Request

from shared.errors import FHIRError
from shared.fhir_json import ACCEPTED_CONTENT_TYPES, loads


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_json_body(request: Request, max_bytes: int) -> Any:
    media_type = _media_type(request)
    if media_type not in ACCEPTED_CONTENT_TYPES:
        raise FHIRError.of(
            415, "not-supported",
            f"Content-Type {media_type or '(none)'} is not supported; send application/fhir+json.",
        )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    # Count while reading: a chunked body declares no length.
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    raw = b"".join(chunks)
    request.state.raw_body = raw  # for handlers that hand the body on as it came
    if not raw.strip():
        raise FHIRError.of(400, "required", "The request body is empty; a FHIR JSON resource is expected.")
    try:
        return loads(raw)
    except json.JSONDecodeError as exc:
        if "UTF-8" in exc.msg:
            raise FHIRError.of(400, "structure", "The request body is not UTF-8 text.") from None
        raise FHIRError.of(
            400, "structure", f"The request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None


def _too_large(max_bytes: int) -> FHIRError:
    return FHIRError.of(413, "too-costly", f"The request body exceeds the limit of {max_bytes} bytes.")

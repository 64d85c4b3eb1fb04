"""Reading a FHIR JSON request body: media type, size limit, nesting depth, syntax."""

import json
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qsl

import numpy as np
from fastapi import Request

from shared.errors import FHIRError
from shared.fhir_json import ACCEPTED_CONTENT_TYPES, DuplicateKeyError, loads_request


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def json_depth(raw: bytes) -> int:
    """How deeply objects and arrays nest in a JSON text, brackets inside strings aside.

    Measured on the bytes before parsing, because deep nesting is itself the attack: parsers and
    validators recurse, and a few hundred levels crash a process instead of failing a request.
    Vectorised (about as fast as parsing): quotes not escaped by an odd run of backslashes
    delimit strings; the running sum of brackets outside them is the depth.
    """
    data = np.frombuffer(raw, np.uint8)
    quotes = np.flatnonzero(data == ord('"'))
    escaped = np.zeros(quotes.size, bool)
    behind = quotes - 1
    active = (behind >= 0) & (data[np.maximum(behind, 0)] == ord("\\"))
    while active.any():  # one round per backslash of the longest run before a quote
        escaped ^= active
        behind -= 1
        active &= (behind >= 0) & (data[np.maximum(behind, 0)] == ord("\\"))
    quotes = quotes[~escaped]
    opens = np.flatnonzero((data == ord("{")) | (data == ord("[")))
    closes = np.flatnonzero((data == ord("}")) | (data == ord("]")))
    marks = np.concatenate([opens, closes])
    steps = np.concatenate([np.ones(opens.size, np.int32), np.full(closes.size, -1, np.int32)])
    order = np.argsort(marks, kind="stable")
    outside = np.searchsorted(quotes, marks[order]) % 2 == 0
    return int(np.cumsum(steps[order][outside]).max(initial=0))


async def read_json_body(request: Request, max_bytes: int, max_depth: int = 64, exact_decimals: bool = False,
                         media_types: Collection[str] = ACCEPTED_CONTENT_TYPES,
                         expected: str = "application/fhir+json") -> Any:
    """`media_types`: the Content-Types accepted; `expected`: the one a refusal names."""
    media_type = _media_type(request)
    if media_type not in media_types:
        raise FHIRError.of(
            415, "not-supported",
            f"Content-Type {media_type or '(none)'} is not supported; send {expected}.",
        )
    raw = await read_limited(request, max_bytes)
    if not raw.strip():
        raise FHIRError.of(400, "required", "The request body is empty; a FHIR JSON resource is expected.")
    if json_depth(raw) > max_depth:
        raise FHIRError.of(400, "too-costly", f"The JSON body nests deeper than {max_depth} levels.")
    try:
        return loads_request(raw, exact_decimals)
    except UnicodeDecodeError:
        raise FHIRError.of(400, "structure", "The request body is not UTF-8 text.") from None
    except DuplicateKeyError as exc:
        raise FHIRError.of(
            400, "structure", f"The request body is not valid FHIR JSON: the key '{exc.key}' occurs twice in one "
            "object (FHIR JSON allows each property once).",
        ) from None
    except json.JSONDecodeError as exc:
        raise FHIRError.of(
            400, "structure", f"The request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    except (ValueError, RecursionError) as exc:  # NaN, Infinity, out-of-range numbers
        raise FHIRError.of(400, "structure", f"The request body is not valid JSON: {exc}.") from None


async def read_limited(request: Request, max_bytes: int) -> bytes:
    """The body, refused with 413 once it is larger than max_bytes (counted while reading: a
    chunked body declares no length)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form_body(request: Request, max_bytes: int) -> list[tuple[str, str]]:
    """The parameters of an application/x-www-form-urlencoded body (a FHIR POST _search), with the
    same size limit as every other body."""
    if _media_type(request) != "application/x-www-form-urlencoded":
        raise FHIRError.of(415, "not-supported", "_search takes application/x-www-form-urlencoded parameters")
    raw = await read_limited(request, max_bytes)
    try:
        return parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise FHIRError.of(400, "structure", "The form body is not UTF-8 text.") from None


def _too_large(max_bytes: int) -> FHIRError:
    return FHIRError.of(413, "too-costly", f"The request body exceeds the limit of {max_bytes} bytes.")

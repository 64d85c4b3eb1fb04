"""FHIR JSON on the wire: the media type, request body parsing, responses.

Decimals are kept exactly (FHIR: the precision of a decimal is part of its value, `6.80` is not
`6.8`). JSON numbers with a fraction or an exponent, and integers beyond 64 bits, are read as
`decimal.Decimal` and written back as the number they were sent as; `dumps` writes a Decimal in
positional notation (`1.5e2` becomes `150`, as PostgreSQL's jsonb stores it), so both database
backends serve the same text. See docs/decisions.md (Intake 17).
"""

import json
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FHIR_JSON = "application/fhir+json"
ACCEPTED_CONTENT_TYPES = frozenset({FHIR_JSON, "application/json", "application/json+fhir"})

_INT64 = range(-(2**63), 2**63)


class DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} occurs twice in one object")
        self.key = key


def _number(literal: Decimal) -> orjson.Fragment:
    return orjson.Fragment(format(literal, "f"))


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise TypeError("NaN and Infinity are not JSON numbers")
        return _number(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def dumps(obj: Any) -> bytes:
    return orjson.dumps(obj, default=_default)


def dumps_text(obj: Any) -> str:
    """For the database driver, which binds JSON columns as text."""
    return orjson.dumps(obj, default=_default).decode()


def _integer(literal: str) -> int | Decimal:
    value = int(literal)
    return value if value in _INT64 else Decimal(literal)  # orjson writes 64-bit integers only


# An exponent is written out in positional notation: a bound keeps `1e999999999` from growing into
# a gigabyte. FHIR decimals are measured values; nothing real comes near 10^±1000.
MAX_EXPONENT = 1000


def _decimal(literal: str) -> Decimal:
    value = Decimal(literal)
    if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        raise ValueError(f"the number {literal} is out of range (at most 10^{MAX_EXPONENT} either way)")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return obj


def _float(literal: str) -> float:
    return float(_decimal(literal))


_lossless = json.JSONDecoder(parse_float=Decimal, parse_int=_integer, parse_constant=_no_constant)
_strict = json.JSONDecoder(parse_float=_decimal, parse_int=_integer, parse_constant=_no_constant,
                           object_pairs_hook=_unique_keys)
# The same checks, numbers as Python's int and float: for services that compute with the values
# (the classifier, imaging) and neither store nor echo them.
_strict_floats = json.JSONDecoder(parse_float=_float, parse_int=int, parse_constant=_no_constant,
                                  object_pairs_hook=_unique_keys)
# Without the duplicate-key hook (a Python call per object): tried first, see _no_duplicates
_unhooked = json.JSONDecoder(parse_float=_decimal, parse_int=_integer, parse_constant=_no_constant)
_unhooked_floats = json.JSONDecoder(parse_float=_float, parse_int=int, parse_constant=_no_constant)


def _no_duplicates(data: bytes, parsed: Any) -> bool:
    """Whether no object of `data` named a key twice. Every colon of a JSON text is a member's or one
    inside a string; written back (orjson escapes no colon), the parsed value holds as many member colons
    as were kept, and the strings' colons as parsed: those written as colons and those escaped as \\u003a.
    A repeated key keeps only its last value and drops its colon. So the counts agree exactly when no
    member was dropped; an escape miscounted (the text `\\\\u003a`, an escaped backslash) only makes them
    disagree, which sends the body to the hook. Also False when orjson cannot write the value back: an
    integer beyond 64 bits, or a lone surrogate (which `loads_request` then refuses)."""
    try:
        written = dumps(parsed).count(b":")
    except TypeError:  # orjson.JSONEncodeError is one: the hook and the checks after it decide
        return False
    escaped = data.count(b"\\u003a") + data.count(b"\\u003A") if b"\\" in data else 0
    return written == data.count(b":") + escaped


def loads(data: bytes | str) -> Any:
    """Parse JSON that this service wrote (the database's documents), decimals kept as Decimal.

    Raises json.JSONDecodeError on bad JSON, ValueError for bad UTF-8."""
    return _lossless.decode(data.decode() if isinstance(data, bytes) else data)


def loads_request(data: bytes, exact_decimals: bool = True) -> Any:
    """Parse a request body strictly: UTF-8 only, no duplicate keys (DuplicateKeyError), no NaN or
    Infinity, no lone surrogates, no exponent beyond MAX_EXPONENT; decimals kept as Decimal (or,
    with exact_decimals=False, read as float).
    Raises UnicodeDecodeError for what is not UTF-8, json.JSONDecodeError for what is not JSON,
    and a plain ValueError for numbers JSON or this service cannot hold (all are ValueErrors)."""
    text = data.decode("utf-8")
    try:  # parsed in C alone, the duplicate keys counted after (half the time of the hook per object)
        parsed = (_unhooked if exact_decimals else _unhooked_floats).decode(text)
        if _no_duplicates(data, parsed):  # False for a lone surrogate too: orjson does not write one
            return parsed
    except (ValueError, RecursionError):
        pass  # the strict parse below finds the first error, as it always did
    # JSON spells its escapes \u only (\U is refused as any bad escape is)
    if "\\u" in text:
        orjson.loads(data)  # escapes: orjson refuses lone surrogates, which no JSON text may hold as UTF-8
    return (_strict if exact_decimals else _strict_floats).decode(text)


def fhir_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=dumps(body) if body is not None else b"",
        status_code=status,
        headers=headers,
        media_type=f"{FHIR_JSON}; charset=utf-8" if body is not None else None,
    )


def asks_pretty(query_string: bytes) -> bool:
    """FHIR's _pretty=true (http://hl7.org/fhir/R4/http.html#parameters)."""
    return any(k == "_pretty" and v == "true" for k, v in parse_qsl(query_string.decode("latin-1")))


class PrettyJSONMiddleware:
    """Indents JSON responses when the request asks `_pretty=true`; every other response passes
    untouched. Re-reads the body losslessly (decimals as sent), so only the whitespace changes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not asks_pretty(scope.get("query_string", b"")):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def indent(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                media_type = MutableHeaders(raw=message["headers"]).get("content-type", "").split(";")[0].strip()
                if media_type in ACCEPTED_CONTENT_TYPES:
                    start = message  # held until the whole body is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                try:
                    body = orjson.dumps(loads(body), default=_default, option=orjson.OPT_INDENT_2) if body else body
                except ValueError:  # not JSON after all: as it came
                    pass
                headers = MutableHeaders(raw=start["headers"])
                headers["content-length"] = str(len(body))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, indent)
